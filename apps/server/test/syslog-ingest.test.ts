import { execFile, spawn } from 'node:child_process';
import net from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRaw, startTestServer, tenantWithDevice, waitUntil, type TestServer } from './helpers/test-server.ts';

const run = promisify(execFile);

describe('syslog listeners with real senders', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
    await tenantWithDevice(t, 'acme', { addresses: ['127.0.0.1'], timezone: 'Asia/Tokyo' });
  });
  afterAll(() => t.close());

  const stored = async () => (await exportRaw(t, 'acme')).toString('utf8');

  it('stores RFC 3164 and RFC 5424 messages sent by logger over UDP', async () => {
    const port = String(t.config.syslog.udpPort);
    await run('logger', ['-n', '127.0.0.1', '-P', port, '-d', '--rfc3164', '-t', 'sshd', 'udp 3164 message']);
    await run('logger', ['-n', '127.0.0.1', '-P', port, '-d', '--rfc5424', '-t', 'app', 'udp 5424 message']);
    await waitUntil(async () => (await stored()).includes('udp 5424 message') && (await stored()).includes('udp 3164 message'));
    const lines = (await stored()).split('\n');
    expect(lines.find((l) => l.includes('udp 3164'))).toMatch(/^<13>\w{3} [ \d]\d \d\d:\d\d:\d\d \S+ sshd: udp 3164 message$/);
  });

  it('stores messages sent by logger over TCP with octet counting and with newline framing', async () => {
    const port = String(t.config.syslog.tcpPort);
    await run('logger', ['-n', '127.0.0.1', '-P', port, '-T', '--octet-count', '--rfc5424', 'tcp octet counted']);
    await run('logger', ['-n', '127.0.0.1', '-P', port, '-T', '--rfc3164', 'tcp newline framed']);
    await waitUntil(async () => {
      const s = await stored();
      return s.includes('tcp octet counted') && s.includes('tcp newline framed');
    });
  });

  it('stores messages sent over TLS (RFC 5425) by openssl s_client against the self-signed certificate', async () => {
    const port = String(t.config.syslog.tlsPort);
    const message = '<134>1 2026-11-22T10:00:00Z fw1 app - - - over tls';
    const frame = `${Buffer.byteLength(message)} ${message}`;
    await new Promise<void>((resolve, reject) => {
      const child = spawn('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-CAfile', t.server.tlsCertPath!, '-verify_return_error', '-no_ign_eof'], {
        stdio: ['pipe', 'ignore', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.stdin.end(frame);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`openssl exited ${code}: ${err}`))));
    });
    await waitUntil(async () => (await stored()).includes('over tls'));
    expect((await stored()).split('\n')).toContain(message);
  });

  it('parses in the device timezone and keeps event and receive time', async () => {
    const sock = net.connect(t.config.syslog.tcpPort, '127.0.0.1');
    sock.end('<190>date=2026-11-22 time=09:30:00 devname="FGT" type="traffic" srcip=192.0.2.1 dstip=198.51.100.2 dstport=443 action="deny"\n');
    let doc: Record<string, unknown> | undefined;
    await waitUntil(async () => {
      const res = await fetch(`${t.server.url}/api/v1/tenants/acme/export?format=ndjson`, { headers: { authorization: `Bearer ${t.token}` } });
      const line = (await res.text()).split('\n').find((l) => l.includes('192.0.2.1'));
      doc = line ? (JSON.parse(line) as Record<string, unknown>) : undefined;
      return doc !== undefined;
    });
    expect(doc!['@timestamp']).toBe('2026-11-22T00:30:00.000Z');
    expect((doc!.event as Record<string, unknown>).ingested).toMatch(/^20\d\d-/);
    expect((doc!.source as Record<string, unknown>).ip).toBe('192.0.2.1');
  });
});
