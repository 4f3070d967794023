import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLogSilence } from '../src/jobs/log-silence.job.ts';
import { exportRaw, startTestServer, waitUntil, type TestServer } from './helpers/test-server.ts';

function sendTcp(port: number, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1', () => sock.end(text, resolve));
    sock.on('error', reject);
  });
}

describe('routing, unassigned senders and log silence', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
    await t.api('POST', '/api/v1/tenants', { slug: 'acme' });
    await t.api('POST', '/api/v1/tenants', { slug: 'globex' });
  });
  afterAll(() => t.close());

  it('routes by syslog hostname when no address matches', async () => {
    await t.api('POST', '/api/v1/tenants/globex/devices', { name: 'web1', format: 'auto', hostname: 'web1.globex.example' });
    await sendTcp(t.config.syslog.tcpPort, '<13>Nov 22 10:00:00 web1.globex.example nginx: routed by hostname\n');
    await waitUntil(async () => (await exportRaw(t, 'globex')).includes('routed by hostname'));
  });

  it('keeps lines from unknown senders in the unassigned area and re-files them on assignment', async () => {
    await sendTcp(t.config.syslog.tcpPort, '<13>Nov 22 10:00:01 stranger app: who am i\n<13>Nov 22 10:00:02 stranger app: second line\n');
    let list: Array<{ sender: string; hostname: string; messages: number }> = [];
    await waitUntil(async () => {
      list = (await t.api<typeof list>('GET', '/api/v1/unassigned')).body;
      return list.some((u) => u.hostname === 'stranger');
    });
    const entry = list.find((u) => u.hostname === 'stranger')!;
    expect(entry).toMatchObject({ sender: '127.0.0.1', messages: 2 });

    await t.api('POST', '/api/v1/tenants/acme/devices', { name: 'fw1', format: 'auto' });
    const assigned = await t.api<{ refiled: number }>('POST', '/api/v1/unassigned/assign', {
      sender: '127.0.0.1',
      hostname: 'stranger',
      tenant: 'acme',
      device: 'fw1',
    });
    expect(assigned.body.refiled).toBe(2);
    const acme = (await exportRaw(t, 'acme')).toString();
    expect(acme).toContain('who am i');
    expect(acme).toContain('second line');
    expect((await t.api<{ intact: boolean }>('GET', '/api/v1/tenants/acme/verify')).body.intact).toBe(true);

    await sendTcp(t.config.syslog.tcpPort, '<13>Nov 22 10:00:03 stranger app: now routed\n');
    await waitUntil(async () => (await exportRaw(t, 'acme')).includes('now routed'));
    const unassigned = await t.api<typeof list>('GET', '/api/v1/unassigned');
    expect(unassigned.body.some((u) => u.hostname === 'stranger')).toBe(false);
  });

  it('raises a log-silence alert for a quiet device and resolves it when logs return', async () => {
    await t.api('POST', '/api/v1/tenants/acme/devices', { name: 'quiet', format: 'auto', hostname: 'quiet-fw', expectedIntervalSeconds: 60 });
    const db = t.server.control.db;
    const later = Date.now() + 5 * 60_000;
    expect((await checkLogSilence(db, later)).opened).toBe(1);
    expect((await checkLogSilence(db, later + 60_000)).opened).toBe(0);
    const open = await t.api<Array<{ kind: string; status: string; occurrences: number }>>('GET', '/api/v1/tenants/acme/alerts?status=open');
    expect(open.body).toEqual([expect.objectContaining({ kind: 'log_silence', status: 'open', occurrences: 2 })]);

    await sendTcp(t.config.syslog.tcpPort, '<13>Nov 22 10:00:04 quiet-fw app: back again\n');
    await waitUntil(async () => {
      const d = await db.selectFrom('devices').select('last_seen_at').where('name', '=', 'quiet').executeTakeFirst();
      return d?.last_seen_at != null;
    });
    expect((await checkLogSilence(db, Date.now())).resolved).toBe(1);
    const resolved = await t.api<Array<{ status: string }>>('GET', '/api/v1/tenants/acme/alerts?status=resolved');
    expect(resolved.body).toHaveLength(1);
  });
});
