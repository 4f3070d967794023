import { describe, expect, it } from 'vitest';
import { parseAsnLine } from './asn-table.ts';
import { classifyIp } from './ip-class.ts';
import { IpIntel } from './ip-intel.ts';

describe('classifyIp', () => {
  it('labels special-purpose blocks and calls the rest public', () => {
    expect(classifyIp('10.1.2.3')).toBe('private');
    expect(classifyIp('172.31.255.255')).toBe('private');
    expect(classifyIp('172.32.0.1')).toBe('public');
    expect(classifyIp('192.168.1.1')).toBe('private');
    expect(classifyIp('127.0.0.1')).toBe('loopback');
    expect(classifyIp('100.64.1.1')).toBe('shared');
    expect(classifyIp('203.0.113.7')).toBe('documentation');
    expect(classifyIp('fe80::1')).toBe('link-local');
    expect(classifyIp('fd00::1')).toBe('unique-local');
    expect(classifyIp('2001:4860:4860::8888')).toBe('public');
    expect(classifyIp('8.8.8.8')).toBe('public');
    expect(classifyIp('not-an-ip')).toBeUndefined();
  });
});

describe('parseAsnLine', () => {
  it('reads quoted organisations with commas and doubled quotes', () => {
    expect(parseAsnLine('16777216,16777471,13335,"Cloudflare, Inc."')).toEqual({ start: '16777216', end: '16777471', asn: 13335, org: 'Cloudflare, Inc.' });
    expect(parseAsnLine('1,2,3,"The ""Best"" ISP"')?.org).toBe('The "Best" ISP');
    expect(parseAsnLine('garbage')).toBeUndefined();
  });
});

describe('IpIntel against the pinned databases', () => {
  const intel = new IpIntel();
  it('finds country and ASN of public IPv4 and IPv6 addresses', async () => {
    const google = await intel.lookup('8.8.8.8');
    expect(google).toMatchObject({ class: 'public', country: 'US', asn: 15169 });
    expect(google?.org).toMatch(/google/i);
    expect(await intel.lookup('1.0.0.1')).toMatchObject({ asn: 13335 });
    expect(await intel.lookup('2001:4860:4860::8888')).toMatchObject({ country: 'US', asn: 15169 });
    const dbs = await intel.databases();
    expect(dbs.country.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(dbs.asn.version).toMatch(/^\d+\.\d+\.\d+/);
  }, 60_000);

  it('does not look up private addresses', async () => {
    expect(await intel.lookup('192.168.10.20')).toEqual({ ip: '192.168.10.20', class: 'private' });
  });
});
