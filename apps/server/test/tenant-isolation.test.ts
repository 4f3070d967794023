/**
 * Tenant isolation as a property of the whole API (TEN-1): every route of /api/v1/openapi.json, called with tenant
 * B's credentials against tenant A's slug and object ids, returns nothing of A and changes nothing of A. The walk is
 * driven by the OpenAPI document, so routes added later are walked too; a path parameter the fixture table does
 * not know fails the test until the table learns it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_ENGINES, controlStoreFor } from './helpers/postgres.ts';
import { startTestServer, waitUntil, type TestServer } from './helpers/test-server.ts';
import { A, B_PASSWORD, MARK, populate, sampleBodies, type Fixture } from './tenant-isolation.populate.ts';

interface Operation {
  parameters?: Array<{ name: string; in: string }>;
}
type OpenApi = { paths: Record<string, Record<string, Operation>> };
interface Route {
  method: string;
  path: string;
  op: Operation;
}
interface Credentials {
  name: string;
  headers: Record<string, string>;
}

/** Query parameters that name a tenant: given A's slug. Others are left out (their defaults apply). */
const TENANT_QUERY = new Set(['tenant', 'tenants', 'confirm']);
/** Reads whose answers move with the clock or the audit log itself; left out of the before/after snapshot. */
const VOLATILE_READ =
  /\/(audit|history|latency|metrics|uptime|capacity|sla|export|verify|pivot|results|report|preview)(\/|$)|\/analyses\//;
/** Provider-wide settings rather than A's objects: reachable by a tenant's reader, not A's data. */
const GLOBAL_PARAMS = new Set(['playbooks/{type}', 'anomaly-types/{key}']);
const VOLATILE_KEY =
  /^(lastUsedAt|lastSeenAt|lastCheckAt|stateSince|elapsed\w*|remaining\w*|now|generatedAt|took\w*|stats)$/;

function routesOf(spec: OpenApi): Route[] {
  return Object.entries(spec.paths)
    .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })))
    .filter((r) => r.path.startsWith('/api/v1/'));
}

/** `/api/v1/tenants/{slug}/devices/{name}` → the fixture keys `tenants/{slug}`, `devices/{name}`. */
function paramKeys(path: string): string[] {
  const parts = path.split('/');
  return parts.flatMap((p, i) => (p.startsWith('{') ? [`${parts[i - 1]}/${p}`] : []));
}

function urlFor(route: Route, params: Fixture): { url: string; used: string[] } {
  const parts = route.path.split('/');
  const used: string[] = [];
  const path = parts
    .map((p, i) =>
      p.startsWith('{') ? encodeURIComponent((used.push(params[`${parts[i - 1]}/${p}`]!), used.at(-1)!)) : p,
    )
    .join('/');
  const query = new URLSearchParams();
  for (const q of route.op.parameters ?? []) if (q.in === 'query' && TENANT_QUERY.has(q.name)) query.set(q.name, A);
  if (query.size > 0) used.push(A);
  return { url: query.size > 0 ? `${path}?${query.toString()}` : path, used };
}

function stripVolatile(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripVolatile);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !VOLATILE_KEY.test(k))
        .map(([k, v]) => [k, stripVolatile(v)]),
    );
  }
  return value;
}

