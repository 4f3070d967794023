import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedPage, launchBrowser } from './support/browser.ts';
import { ConsoleServer } from './support/console-server.ts';
import { seedDemoTenant } from './support/demo-data.ts';
import { signInWithPassword } from './support/sign-in.ts';
import { createUser, type TestUser } from './support/users.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string;
  nodes: string[];
}

/** axe-core run inside the page through the DevTools protocol (not a <script>, which the CSP refuses). */
async function seriousViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE);
  return page.evaluate<Violation[]>(`axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }).then((r) =>
    r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`);
}

describe('web console: no serious or critical accessibility violation on the main screens (axe-core)', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let analyst: TestUser;
  let customer: TestUser;
  let alertId: number;
  let incidentId: number;

  beforeAll(async () => {
    server = await ConsoleServer.start();
    await seedDemoTenant(server, 'acme');
    analyst = await createUser(server, { username: 'analyst1', password: 'accessible passphrase', role: 'analyst', locale: 'en' });
    customer = await createUser(server, { username: 'acme-viewer', password: 'customer passphrase', role: 'customer-admin', tenant: 'acme', locale: 'ja' });
    const alerts = await server.api<{ id: number }[]>('GET', '/api/v1/tenants/acme/alerts');
    alertId = alerts[0]!.id;
    incidentId = (await server.api<{ incidentId: number }>('POST', '/api/v1/tenants/acme/alerts/escalate', { alertIds: [alerts[1]!.id], title: 'Web shell on the upload server' })).incidentId;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sign-in page', async () => {
    const { page } = await guardedPage(browser);
    await page.goto(`${server.url}/signin`);
    await page.locator('#signin-title').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('SOC console screens', async () => {
    const { page } = await guardedPage(browser);
    await signInWithPassword(page, server.url, analyst);
    const screens: [string, string][] = [
      ['/console', 'main h1'],
      ['/console/alerts', '.vrow'],
      [`/console/alerts/acme/${alertId}`, 'article.detail'],
      ['/console/incidents', '.board'],
      [`/console/incidents/acme/${incidentId}`, 'article.detail'],
      ['/console/search?q=*', 'main h1'],
      ['/console/devices', 'table.data'],
      ['/console/rules', 'main h1'],
      ['/console/account', 'main h1'],
      ['/console/users', 'main h1'],
      ['/console/audit', 'main h1'],
      ['/console/inquiries', 'main h1'],
    ];
    for (const [path, ready] of screens) {
      await page.goto(server.url + path);
      await page.locator(ready).first().waitFor();
      if (path.startsWith('/console/search')) {
        await page.locator('form.search-form button[type=submit]').click();
        await page.getByTestId('result-table').waitFor();
      }
      expect(await seriousViolations(page), path).toEqual([]);
    }
    await page.context().close();
  });

  it('customer portal screens, in Japanese', async () => {
    const { page } = await guardedPage(browser, { locale: 'ja-JP' });
    await signInWithPassword(page, server.url, customer);
    for (const [path, ready] of [
      ['/portal', 'main h1'],
      ['/portal/incidents', '.board'],
      ['/portal/devices', 'main h1'],
    ] as const) {
      await page.goto(server.url + path);
      await page.locator(ready).first().waitFor();
      expect(await seriousViolations(page), path).toEqual([]);
    }
    await page.context().close();
  });
});
