import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedPage, launchBrowser, overflowsHorizontally, type Incidents } from './support/browser.ts';
import { ConsoleServer } from './support/console-server.ts';
import { HOSTILE_VALUES, HUGE_VALUE, suricataAlert } from './support/hostile.ts';
import { signInWithToken } from './support/sign-in.ts';

interface Alert {
  id: number;
  title: string;
}

describe('web console: hostile log content is shown as text and never runs', () => {
  let server: ConsoleServer;
  let browser: Browser;
  let page: Page;
  let incidents: Incidents;
  let alerts: Alert[];

  beforeAll(async () => {
    server = await ConsoleServer.start();
    const ingest = await server.tenantWithDevice('acme');
    await server.ingest(ingest, [...HOSTILE_VALUES.map((v, i) => suricataAlert(v, 9_000_001 + i)), suricataAlert(HUGE_VALUE, 9_000_000)]);
    await server.waitFor(async () => (alerts = await server.api<Alert[]>('GET', '/api/v1/tenants/acme/alerts')).length >= HOSTILE_VALUES.length, 'alerts');
    browser = await launchBrowser();
    ({ page, incidents } = await guardedPage(browser));
    await signInWithToken(page, server.url, server.adminToken);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function expectNothingRan(screen: string): Promise<void> {
    await page.waitForTimeout(300); // handlers such as onerror fire asynchronously
    expect(await incidents.pwned(), `${screen}: canary`).toBeUndefined();
    expect(incidents.dialogs, `${screen}: dialogs`).toEqual([]);
    expect(await incidents.cspViolations(), `${screen}: CSP violations`).toEqual([]);
    expect(incidents.pageErrors, `${screen}: page errors`).toEqual([]);
    expect(await overflowsHorizontally(page), `${screen}: horizontal overflow`).toBe(false);
  }

  it('every HTML response carries a CSP without unsafe-inline scripts and the other security headers', async () => {
    for (const path of ['/', '/signin', '/console/alerts', '/portal']) {
      const res = await fetch(server.url + path);
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
    const html = await (await fetch(server.url + '/')).text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const res = await fetch(server.url + asset);
    expect(res.headers.get('cache-control')).toContain('immutable');
    const unknown = await fetch(server.url + '/api/v1/no-such-thing');
    expect(unknown.headers.get('content-type')).toContain('problem+json');
  });

  it('the alert queue lists every hostile title as literal text', async () => {
    await page.goto(`${server.url}/console/alerts`);
    const list = page.getByTestId('alert-list');
    await list.waitFor();
    await page.selectOption('select >> nth=1', ''); // all severities, whatever the parser assigned
    const text = await list.textContent();
    expect(text).toContain('<script>window.__pwned="script"</script>');
    expect(text).toContain('{{7*7}}');
    expect(text).not.toContain('49 ');
    await expectNothingRan('alert queue');
  });

  it('the alert detail shows hostile titles, enrichment and raw events without running them', async () => {
    for (const a of alerts) {
      await page.goto(`${server.url}/console/alerts/acme/${a.id}`);
      await page.locator('article.detail h1').waitFor();
      await page.locator('[data-testid=result-table], article.detail p.muted').last().waitFor();
      expect(await page.locator('article.detail h1').textContent()).toContain(a.title.slice(0, 200));
      await expectNothingRan(`alert ${a.id}`);
    }
  });

  it('search results and the query echo treat hostile values as text', async () => {
    await page.goto(`${server.url}/console/search`);
    await page.locator('textarea[name=q]').fill('*');
    await page.locator('form.search-form button[type=submit]').click();
    await page.getByTestId('result-table').waitFor();
    expect(await page.getByTestId('result-table').textContent()).toContain('<img src=x onerror=');
    await expectNothingRan('search results');

    await page.locator('textarea[name=q]').fill('event.action:( <img src=x onerror="window.__pwned=1">');
    await page.locator('form.search-form button[type=submit]').click();
    await page.getByTestId('error-mark').waitFor();
    await expectNothingRan('query error');
  });

  it('the overview and device list stay intact', async () => {
    for (const path of ['/console', '/console/devices', '/console/tuning', '/console/rules']) {
      await page.goto(server.url + path);
      await page.locator('main h1').waitFor();
      await expectNothingRan(path);
    }
  });
});
