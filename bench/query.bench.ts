/**
 * `npm run bench -- query`: searches through a real `mamori serve` (HTTP, compiler, DuckDB thread) over
 * MAMORI_BENCH_EVENTS stored events (default 10 M) across 30 days and 20 tenants, against the same
 * answers as hand-written SQL run straight on the same DuckDB file. The events are generated in DuckDB
 * SQL straight into the server's data dir (the HTTP pipeline would take far too long for 10 M here).
 * Anchor: hand-written SQL on DuckDB; ratio = geometric mean of ours/raw medians.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { compileQuery } from '@mamori/query';
import { MamoriProcess } from '../e2e/support/mamori-process.ts';

const N = Number(process.env.MAMORI_BENCH_EVENTS ?? 10_000_000);
const RUNS = 5;
const TENANTS = 20;
const TENANT = 5;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T1 = Math.floor(Date.now() / HOUR) * HOUR;
const T0 = T1 - 30 * DAY;
const LAST_DAY = T1 - DAY;
const SCAN_HOUR = T1 - 5 * HOUR;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const iso = (ms: number) => new Date(ms).toISOString();

const dataDir = mkdtempSync(path.join(tmpdir(), 'mamori-bench-query-'));
const eventsFile = path.join(dataDir, 'events.duckdb');

// 1. An empty server creates its stores; 20 tenants get ids 1..20 in creation order.
let server = await MamoriProcess.start({}, { dataDir });
for (let t = 1; t <= TENANTS; t++) await server.api('POST', '/api/v1/tenants', { slug: `t${String(t).padStart(2, '0')}` });
await server.stop('SIGTERM', true);
const slug = `t${String(TENANT).padStart(2, '0')}`;

// 2. Events in time order (as ingest appends them), tenants interleaved, firewall-like values.
const load = performance.now();
{
  const db = await DuckDBInstance.create(eventsFile);
  const conn = await db.connect();
  await conn.run(`
INSERT INTO events BY NAME
SELECT
  (i % ${TENANTS} + 1)::INTEGER AS tenant_id, (i % 200)::INTEGER AS device_id, (i // 1000)::BIGINT AS batch_id, (i % 1000)::INTEGER AS seq,
  ${T0} + (i * ${30 * DAY} // ${N}) AS ts, ${T0} + (i * ${30 * DAY} // ${N}) + 3 AS received_at,
  'fortigate' AS format, '192.0.2.1' AS sender,
  'date=2026-10-01 devname=fw' || (i % 200) || ' action=' || act || ' srcip=' || sip || ' dstip=' || dip || ' dstport=' || port
    || CASE WHEN h % 1000 = 0 THEN ' msg="mimikatz download"' ELSE '' END AS raw,
  json_object('event.action', act, 'source.ip', sip, 'destination.ip', dip, 'destination.port', port, 'source.geo.country_iso_code', cc) AS doc,
  act AS "event.action", 'event' AS "event.kind", sip AS "source.ip", port AS "destination.port", dip AS "destination.ip",
  (281470681743360 + 167772160 + x)::UHUGEINT AS source_ip_num
FROM (
  SELECT i, h, x,
    '10.' || (x // 65536) || '.' || ((x // 256) % 256) || '.' || (x % 256) AS sip,
    '192.0.2.' || (h // 7 % 64) AS dip,
    -- Most traffic to the usual ports; one connection in 50 to any port below 1024 (scans).
    CASE WHEN h % 50 = 0 THEN (h // 1000) % 1024 ELSE [22, 53, 80, 443, 445, 3389, 8080][1 + (h // 100) % 7] END AS port,
    ['allow', 'allow', 'allow', 'deny', 'drop'][1 + (h // 10) % 5] AS act,
    ['JP', 'US', 'CN', 'DE', 'KR'][1 + (h // 11) % 5] AS cc
  FROM (SELECT range AS i, (hash(range) % 1000000007)::BIGINT AS h, (hash(range) // 3 % 20000)::BIGINT AS x FROM range(${N}))
)`);
  await conn.run('CHECKPOINT');
  conn.closeSync();
  db.closeSync();
}
const loadMs = performance.now() - load;
console.log(`generated ${N} events (${TENANTS} tenants, 30 days) in ${(loadMs / 1000).toFixed(1)} s`);

// An address tenant 5 saw on the last day, for the one-IP search.
let ip: string;
{
  const db = await DuckDBInstance.create(eventsFile);
  const conn = await db.connect();
  const r = await conn.runAndReadAll(`SELECT "source.ip" FROM events WHERE tenant_id = ${TENANT} AND ts >= ${LAST_DAY} LIMIT 1`);
  ip = String(r.getRows()[0]![0]);
  conn.closeSync();
  db.closeSync();
}

const W = (from: number, to: number) => `tenant_id = ${TENANT} AND ts >= ${from} AND ts < ${to}`;
interface Case {
  name: string;
  q: string;
  from: number;
  to: number;
  limit?: number;
  raw: string;
}
const cases: Case[] = [
  {
    name: 'timechart',
    q: '| timechart span=1h count',
    from: T0,
    to: T1,
    raw: `SELECT (ts // ${HOUR}) * ${HOUR} AS t, count(*) FROM events WHERE ${W(T0, T1)} GROUP BY 1 ORDER BY 1`,
  },
  {
    name: 'top_denied_sources',
    q: 'event.action:deny | top 10 source.ip',
    from: T0,
    to: T1,
    raw: `SELECT "source.ip", count(*) AS c FROM events WHERE ${W(T0, T1)} AND "event.action" = 'deny' GROUP BY 1 ORDER BY c DESC LIMIT 10`,
  },
  {
    name: 'one_ip_day',
    q: `source.ip:${ip}`,
    from: LAST_DAY,
    to: T1,
    limit: 100,
    raw: `SELECT * EXCLUDE (raw_bytes, source_ip_num, destination_ip_num) FROM events WHERE ${W(LAST_DAY, T1)} AND "source.ip" = '${ip}' ORDER BY ts DESC LIMIT 100`,
  },
  {
    name: 'substring_day',
    q: '"mimikatz"',
    from: LAST_DAY,
    to: T1,
    raw: `SELECT * EXCLUDE (raw_bytes, source_ip_num, destination_ip_num) FROM events WHERE ${W(LAST_DAY, T1)} AND contains(lower(raw), 'mimikatz') ORDER BY ts DESC LIMIT 100`,
  },
  {
    name: 'port_scan_hour',
    q: '| stats dc(destination.port) as ports by source.ip | sort -ports | head 10',
    from: SCAN_HOUR,
    to: SCAN_HOUR + HOUR,
    raw: `SELECT "source.ip", count(DISTINCT "destination.port") AS ports FROM events WHERE ${W(SCAN_HOUR, SCAN_HOUR + HOUR)} AND "source.ip" IS NOT NULL GROUP BY 1 ORDER BY ports DESC LIMIT 10`,
  },
];

// 3. Through the API: wall time of the HTTP request, JSON answer read in full.
server = await MamoriProcess.start({}, { dataDir });
const ours: Record<string, number> = {};
// The server's own figure (time in the event store), to tell HTTP/JSON overhead from the query.
const inStore: Record<string, number> = {};
const rowsSeen: Record<string, number> = {};
try {
  for (const c of cases) {
    const url = new URL(`${server.url}/api/v1/search`);
    url.search = new URLSearchParams({ tenant: slug, q: c.q, from: iso(c.from), to: iso(c.to), ...(c.limit ? { limit: String(c.limit) } : {}) }).toString();
    const storeMs: number[] = [];
    const once = async () => {
      const t = performance.now();
      const res = await fetch(url, { headers: { authorization: `Bearer ${server.token}` } });
      const body = (await res.json()) as { rows?: unknown[]; detail?: string; stats?: { elapsedMs: number } };
      if (!res.ok) throw new Error(`${c.name}: ${res.status} ${body.detail}`);
      rowsSeen[c.name] = body.rows!.length;
      storeMs.push(body.stats!.elapsedMs);
      return performance.now() - t;
    };
    await once(); // warm: first reads of the file's blocks
    storeMs.length = 0;
    const xs: number[] = [];
    for (let r = 0; r < RUNS; r++) xs.push(await once());
    ours[c.name] = median(xs);
    inStore[c.name] = median(storeMs);
  }
} finally {
  await server.stop('SIGTERM', true);
}

// 4. The same answers as hand-written SQL, straight on DuckDB, on the file the server just closed.
// The compiler's own SQL straight on DuckDB too, to tell the compiler's share from the server's; same
// memory limit and threads as the server's store (its defaults), so both read through an equal buffer pool.
const raw: Record<string, number> = {};
const compiledRaw: Record<string, number> = {};
{
  const db = await DuckDBInstance.create(eventsFile, { access_mode: 'READ_ONLY', memory_limit: '1GB', threads: '2' });
  const conn = await db.connect();
  const time = async (sql: string, params: Array<string | number> = []) => {
    await conn.runAndReadAll(sql, params);
    const xs: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t = performance.now();
      (await conn.runAndReadAll(sql, params)).getRowsJS();
      xs.push(performance.now() - t);
    }
    return median(xs);
  };
  for (const c of cases) {
    raw[c.name] = await time(c.raw);
    const compiled = compileQuery(c.q, { tenantIds: [TENANT], from: c.from, to: c.to, ...(c.limit ? { limit: c.limit } : {}) });
    compiledRaw[c.name] = await time(compiled.sql, compiled.params);
  }
  conn.closeSync();
  db.closeSync();
}
rmSync(dataDir, { recursive: true, force: true });

let logRatio = 0;
const figures: Record<string, number> = {};
for (const c of cases) {
  const o = ours[c.name]!;
  const r = raw[c.name]!;
  logRatio += Math.log(o / r);
  figures[`${c.name}_ms`] = Number(o.toFixed(1));
  figures[`raw_${c.name}_ms`] = Number(r.toFixed(1));
  const cr = compiledRaw[c.name]!;
  figures[`compiled_${c.name}_ms`] = Number(cr.toFixed(1));
  console.log(`${c.name.padEnd(20)} ${o.toFixed(1).padStart(8)} ms API (${inStore[c.name]!.toFixed(1)} in store)  ${cr.toFixed(1).padStart(8)} ms compiled SQL  ${r.toFixed(1).padStart(8)} ms raw  ×${(o / r).toFixed(2)}  rows ${rowsSeen[c.name]}  ${c.q}`);
}
const ratio = Math.exp(logRatio / cases.length);
console.log(
  JSON.stringify({
    bench: 'query',
    events: N,
    tenants: TENANTS,
    days: 30,
    load_s: Number((loadMs / 1000).toFixed(1)),
    ...figures,
    anchor: 'hand-written SQL on the same DuckDB file',
    ratio: Number(ratio.toFixed(3)),
  }),
);
