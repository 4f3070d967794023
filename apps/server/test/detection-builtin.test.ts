/** The built-in rules (DET-3) on parsed log lines, through the same TenantEngine the pipeline uses. */
import { parseLine } from '@mamori/parsers';
import { compileRuleSet } from '@mamori/sigma';
import { describe, expect, it } from 'vitest';
import { loadBuiltinRules } from '../src/modules/detection/builtin-rules.ts';
import { IndicatorMatcher } from '../src/modules/detection/indicator-matcher.ts';
import { TenantEngine, correlationTime } from '../src/modules/detection/tenant-engine.ts';
import type { PreparedEvent } from '../src/stores/events/event-batch.ts';

const T0 = Date.UTC(2026, 10, 22, 10, 0, 0);

function engine(): TenantEngine {
  const ruleSet = compileRuleSet(loadBuiltinRules().documents.map((d) => d.rule));
  return new TenantEngine({ ruleSet, disabled: new Set(), suppressions: [], indicators: new IndicatorMatcher([]) }, 1000);
}

function prepared(line: string, atMs: number): PreparedEvent {
  const outcome = parseLine('auto', line, { receivedAt: atMs, timezone: 'UTC' });
  return {
    deviceId: 1,
    receivedAt: atMs,
    ts: typeof outcome.fields['@timestamp'] === 'number' ? outcome.fields['@timestamp'] : atMs,
    format: outcome.format,
    parseError: null,
    sender: '127.0.0.1',
    raw: Buffer.from(line),
    text: line,
    fields: outcome.fields,
  };
}

const hhmmss = (ms: number) => new Date(ms).toISOString().slice(11, 19);
const fortigate = (ms: number, src: string, dst: string, dport: number, action = 'accept', proto = 6) =>
  `<189>date=2026-11-22 time=${hhmmss(ms)} devname="FGT" devid="FGT60FTK20000001" logid="0000000013" type="traffic" subtype="forward" srcip=${src} srcport=50000 dstip=${dst} dstport=${dport} proto=${proto} action="${action}" policyid=1`;
const sshFail = (ms: number, user: string, src: string) =>
  `<38>${new Date(ms).toUTCString().slice(8, 11)} 22 ${hhmmss(ms)} web1 sshd[1]: Failed password for ${user} from ${src} port 5555 ssh2`;

function titles(lines: Array<[string, number]>): string[] {
  return engine()
    .inspect(lines.map(([l, ms]) => prepared(l, ms)), T0)
    .map((d) => d.title);
}

describe('built-in detection rules', () => {
  it('brute force: ten failures for one account within five minutes, once per burst', () => {
    const lines = Array.from({ length: 12 }, (_, i): [string, number] => [sshFail(T0 + i * 10_000, 'root', `198.51.100.${i}`), T0]);
    expect(titles(lines).filter((t) => t.startsWith('Brute force'))).toHaveLength(1);
    expect(titles(lines.slice(0, 9)).filter((t) => t.startsWith('Brute force'))).toHaveLength(0);
  });

  it('password spraying: one source, ten accounts', () => {
    const lines = Array.from({ length: 10 }, (_, i): [string, number] => [sshFail(T0 + i * 1000, `user${i}`, '198.51.100.40'), T0]);
    expect(titles(lines)).toContain('Password spraying (one source, many accounts)');
  });

  it('worm-like scanning: one internal host reaches thirty internal hosts on SMB', () => {
    const lines = Array.from({ length: 30 }, (_, i): [string, number] => [fortigate(T0 + i * 1000, '10.1.1.5', `10.1.2.${i + 1}`, 445), T0]);
    expect(titles(lines)).toContain('Internal host scanning many internal hosts (worm-like)');
    const external = lines.map(([, ms], i): [string, number] => [fortigate(T0 + i * 1000, '10.1.1.5', `203.0.113.${i + 1}`, 445), ms]);
    expect(titles(external)).not.toContain('Internal host scanning many internal hosts (worm-like)');
  });

  it('ICMP flood: 300 ICMP sessions to one host within a minute', () => {
    const lines = Array.from({ length: 300 }, (_, i): [string, number] => [fortigate(T0 + i * 100, `198.51.100.${i % 200}`, '192.0.2.80', 0, 'accept', 1), T0]);
    expect(titles(lines)).toEqual(['ICMP flood against one host']);
  });

  it('SYN flood: 1,000 refused TCP attempts to one host within a minute', () => {
    const lines = Array.from({ length: 1000 }, (_, i): [string, number] => [fortigate(T0 + i * 50, `203.0.113.${i % 250}`, '192.0.2.81', 443, 'deny'), T0]);
    expect(titles(lines)).toContain('SYN flood against one host');
  });

  it('mining pools: a DNS query for a pool and a Stratum connection', () => {
    const dns = JSON.stringify({ timestamp: '2026-11-22T10:00:00Z', event_type: 'dns', src_ip: '10.0.0.5', dest_ip: '192.0.2.53', dns: { type: 'query', rrname: 'gulf.moneroocean.stream', rrtype: 'A' } });
    expect(titles([[dns, T0], [fortigate(T0, '10.0.0.5', '203.0.113.9', 14444), T0]])).toEqual([
      'Communication with a cryptocurrency mining pool',
      'Connection to a Stratum mining port',
    ]);
  });

  it('still expires idle correlation groups after an event stamped years ahead by a wrong device clock', () => {
    expect(correlationTime({ ts: T0 + 10 * 365 * 86_400_000, receivedAt: T0 })).toBe(T0);
    expect(correlationTime({ ts: T0 - 3_600_000, receivedAt: T0 })).toBe(T0 - 3_600_000);
    const future = prepared(fortigate(T0, '198.51.100.50', '192.0.2.50', 1, 'deny'), T0);
    future.ts = Date.UTC(2036, 0, 1);
    const e = engine();
    const burst = Array.from({ length: 100 }, (_, i) => prepared(fortigate(T0 + i, `198.51.100.${i}`, `192.0.2.${i}`, 80, 'deny'), T0 + i));
    e.inspect([future, ...burst], T0);
    expect(e.stats().groups).toBeGreaterThanOrEqual(100);
    const later = T0 + 20 * 60_000;
    e.inspect([prepared(fortigate(later, '198.51.100.200', '192.0.2.200', 80, 'deny'), later)], later);
    expect(e.stats().groups).toBeLessThan(10);
  });

  it('ordinary traffic raises nothing', () => {
    const lines = Array.from({ length: 200 }, (_, i): [string, number] => [fortigate(T0 + i * 100, `10.0.${i % 7}.${i % 250}`, '203.0.113.10', 443), T0]);
    expect(titles(lines)).toEqual([]);
  });
});
