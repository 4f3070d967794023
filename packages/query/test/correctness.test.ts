/**
 * The compiler against an independent computation: ~3,000 generated events in a real in-memory DuckDB,
 * each query answered once by the compiled SQL and once by plain TypeScript over the same records.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCannedAnalysis } from '../src/canned.ts';
import { compileQuery } from '../src/compile.ts';
import { pivotQuery } from '../src/pivot.ts';
import type { QueryScope } from '../src/scope.ts';
import { generateEvents, loadDuckDb, runRows, STEP, T0, type Row, type TestEvent } from './dataset.ts';
import { cmpStr, countBy, eq, get, has, inV4, num, str, text, wild } from './oracle.ts';

const events = generateEvents(3000);
const scope: QueryScope = { tenantIds: [1, 2, 3, 4], from: T0, to: T0 + 3000 * STEP, limit: 100_000 };
let conn: DuckDBConnection;

beforeAll(async () => {
  conn = await loadDuckDb(events);
});
afterAll(() => {
  conn.closeSync();
});

async function run(q: string, s: QueryScope = scope): Promise<Row[]> {
  const c = compileQuery(q, s, { dialect: 'duckdb' });
  return runRows(conn, c.sql, c.params);
}

const inScope = (s: QueryScope) => events.filter((e) => s.tenantIds.includes(e.tenant) && e.ts >= s.from && e.ts < s.to);

const v6 = (e: TestEvent, f: string, members: string[]) => members.includes(String(get(e, f)));

const filterCases: Array<[string, (e: TestEvent) => boolean]> = [
  ['event.action:deny', (e) => eq(e, 'event.action', 'deny')],
  ['destination.port:445', (e) => eq(e, 'destination.port', 445)],
  ['destination.port>=1024', (e) => (num(e, 'destination.port') ?? -1) >= 1024],
  ['destination.port<80', (e) => has(e, 'destination.port') && (num(e, 'destination.port') as number) < 80],
  ['destination.port:[80 TO 443]', (e) => ((n) => n !== undefined && n >= 80 && n <= 443)(num(e, 'destination.port'))],
  ['source.ip:10.0.0.0/8', (e) => inV4(e, 'source.ip', '10.0.0.0', 8)],
  ['source.ip:192.168.1.0/24', (e) => inV4(e, 'source.ip', '192.168.1.0', 24)],
  ['source.ip:2001:db8::/32', (e) => v6(e, 'source.ip', ['2001:db8::1', '2001:db8:0:1::abcd'])],
  ['destination.ip:192.168.0.0/16 OR destination.ip:fe80::/10', (e) => inV4(e, 'destination.ip', '192.168.0.0', 16) || v6(e, 'destination.ip', ['fe80::1'])],
  ['source.ip:203.0.113.7', (e) => eq(e, 'source.ip', '203.0.113.7')],
  ['source.ip:2001:0db8:0000:0000:0000:0000:0000:0001', (e) => eq(e, 'source.ip', '2001:db8::1')],
  ['url.original:*cmd.exe*', (e) => wild(e, 'url.original', '*cmd.exe*')],
  ['url.original:*v1_users%20', (e) => wild(e, 'url.original', '*v1_users%20')],
  ['url.original:"/index.html"', (e) => eq(e, 'url.original', '/index.html')],
  ['"powershell -enc"', (e) => text(e, 'powershell -enc')],
  ['MIMIKATZ', (e) => text(e, 'mimikatz')],
  ['"50%_off"', (e) => text(e, '50%_off')],
  ['50%_o*', (e) => text(e, '50%_o')],
  ['fw2 "dport=445"', (e) => text(e, 'fw2') && text(e, 'dport=445')],
  ['event.category:intrusion_detection', (e) => eq(e, 'event.category', 'intrusion_detection')],
  ['event.category:intrusion*', (e) => wild(e, 'event.category', 'intrusion*')],
  ['related.ip:8.8.8.8', (e) => eq(e, 'related.ip', '8.8.8.8')],
  ['source.geo.country_iso_code:JP AND NOT event.action:allow', (e) => eq(e, 'source.geo.country_iso_code', 'JP') && !eq(e, 'event.action', 'allow')],
  ['NOT user.name:*', (e) => !has(e, 'user.name')],
  ['user.name:* AND NOT user.name:alice', (e) => has(e, 'user.name') && !eq(e, 'user.name', 'alice')],
  ['user.name:car*', (e) => wild(e, 'user.name', 'car*')],
  ['(event.action:deny OR event.action:drop) destination.port:(22 OR 3389)', (e) => (eq(e, 'event.action', 'deny') || eq(e, 'event.action', 'drop')) && (eq(e, 'destination.port', 22) || eq(e, 'destination.port', 3389))],
  ['network.bytes>5000', (e) => (num(e, 'network.bytes') ?? -1) > 5000],
  ['event.action!=allow', (e) => !eq(e, 'event.action', 'allow')],
  ['event.kind:alert event.severity>=4', (e) => eq(e, 'event.kind', 'alert') && (num(e, 'event.severity') ?? 0) >= 4],
  ['*', () => true],
  ['', () => true],
];

describe('filters return exactly the events plain TypeScript selects', () => {
  for (const [q, pred] of filterCases) {
    it(q === '' ? '(empty query)' : q, async () => {
      const rows = await run(q);
      const expected = inScope(scope).filter(pred);
      expect(rows.map((r) => r.seq).sort((a, b) => Number(a) - Number(b))).toEqual(expected.map((e) => e.seq));
      const ts = rows.map((r) => Number(r.ts));
      expect(ts).toEqual([...ts].sort((a, b) => b - a));
    });
  }
});

describe('pipes compute the same aggregates as plain TypeScript', () => {
  const all = inScope(scope);

  it('stats count by event.action', async () => {
    const rows = await run('| stats count by event.action');
    const m = countBy(all, (e) => str(e, 'event.action'));
    expect(rows).toEqual([...m.entries()].sort(([a], [b]) => cmpStr(a, b)).map(([k, c]) => ({ 'event.action': k, count: c })));
  });

  it('stats count, dc, sum, max by tenant_id', async () => {
    const rows = await run('| stats count, dc(source.ip) as sources, sum(network.bytes) as bytes, max(destination.port) as maxport by tenant_id');
    const expected = [1, 2, 3, 4].map((t) => {
      const es = all.filter((e) => e.tenant === t);
      return {
        tenant_id: t,
        count: es.length,
        sources: new Set(es.map((e) => str(e, 'source.ip')).filter((x) => x !== undefined)).size,
        bytes: es.reduce((s, e) => s + (num(e, 'network.bytes') ?? 0), 0),
        maxport: Math.max(...es.map((e) => num(e, 'destination.port') ?? -1)),
      };
    });
    expect(rows).toEqual(expected);
  });

  it('top 3 rule.name among alerts, with percent', async () => {
    const rows = await run('event.kind:alert | top 3 rule.name');
    const alerts = all.filter((e) => eq(e, 'event.kind', 'alert'));
    const m = countBy(alerts, (e) => str(e, 'rule.name'));
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    const expected = [...m.entries()]
      .sort(([ka, a], [kb, b]) => b - a || cmpStr(ka, kb))
      .slice(0, 3)
      .map(([k, c]) => ({ 'rule.name': k, count: c, percent: (c * 100) / total }));
    expect(rows.map((r) => ({ ...r, percent: Number((r.percent as number).toFixed(9)) }))).toEqual(
      expected.map((r) => ({ ...r, percent: Number(r.percent.toFixed(9)) })),
    );
  });

  it('rare 3 destination.port', async () => {
    const rows = await run('| rare 3 destination.port');
    const m = countBy(all, (e) => str(e, 'destination.port'));
    const expected = [...m.entries()]
      .sort(([ka, a], [kb, b]) => a - b || Number(ka) - Number(kb))
      .slice(0, 3)
      .map(([k, c]) => ({ 'destination.port': Number(k), count: c }));
    expect(rows.map((r) => ({ 'destination.port': r['destination.port'], count: r.count }))).toEqual(expected);
  });

  it('timechart span=1h count by event.action', async () => {
    const rows = await run('| timechart span=1h count by event.action');
    const m = countBy(all, (e) => (has(e, 'event.action') ? `${Math.floor(e.ts / 3_600_000) * 3_600_000}|${str(e, 'event.action')}` : undefined));
    const expected = [...m.entries()]
      .map(([k, c]) => ({ _time: Number(k.split('|')[0]), 'event.action': k.split('|')[1], count: c }))
      .sort((a, b) => a._time - b._time || cmpStr(a['event.action'] as string, b['event.action'] as string));
    expect(rows).toEqual(expected);
  });

  it('timechart span=1d in JST buckets by local day', async () => {
    const rows = await run('| timechart span=1d count', { ...scope, utcOffsetMinutes: 540 });
    const off = 9 * 3_600_000;
    const m = countBy(all, (e) => String(Math.floor((e.ts + off) / 86_400_000) * 86_400_000 - off));
    expect(rows).toEqual([...m.entries()].map(([k, c]) => ({ _time: Number(k), count: c })).sort((a, b) => a._time - b._time));
  });

  it('stats count by source.ip | where count>=100 | sort -count', async () => {
    const rows = await run('| stats count by source.ip | where count>=100 | sort -count, source.ip');
    const m = countBy(all, (e) => str(e, 'source.ip'));
    const expected = [...m.entries()]
      .filter(([, c]) => c >= 100)
      .sort(([ka, a], [kb, b]) => b - a || cmpStr(ka, kb))
      .map(([k, c]) => ({ 'source.ip': k, count: c }));
    expect(expected.length).toBeGreaterThan(3);
    expect(rows).toEqual(expected);
  });

  it('avg and min(@timestamp) by device_id among denied events', async () => {
    const rows = await run('event.action:deny | stats avg(network.bytes) as avg_bytes, min(@timestamp) as first by device_id');
    const denied = all.filter((e) => eq(e, 'event.action', 'deny') && e.device !== null);
    const devices = [...new Set(denied.map((e) => e.device as number))].sort((a, b) => a - b);
    const expected = devices.map((d) => {
      const es = denied.filter((e) => e.device === d);
      const bytes = es.map((e) => num(e, 'network.bytes')).filter((x): x is number => x !== undefined);
      return { device_id: d, avg_bytes: bytes.reduce((a, b) => a + b, 0) / bytes.length, first: Math.min(...es.map((e) => e.ts)) };
    });
    expect(rows.length).toBe(expected.length);
    rows.forEach((r, i) => {
      expect(r.device_id).toBe(expected[i]?.device_id);
      expect(r.avg_bytes as number).toBeCloseTo(expected[i]?.avg_bytes as number, 6);
      expect(r.first).toBe(expected[i]?.first);
    });
  });

  it('head returns the newest events, fields projects doc and promoted fields', async () => {
    const rows = await run('source.ip:10.0.0.0/8 | fields source.ip, network.bytes, user.name | head 7');
    const expected = all
      .filter((e) => inV4(e, 'source.ip', '10.0.0.0', 8))
      .sort((a, b) => b.ts - a.ts)
      .slice(0, 7)
      .map((e) => ({ ts: e.ts, 'source.ip': str(e, 'source.ip') ?? null, 'network.bytes': str(e, 'network.bytes') ?? null, 'user.name': str(e, 'user.name') ?? null }));
    expect(rows).toEqual(expected);
  });

  it('sort by a field before head', async () => {
    const rows = await run('destination.port:445 | sort -source.port | head 10 | fields source.port');
    const expected = all
      .filter((e) => eq(e, 'destination.port', 445))
      .sort((a, b) => (num(b, 'source.port') as number) - (num(a, 'source.port') as number))
      .slice(0, 10)
      .map((e) => num(e, 'source.port'));
    expect(rows.map((r) => r['source.port']).sort((a, b) => Number(b) - Number(a))).toEqual(expected);
  });

  it('stats by a string field sorted ascending', async () => {
    const rows = await run('| stats count by user.name | sort user.name');
    const m = countBy(all, (e) => str(e, 'user.name'));
    expect(rows).toEqual([...m.entries()].sort(([a], [b]) => cmpStr(a, b)).map(([k, c]) => ({ 'user.name': k, count: c })));
  });

  it('count(field) counts events where the field is present', async () => {
    const rows = await run('| stats count, count(user.name) as with_user, count(network.bytes) as with_bytes');
    expect(rows).toEqual([{ count: all.length, with_user: all.filter((e) => has(e, 'user.name')).length, with_bytes: all.filter((e) => has(e, 'network.bytes')).length }]);
  });

  it('where after stats with a wildcard, then fields and sort', async () => {
    const rows = await run('| stats count by source.ip | where source.ip:10.* | fields source.ip | sort -source.ip');
    const ips = [...new Set(all.map((e) => str(e, 'source.ip')).filter((x): x is string => x?.startsWith('10.') === true))].sort(cmpStr).reverse();
    expect(rows).toEqual(ips.map((ip) => ({ 'source.ip': ip })));
  });

  it('sort after top re-orders only the top rows', async () => {
    const rows = await run('| top 3 source.geo.country_iso_code | sort source.geo.country_iso_code');
    const m = countBy(all, (e) => str(e, 'source.geo.country_iso_code'));
    const top3 = [...m.entries()].sort(([ka, a], [kb, b]) => b - a || cmpStr(ka, kb)).slice(0, 3);
    expect(rows.map((r) => [r['source.geo.country_iso_code'], r.count])).toEqual(top3.sort(([a], [b]) => cmpStr(a, b)));
  });

  it('timechart by a doc field and with two functions', async () => {
    const rows = await run('event.kind:alert | timechart span=6h count, dc(source.ip) as sources by source.geo.country_iso_code');
    const groups = new Map<string, TestEvent[]>();
    for (const e of all) {
      const cc = str(e, 'source.geo.country_iso_code');
      if (!eq(e, 'event.kind', 'alert') || cc === undefined) continue;
      const k = `${Math.floor(e.ts / 21_600_000) * 21_600_000}|${cc}`;
      groups.set(k, [...(groups.get(k) ?? []), e]);
    }
    const expected = [...groups.entries()]
      .map(([k, es]) => ({
        _time: Number(k.split('|')[0]),
        'source.geo.country_iso_code': k.split('|')[1],
        count: es.length,
        sources: new Set(es.map((e) => str(e, 'source.ip')).filter((x) => x !== undefined)).size,
      }))
      .sort((a, b) => a._time - b._time || cmpStr(a['source.geo.country_iso_code'] as string, b['source.geo.country_iso_code'] as string));
    expect(rows).toEqual(expected);
  });

  it('stats over stats', async () => {
    const rows = await run('| stats count by source.ip, destination.port | stats count as pairs, max(count) as busiest by destination.port');
    const pairs = countBy(all, (e) => (has(e, 'source.ip') && has(e, 'destination.port') ? `${str(e, 'destination.port')}|${str(e, 'source.ip')}` : undefined));
    const byPort = new Map<number, number[]>();
    for (const [k, c] of pairs) {
      const port = Number(k.split('|')[0]);
      byPort.set(port, [...(byPort.get(port) ?? []), c]);
    }
    const expected = [...byPort.entries()].sort(([a], [b]) => a - b).map(([p, cs]) => ({ 'destination.port': p, pairs: cs.length, busiest: Math.max(...cs) }));
    expect(rows).toEqual(expected);
  });

  it('the time range is half-open [from, to)', async () => {
    const s = { ...scope, from: events[100]!.ts, to: events[200]!.ts };
    const rows = await run('| stats count', s);
    expect(rows).toEqual([{ count: 100 }]);
  });
});

describe('tenant isolation', () => {
  const only2: QueryScope = { ...scope, tenantIds: [2] };

  it('a query naming another tenant still sees only the scope', async () => {
    const rows = await run('tenant_id:1 OR * OR tenant_id:3', only2);
    const expected = events.filter((e) => e.tenant === 2);
    expect(rows.length).toBe(expected.length);
    expect(new Set(rows.map((r) => r.tenant_id))).toEqual(new Set([2]));
  });

  it('aggregations by tenant_id show only scoped tenants', async () => {
    const rows = await run('| stats count by tenant_id', { ...scope, tenantIds: [2, 4] });
    expect(rows.map((r) => r.tenant_id)).toEqual([2, 4]);
  });

  it('nested pipes keep the scope in the innermost block', async () => {
    const rows = await run('| head 5000 | where NOT tenant_id:2 | stats count by tenant_id', only2);
    expect(rows).toEqual([]);
  });
});

describe('canned analyses and pivots run on the same store', () => {
  it('top-source-ips of blocked traffic', async () => {
    const built = buildCannedAnalysis('top-source-ips', { n: 3, blockedOnly: true }, scope);
    const rows = await runRows(conn, built.compiled.sql, built.compiled.params);
    const blocked = inScope(scope).filter((e) => ['deny', 'drop', 'block'].includes(String(get(e, 'event.action'))));
    const m = countBy(blocked, (e) => str(e, 'source.ip'));
    const expected = [...m.entries()].sort(([ka, a], [kb, b]) => b - a || cmpStr(ka, kb)).slice(0, 3);
    expect(rows.map((r) => [r['source.ip'], r.count])).toEqual(expected);
  });

  it('daily-volume counts events and raw bytes per day', async () => {
    const built = buildCannedAnalysis('daily-volume', {}, scope);
    const rows = await runRows(conn, built.compiled.sql, built.compiled.params);
    const days = new Map<number, { count: number; bytes: number }>();
    for (const e of inScope(scope)) {
      const d = Math.floor(e.ts / 86_400_000) * 86_400_000;
      const cur = days.get(d) ?? { count: 0, bytes: 0 };
      cur.count++;
      cur.bytes += Buffer.byteLength(e.raw);
      days.set(d, cur);
    }
    expect(rows).toEqual([...days.entries()].sort(([a], [b]) => a - b).map(([d, v]) => ({ _time: d, count: v.count, bytes: v.bytes })));
  });

  it('pivot on an IP returns the events around the moment where it appears anywhere', async () => {
    const at = events[1500]!.ts;
    const p = pivotQuery({ kind: 'ip', value: '8.8.8.8', at, windowMs: 3_600_000, tenantIds: [1, 3], limit: 10_000 });
    const rows = await runRows(conn, p.compiled.sql, p.compiled.params);
    const expected = events.filter(
      (e) => [1, 3].includes(e.tenant) && e.ts >= at - 3_600_000 && e.ts <= at + 3_600_000 && (eq(e, 'source.ip', '8.8.8.8') || eq(e, 'destination.ip', '8.8.8.8') || eq(e, 'related.ip', '8.8.8.8')),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.seq).sort((a, b) => Number(a) - Number(b))).toEqual(expected.map((e) => e.seq));
  });
});
