// Screenshots of the main console screens for the README and docs: `node --import tsx e2e/web/screenshots.ts`.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { guardedPage, launchBrowser } from './support/browser.ts';
import { ConsoleServer } from './support/console-server.ts';
import { seedDemoTenant } from './support/demo-data.ts';
import { signInWithToken } from './support/sign-in.ts';

const OUT = path.resolve(import.meta.dirname, '../../docs/images');
mkdirSync(OUT, { recursive: true });

const server = await ConsoleServer.start();
const browser = await launchBrowser();
try {
  await seedDemoTenant(server, 'acme');
  const alerts = await server.api<{ id: number }[]>('GET', '/api/v1/tenants/acme/alerts');
  const incident = (await server.api<{ incidentId: number }>('POST', '/api/v1/tenants/acme/alerts/escalate', { alertIds: [alerts[1]!.id, alerts[2]!.id], title: 'Web shell on the upload server' })).incidentId;
  for (const locale of ['en', 'ja'] as const) {
    const { page } = await guardedPage(browser, { locale: locale === 'ja' ? 'ja-JP' : 'en-US' });
    await signInWithToken(page, server.url, server.adminToken);
    const shots: [string, string, string][] = [
      ['overview', '/console', 'main h1'],
      ['alert-queue', '/console/alerts', '[data-testid=alert-list]'],
      ['alert-detail', `/console/alerts/acme/${alerts[0]!.id}`, 'article.detail'],
      ['incidents', '/console/incidents', '.board'],
      ['incident-detail', `/console/incidents/acme/${incident}`, 'article.detail'],
      ['search', '/console/search?q=' + encodeURIComponent('* | stats count by source.ip'), 'main h1'],
    ];
    for (const [name, url, ready] of shots) {
      await page.goto(server.url + url);
      await page.locator(ready).first().waitFor();
      if (name === 'search') {
        await page.locator('form.search-form button[type=submit]').click();
        await page.getByTestId('result-table').waitFor();
      }
      await page.waitForTimeout(200);
      await page.screenshot({ path: path.join(OUT, `console-${name}${locale === 'ja' ? '-ja' : ''}.png`) });
    }
    await page.context().close();
  }
  console.log(`screenshots written to ${OUT}`);
} finally {
  await browser.close();
  await server.stop();
}
