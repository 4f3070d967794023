import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedPage, launchBrowser } from './support/browser.ts';
import { ConsoleServer } from './support/console-server.ts';
import { signInWithPassword } from './support/sign-in.ts';
import { apiSession, createUser, enrolTotp, type TestUser } from './support/users.ts';

describe('web console: sign-in with password and TOTP, language remembered per user', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let analyst: TestUser;
  let taro: TestUser;

  beforeAll(async () => {
    server = await ConsoleServer.start();
    await server.tenantWithDevice('acme');
    analyst = await enrolTotp(server, await createUser(server, { username: 'hanako', password: 'correct horse battery staple', role: 'analyst' }));
    taro = await createUser(server, { username: 'taro', password: 'another long passphrase', role: 'analyst', locale: 'en' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses a wrong password with a message and no session', async () => {
    const { page } = await guardedPage(browser);
    await page.goto(`${server.url}/console/alerts`);
    await page.waitForURL(/\/signin$/);
    await page.locator('input[name=username]').fill('hanako');
    await page.locator('input[name=password]').fill('wrong password');
    await page.locator('form[aria-labelledby=signin-title] button[type=submit]').click();
    await expect.poll(() => page.locator('[role=alert]').textContent()).toMatch(/wrong|TOTP|code/i);
    expect(await page.locator('nav.sidenav').count()).toBe(0);
    await page.context().close();
  });

  it('asks for the TOTP code after the password, signs in with it and keeps the session across reloads', async () => {
    const { page, incidents } = await guardedPage(browser);
    await signInWithPassword(page, server.url, analyst);
    expect(page.url()).toBe(`${server.url}/console`);
    expect(await page.locator('header .who').textContent()).toBe('hanako');
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'mamori_session');
    expect(session?.httpOnly).toBe(true);
    await page.reload();
    await page.locator('nav.sidenav').waitFor();
    expect(incidents.pageErrors).toEqual([]);
    await page.context().close();
  });

  it('switches to Japanese, remembers it on the account and signs out', async () => {
    const { page } = await guardedPage(browser, { locale: 'en-US' });
    await signInWithPassword(page, server.url, taro);
    expect(await page.locator('nav.sidenav').textContent()).toContain('Alert queue');
    await page.getByRole('button', { name: '日本語' }).click();
    await expect.poll(() => page.locator('nav.sidenav').textContent()).toContain('アラートキュー');
    const me = await (await apiSession(server, taro)).call<{ user: { locale: string } }>('GET', '/api/v1/auth/me');
    expect(me.user.locale).toBe('ja');
    await page.reload();
    await page.locator('nav.sidenav').waitFor();
    expect(await page.locator('nav.sidenav').textContent()).toContain('アラートキュー');
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    await page.getByRole('button', { name: 'サインアウト' }).click();
    await page.waitForURL(/\/signin$/);
    await page.goto(`${server.url}/console`);
    await page.waitForURL(/\/signin$/);
    await page.context().close();
  });

  it('a Japanese browser gets Japanese on the sign-in page before anyone has chosen', async () => {
    const { page } = await guardedPage(browser, { locale: 'ja-JP' });
    await page.goto(`${server.url}/signin`);
    expect(await page.locator('#signin-title').textContent()).toBe('サインイン');
    await page.context().close();
  });
});
