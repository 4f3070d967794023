import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertRow, tenantId } from './alert-queue-fixture.ts';
import { startTestServer, tenantWithDevice, type TestServer } from './helpers/test-server.ts';

const N = 100_000;
const SEVERITIES = ['low', 'medium', 'high', 'critical'];

/** 100,000 alerts in the real server's control store; the figures live in `npm run bench -- alert-queue`. */
describe('alert queue at 100,000 alerts', () => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer();
    await tenantWithDevice(t, 'big');
    await tenantWithDevice(t, 'other');
    const big = await tenantId(t.server.control.db, 'big');
    const other = await tenantId(t.server.control.db, 'other');
    const now = Date.now();
    await t.server.control.db.transaction().execute(async (trx) => {
      for (let i = 0; i < N; i += 1000) {
        const rows = Array.from({ length: 1000 }, (_, k) => {
          const n = i + k;
          // Scored and taken in already, as the intake job would have left them.
          return { ...alertRow({ tenantId: n % 10 === 0 ? other : big, severity: SEVERITIES[n % 4]!, title: `alert ${n}`, at: now - n * 1000 }), priority: n % 101, priority_band: 'P3', intake_at: now };
        });
        await trx.insertInto('alerts').values(rows).execute();
      }
    });
  }, 240_000);
  afterAll(async () => t?.close());

  it('serves the first page highest priority first and pages on by cursor', async () => {
    const started = performance.now();
    const res = await fetch(`${t.server.url}/api/v1/tenants/big/alerts?limit=100`, { headers: { authorization: `Bearer ${t.token}` } });
    const ms = performance.now() - started;
    const page = (await res.json()) as Array<{ id: number; priority: number; tenant: string }>;
    console.log(`first page of ${N} alerts over HTTP: ${ms.toFixed(1)} ms`);
    expect(page).toHaveLength(100);
    expect(page.every((a) => a.tenant === 'big' && a.priority === 100)).toBe(true);
    const ids = page.map((a) => a.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const next = await fetch(`${t.server.url}/api/v1/tenants/big/alerts?limit=100&cursor=${res.headers.get('x-next-cursor')}`, { headers: { authorization: `Bearer ${t.token}` } });
    const second = (await next.json()) as Array<{ id: number; priority: number }>;
    expect(second).toHaveLength(100);
    expect(Math.max(...second.map((a) => a.id))).toBeLessThan(Math.min(...ids));
    const counts = await t.api<{ total: number }>('GET', '/api/v1/tenants/big/alerts/counts');
    expect(counts.body.total).toBe(N * 0.9);
  });
});
