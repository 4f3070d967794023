/**
 * Availability monitoring through the API and the CLI against a real server: states, retries, alerts in the
 * shared queue, dependencies, maintenance, heartbeats, history/uptime, capacity, tenant isolation.
 * Checks are triggered with "check now" and monitors use a one-day interval, so no scheduled check
 * interferes; one test lets the real scheduler run a 5-second monitor.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, tenantWithDevice, waitUntil, type TestServer } from './helpers/test-server.ts';
import { SNMP_COMMUNITY, startPeers, type Peers } from './monitors-peers.ts';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../cli/bin/mamori.js');
const DAY = 86_400;

interface Monitor {
  name: string;
  state: string;
  lastMessage: string | null;
  pushPath: string | null;
  settings: Record<string, unknown>;
  lastCheckAt: string | null;
  metrics: Record<string, number> | null;
}
interface Alert {
  id: number;
  kind: string;
  severity: string;
  status: string;
  title: string;
}

describe('availability monitors through the API', () => {
  let t: TestServer;
  let peers: Peers;
  let otherToken: string;
  let readToken: string;
  let ingestToken: string;
  const base = '/api/v1/tenants/acme/monitors';
  const create = (body: Record<string, unknown>) => t.api<Monitor>('POST', base, { intervalSeconds: DAY, timeoutMs: 1000, ...body });
  const check = async (name: string) => {
    const r = await t.api<Monitor>('POST', `${base}/${name}/check`);
    expect(r.status).toBe(200);
    return r.body;
  };
  const alerts = async () => (await t.api<Alert[]>('GET', '/api/v1/tenants/acme/alerts?kind=availability')).body;

  beforeAll(async () => {
    [t, peers] = await Promise.all([startTestServer(), startPeers()]);
    ({ ingestToken } = await tenantWithDevice(t, 'acme', { name: 'srv1', kind: 'server', criticality: 2 }));
    expect((await t.api('POST', '/api/v1/tenants/acme/devices', { name: 'core-router', kind: 'network', criticality: 5 })).status).toBe(201);
    await t.api('POST', '/api/v1/tenants', { slug: 'other' });
    otherToken = (await t.api<{ token: string }>('POST', '/api/v1/tokens', { tenant: 'other', scope: 'admin' })).body.token;
    readToken = (await t.api<{ token: string }>('POST', '/api/v1/tokens', { tenant: 'acme', scope: 'read' })).body.token;
  });
  afterAll(async () => {
    await t?.close();
    await peers?.close();
  });

  it('goes down after its retries, opens one availability alert, and resolves it on recovery', async () => {
    const created = await create({ name: 'web-port', type: 'tcp', target: `127.0.0.1:${peers.closedPort}`, retries: 1, device: 'core-router' });
    expect(created.status).toBe(201);
    expect(created.body.state).toBe('pending');
    expect((await check('web-port')).state).toBe('pending');
    expect((await check('web-port')).state).toBe('down');
    expect((await check('web-port')).state).toBe('down');
    const open = (await alerts()).filter((a) => a.title === 'web-port is down');
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ kind: 'availability', severity: 'high', status: 'open' });

    const patched = await t.api<Monitor>('PATCH', `${base}/web-port`, { target: `127.0.0.1:${peers.tcpPort}` });
    expect(patched.body.state).toBe('down'); // the live state survives an edit
    expect((await check('web-port')).state).toBe('up');
    expect((await alerts()).find((a) => a.id === open[0]!.id)?.status).toBe('resolved');

    const history = await t.api<Array<{ state: string }>>('GET', `${base}/web-port/history`);
    expect(history.body.map((h) => h.state)).toEqual(['up', 'down', 'pending']);
    const latency = await t.api<Array<{ checks: number; failures: number; avgMs: number | null }>>('GET', `${base}/web-port/latency`);
    expect(latency.body.reduce((n, b) => n + b.checks, 0)).toBe(4);
    expect(latency.body.reduce((n, b) => n + b.failures, 0)).toBe(3);
    const uptime = await t.api<{ days: Array<{ ratio: number | null }>; last24h: number | null }>('GET', `${base}/web-port/uptime?days=7`);
    expect(uptime.body.days).toHaveLength(7);
    expect(uptime.body.last24h).toBeGreaterThan(0);
    expect(uptime.body.last24h).toBeLessThan(1);
  });

  it('a monitor behind a down router is unreachable and raises no alert of its own', async () => {
    await create({ name: 'router', type: 'tcp', target: `127.0.0.1:${peers.closedPort}`, retries: 0, device: 'core-router' });
    await create({ name: 'portal', type: 'http', target: `http://127.0.0.1:${peers.closedPort}/`, retries: 0, dependsOn: ['router'] });
    expect((await check('router')).state).toBe('down');
    expect((await check('portal')).state).toBe('unreachable');
    const titles = (await alerts()).filter((a) => a.status === 'open').map((a) => a.title);
    expect(titles).toContain('router is down');
    expect(titles).not.toContain('portal is down');
    expect((await t.api('PATCH', `${base}/router`, { dependsOn: ['portal'] })).status).toBe(400); // a loop
  });

  it('is in maintenance inside a window: not checked, no alert', async () => {
    const now = Date.now();
    const window = { kind: 'once', start: new Date(now - 60_000).toISOString(), end: new Date(now + 3_600_000).toISOString() };
    await create({ name: 'patching', type: 'tcp', target: `127.0.0.1:${peers.closedPort}`, retries: 0, maintenance: [window] });
    expect((await check('patching')).state).toBe('maintenance');
    expect((await alerts()).map((a) => a.title)).not.toContain('patching is down');
    const weekly = { kind: 'weekly', days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', durationMinutes: 1440, timezone: 'Asia/Tokyo' };
    expect((await t.api('PATCH', `${base}/patching`, { maintenance: [weekly] })).status).toBe(200);
    expect((await check('patching')).state).toBe('maintenance');
  });

  it('heartbeat monitors are up while their push URL is called', async () => {
    const hb = await create({ name: 'backup-job', type: 'heartbeat', retries: 0 });
    expect(hb.body.pushPath).toMatch(/^\/push\/[\w-]{20,}$/);
    expect((await check('backup-job')).state).toBe('down');
    const pushed = await fetch(t.server.url + hb.body.pushPath!, { method: 'POST' });
    expect(pushed.status).toBe(200);
    expect((await check('backup-job')).state).toBe('up');
    expect((await fetch(`${t.server.url}/push/no-such-token-000000`)).status).toBe(404);
  });

  it('reports capacity: log volume per day and SNMP resources with a trend', async () => {
    const lines = Array.from({ length: 25 }, (_, i) => `<13>Nov 22 10:00:00 srv1 app: line ${i}`).join('\n');
    const ingested = await fetch(`${t.server.url}/api/v1/ingest`, { method: 'POST', headers: { authorization: `Bearer ${ingestToken}`, 'content-type': 'text/plain' }, body: lines });
    expect(ingested.status).toBe(200);
    const snmp = await create({ name: 'srv1-snmp', type: 'snmp', target: `127.0.0.1:${peers.snmpPort}`, device: 'srv1', settings: { community: SNMP_COMMUNITY } });
    expect(snmp.body.settings).toEqual({ community: '***' });
    await waitUntil(async () => (await check('srv1-snmp')).state === 'up');
    await check('srv1-snmp');
    const cap = await t.api<{
      logVolume: { series: Array<{ day: string; events: number }>; eventsTrend: { slopePerDay: number } | null };
      resources: Array<{ monitor: string; metric: string; series: Array<{ avg: number }>; trend: unknown }>;
    }>('GET', '/api/v1/tenants/acme/devices/srv1/capacity?days=7');
    expect(cap.status).toBe(200);
    expect(cap.body.logVolume.series).toHaveLength(7);
    expect(cap.body.logVolume.series.at(-1)!.events).toBe(25);
    expect(cap.body.logVolume.eventsTrend!.slopePerDay).toBeGreaterThan(0);
    const mem = cap.body.resources.find((r) => r.metric === 'mem_used_pct');
    expect(mem?.monitor).toBe('srv1-snmp');
    expect(mem!.series[0]!.avg).toBeGreaterThan(0);
    // an edit that sends the mask back keeps the community
    await t.api('PATCH', `${base}/srv1-snmp`, { settings: { community: '***' } });
    expect((await check('srv1-snmp')).state).toBe('up');
  });

  it('keeps tenants apart and needs the admin scope for changes', async () => {
    expect((await t.api('GET', base, undefined, otherToken)).status).toBe(404);
    expect((await t.api('GET', `${base}/web-port/history`, undefined, otherToken)).status).toBe(404);
    expect((await t.api('GET', '/api/v1/tenants/acme/devices/srv1/capacity', undefined, otherToken)).status).toBe(404);
    expect((await t.api('GET', base, undefined, readToken)).status).toBe(200);
    expect((await t.api('POST', base, { name: 'x', type: 'ping', target: '127.0.0.1' }, readToken)).status).toBe(403);
    expect((await t.api('DELETE', `${base}/web-port`, undefined, readToken)).status).toBe(403);
    expect((await t.api('POST', base, { name: 'bad', type: 'tcp', target: 'no-port' })).status).toBe(400);
    expect((await t.api('POST', base, { name: 'bad', type: 'http', target: 'http://127.0.0.1/', settings: { keywrd: 'x' } })).status).toBe(400);
  });

  it('mamori monitor create|list through the API; the scheduler checks on its own', async () => {
    const env = { ...process.env, MAMORI_URL: t.server.url, MAMORI_TOKEN: t.token, MAMORI_DATA_DIR: t.config.dataDir };
    const mamori = async (...args: string[]) => (await run('node', [BIN, ...args], { env })).stdout;
    const out = await mamori('monitor', 'create', '--tenant', 'acme', '--type', 'ping', '--target', '127.0.0.1', '--interval', '5s', '--timeout', '2s', '--retries', '0');
    expect(out).toContain('monitor ping-127.0.0.1 created (ping 127.0.0.1, every 5s): pending');
    await waitUntil(async () => (await t.api<Monitor>('GET', `${base}/ping-127.0.0.1`)).body.state === 'up', 12_000);
    const listed = JSON.parse(await mamori('monitor', 'list', '--tenant', 'acme', '--json')) as Monitor[];
    expect(listed.find((m) => m.name === 'ping-127.0.0.1')?.state).toBe('up');
    expect(listed.find((m) => m.name === 'patching')?.state).toBe('maintenance');
    const table = await mamori('monitor', 'list', '--tenant', 'acme');
    expect(table).toMatch(/^NAME\s+TYPE\s+TARGET/);
    expect(table).toMatch(/ping-127\.0\.0\.1\s+ping\s+127\.0\.0\.1\s+5s\s+up/);
    expect((await t.api('DELETE', `${base}/ping-127.0.0.1`)).status).toBe(204);
    expect((await t.api('GET', `${base}/ping-127.0.0.1`)).status).toBe(404);
  });
});
