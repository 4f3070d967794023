// Web console in Chromium with 100,000 alerts in the control store and 10,000 events to search:
// time to the first rendered row of the alert queue and of a 10,000-row search, and the JavaScript shipped.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { median } from '../e2e/support/processes.ts';
import { guardedPage, launchBrowser } from '../e2e/web/support/browser.ts';
import { ConsoleServer } from '../e2e/web/support/console-server.ts';
import { suricataAlert } from '../e2e/web/support/hostile.ts';
import { signInWithToken } from '../e2e/web/support/sign-in.ts';

const ALERTS = 100_000;
const EVENTS = 10_000;
const RUNS = 5;
const SEVERITIES = ['low', 'medium', 'high', 'critical'];
/** What an analyst tabulates; the second query also ships every event's whole document (15 MB for 10,000 rows). */
const TABLE_QUERY = 'event.kind:alert | fields source.ip, destination.ip, rule.name, raw | head 10000';
const ALL_COLUMNS_QUERY = 'event.kind:alert | head 10000';

/** Click to the first result row on screen, timed inside the page; checks all 10,000 rows arrived. */
async function timeSearch(page: Page, q: string): Promise<number> {
  await page.goto(`${server.url}/console/search`);
  await page.locator('textarea[name=q]').fill(q);
  const ms = await page.evaluate<number>(`new Promise((resolve) => {
    const t0 = performance.now();
    document.querySelector('form.search-form button[type=submit]').click();
    const poll = () => document.querySelector('[data-testid=result-table] [aria-rowindex]') ? resolve(performance.now() - t0) : requestAnimationFrame(poll);
    poll();
  })`);
  const stats = (await page.getByTestId('search-stats').textContent()) ?? '';
  if (!/^10,000 rows/.test(stats)) throw new Error(`search returned ${stats}`);
  return ms;
}

/** Alerts straight into the control store (the server is stopped), as a busy tenant would have them. */
function insertAlerts(dataDir: string, tenantId: number): void {
  const db = new Database(path.join(dataDir, 'control.sqlite'));
  const insert = db.prepare(
    `INSERT INTO alerts (tenant_id, device_id, kind, severity, status, title, details, first_seen_at, last_seen_at, occurrences,
       source_observable, target_observable, triage_status, priority, priority_band, priority_reasons, intake_at, updated_at)
     VALUES (?, NULL, 'device', ?, 'open', ?, '{}', ?, ?, 1, ?, ?, 'new', ?, ?, '[]', ?, ?)`,
  );
  const now = Date.now();
  db.transaction(() => {
    for (let i = 0; i < ALERTS; i++) {
      const at = now - i * 1000;
      const priority = (i * 37) % 100;
      const band = priority >= 75 ? 'P1' : priority >= 50 ? 'P2' : priority >= 25 ? 'P3' : 'P4';
      insert.run(tenantId, SEVERITIES[i % 4], `Suricata: ET SCAN sample alert ${i}`, at, at, `198.51.100.${i % 250}`, `10.0.${i % 200}.${i % 250}`, priority, band, now, now);
    }
  })();
  db.close();
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'mamori-web-bench-'));
let server = await ConsoleServer.start({}, { dataDir });
const ingest = await server.tenantWithDevice('bench');
const tenantId = (await server.api<{ id: number }[]>('GET', '/api/v1/tenants')).find((t) => t.id)!.id;
for (let sent = 0; sent < EVENTS; sent += 2000) {
  await server.ingest(ingest, Array.from({ length: 2000 }, (_, i) => suricataAlert(`ET POLICY bench ${sent + i}`, 3_000_000 + ((sent + i) % 50))));
}
await server.proc.stop('SIGTERM', true);
insertAlerts(dataDir, tenantId);
server = await ConsoleServer.start({}, { dataDir });

const browser = await launchBrowser();
const queue: number[] = [];
const search: number[] = [];
const searchAll: number[] = [];
let jsGzipBytes = 0;
try {
  const { page } = await guardedPage(browser);
  const scripts = new Map<string, number>();
  page.on('response', (res) => {
    if (res.url().endsWith('.js')) void res.body().then((b) => scripts.set(res.url(), gzipSync(b).length));
  });
  await signInWithToken(page, server.url, server.adminToken);
  for (let run = 0; run < RUNS; run++) {
    // Navigation start to the first alert row painted in the queue (a full page load each time).
    await page.goto(`${server.url}/console/alerts`);
    await page.locator('.vrow').first().waitFor();
    queue.push(await page.evaluate<number>('performance.now()'));
    if (run === 0) jsGzipBytes = [...scripts.values()].reduce((a, b) => a + b, 0);

    search.push(await timeSearch(page, TABLE_QUERY));
    searchAll.push(await timeSearch(page, ALL_COLUMNS_QUERY));
  }
  console.log(`queue first row ms: ${queue.map((v) => v.toFixed(0)).join(', ')}`);
  console.log(`search (table of 4 fields) ms: ${search.map((v) => v.toFixed(0)).join(', ')}`);
  console.log(`search (every column and the document) ms: ${searchAll.map((v) => v.toFixed(0)).join(', ')}`);
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

console.log(
  JSON.stringify({
    bench: 'web',
    alerts: ALERTS,
    search_rows: EVENTS,
    queue_interactive_ms: Math.round(median(queue)),
    search_render_ms: Math.round(median(search)),
    search_all_columns_render_ms: Math.round(median(searchAll)),
    initial_js_gzip_kb: Math.round((jsGzipBytes / 1024) * 10) / 10,
    runs: RUNS,
    goals: { queue_interactive_ms: 1000, search_render_ms: 1500, initial_js_gzip_kb: 400 },
  }),
);
