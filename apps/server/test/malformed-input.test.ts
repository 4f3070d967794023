import net from 'node:net';
import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRaw, startTestServer, tenantWithDevice, waitUntil, type TestServer } from './helpers/test-server.ts';

function sendTcp(port: number, data: Buffer, destroyAfter = false): Promise<void> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1', () => {
      if (destroyAfter) sock.write(data, () => (sock.destroy(), resolve()));
      else sock.end(data, resolve);
    });
    sock.on('error', reject);
  });
}

describe('hostile and broken input', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
    await tenantWithDevice(t, 'acme', { addresses: ['127.0.0.1'] });
  });
  afterAll(() => t.close());

  const raw = () => exportRaw(t, 'acme');

  it('keeps binary garbage and invalid UTF-8 byte for byte, and keeps running', async () => {
    const garbage = Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0x00, 0x01, 0x1b, 0x5b, 0x33, 0x31, 0x6d]);
    await sendTcp(t.config.syslog.tcpPort, Buffer.concat([Buffer.from('<13>garbage:'), garbage, Buffer.from('\n')]));
    await waitUntil(async () => (await raw()).includes(garbage));
    expect((await t.api('GET', '/readyz', undefined, '')).status).toBe(200);
  });

  it('keeps a 1 MB line whole', async () => {
    const big = Buffer.from('<13>big ' + 'A'.repeat(1_000_000));
    await sendTcp(t.config.syslog.tcpPort, Buffer.concat([big, Buffer.from('\n')]));
    await waitUntil(async () => (await raw()).includes(big));
  });

  it('keeps a truncated octet-counted frame when the sender disconnects mid-frame', async () => {
    await sendTcp(t.config.syslog.tcpPort, Buffer.from('500 <13>1 - host app - - - cut off mid frame'), true);
    await waitUntil(async () => (await raw()).includes('cut off mid frame'));
  });

  it('keeps a UDP datagram of random bytes', async () => {
    const bytes = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919 + 13) % 256).filter((b) => b !== 0x0a && b !== 0x0d && b !== 0));
    const sock = dgram.createSocket('udp4');
    await new Promise<void>((resolve, reject) => sock.send(bytes, t.config.syslog.udpPort, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
    sock.close();
    await waitUntil(async () => (await raw()).includes(bytes));
  });

  it('records lines that do not parse with their error instead of dropping them', async () => {
    await sendTcp(t.config.syslog.tcpPort, Buffer.from('{"unterminated json\n'));
    await waitUntil(async () => (await raw()).includes('{"unterminated json'));
    const metrics = await (await fetch(`${t.server.url}/metrics`)).text();
    expect(metrics).toMatch(/mamori_events_received_total\{tenant="acme"/);
  });

  it('refuses an HTTP body over the limit with 413 and no partial storage', async () => {
    const small = await startTestServer({ http: { host: '127.0.0.1', port: 0, bodyLimitBytes: 1024 } });
    try {
      const { ingestToken } = await tenantWithDevice(small, 'acme');
      const res = await fetch(`${small.server.url}/api/v1/ingest`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ingestToken}`, 'content-type': 'text/plain' },
        body: 'x'.repeat(4096),
      });
      expect(res.status).toBe(413);
      expect((await exportRaw(small, 'acme')).length).toBe(0);
    } finally {
      await small.close();
    }
  });
});
