/** `mamori rules import|list`, `mamori alerts list` against a real server, with events arriving over syslog. */
import { execFile } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, tenantWithDevice, waitUntil, type TestServer } from './helpers/test-server.ts';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../cli/bin/mamori.js');

const RULE = `title: Telnet allowed through the firewall
id: 0b0e5a52-3d55-4b55-9d0a-5c1f3e0e7d21
author: Taro Yamada
tags: [attack.initial_access, attack.t1133]
logsource: {category: firewall}
detection:
  selection:
    dst_port: 23
    event.type: allowed
  condition: selection
level: medium
`;

describe('detection from the command line, events over syslog', () => {
  let t: TestServer;
  let env: NodeJS.ProcessEnv;
  const work = mkdtempSync(path.join(tmpdir(), 'mamori-rules-'));
  const mamori = async (...args: string[]) => (await run('node', [BIN, ...args], { env })).stdout;

  beforeAll(async () => {
    t = await startTestServer();
    await tenantWithDevice(t, 'acme', { addresses: ['127.0.0.1'] });
    env = { ...process.env, MAMORI_URL: t.server.url, MAMORI_TOKEN: t.token, MAMORI_DATA_DIR: t.config.dataDir };
  });
  afterAll(async () => {
    await t.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('imports a directory of rules into the library and lists them with their authors', async () => {
    writeFileSync(path.join(work, 'telnet.yml'), RULE);
    writeFileSync(path.join(work, 'broken.yaml'), 'title: broken\nid: x-1\nlogsource: {}\n');
    const failed = await run('node', [BIN, 'rules', 'import', work], { env }).then(
      () => undefined,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toContain('1 rules imported into the library (0 replaced), 1 rejected');
    expect(failed?.stderr).toContain('rejected: broken.yaml (x-1)');
    const listed = JSON.parse(await mamori('rules', 'list', '--json')) as Array<{ id: string; author: string; owner: string }>;
    expect(listed.find((r) => r.id === '0b0e5a52-3d55-4b55-9d0a-5c1f3e0e7d21')).toMatchObject({ author: 'Taro Yamada', owner: 'library' });
    expect(listed.filter((r) => r.owner === 'builtin').length).toBeGreaterThanOrEqual(10);
    expect(await mamori('rules', 'list', '--tenant', 'acme')).toMatch(/Telnet allowed through the firewall\s+Taro Yamada/);
  });

  it('raises the alert from a syslog line and shows it in `mamori alerts list`', async () => {
    const now = new Date();
    const line =
      `<189>date=${now.toISOString().slice(0, 10)} time=${now.toISOString().slice(11, 19)} devname="FGT60F" devid="FGT60FTK20000001" ` +
      'logid="0000000013" type="traffic" subtype="forward" srcip=198.51.100.23 srcport=40000 dstip=192.0.2.23 dstport=23 proto=6 action="accept" policyid=9';
    const sock = dgram.createSocket('udp4');
    await new Promise<void>((resolve, reject) => sock.send(line, t.config.syslog.udpPort, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
    sock.close();
    await waitUntil(async () => (await t.api<unknown[]>('GET', '/api/v1/tenants/acme/alerts')).body.length > 0);
    const rows = JSON.parse(await mamori('alerts', 'list', '--tenant', 'acme', '--json')) as Array<{ title: string; rule: { author: string } | null; source: string }>;
    expect(rows[0]).toMatchObject({ title: 'Telnet allowed through the firewall', rule: { author: 'Taro Yamada' }, source: '198.51.100.23' });
    expect(await mamori('alerts', 'list', '--tenant', 'acme', '--kind', 'sigma')).toMatch(/Telnet allowed through the firewall.*Taro Yamada/);
  });

  it('imports an indicator feed and retro-hunts the line already stored', async () => {
    const feed = path.join(work, 'feed.txt');
    writeFileSync(feed, '# bad sources\n198.51.100.23\n203.0.113.200\nnot-an-address\n');
    const out = await run('node', [BIN, 'indicator', 'import', feed, '--tenant', 'acme', '--type', 'ip'], { env });
    expect(out.stdout).toContain('2 indicators added, 1 rejected; retro-hunt found 1 events');
    expect(out.stderr).toContain('rejected: not-an-address');
  });
});
