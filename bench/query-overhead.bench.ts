/**
 * `npm run bench -- query-overhead`: compiled query-language SQL against hand-written SQL for the same
 * answers, on an in-memory DuckDB filled with synthetic firewall events over 30 days and 20 tenants
 * (MAMORI_BENCH_EVENTS, default 2 M; the target is 10 M through the server's store).
 * Anchor: the hand-written SQL; ratio = geometric mean of compiled/hand medians.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { compileQuery, duckdbEventTableDdl } from '@mamori/query';
import { promotedColumns } from '@mamori/schema';

const N = Number(process.env.MAMORI_BENCH_EVENTS ?? 2_000_000);
const RUNS = 11;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 9, 1);
const T1 = T0 + 30 * DAY;
const TENANT = 5;

const db = await DuckDBInstance.create(':memory:');
const conn = await db.connect();
await conn.run(duckdbEventTableDdl());
const loadStart = performance.now();
// Generated in SQL: the bench measures queries, not the loader.
await conn.run(`
INSERT INTO events BY NAME
SELECT
  (i % 20 + 1)::INTEGER AS tenant_id, (i % 200)::INTEGER AS device_id, (i // 1000)::BIGINT AS batch_id, (i % 1000)::INTEGER AS seq,
  ${T0} + (i * ${30 * DAY} // ${N}) AS ts, ${T0} + (i * ${30 * DAY} // ${N}) + 3 AS received_at,
  'fortigate' AS format, '192.0.2.1' AS sender,
  'date=2026-10-01 devname=fw' || (i % 200) || ' action=' || act || ' srcip=' || sip || ' dstport=' || port
    || CASE WHEN i % 5000 = 0 THEN ' msg="mimikatz download"' ELSE '' END AS raw,
  json_object('source.geo.country_iso_code', cc, 'network.bytes', i % 9973, 'event.category', ['network']) AS doc,
  act AS "event.action", 'event' AS "event.kind", sip AS "source.ip", port AS "destination.port",
  '10.9.' || (i % 7) || '.' || (i % 13) AS "destination.ip",
  (281470681743360 + 167772160 + a * 65536 + b * 256 + c)::UHUGEINT AS source_ip_num
FROM (
  SELECT range AS i, (range * 7) % 256 AS a, (range * 13) % 256 AS b, range % 251 AS c,
    '10.' || ((range * 7) % 256) || '.' || ((range * 13) % 256) || '.' || (range % 251) AS sip,
    [22, 53, 80, 443, 445, 3389, 8080][1 + range % 7] AS port,
    ['allow', 'allow', 'allow', 'deny', 'drop'][1 + (range // 3) % 5] AS act,
    ['JP', 'US', 'CN', 'DE', 'KR'][1 + (range // 11) % 5] AS cc
  FROM range(${N})
)`);
console.log(`loaded ${N} events in ${Math.round(performance.now() - loadStart)} ms`);

const scope = { tenantIds: [TENANT], from: T0, to: T1, limit: 100 };
const W = `tenant_id = ${TENANT} AND ts >= ${T0} AND ts < ${T1}`;
const EVENT_COLS = ['ts', 'tenant_id', 'device_id', 'batch_id', 'seq', 'received_at', 'format', 'sender', 'parse_error', 'raw', 'doc', ...promotedColumns.map((c) => `"${c.field}"`)].join(', ');
const cases: Array<[string, string]> = [
  ['event.action:deny | top 10 source.ip', `SELECT "source.ip", count(*) AS c FROM events WHERE ${W} AND "event.action" = 'deny' AND "source.ip" IS NOT NULL GROUP BY 1 ORDER BY c DESC, 1 LIMIT 10`],
  ['source.ip:10.0.0.0/8 destination.port:445', `SELECT ${EVENT_COLS} FROM events WHERE ${W} AND source_ip_num BETWEEN 281470849515520::UHUGEINT AND 281470866292735::UHUGEINT AND "destination.port" = 445 ORDER BY ts DESC LIMIT 100`],
  ['| timechart span=1d count', `SELECT (ts // ${DAY}) * ${DAY} AS t, count(*) FROM events WHERE ${W} GROUP BY 1 ORDER BY 1 LIMIT 100`],
  ['| stats count by source.geo.country_iso_code', `SELECT json_extract_string(doc, '$."source.geo.country_iso_code"') AS cc, count(*) FROM events WHERE ${W} AND cc IS NOT NULL GROUP BY 1 ORDER BY 1 LIMIT 100`],
  ['mimikatz', `SELECT ${EVENT_COLS} FROM events WHERE ${W} AND contains(lower(raw), 'mimikatz') ORDER BY ts DESC LIMIT 100`],
  ['destination.port:445 | stats dc(source.ip) as sources', `SELECT count(DISTINCT "source.ip") FROM events WHERE ${W} AND "destination.port" = 445 LIMIT 100`],
  ['event.action:(deny OR drop) | stats count by destination.port | sort -count | head 5', `SELECT "destination.port", count(*) AS c FROM events WHERE ${W} AND "event.action" IN ('deny', 'drop') AND "destination.port" IS NOT NULL GROUP BY 1 ORDER BY c DESC LIMIT 5`],
];

/** Medians of both statements, run alternately so that machine noise falls on both alike. */
async function medians(a: [string, Array<string | number>], b: [string, Array<string | number>]): Promise<[number, number]> {
  await conn.runAndReadAll(a[0], a[1]);
  await conn.runAndReadAll(b[0], b[1]);
  const xa: number[] = [];
  const xb: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    for (const [stmt, xs] of [[a, xa], [b, xb]] as const) {
      const t = performance.now();
      await conn.runAndReadAll(stmt[0], stmt[1]);
      xs.push(performance.now() - t);
    }
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  return [median(xa), median(xb)];
}

// The first queries after a bulk load run slow (allocation, caches): warm every statement first.
for (const [q, hand] of cases) {
  const c = compileQuery(q, scope);
  await conn.runAndReadAll(c.sql, c.params);
  await conn.runAndReadAll(hand);
}

let logRatio = 0;
let worst = 0;
for (const [q, hand] of cases) {
  const t = performance.now();
  const c = compileQuery(q, scope);
  const compileMs = performance.now() - t;
  const [ours, anchor] = await medians([c.sql, c.params], [hand, []]);
  worst = Math.max(worst, ours);
  logRatio += Math.log(ours / anchor);
  console.log(`${ours.toFixed(1).padStart(7)} ms  vs ${anchor.toFixed(1).padStart(7)} ms hand  (compile ${compileMs.toFixed(2)} ms)  ${q}`);
}
const ratio = Math.exp(logRatio / cases.length);
conn.closeSync();
console.log(
  JSON.stringify({ bench: 'query-overhead', events: N, tenants: 20, days: 30, queries: cases.length, worst_p50_ms: Number(worst.toFixed(1)), anchor: 'hand-written SQL, same DuckDB', ratio: Number(ratio.toFixed(3)) }),
);
