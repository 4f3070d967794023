import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, tenantWithDevice, waitUntil, type TestServer } from './helpers/test-server.ts';

const HOUR = 3_600_000;
const base = Date.now() - 2 * HOUR;
const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();

/** ECS documents a firewall of each tenant might send. */
function acmeEvents(): object[] {
  return [
    { '@timestamp': at(1), event: { action: 'deny' }, source: { ip: '10.1.2.3' }, destination: { ip: '192.0.2.10', port: 445 }, message: 'blocked smb from 10.1.2.3' },
    { '@timestamp': at(2), event: { action: 'deny' }, source: { ip: '10.1.2.3' }, destination: { ip: '192.0.2.11', port: 22 }, message: 'blocked ssh' },
    { '@timestamp': at(3), event: { action: 'allow' }, source: { ip: '172.16.0.5' }, destination: { ip: '192.0.2.10', port: 443 }, message: 'mimikatz download seen' },
    { '@timestamp': at(4), event: { action: 'deny' }, source: { ip: '203.0.113.9' }, destination: { ip: '192.0.2.10', port: 3389 }, user: { name: '=cmd|calc' }, message: '=HYPERLINK("x")' },
  ];
}

describe('search API', () => {
  let t: TestServer;
  let readA: string;
  let readB: string;
  const get = <T = Record<string, unknown>>(route: string, token?: string) => t.api<T>('GET', route, undefined, token);
  const search = <T = { columns: Array<{ name: string }>; rows: unknown[][]; stats: { rows: number } }>(q: string, extra = '', token?: string) =>
    get<T>(`/api/v1/search?tenant=acme&q=${encodeURIComponent(q)}&from=${at(0)}&to=${at(60)}${extra}`, token);
  const col = (r: { columns: Array<{ name: string }>; rows: unknown[][] }, name: string) => {
    const i = r.columns.findIndex((c) => c.name === name);
    return r.rows.map((row) => row[i]);
  };

  beforeAll(async () => {
    t = await startTestServer();
    const a = await tenantWithDevice(t, 'acme');
    const b = await tenantWithDevice(t, 'globex');
    const post = (token: string, events: object[]) =>
      fetch(`${t.server.url}/api/v1/ingest`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
        body: events.map((e) => JSON.stringify(e)).join('\n'),
      });
    expect((await post(a.ingestToken, acmeEvents())).status).toBe(200);
    const globex = { '@timestamp': at(5), event: { action: 'deny' }, source: { ip: '10.9.9.9' }, message: 'globex secret line' };
    expect((await post(b.ingestToken, [globex])).status).toBe(200);
    readA = (await t.api<{ token: string }>('POST', '/api/v1/tokens', { tenant: 'acme', scope: 'read' })).body.token;
    readB = (await t.api<{ token: string }>('POST', '/api/v1/tokens', { tenant: 'globex', scope: 'read' })).body.token;
    await waitUntil(async () => (await search('| stats count')).body.rows?.[0]?.[0] === 4);
  });
  afterAll(() => t.close());

  it('filters on fields, CIDR ranges and full text', async () => {
    const denied = await search('event.action:deny');
    expect(denied.status).toBe(200);
    expect(denied.body.stats.rows).toBe(3);
    expect(col((await search('source.ip:10.0.0.0/8')).body, 'source.ip')).toEqual(['10.1.2.3', '10.1.2.3']);
    expect(col((await search('mimikatz')).body, 'source.ip')).toEqual(['172.16.0.5']);
    expect(col((await search('destination.port:445 OR destination.port:3389')).body, 'destination.port').sort()).toEqual([3389, 445]);
  });

  it('runs stats and top pipes', async () => {
    const top = (await search('event.action:deny | top 1 source.ip')).body;
    expect(col(top, 'source.ip')).toEqual(['10.1.2.3']);
    const stats = (await search('| stats count by event.action')).body;
    expect(Object.fromEntries(stats.rows.map((r) => [r[0], r[1]]))).toEqual({ allow: 1, deny: 3 });
  });

  it('answers NDJSON and spreadsheet-safe CSV', async () => {
    const nd = await fetch(`${t.server.url}/api/v1/search?tenant=acme&q=source.ip:203.0.113.9&from=${at(0)}&to=${at(60)}&format=ndjson`, {
      headers: { authorization: `Bearer ${readA}` },
    });
    const lines = (await nd.text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]!['source.ip']).toBe('203.0.113.9');
    expect(lines[0]!.ts).toBe(at(4));
    const csv = await fetch(`${t.server.url}/api/v1/search?tenant=acme&q=source.ip:203.0.113.9&from=${at(0)}&to=${at(60)}&format=csv`, {
      headers: { authorization: `Bearer ${readA}` },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toContain('source.ip');
    expect(text).toContain(`"'=cmd|calc"`);
    expect(text).not.toMatch(/(^|,)=/m);
  });

  it('answers query mistakes with 400 problem+json carrying the position', async () => {
    const bad = await search<{ status: number; position: number; code: string; expected?: string }>('source.ip:');
    expect(bad.status).toBe(400);
    expect(bad.body.position).toBe(10);
    expect(bad.body.code).toBe('expected_value');
    expect(bad.body.expected).toBeDefined();
    expect((await search<{ code: string }>('| nosuchpipe')).body.code).toBe('unknown_pipe');
    expect((await get('/api/v1/search?q=x')).status).toBe(400);
  });

  it("never shows tenant B another tenant's events", async () => {
    expect((await search('| stats count', '', readB)).status).toBe(404);
    expect((await get(`/api/v1/search?tenants=acme,globex&q=x`, readB)).status).toBe(404);
    const own = await get<{ rows: unknown[][] }>(`/api/v1/search?tenant=globex&q=${encodeURIComponent('| stats count by tenant_id')}&from=${at(0)}&to=${at(60)}`, readB);
    expect(own.body.rows).toHaveLength(1);
    for (const q of ['tenant_id:1', 'tenant_id:1 OR tenant_id:2 OR *', '* | stats count by tenant_id', `") OR 1=1 --`, 'blocked']) {
      const r = await get<{ rows?: unknown[][]; status?: number }>(`/api/v1/search?tenant=globex&q=${encodeURIComponent(q)}&from=${at(0)}&to=${at(60)}&format=ndjson`, readB);
      expect(JSON.stringify(r.body)).not.toContain('10.1.2.3');
      expect(JSON.stringify(r.body)).not.toContain('blocked');
    }
    // Tenant A's token sees its own events only.
    const mine = (await search('| stats count', '', readA)).body;
    expect(mine.rows[0]![0]).toBe(4);
  });

  it('lets provider staff read an explicit list of tenants', async () => {
    const r = await get<{ rows: unknown[][] }>(`/api/v1/search?tenants=acme,globex&q=${encodeURIComponent('| stats count')}&from=${at(0)}&to=${at(60)}`);
    expect(r.body.rows[0]![0]).toBe(5);
    expect((await get('/api/v1/search?tenant=acme&tenants=globex&q=x')).status).toBe(400);
  });

  it('defaults to the last 24 hours and caps the limit', async () => {
    const r = await get<{ stats: { rows: number } }>(`/api/v1/search?tenant=acme&q=`);
    expect(r.body.stats.rows).toBe(4);
    expect((await get(`/api/v1/search?tenant=acme&q=&limit=1`)).body.rows).toHaveLength(1);
    expect((await get(`/api/v1/search?tenant=acme&q=&limit=10000000`)).status).toBe(400);
  });

  it('mamori search prints a table, NDJSON or CSV through the API', async () => {
    const main = path.resolve(import.meta.dirname, '../../cli/src/main.ts');
    const env = { ...process.env, MAMORI_URL: t.server.url, MAMORI_TOKEN: readA };
    const run = (...args: string[]) => promisify(execFile)('node', ['--import', 'tsx', main, 'search', '--tenant', 'acme', '--from', at(0), '--to', at(60), ...args], { env });
    const table = await run('event.action:deny | top 5 source.ip');
    expect(table.stdout.split('\n')[0]).toMatch(/^SOURCE\.IP\s+COUNT/);
    expect(table.stdout).toContain('10.1.2.3');
    const csv = await run('--format', 'csv', 'source.ip:203.0.113.9');
    expect(csv.stdout).toContain(`"'=cmd|calc"`);
    await expect(run('source.ip:')).rejects.toThrow(/expected a value/);
  }, 20_000);
});