describe.each(CONTROL_ENGINES)('tenant isolation on %s', (engine) => {
  let t: TestServer;
  let drop: () => Promise<void>;
  let params: Fixture;
  let routes: Route[];
  const credentials: Credentials[] = [];

  const call = async (method: string, url: string, headers: Record<string, string>, body?: unknown) => {
    const res = await fetch(t.server.url + url, {
      method,
      redirect: 'manual',
      headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, text: await res.text() };
  };

  /** What provider staff see of A through every read route that names A: the state that must not change. */
  const snapshotOfA = async (): Promise<Record<string, unknown>> => {
    const out: Record<string, unknown> = {};
    for (const r of routes) {
      if (r.method !== 'GET' || !r.path.includes('{slug}') || VOLATILE_READ.test(r.path)) continue;
      const { url } = urlFor(r, params);
      const res = await call('GET', url, { authorization: `Bearer ${t.token}` });
      let body: unknown = res.text;
      try {
        body = JSON.parse(res.text);
      } catch {
        /* not JSON: compared as text */
      }
      out[`${res.status} ${url}`] = stripVolatile(body);
    }
    return out;
  };

  beforeAll(async () => {
    const store = await controlStoreFor(engine);
    drop = store.drop;
    t = await startTestServer({ controlStore: store.controlStore });
    const populated = await populate(t);
    params = populated.params;
    credentials.push({ name: 'B admin token', headers: { authorization: `Bearer ${populated.bAdminToken}` } });
    const login = await fetch(`${t.server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'b-admin', password: B_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    credentials.push({ name: 'B customer-admin session', headers: { cookie, 'x-csrf-token': csrfToken } });
    routes = routesOf((await t.api<OpenApi>('GET', '/api/v1/openapi.json')).body);
    // The intake job scores and enriches new alerts in the background; let it settle so the snapshots compare A, not the job.
    await waitUntil(async () => {
      const pending = await t.server.control.db.selectFrom('alerts').select('id').where('intake_at', 'is', null).execute();
      return pending.length === 0;
    }, 30_000);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await drop();
  });

  it('knows a value from A for every path parameter of every route', () => {
    const unknown = routes.flatMap((r) =>
      paramKeys(r.path)
        .filter((k) => !params[k] || params[k] === 'undefined')
        .map((k) => `${r.method} ${r.path}: ${k}`),
    );
    expect(unknown, 'add these to the fixture table in tenant-isolation.populate.ts').toEqual([]);
    expect(routes.length).toBeGreaterThan(50);
  });

  /** Calls every route as `cred` with A's slug and ids; returns what reached A and the answers' status counts. */
  const walk = async (
    cred: Credentials,
    methods?: Set<string>,
  ): Promise<{ leaks: string[]; statuses: Record<number, number> }> => {
    const leaks: string[] = [];
    const statuses: Record<number, number> = {};
    for (const r of routes) {
      if (r.path === '/api/v1/auth/logout' || (methods && !methods.has(r.method))) continue; // logout would end the session
      const { url, used } = urlFor(r, params);
      const body =
        r.method === 'GET' || r.method === 'DELETE' ? undefined : (sampleBodies(params)[`${r.method} ${r.path}`] ?? {});
      const res = await call(r.method, url, cred.headers, body);
      if (process.env.MAMORI_ISOLATION_TRACE) console.log(cred.name, r.method, url, res.status, res.text.slice(0, 120));
      // A bearer token cannot act on a person's own sign-in (auth/me …): its 401 there is not a bad credential.
      const status = res.status === 401 && r.path.startsWith('/api/v1/auth/') ? 4010 : res.status;
      statuses[status] = (statuses[status] ?? 0) + 1;
      const namesA = paramKeys(r.path).some((k) => !GLOBAL_PARAMS.has(k)) || used.includes(A);
      // An error may repeat what the caller itself sent; anything else of A is a leak.
      const echoedRemoved = res.status >= 400 ? used.reduce((text, v) => text.replaceAll(v, ''), res.text) : res.text;
      const line = `${cred.name}: ${r.method} ${url} → ${res.status} ${res.text.slice(0, 160)}`;
      if (res.status >= 500 || (namesA && res.status < 400) || echoedRemoved.toLowerCase().includes(MARK)) {
        leaks.push(line);
      }
    }
    return { leaks, statuses };
  };

  it("answers B's credentials on every route without anything of A, and leaves A unchanged", async () => {
    const before = await snapshotOfA();
    expect(JSON.stringify(before)).toContain(MARK);
    for (const cred of credentials) {
      const { leaks, statuses } = await walk(cred);
      expect(leaks).toEqual([]);
      // The credentials are good (no 401) and the tenant check is what answered, not a blanket refusal.
      expect(statuses[401] ?? 0, cred.name).toBe(0);
      expect(statuses[404] ?? 0, cred.name).toBeGreaterThan(40);
      expect(statuses[200] ?? 0, cred.name).toBeGreaterThan(3);
    }
    expect(await snapshotOfA()).toEqual(before);
  }, 120_000);

  it('catches a leak when one exists: provider staff reading A trip the same checks', async () => {
    const { leaks } = await walk(
      { name: 'provider', headers: { authorization: `Bearer ${t.token}` } },
      new Set(['GET']),
    );
    expect(leaks.length).toBeGreaterThan(20);
  }, 120_000);

  it('writes provider staff reads of A to the audit log', async () => {
    const res = await t.api<{ entries: Array<{ actor: string; tenant: string; details: { route: string } }> }>(
      'GET',
      `/api/v1/audit?action=tenant.access&tenant=${A}&limit=1000`,
    );
    const routesRead = new Set(res.body.entries.map((e) => e.details.route));
    expect(routesRead).toContain('/api/v1/tenants/:slug/devices');
    expect(routesRead).toContain('/api/v1/tenants/:slug/alerts');
    expect(new Set(res.body.entries.map((e) => e.actor)).size).toBe(1);
  });
});
