import { describe, expect, it } from 'vitest';
import { IndicatorMatcher, type IndicatorEntry } from './indicator-matcher.ts';
import { canonicalIp, normaliseIndicator } from './indicator-values.ts';

let next = 1;
const entry = (type: IndicatorEntry['type'], value: string): IndicatorEntry => ({ id: next++, type, value, severity: 'high', description: null });

describe('indicator matching (DET-4)', () => {
  const matcher = new IndicatorMatcher([
    entry('ip', '192.0.2.1'),
    entry('ip', '2001:db8::1'),
    entry('cidr', '198.51.100.0/24'),
    entry('cidr', '10.20.0.0/16'),
    entry('cidr', '2001:db8:ff00::/40'),
    entry('domain', 'evil.example'),
    entry('url', 'http://evil.example/payload.exe'),
    entry('hash', '44d88612fea8a8f36de82e1278abb02f'),
    entry('account', 'svc-backup'),
  ]);
  const hit = (fields: Record<string, unknown>) => matcher.match(fields)?.map((h) => `${h.indicator.type}:${h.field}`);

  it('matches addresses exactly and inside CIDRs of any prefix length, both families', () => {
    expect(hit({ 'source.ip': '192.0.2.1' })).toEqual(['ip:source.ip']);
    expect(hit({ 'destination.ip': '198.51.100.200' })).toEqual(['cidr:destination.ip']);
    expect(hit({ 'destination.ip': '10.20.255.1' })).toEqual(['cidr:destination.ip']);
    expect(hit({ 'destination.ip': '10.21.0.1' })).toBeUndefined();
    expect(hit({ 'source.ip': '2001:0db8:0:0:0:0:0:1' })).toEqual(['ip:source.ip']);
    expect(hit({ 'source.ip': '2001:db8:ff12::9' })).toEqual(['cidr:source.ip']);
    expect(hit({ 'source.ip': '2001:db8:fe00::9' })).toBeUndefined();
  });

  it('matches domains and their subdomains, URLs, hashes and accounts case-insensitively', () => {
    expect(hit({ 'dns.question.name': 'A.Evil.Example' })).toEqual(['domain:dns.question.name']);
    expect(hit({ 'dns.question.name': 'notevil.example' })).toBeUndefined();
    expect(hit({ 'url.original': 'http://evil.example/payload.exe' })).toEqual(['url:url.original']);
    expect(hit({ 'file.hash.md5': '44D88612FEA8A8F36DE82E1278ABB02F' })).toEqual(['hash:file.hash.md5']);
    expect(hit({ 'user.name': 'SVC-Backup' })).toEqual(['account:user.name']);
  });

  it('costs nothing for a tenant without indicators', () => {
    expect(new IndicatorMatcher([]).match({ 'source.ip': '192.0.2.1' })).toBeUndefined();
  });

  it('validates and normalises values with messages a person can act on', () => {
    expect(normaliseIndicator('ip', ' 192.0.2.1 ')).toEqual({ value: '192.0.2.1' });
    expect(normaliseIndicator('ip', '192.0.2.300')).toEqual({ error: '"192.0.2.300" is not an IPv4 or IPv6 address' });
    expect(normaliseIndicator('cidr', '10.0.0.0/33')).toEqual({ error: '"10.0.0.0/33": the prefix length is out of range' });
    expect(normaliseIndicator('domain', 'Evil.Example.')).toEqual({ value: 'evil.example' });
    expect(normaliseIndicator('hash', 'xyz')).toHaveProperty('error');
    expect(canonicalIp('2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
  });
});
