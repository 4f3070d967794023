/** Each probe against a real peer on the loopback interface (never any other address). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dnsProbe } from '../src/modules/monitors/probes/dns.ts';
import { heartbeatProbe } from '../src/modules/monitors/probes/heartbeat.ts';
import { httpProbe } from '../src/modules/monitors/probes/http.ts';
import { pingProbe } from '../src/modules/monitors/probes/ping.ts';
import type { ProbeContext } from '../src/modules/monitors/probes/probe.ts';
import { snmpProbe } from '../src/modules/monitors/probes/snmp.ts';
import { tcpProbe } from '../src/modules/monitors/probes/tcp.ts';
import { waitUntil } from './helpers/test-server.ts';
import { SNMP_COMMUNITY, SNMP_USER, startPeers, type Peers } from './monitors-peers.ts';

function ctx(timeoutMs = 2000, extra: Partial<ProbeContext> = {}): ProbeContext {
  return { timeoutMs, signal: AbortSignal.timeout(timeoutMs), now: Date.now(), intervalMs: 60_000, ...extra };
}

describe('monitor probes against local peers', () => {
  let peers: Peers;
  beforeAll(async () => {
    peers = await startPeers();
    // The daemons are ready once they answer.
    await waitUntil(async () => (await dnsProbe.check('x.test.example', { server: `127.0.0.1:${peers.dnsPort}` }, ctx(500))).ok);
    await waitUntil(async () => (await snmpProbe.check(`127.0.0.1:${peers.snmpPort}`, { community: SNMP_COMMUNITY }, ctx(500))).ok);
  });
  afterAll(async () => peers?.close());

  it('ping answers from 127.0.0.1 with a round-trip time', async () => {
    const r = await pingProbe.check('127.0.0.1', {}, ctx());
    expect(r.ok).toBe(true);
    expect(r.latencyMs).toBeGreaterThan(0);
    expect(r.metrics?.packet_loss_pct).toBe(0);
    expect((await pingProbe.check('-c9', {}, ctx())).ok).toBe(false);
  });

  it('tcp: an open port is up, a closed one down', async () => {
    expect((await tcpProbe.check(`127.0.0.1:${peers.tcpPort}`, {}, ctx())).ok).toBe(true);
    const closed = await tcpProbe.check(`127.0.0.1:${peers.closedPort}`, {}, ctx());
    expect(closed.ok).toBe(false);
    expect(closed.message).toContain('ECONNREFUSED');
  });

  it('http: status, redirects, keyword, latency and timeout', async () => {
    const ok = await httpProbe.check(`${peers.http}/redirect`, { keyword: 'hello from mamori' }, ctx());
    expect(ok).toMatchObject({ ok: true, message: 'status 200 after 1 redirect(s)' });
    expect((await httpProbe.check(`${peers.http}/redirect`, { maxRedirects: 0, expectedStatus: [302] }, ctx())).ok).toBe(true);
    expect((await httpProbe.check(`${peers.http}/loop`, { maxRedirects: 3 }, ctx())).message).toBe('more than 3 redirects');
    expect((await httpProbe.check(`${peers.http}/missing`, {}, ctx())).message).toBe('status 404');
    expect((await httpProbe.check(`${peers.http}/ok`, { keyword: 'goodbye' }, ctx())).message).toContain("keyword 'goodbye' missing");
    expect((await httpProbe.check(`${peers.http}/ok`, { keyword: 'hello', invertKeyword: true }, ctx())).ok).toBe(false);
    expect((await httpProbe.check(`${peers.http}/slow`, { maxLatencyMs: 100 }, ctx())).message).toMatch(/^slow: \d+ ms > 100 ms$/);
    const hung = await httpProbe.check(`${peers.http}/hang`, {}, ctx(300));
    expect(hung).toMatchObject({ ok: false, message: 'no answer within 300 ms' });
  });

  it('https: measures certificate expiry, down when it is close, and verifies unless told not to', async () => {
    const soon = await httpProbe.check(`${peers.https}/ok`, { ignoreTls: true }, ctx());
    expect(soon.ok).toBe(false);
    expect(soon.message).toMatch(/^TLS certificate expires in (2\.\d|3\.0) days$/);
    expect(soon.metrics?.tls_days_left).toBeGreaterThan(2.9);
    expect(soon.metrics?.tls_days_left).toBeLessThanOrEqual(3);
    expect((await httpProbe.check(`${peers.https}/ok`, { ignoreTls: true, tlsExpiryDays: 2 }, ctx())).ok).toBe(true);
    const unverified = await httpProbe.check(`${peers.https}/ok`, {}, ctx());
    expect(unverified.ok).toBe(false);
    expect(unverified.message).toMatch(/self.signed|certificate/i);
  });

  it('dns: answers from the configured server, checked against the expected ones', async () => {
    const server = `127.0.0.1:${peers.dnsPort}`;
    const r = await dnsProbe.check('www.test.example', { server, expected: ['127.0.0.1'] }, ctx());
    expect(r).toMatchObject({ ok: true, message: 'A 127.0.0.1' });
    const wrong = await dnsProbe.check('www.test.example', { server, expected: ['10.9.9.9'] }, ctx());
    expect(wrong.ok).toBe(false);
    expect(wrong.message).toContain('expected 10.9.9.9');
  });

  it('snmp v2c: reachability, uptime, memory and interface counters; a wrong community times out', async () => {
    const target = `127.0.0.1:${peers.snmpPort}`;
    const first = await snmpProbe.check(target, { community: SNMP_COMMUNITY, interfaces: [1] }, ctx(1000, { device: { name: 'srv', kind: 'server', vendor: null, expectedIntervalSeconds: null, lastSeenAt: () => Promise.resolve(null) } }));
    expect(first.ok).toBe(true);
    expect(first.metrics?.uptime_s).toBeGreaterThanOrEqual(0);
    expect(first.metrics?.mem_used_pct).toBeGreaterThan(0);
    expect(first.metrics?.mem_used_pct).toBeLessThan(100);
    expect(first.metrics?.if1_in_octets).toBeGreaterThan(0);
    // a later sample turns counters into rates; sysUpTime going back reads as a restart
    const previous = { at: Date.now() - 10_000, metrics: { ...first.metrics!, uptime_s: 10_000_000, if1_in_octets: first.metrics!.if1_in_octets! - 1000 } };
    const second = await snmpProbe.check(target, { community: SNMP_COMMUNITY, interfaces: [1] }, ctx(1000, { previous, now: Date.now() }));
    expect(second.metrics?.restarted).toBe(1);
    expect(second.message).toMatch(/^restarted/);
    expect(second.metrics?.if1_in_bps).toBeGreaterThan(0);
    const wrong = await snmpProbe.check(target, { community: 'not-the-community' }, ctx(400));
    expect(wrong.ok).toBe(false);
  });

  it('snmp v3: authPriv user answers, a wrong key does not', async () => {
    const target = `127.0.0.1:${peers.snmpPort}`;
    const user = { name: SNMP_USER.name, authProtocol: 'sha' as const, authKey: SNMP_USER.authKey, privProtocol: 'aes' as const, privKey: SNMP_USER.privKey };
    const ok = await snmpProbe.check(target, { version: '3', user }, ctx(1000));
    expect(ok.ok).toBe(true);
    expect(ok.metrics?.uptime_s).toBeGreaterThanOrEqual(0);
    expect((await snmpProbe.check(target, { version: '3', user: { ...user, authKey: 'wrong-key-123' } }, ctx(500))).ok).toBe(false);
  });

  it('heartbeat: up while the last push is recent', async () => {
    const now = Date.now();
    expect((await heartbeatProbe.check('push', {}, ctx(1000, { now }))).ok).toBe(false);
    expect((await heartbeatProbe.check('push', {}, ctx(1000, { now, lastPushAt: now - 30_000 }))).ok).toBe(true);
    expect((await heartbeatProbe.check('push', {}, ctx(1000, { now, lastPushAt: now - 62_000 }))).ok).toBe(false);
  });
});
