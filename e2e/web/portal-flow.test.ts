import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedPage, launchBrowser } from './support/browser.ts';
import { ConsoleServer } from './support/console-server.ts';
import { seedDemoTenant } from './support/demo-data.ts';
import { signInWithPassword } from './support/sign-in.ts';
import { apiSession, createUser, type TestUser } from './support/users.ts';

interface Inquiry {
  kind: string;
  notificationId: number | null;
  createdBy: string;
}

describe('web console: Tier-2 incident to closure with a notification, customers answer in the portal, tenants stay apart', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let tier2: TestUser;
  const customers: Record<'ja' | 'en' | 'other', TestUser> = {} as never;
  let incidentId: number;
  let acmeAlertId: number;
  let notificationId: number;

  beforeAll(async () => {
    server = await ConsoleServer.start();
    await seedDemoTenant(server, 'acme');
    await seedDemoTenant(server, 'globex');
    tier2 = await createUser(server, { username: 'suzuki', password: 'tier two passphrase', role: 'analyst', locale: 'en' });
    customers.ja = await createUser(server, { username: 'acme-ja', password: 'customer passphrase ja', role: 'customer-admin', tenant: 'acme', locale: 'ja' });
    customers.en = await createUser(server, { username: 'acme-en', password: 'customer passphrase en', role: 'customer-admin', tenant: 'acme', locale: 'en' });
    customers.other = await createUser(server, { username: 'globex-admin', password: 'other customer passphrase', role: 'customer-admin', tenant: 'globex', locale: 'en' });
    await server.api('POST', '/api/v1/tenants/acme/contacts', { name: 'Acme security desk', email: 'security@acme.example', lang: 'ja' });
    const alerts = await server.api<{ id: number }[]>('GET', '/api/v1/tenants/acme/alerts');
    acmeAlertId = alerts[0]!.id;
    incidentId = (await server.api<{ incidentId: number }>('POST', '/api/v1/tenants/acme/alerts/escalate', { alertIds: [acmeAlertId], title: 'Web shell on the upload server' })).incidentId;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('Tier-2: drafts, previews and sends the customer notification, then walks the incident to closed', async () => {
    const { page, incidents } = await guardedPage(browser);
    await signInWithPassword(page, server.url, tier2);
    await page.goto(`${server.url}/console/incidents/acme/${incidentId}`);
    await page.locator('article.detail h1').waitFor();

    await page.getByRole('button', { name: 'Draft from this incident' }).click();
    await page.locator('iframe.preview-frame').waitFor();
    await page.locator('input[name=notification-title]').fill('Web shell found on the upload server');
    await page.getByRole('button', { name: 'Update preview' }).click();
    await expect.poll(() => page.locator('.preview strong').textContent()).toContain('Web shell found');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => page.getByTestId('notification-status').textContent()).not.toContain('draft');
    const sent = await server.api<{ id: number; status: string }[]>('GET', '/api/v1/tenants/acme/notifications');
    notificationId = sent[0]!.id;
    expect(sent[0]!.status).not.toBe('draft');

    await page.locator('input[name=note]').fill('web shell removed, credentials rotated');
    await page.getByRole('button', { name: 'Add to timeline' }).click();
    await expect.poll(() => page.locator('ul.timeline').textContent()).toContain('credentials rotated');

    const lifecycle = page.getByRole('group', { name: 'Lifecycle' });
    for (let step = 0; step < 10; step++) {
      const status = (await server.api<{ status: string }>('GET', `/api/v1/tenants/acme/incidents/${incidentId}`)).status;
      if (status === 'closed') break;
      // The first choice is the next stage of the normal path (verifying → closed at the end).
      await lifecycle.getByRole('button').first().click();
      await expect.poll(async () => (await server.api<{ status: string }>('GET', `/api/v1/tenants/acme/incidents/${incidentId}`)).status).not.toBe(status);
    }
    expect((await server.api<{ status: string }>('GET', `/api/v1/tenants/acme/incidents/${incidentId}`)).status).toBe('closed');
    expect(incidents.pageErrors).toEqual([]);
    await page.context().close();
  });

  async function portal(user: TestUser, locale: string): Promise<Page> {
    const { page } = await guardedPage(browser, { locale });
    await signInWithPassword(page, server.url, user);
    expect(new URL(page.url()).pathname).toBe('/portal');
    return page;
  }

  const inquiries = () => server.api<Inquiry[]>('GET', '/api/v1/tenants/acme/inquiries');

  it('a customer acknowledges the notification in Japanese', async () => {
    const page = await portal(customers.ja, 'ja-JP');
    await page.getByRole('link', { name: '通知' }).click();
    const card = page.locator(`[data-notification-id="${notificationId}"]`);
    await card.waitFor();
    await card.getByRole('button', { name: '確認しました' }).click();
    await expect.poll(() => card.locator('[role=status]').textContent()).toContain('確認済み');
    expect((await inquiries()).some((q) => q.kind === 'acknowledge' && q.notificationId === notificationId)).toBe(true);
    await page.context().close();
  });

  it('a customer requests a signature disablement in English and sees it at the inquiry desk', async () => {
    const page = await portal(customers.en, 'en-US');
    await page.goto(`${server.url}/portal/notifications`);
    const card = page.locator(`[data-notification-id="${notificationId}"]`);
    await card.waitFor();
    await card.locator('textarea[name=message]').fill('This rule fires on our nightly vulnerability scan.');
    await card.getByRole('button', { name: 'Request signature disablement' }).click();
    await expect.poll(() => card.locator('[role=status]').textContent()).toContain('Request sent');
    expect((await inquiries()).some((q) => q.kind === 'signature_disable' && q.notificationId === notificationId)).toBe(true);
    await page.goto(`${server.url}/portal/inquiries`);
    await expect.poll(() => page.locator('main').textContent()).toContain('nightly vulnerability scan');
    await page.context().close();
  });

  it("another tenant's customer sees none of it, in the portal or the API", async () => {
    const page = await portal(customers.other, 'en-US');
    for (const path of ['/portal', '/portal/notifications', '/portal/incidents', '/portal/inquiries']) {
      await page.goto(server.url + path);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text, path).not.toContain('Web shell');
      expect(text, path).not.toContain('nightly vulnerability scan');
    }
    await page.goto(`${server.url}/portal/alerts/acme/${acmeAlertId}`);
    await expect.poll(() => page.locator('main [role=alert]').textContent()).toContain('Not found');
    await page.goto(`${server.url}/portal/incidents/acme/${incidentId}`);
    await expect.poll(() => page.locator('main [role=alert]').textContent()).toContain('Not found');
    // The console is for provider staff: a customer is sent back to the portal.
    await page.goto(`${server.url}/console/alerts`);
    await page.waitForURL(/\/portal$/);

    const session = await apiSession(server, customers.other);
    for (const path of [`/api/v1/tenants/acme/alerts/${acmeAlertId}`, `/api/v1/tenants/acme/incidents/${incidentId}`, '/api/v1/tenants/acme/notifications']) {
      await expect(session.call('GET', path), path).rejects.toThrow(/: 404 /);
    }
    await page.context().close();
  });
});
