import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRaw, startTestServer, tenantWithDevice, type TestServer } from './helpers/test-server.ts';

async function ingest(t: TestServer, token: string, body: string, contentType = 'application/x-ndjson', query = '') {
  return fetch(`${t.server.url}/api/v1/ingest${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body,
  });
}

describe('HTTP ingest', () => {
  let t: TestServer;
  let acmeToken: string;
  let globexToken: string;
  beforeAll(async () => {
    t = await startTestServer();
    acmeToken = (await tenantWithDevice(t, 'acme')).ingestToken;
    globexToken = (await tenantWithDevice(t, 'globex')).ingestToken;
  });
  afterAll(() => t.close());

  it('acknowledges only stored events: everything acknowledged is exported right after', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => JSON.stringify({ event_type: 'alert', src_ip: '10.0.0.1', n: i }));
    const res = await ingest(t, acmeToken, lines.join('\n'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 50 });
    const raw = (await exportRaw(t, 'acme')).toString();
    for (const l of lines) expect(raw).toContain(l);
  });

  it('takes many concurrent clients without losing or duplicating a line', async () => {
    const clients = 16;
    const perClient = 200;
    await Promise.all(
      Array.from({ length: clients }, (_, c) =>
        ingest(t, globexToken, Array.from({ length: perClient }, (_, i) => `plain line c${c} i${i}`).join('\n'), 'text/plain').then((r) =>
          expect(r.status).toBe(200),
        ),
      ),
    );
    const stored = (await exportRaw(t, 'globex')).toString().split('\n').filter((l) => l.startsWith('plain line'));
    expect(stored.length).toBe(clients * perClient);
    expect(new Set(stored).size).toBe(clients * perClient);
  });

  it('accepts a JSON array', async () => {
    const res = await ingest(t, acmeToken, JSON.stringify([{ a: 1 }, { b: 'x' }]), 'application/json');
    expect(await res.json()).toEqual({ accepted: 2 });
  });

  it('refuses requests without a valid token, with problem+json', async () => {
    const none = await fetch(`${t.server.url}/api/v1/ingest`, { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } });
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    expect((await ingest(t, 'mmr_ingest_forged', 'x', 'text/plain')).status).toBe(401);
  });

  it('does not let an ingest token read, administer, or write into another tenant', async () => {
    expect((await t.api('GET', '/api/v1/tenants', undefined, acmeToken)).status).toBe(403);
    expect((await t.api('POST', '/api/v1/tenants', { slug: 'evil' }, acmeToken)).status).toBe(403);
    const cross = await ingest(t, acmeToken, 'x', 'text/plain', '?tenant=globex&device=fw1');
    expect(cross.status).toBe(400);
  });

  it('scopes a tenant-bound read token to its own tenant: a foreign tenant answers 404', async () => {
    const read = await t.api<{ token: string }>('POST', '/api/v1/tokens', { tenant: 'acme', scope: 'read' });
    const token = read.body.token;
    expect((await t.api('GET', '/api/v1/tenants/acme', undefined, token)).status).toBe(200);
    for (const route of ['/api/v1/tenants/globex', '/api/v1/tenants/globex/devices', '/api/v1/tenants/globex/export', '/api/v1/tenants/globex/verify', '/api/v1/tenants/globex/alerts']) {
      expect((await t.api('GET', route, undefined, token)).status, route).toBe(404);
    }
    const list = await t.api<Array<{ slug: string }>>('GET', '/api/v1/tenants', undefined, token);
    expect(list.body.map((x) => x.slug)).toEqual(['acme']);
  });

  it('validates input and names the problem', async () => {
    const bad = await t.api<{ detail: string }>('POST', '/api/v1/tenants/acme/devices', { name: 'x', format: 'no-such-format', timezone: 'Mars/Olympus' });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/format|time zone/);
    const slug = await t.api('POST', '/api/v1/tenants', { slug: 'Bad Slug!' });
    expect(slug.status).toBe(400);
  });

  it('describes every route in the OpenAPI document', async () => {
    const doc = await t.api<{ paths: Record<string, unknown> }>('GET', '/api/v1/openapi.json', undefined, '');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/ingest', '/api/v1/tenants', '/api/v1/tenants/{slug}/export']));
  });
});
