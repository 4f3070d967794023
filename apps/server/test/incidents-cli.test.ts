/** `mamori incident list|show` and `mamori sla report` against a real server. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { alertsFromLines, STRUTS_IPS_LINE, tenantWithTokens } from './incidents-fixture.ts';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../cli/bin/mamori.js');

describe('incident and SLA commands', () => {
  let t: TestServer;
  let env: NodeJS.ProcessEnv;
  let id: number;
  let month: string;
  const mamori = async (...args: string[]) => (await run('node', [BIN, ...args], { env })).stdout;

  beforeAll(async () => {
    t = await startTestServer();
    const tokens = await tenantWithTokens(t, 'acme', 'globex');
    const alertIds = await alertsFromLines(t, 'acme', tokens.ingest, [STRUTS_IPS_LINE()], 1);
    const opened = await t.api<{ id: number; detectedAt: string }>('POST', '/api/v1/tenants/acme/incidents', { title: 'Struts on web01', type: 'web_framework_exploit', alertIds });
    id = opened.body.id;
    month = opened.body.detectedAt.slice(0, 7);
    await t.api('POST', `/api/v1/tenants/acme/incidents/${id}/transitions`, { to: 'investigating' });
    env = { ...process.env, MAMORI_URL: t.server.url, MAMORI_TOKEN: t.token, MAMORI_DATA_DIR: t.config.dataDir };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists and shows incidents', async () => {
    const rows = JSON.parse(await mamori('incident', 'list', '--tenant', 'acme', '--status', 'open', '--json')) as { id: number; status: string }[];
    expect(rows).toEqual([expect.objectContaining({ id, status: 'investigating' })]);
    const table = await mamori('incident', 'show', String(id), '--tenant', 'acme');
    expect(table).toContain('Struts on web01');
    expect(table).toContain('Block the attacking source (first aid)');
    expect(table).toMatch(/notify\s+15\s/);
  });

  it('prints the month’s SLA compliance and refuses a malformed month', async () => {
    const report = JSON.parse(await mamori('sla', 'report', '--tenant', 'acme', '--month', month, '--json')) as { compliance: { clock: string; running: number }[] };
    expect(report.compliance).toContainEqual(expect.objectContaining({ clock: 'notify', running: 1 }));
    const failed = await run('node', [BIN, 'sla', 'report', '--tenant', 'acme', '--month', '2026-1'], { env }).then(
      () => 0,
      (err: { code: number }) => err.code,
    );
    expect(failed).not.toBe(0);
  });
});
