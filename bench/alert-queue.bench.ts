/**
 * `npm run bench -- alert-queue`: the Tier-1 queue at 100,000 alerts (MAMORI_BENCH_ALERTS) in the embedded
 * control store — first-page latency of the queries the routes run (keyset pages, filters, counts) — and the
 * offline IP databases: ASN table load time and memory, lookups per second.
 * Anchor: the same deep page fetched with OFFSET instead of the keyset cursor.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { alertRow } from '../apps/server/test/alert-queue-fixture.ts';
import { decodeCursor, encodeCursor } from '../apps/server/src/modules/alerts/alert-cursor.ts';
import { AlertsRepository } from '../apps/server/src/modules/alerts/alerts.repository.ts';
import { queueQuery } from '../apps/server/src/modules/alerts/alerts.schemas.ts';
import { computePriority } from '../apps/server/src/modules/alerts/priority.ts';
import { DEFAULT_CRITERIA } from '../apps/server/src/modules/alerts/triage-criteria.ts';
import { IpIntel } from '../apps/server/src/modules/enrichment/ip-intel.ts';
import { openSqliteControlStore } from '../apps/server/src/stores/control/control-store.ts';

const N = Number(process.env.MAMORI_BENCH_ALERTS ?? 100_000);
const TENANTS = 3;
const SEVERITIES = ['low', 'medium', 'high', 'critical'];
const STATUSES = ['new', 'new', 'new', 'in_progress', 'on_hold', 'resolved', 'resolved', 'resolved', 'escalated'];

const dir = mkdtempSync(path.join(tmpdir(), 'mamori-bench-alert-queue-'));
const control = await openSqliteControlStore(path.join(dir, 'control.sqlite'));
const db = control.db;
const tenantIds: number[] = [];
for (let i = 0; i < TENANTS; i++) {
  const t = await db.insertInto('tenants').values({ slug: `t${i}`, name: `t${i}`, created_at: Date.now(), retention_days: null, retention_bytes: null }).returning('id').executeTakeFirstOrThrow();
  tenantIds.push(t.id);
}

// Deterministic pseudo-random alerts over 30 days, scored as the intake job scores them.
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const start = Date.now() - 30 * 86_400_000;
const t0 = performance.now();
await db.transaction().execute(async (trx) => {
  for (let i = 0; i < N; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, N - i) }, (_, k) => {
      const n = i + k;
      const severity = SEVERITIES[Math.floor(rnd() * 4)]!;
      const source = `198.51.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}`;
      const base = alertRow({ tenantId: tenantIds[n % TENANTS]!, severity, title: `Alert ${n} rule ${n % 50}`, ruleId: `rule-${n % 50}`, source, target: `10.0.${n % 256}.1`, at: start + Math.floor(rnd() * 30 * 86_400_000) });
      const p = computePriority({ kind: 'sigma', severity, ruleId: base.rule_id, ruleLevel: null, occurrences: 1 + Math.floor(rnd() * 20), source, target: base.target_observable, device: null }, DEFAULT_CRITERIA);
      const status = STATUSES[Math.floor(rnd() * STATUSES.length)]!;
      return { ...base, priority: p.score, priority_band: p.band, triage_status: status, status: status === 'resolved' || status === 'escalated' ? 'resolved' : 'open', assignee: rnd() < 0.3 ? `user:a${n % 7}` : null, intake_at: Date.now() };
    });
    await trx.insertInto('alerts').values(rows).execute();
  }
});
const insertMs = performance.now() - t0;
await sql`analyze`.execute(db);
console.log(`inserted ${N} alerts in ${(insertMs / 1000).toFixed(1)} s`);

const repo = new AlertsRepository(db);
const time = async (label: string, fn: () => Promise<unknown>, runs = 20): Promise<number> => {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    samples.push(performance.now() - s);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(runs / 2)]!;
  console.log(`${label.padEnd(58)} median ${median.toFixed(2)} ms  p95 ${samples[Math.floor(runs * 0.95)]!.toFixed(2)} ms`);
  return median;
};
const q = (raw: Record<string, string>) => queueQuery.parse(raw);
const tenant = tenantIds[0]!;

const firstPage = await time('tenant queue, first page (priority desc, 100)', () => repo.page(tenant, q({}), 'user:a1', 100, undefined));
const newPage = await time('tenant queue, triageStatus=new, first page', () => repo.page(tenant, q({ triageStatus: 'new,in_progress' }), 'user:a1', 100, undefined));
const provider = await time('provider queue across tenants, first page', () => repo.page(null, q({}), 'user:a1', 100, undefined));
const lastSeen = await time('tenant queue, sort=lastSeen, first page', () => repo.page(tenant, q({ sort: 'lastSeen' }), 'user:a1', 100, undefined));
const mine = await time('tenant queue, assignee=me, first page', () => repo.page(tenant, q({ assignee: 'me' }), 'user:a1', 100, undefined));
const text = await time('tenant queue, text search, first page', () => repo.page(tenant, q({ text: 'rule 7' }), 'user:a1', 100, undefined), 5);
const counts = await time('counts by status and priority (one tenant)', () => repo.counts(tenant, {}, 'user:a1'), 5);

// A deep page: walk to page 200 once for its cursor, then compare keyset with OFFSET for that page.
let cursor: string | undefined;
for (let i = 0; i < 200; i++) {
  const rows = await repo.page(tenant, q({}), 'user:a1', 100, cursor ? decodeCursor(cursor) : undefined);
  const last = rows[rows.length - 1]!;
  cursor = encodeCursor({ value: last.priority, id: last.id });
}
const deepKeyset = await time('page 201 by keyset cursor', () => repo.page(tenant, q({}), 'user:a1', 100, decodeCursor(cursor!)));
const deepOffset = await time('page 201 by OFFSET (anchor)', () =>
  db.selectFrom('alerts').selectAll().where('tenant_id', '=', tenant).orderBy('priority', 'desc').orderBy('id', 'desc').limit(100).offset(20_000).execute(),
);

// Offline IP databases.
const intel = new IpIntel();
global.gc?.();
const heapBefore = process.memoryUsage();
const l0 = performance.now();
await intel.lookup('8.8.8.8');
const loadMs = performance.now() - l0;
global.gc?.();
const heapAfter = process.memoryUsage();
const memMb = (heapAfter.rss - heapBefore.rss) / 2 ** 20;
const ips = Array.from({ length: 100_000 }, () => `${1 + Math.floor(rnd() * 222)}.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}.${Math.floor(rnd() * 256)}`);
const lk0 = performance.now();
for (const ip of ips) await intel.lookup(ip);
const lookupsPerS = ips.length / ((performance.now() - lk0) / 1000);
console.log(`IP databases: first lookup (loads country mmdb + ASN ranges) ${loadMs.toFixed(0)} ms, RSS +${memMb.toFixed(0)} MB, ${Math.round(lookupsPerS)} lookups/s (country + ASN)`);

await control.close();
rmSync(dir, { recursive: true, force: true });
const r = (n: number) => Math.round(n * 100) / 100;
console.log(
  JSON.stringify({
    bench: 'alert-queue',
    alerts: N,
    first_page_ms: r(firstPage),
    first_page_new_ms: r(newPage),
    provider_first_page_ms: r(provider),
    last_seen_first_page_ms: r(lastSeen),
    assignee_first_page_ms: r(mine),
    text_search_ms: r(text),
    counts_ms: r(counts),
    deep_page_keyset_ms: r(deepKeyset),
    deep_page_offset_ms: r(deepOffset),
    ip_db_load_ms: Math.round(loadMs),
    ip_db_rss_mb: Math.round(memMb),
    ip_lookups_per_s: Math.round(lookupsPerS),
    anchor: 'page 201 with OFFSET 20000',
    ratio: r(deepKeyset / deepOffset),
  }),
);
