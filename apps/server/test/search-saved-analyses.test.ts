import { compileQuery } from '@mamori/query';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryTimeoutError, SearchService } from '../src/modules/search/search.service.ts';
import type { EventStore } from '../src/stores/events/event-store.ts';
import type { TenantsService } from '../src/modules/tenants/tenants.service.ts';
import { startTestServer, tenantWithDevice, waitUntil, type TestServer } from './helpers/test-server.ts';

const base = Date.now() - 3_600_000;
const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();

interface Saved {
  id: number;
  name: string;
  query: string;
}

describe('saved searches, canned analyses and pivots', () => {
  let t: TestServer;
  let readA: string;
  let readB: string;

  beforeAll(async () => {
    t = await startTestServer();
    const a = await tenantWithDevice(t, 'acme');
    await tenantWithDevice(t, 'globex');
    const events = [
      { '@timestamp': at(0), event: { action: 'deny' }, source: { ip: '10.1.2.3' }, destination: { port: 445 }, user: { name: 'taro' } },
      { '@timestamp': at(1), event: { action: 'deny' }, source: { ip: '10.1.2.3' }, destination: { port: 22 } },
      { '@timestamp': at(2), event: { action: 'allow' }, source: { ip: '10.7.7.7' }, destination: { port: 443 }, user: { name: 'hanako' } },
      { '@timestamp': at(30), event: { action: 'deny' }, source: { ip: '10.1.2.3' }, destination: { port: 80 } },
    ];
    const res = await fetch(`${t.server.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.ingestToken}`, 'content-type': 'application/x-ndjson' },
      body: events.map((e) => JSON.stringify(e)).join('\n'),
    });
    expect(res.status).toBe(200);
    readA = (await t.api<{ token: string }>('POST', '/api/v1/tokens', { tenant: 'acme', scope: 'read' })).body.token;
    readB = (await t.api<{ token: string }>('POST', '/api/v1/tokens', { tenant: 'globex', scope: 'read' })).body.token;
    await waitUntil(async () => (await t.api<{ rows?: unknown[][] }>('GET', '/api/v1/search?tenant=acme&q=')).body.rows?.length === 4);
  });
  afterAll(() => t.close());

  it('keeps saved searches per tenant: create, list, update, run, delete', async () => {
    const created = await t.api<Saved>('POST', '/api/v1/tenants/acme/saved-searches', { name: 'denied', query: 'event.action:deny' }, readA);
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await t.api('POST', '/api/v1/tenants/acme/saved-searches', { name: 'denied', query: 'x' }, readA)).status).toBe(409);
    const bad = await t.api<{ position: number }>('POST', '/api/v1/tenants/acme/saved-searches', { name: 'bad', query: 'source.ip:' }, readA);
    expect(bad.status).toBe(400);
    expect(bad.body.position).toBe(10);
    expect((await t.api<Saved[]>('GET', '/api/v1/tenants/acme/saved-searches', undefined, readA)).body.map((s) => s.name)).toEqual(['denied']);
    const patched = await t.api<Saved>('PATCH', `/api/v1/tenants/acme/saved-searches/${id}`, { query: 'event.action:deny destination.port:445' }, readA);
    expect(patched.body.query).toBe('event.action:deny destination.port:445');
    const run = await t.api<{ rows: unknown[][] }>('GET', `/api/v1/tenants/acme/saved-searches/${id}/results?from=${at(-1)}&to=${at(59)}`, undefined, readA);
    expect(run.body.rows).toHaveLength(1);
    expect((await t.api('DELETE', `/api/v1/tenants/acme/saved-searches/${id}`, undefined, readA)).status).toBe(204);
    expect((await t.api('GET', `/api/v1/tenants/acme/saved-searches/${id}`, undefined, readA)).status).toBe(404);
  });

  it("isolates saved searches: another tenant's id is not found, its list is not readable", async () => {
    const { body } = await t.api<Saved>('POST', '/api/v1/tenants/acme/saved-searches', { name: 'mine', query: 'taro' }, readA);
    expect((await t.api('GET', '/api/v1/tenants/acme/saved-searches', undefined, readB)).status).toBe(404);
    for (const [method, suffix] of [['GET', ''], ['GET', '/results'], ['PATCH', ''], ['DELETE', '']] as const) {
      const r = await t.api(method, `/api/v1/tenants/globex/saved-searches/${body.id}${suffix}`, method === 'PATCH' ? { name: 'x' } : undefined, readB);
      expect(r.status).toBe(404);
    }
    expect((await t.api<Saved[]>('GET', '/api/v1/tenants/globex/saved-searches', undefined, readB)).body).toEqual([]);
    expect((await t.api<Saved>('GET', `/api/v1/tenants/acme/saved-searches/${body.id}`, undefined, readA)).body.name).toBe('mine');
  });

  it('lists and runs canned analyses', async () => {
    const list = await t.api<Array<{ name: string; params: unknown[]; query: string }>>('GET', '/api/v1/tenants/acme/analyses', undefined, readA);
    expect(list.body.map((a) => a.name)).toContain('top-source-ips');
    const range = `from=${at(-1)}&to=${at(59)}`;
    const top = await t.api<{ rows: unknown[][]; query: string }>('GET', `/api/v1/tenants/acme/analyses/top-source-ips?n=1&blockedOnly=true&${range}`, undefined, readA);
    expect(top.status).toBe(200);
    expect(top.body.rows).toHaveLength(1);
    expect(top.body.rows[0]![0]).toBe('10.1.2.3');
    expect(top.body.query).toContain('top 1 source.ip');
    const trend = await t.api<{ rows: unknown[][]; previous: { rows: unknown[][] } }>('GET', `/api/v1/tenants/acme/analyses/event-trend?span=1h&compare=true&${range}`, undefined, readA);
    expect(trend.body.rows.reduce((n, r) => n + Number(r[1]), 0)).toBe(4);
    expect(trend.body.previous.rows).toEqual([]);
    expect((await t.api('GET', `/api/v1/tenants/acme/analyses/top-source-ips?n=0`, undefined, readA)).status).toBe(400);
    expect((await t.api('GET', `/api/v1/tenants/acme/analyses/top-source-ips?bogus=1`, undefined, readA)).status).toBe(400);
    expect((await t.api('GET', `/api/v1/tenants/acme/analyses/nope`, undefined, readA)).status).toBe(404);
    expect((await t.api('GET', `/api/v1/tenants/acme/analyses/event-trend`, undefined, readB)).status).toBe(404);
  });

  it('interrupts a query of the real store once its time budget has passed', async () => {
    const service = new SearchService(t.server.events, {} as TenantsService, 50);
    const heavy = { ...compileQuery('x', { tenantIds: [1], from: 0, to: 1 }), sql: 'SELECT count(DISTINCT hash(range)) FROM range(500000000)', params: [], timeBudgetMs: 50 };
    const started = Date.now();
    await expect(service.run(heavy)).rejects.toBeInstanceOf(QueryTimeoutError);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('pivots from an observable to the events around it', async () => {
    const ip = await t.api<{ rows: unknown[][]; query: string }>('GET', `/api/v1/tenants/acme/pivot?kind=ip&value=10.1.2.3&at=${at(1)}&window=15m`, undefined, readA);
    expect(ip.status).toBe(200);
    expect(ip.body.rows).toHaveLength(2); // the one at +30 min is outside the window
    expect(ip.body.query).toContain('source.ip:"10.1.2.3"');
    const user = await t.api<{ rows: unknown[][] }>('GET', `/api/v1/tenants/acme/pivot?kind=user&value=hanako&at=${at(2)}&window=1h`, undefined, readA);
    expect(user.body.rows).toHaveLength(1);
    expect((await t.api('GET', `/api/v1/tenants/acme/pivot?kind=ip&value=not-an-ip&at=${at(1)}`, undefined, readA)).status).toBe(400);
    expect((await t.api('GET', `/api/v1/tenants/acme/pivot?kind=ip&value=10.1.2.3&at=${at(1)}&window=forever`, undefined, readA)).status).toBe(400);
    expect((await t.api('GET', `/api/v1/tenants/acme/pivot?kind=ip&value=10.1.2.3&at=${at(1)}`, undefined, readB)).status).toBe(404);
  });
});

describe('search time budget', () => {
  it('turns an interrupted query into a clear time-budget error', async () => {
    const store = { query: () => Promise.reject(new Error('INTERRUPT Error: Interrupted!')) } as unknown as EventStore;
    const service = new SearchService(store, {} as TenantsService, 50);
    const compiled = compileQuery('x', { tenantIds: [1], from: 0, to: 1, timeBudget: 50 });
    const err = await service.run(compiled).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryTimeoutError);
    expect((err as QueryTimeoutError).status).toBe(504);
    expect((err as Error).message).toContain('50 ms');
  });
});
