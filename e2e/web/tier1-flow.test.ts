import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedPage, launchBrowser } from './support/browser.ts';
import { ConsoleServer } from './support/console-server.ts';
import { seedDemoTenant } from './support/demo-data.ts';
import { signInWithPassword } from './support/sign-in.ts';
import { createUser, type TestUser } from './support/users.ts';

interface Alert {
  id: number;
  assignee: string | null;
  triageStatus: string;
}

describe('web console: Tier-1 flow, triage by keyboard and escalate to an incident', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let analyst: TestUser;

  beforeAll(async () => {
    server = await ConsoleServer.start();
    await seedDemoTenant(server, 'acme');
    analyst = await createUser(server, { username: 'sato', password: 'tier one passphrase', role: 'analyst', locale: 'en' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const alert = (id: number) => server.api<Alert>('GET', `/api/v1/tenants/acme/alerts/${id}`);

  it('j moves, a assigns the highlighted alert to me, x selects, e escalates the selection into an incident', async () => {
    const { page, incidents } = await guardedPage(browser);
    await signInWithPassword(page, server.url, analyst);
    await page.getByRole('link', { name: 'Alert queue' }).click();
    const list = page.getByTestId('alert-list');
    await list.locator('.vrow').first().waitFor();
    await list.focus();

    await page.keyboard.press('j');
    const second = Number(await list.locator('.vrow.active').getAttribute('data-alert-id'));
    await page.keyboard.press('a');
    await expect.poll(async () => (await alert(second)).assignee).toBe('user:sato');
    expect((await alert(second)).triageStatus).toBe('in_progress');

    // Select the first two rows and escalate them together.
    await list.locator('.vrow').first().waitFor();
    await page.keyboard.press('k');
    const first = Number(await list.locator('.vrow.active').getAttribute('data-alert-id'));
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    const selected = Number(await list.locator('.vrow.active').getAttribute('data-alert-id'));
    await page.keyboard.press('e');
    await page.waitForURL(/\/console\/incidents\/acme\/\d+$/);
    const incidentId = Number(/(\d+)$/.exec(page.url())![1]);
    await page.locator('article.detail h1').waitFor();
    expect(await page.locator('article.detail h1').textContent()).toContain(`#${incidentId}`);

    const incident = await server.api<{ alerts: { id: number }[]; status: string }>('GET', `/api/v1/tenants/acme/incidents/${incidentId}`);
    expect(incident.alerts.map((a) => a.id).sort()).toEqual([first, selected].sort());
    expect((await alert(first)).triageStatus).toBe('escalated');
    expect(incidents.pageErrors).toEqual([]);
    await page.context().close();
  });

  it('opens an alert with Enter, comments on it and resolves it from the detail screen', async () => {
    const { page } = await guardedPage(browser);
    await signInWithPassword(page, server.url, analyst);
    await page.goto(`${server.url}/console/alerts`);
    const list = page.getByTestId('alert-list');
    await list.locator('.vrow').first().waitFor();
    await list.focus();
    const id = Number(await list.locator('.vrow.active').getAttribute('data-alert-id'));
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/console/alerts/acme/${id}$`));
    await page.locator('input[maxlength="20000"]').fill('checked with the customer: a scheduled scan');
    await page.getByRole('button', { name: 'Add comment' }).click();
    await expect.poll(() => page.locator('ul.timeline').textContent()).toContain('scheduled scan');
    await page.getByRole('button', { name: 'Resolve', exact: true }).click();
    await expect.poll(async () => (await alert(id)).triageStatus).toBe('resolved');
    await page.context().close();
  });
});
