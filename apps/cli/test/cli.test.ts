import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MamoriProcess } from '../../../e2e/support/mamori-process.ts';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../bin/mamori.js');

describe('the mamori command against a running server', () => {
  let server: MamoriProcess;
  let env: NodeJS.ProcessEnv;
  const work = mkdtempSync(path.join(tmpdir(), 'mamori-cli-'));
  const mamori = async (...args: string[]) => (await run('node', [BIN, ...args], { env, maxBuffer: 64 * 1024 * 1024 })).stdout;

  beforeAll(async () => {
    server = await MamoriProcess.start();
    env = { ...process.env, MAMORI_URL: server.url, MAMORI_TOKEN: server.token, MAMORI_DATA_DIR: server.dataDir };
  });
  afterAll(async () => {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('creates a tenant, a device and a token, imports a gzip file and exports it byte for byte', async () => {
    expect(await mamori('tenant', 'create', 'acme', '--name', 'ACME 株式会社')).toContain('created');
    await mamori('device', 'create', '--tenant', 'acme', '--name', 'fw1', '--format', 'auto', '--timezone', 'Asia/Tokyo');
    const token = (await mamori('token', 'create', '--tenant', 'acme', '--device', 'fw1', '--scope', 'ingest')).trim();
    expect(token).toMatch(/^mmr_ingest_/);
    const lines = ['<13>Nov 22 10:00:00 fw1 app: first', 'date=2026-11-22 time=10:00:01 devname="FG" srcip=10.0.0.1 action="deny"', 'ユーザー 山田 ログイン失敗'];
    const file = path.join(work, 'evidence.log.gz');
    writeFileSync(file, gzipSync(lines.join('\n') + '\n'));
    expect(await mamori('import', '--tenant', 'acme', '--device', 'fw1', file)).toContain('3 lines stored');
    expect(await mamori('export', '--tenant', 'acme', '--raw')).toBe(lines.join('\n') + '\n');
    const ndjson = (await mamori('export', '--tenant', 'acme', '--ndjson')).trim().split('\n');
    expect(ndjson).toHaveLength(3);
    expect(await mamori('tenant', 'list', '--json')).toContain('"slug": "acme"');
  });

  it('verifies through the API while the server holds the data dir', async () => {
    expect(await mamori('verify', '--tenant', 'acme')).toMatch(/^intact: \d+ batches, 3 events re-hashed/);
  });

  it('reports API errors with the problem detail and a non-zero exit', async () => {
    const failure = await mamori('device', 'list', '--tenant', 'nope').then(
      () => undefined,
      (err: { stderr: string; code: number }) => err,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toContain('404');
  });

  it('stores everything already received when stopped with SIGTERM', async () => {
    await mamori('device', 'create', '--tenant', 'acme', '--name', 'bulk', '--format', 'auto', '--address', '127.0.0.1');
    const count = 20_000;
    const payload = Array.from({ length: count }, (_, i) => `<13>Nov 22 10:00:00 bulk app: line ${i}`).join('\n') + '\n';
    await new Promise<void>((resolve, reject) => {
      const sock = net.connect(server.syslogPort, '127.0.0.1', () => sock.end(payload, resolve));
      sock.on('error', reject);
    });
    await server.stop('SIGTERM', true);
    server = await MamoriProcess.start({}, { dataDir: server.dataDir });
    env = { ...env, MAMORI_URL: server.url, MAMORI_TOKEN: server.token };
    const raw = await mamori('export', '--tenant', 'acme', '--device', 'bulk', '--raw');
    expect(raw.split('\n').filter((l) => l.includes('bulk app: line')).length).toBe(count);
  });
});
