/** The audit log against a real server: what is written, who may read it, export safety, and tamper detection. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../src/modules/audit/audit-log.ts';
import { CONTROL_FILE } from '../src/modules/system/backup.ts';
import { CONTROL_ENGINES, controlStoreFor } from './helpers/postgres.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../cli/bin/mamori.js');

interface Entry {
  seq: number;
  actor: string;
  tenant: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  outcome: string;
  before: unknown;
  after: unknown;
  details: Record<string, unknown> | null;
}
interface Page {
  entries: Entry[];
  nextBefore: number | null;
}

describe.each(CONTROL_ENGINES)('audit log on %s', (engine) => {
  let t: TestServer;
  let drop: () => Promise<void>;
  let acmeAdmin: string;
  let tokenSecret: string;
  const audit = (query = '', token?: string) => t.api<Page>('GET', `/api/v1/audit${query}`, undefined, token);

  beforeAll(async () => {
    const store = await controlStoreFor(engine);
    drop = store.drop;
    t = await startTestServer({ controlStore: store.controlStore });
    for (const slug of ['acme', 'globex']) expect((await t.api('POST', '/api/v1/tenants', { slug })).status).toBe(201);
    expect((await t.api('POST', '/api/v1/tenants/acme/devices', { name: 'fw1', format: 'auto' })).status).toBe(201);
    expect((await t.api('POST', '/api/v1/tenants/globex/devices', { name: 'gw1', format: 'auto' })).status).toBe(201);
    expect((await t.api('POST', '/api/v1/tenants', { slug: 'acme' })).status).toBe(409);
    const created = await t.api<{ token: string }>('POST', '/api/v1/tokens', { tenant: 'acme', scope: 'admin' });
    acmeAdmin = tokenSecret = created.body.token;
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await drop();
  });

  it('writes every change with who, what, where from and the outcome', async () => {
    const { body } = await audit('?limit=1000');
    const actions = body.entries.map((e) => `${e.action} ${e.tenant ?? '-'} ${e.outcome}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'tenants.create - success',
        'devices.create acme success',
        'devices.create globex success',
        'tenants.create - failure',
        'tokens.create - success',
      ]),
    );
    const device = body.entries.find((e) => e.action === 'devices.create' && e.tenant === 'acme')!;
    expect(device.actor).toMatch(/^token:\d+$/);
    expect(device.ip).toBe('127.0.0.1');
    expect(device.target).toBe('/api/v1/tenants/acme/devices');
    expect(device.details).toMatchObject({ method: 'POST', route: '/api/v1/tenants/:slug/devices', status: 201 });
  });

  it('never stores request bodies or secrets: the new token is nowhere in the log', async () => {
    const res = await fetch(`${t.server.url}/api/v1/audit/export?format=ndjson`, {
      headers: { authorization: `Bearer ${t.token}` },
    });
    const text = await res.text();
    expect(text).not.toContain(tokenSecret);
    expect(text).not.toContain(t.token);
  });

  it('redacts secret fields of before/after and keeps ids', async () => {
    const log = new AuditLog(t.server.control);
    await log.record({
      actor: 'user:taro',
      tenantId: null,
      action: 'user.update',
      target: 'user:7',
      outcome: 'success',
      before: { password: 'hunter2', totpSecret: 'JBSWY3DP' },
      after: { nested: { apiToken: 'mamori_x' }, tokenId: 3 },
    });
    const [entry] = (await audit('?action=user.update')).body.entries;
    expect(entry!.before).toEqual({ password: '[redacted]', totpSecret: '[redacted]' });
    expect(entry!.after).toEqual({ nested: { apiToken: '[redacted]' }, tokenId: 3 });
  });

  it('writes each read of tenant data by provider staff as tenant.access, not reads by the tenant itself', async () => {
    expect((await t.api('GET', '/api/v1/tenants/globex/devices')).status).toBe(200);
    expect((await t.api('GET', `/api/v1/search?tenants=acme,globex&q=`)).status).toBe(200);
    expect((await t.api('GET', '/api/v1/tenants/acme/devices', undefined, acmeAdmin)).status).toBe(200);
    const access = (await audit('?action=tenant.access')).body.entries;
    const seen = access.map((e) => `${e.tenant} ${String(e.details?.route)}`);
    expect(seen).toEqual(
      expect.arrayContaining(['globex /api/v1/tenants/:slug/devices', 'acme /api/v1/search', 'globex /api/v1/search']),
    );
    expect(
      access.filter((e) => e.tenant === 'acme' && e.details?.route === '/api/v1/tenants/:slug/devices'),
    ).toHaveLength(0);
  });

  it('shows a customer admin only their own tenant, and another tenant not at all', async () => {
    const own = (await audit('?limit=1000', acmeAdmin)).body.entries;
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(own.map((e) => e.tenant))).toEqual(new Set(['acme']));
    expect((await audit('?tenant=globex', acmeAdmin)).status).toBe(404);
    expect((await t.api('GET', '/api/v1/audit/verify', undefined, acmeAdmin)).status).toBe(403);
  });

  it('pages newest first without gaps or repeats', async () => {
    const all = (await audit('?limit=1000')).body.entries.map((e) => e.seq);
    const paged: number[] = [];
    let before: number | null = null;
    do {
      const { body }: { body: Page } = await audit(`?limit=3${before ? `&before=${before}` : ''}`);
      paged.push(...body.entries.map((e) => e.seq));
      before = body.nextBefore;
    } while (before !== null);
    expect(paged).toEqual(all);
  });

  it('exports CSV that a spreadsheet cannot run', async () => {
    await new AuditLog(t.server.control).record({
      actor: '=HYPERLINK("http://evil")',
      tenantId: null,
      action: 'probe.csv',
      target: '@SUM(1)',
      outcome: 'success',
    });
    const res = await fetch(`${t.server.url}/api/v1/audit/export?format=csv&action=probe.csv`, {
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const [header, row] = (await res.text()).trim().split('\r\n');
    expect(header).toBe('seq,at,actor,party,tenant,action,target,ip,outcome,before,after,details,prevHash,hash');
    expect(row).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(row).toContain(`"'@SUM(1)"`);
  });

  it('keeps one chain with several writers at once', async () => {
    const writers = [new AuditLog(t.server.control), new AuditLog(t.server.control), new AuditLog(t.server.control)];
    await Promise.all(
      writers.flatMap((w, i) =>
        Array.from({ length: 20 }, (_, n) =>
          w.record({
            actor: `system:w${i}`,
            tenantId: null,
            action: 'probe.concurrent',
            target: `n:${n}`,
            outcome: 'success',
          }),
        ),
      ),
    );
    const verified = await new AuditLog(t.server.control).verify();
    expect(verified.ok).toBe(true);
    expect((await audit('?action=probe.concurrent&limit=1000')).body.entries).toHaveLength(60);
  });

  it('mamori audit verify passes an intact log and names the first entry changed behind its back', async () => {
    const env = {
      ...process.env,
      MAMORI_DATA_DIR: t.config.dataDir,
      MAMORI_CONTROL_STORE_URL: t.config.controlStore.url ?? '',
    };
    const intact = await run('node', [BIN, 'audit', 'verify'], { env });
    expect(intact.stdout).toMatch(/audit log intact: \d+ entries/);

    const victim = (await audit('?action=devices.create&tenant=acme')).body.entries[0]!.seq;
    await tamper(t, `UPDATE audit_log SET actor = 'user:nobody' WHERE seq = ${victim}`);
    const broken = await run('node', [BIN, 'audit', 'verify', '--json'], { env }).catch(
      (err: { code: number; stdout: string }) => err,
    );
    expect('code' in broken ? broken.code : 0).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({
      ok: false,
      broken: { seq: victim, reason: 'content does not match its hash' },
    });
    expect((await t.api<{ broken: { seq: number } }>('GET', '/api/v1/audit/verify')).body.broken.seq).toBe(victim);
  });
});

/** Changes a row the way an intruder with database access would: straight in the store, not through Mamori. */
async function tamper(t: TestServer, statement: string): Promise<void> {
  const url = t.config.controlStore.url;
  if (!url) {
    const db = new Database(path.join(t.config.dataDir, CONTROL_FILE));
    db.exec(statement);
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(statement);
  await client.end();
}
