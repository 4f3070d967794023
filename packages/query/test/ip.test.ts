import { describe, expect, it } from 'vitest';
import { ipToNumber, parseCidr } from '../src/ip.ts';

describe('ipToNumber', () => {
  it('maps IPv4 into ::ffff:0:0/96', () => {
    expect(ipToNumber('0.0.0.0')).toBe(0xffff00000000n);
    expect(ipToNumber('10.1.2.3')).toBe(0xffff00000000n + 0x0a010203n);
    expect(ipToNumber('255.255.255.255')).toBe(0xffffffffffffn);
    expect(ipToNumber('::ffff:10.1.2.3')).toBe(ipToNumber('10.1.2.3'));
  });

  it('reads every IPv6 spelling of the same address alike', () => {
    const n = ipToNumber('2001:db8::1');
    expect(n).toBe(0x20010db8000000000000000000000001n);
    expect(ipToNumber('2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe(n);
    expect(ipToNumber('::')).toBe(0n);
    expect(ipToNumber('::1')).toBe(1n);
    expect(ipToNumber('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toBe((1n << 128n) - 1n);
    expect(ipToNumber('1::')).toBe(1n << 112n);
  });

  it('rejects what is not an address', () => {
    for (const bad of ['', '1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.a', ':::', '1:2:3:4:5:6:7:8:9', '1::2::3', 'fe80::1%eth0', 'gggg::', '1.2.3.4::', 'example.com', '12345::']) {
      expect(ipToNumber(bad), bad).toBeUndefined();
    }
  });
});

describe('parseCidr', () => {
  it('gives inclusive ranges and ignores host bits', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ low: ipToNumber('10.0.0.0'), high: ipToNumber('10.255.255.255') });
    expect(parseCidr('10.1.2.3/8')).toEqual(parseCidr('10.0.0.0/8'));
    expect(parseCidr('0.0.0.0/0')).toEqual({ low: ipToNumber('0.0.0.0'), high: ipToNumber('255.255.255.255') });
    expect(parseCidr('2001:db8::/32')).toEqual({ low: ipToNumber('2001:db8::'), high: ipToNumber('2001:db8:ffff:ffff:ffff:ffff:ffff:ffff') });
    expect(parseCidr('::/0')).toEqual({ low: 0n, high: (1n << 128n) - 1n });
    expect(parseCidr('1.2.3.4')).toEqual({ low: ipToNumber('1.2.3.4'), high: ipToNumber('1.2.3.4') });
  });

  it('tells a bad prefix from a non-address', () => {
    expect(parseCidr('10.0.0.0/33')).toBe('invalid-prefix');
    expect(parseCidr('::/129')).toBe('invalid-prefix');
    expect(parseCidr('10.0.0.0/')).toBe('invalid-prefix');
    expect(parseCidr('10.0.0.0/x')).toBe('invalid-prefix');
    expect(parseCidr('/admin/login')).toBeUndefined();
  });
});
