import { describe, expect, it } from 'vitest';
import { matcher, rejection } from './helpers/fixture-rules.ts';

describe('cidr', () => {
  it('matches IPv4 and IPv6 networks and nothing that is not an address', () => {
    const m = matcher("s:\n  DestinationIp|cidr:\n    - 10.0.0.0/8\n    - 'fd00::/8'\ncondition: s");
    expect(m({ DestinationIp: '10.200.1.1' })).toBe(true);
    expect(m({ DestinationIp: '11.0.0.1' })).toBe(false);
    expect(m({ DestinationIp: 'fd12:3456::1' })).toBe(true);
    expect(m({ DestinationIp: 'fe80::1' })).toBe(false);
    expect(m({ DestinationIp: 'not-an-ip' })).toBe(false);
    expect(m({ DestinationIp: '::ffff:10.1.2.3' })).toBe(true);
  });

  it('reads ECS names for taxonomy fields (dst_ip → destination.ip)', () => {
    const m = matcher('s:\n  dst_ip|cidr: 192.168.0.0/16\ncondition: s');
    expect(m({ 'destination.ip': '192.168.4.4' })).toBe(true);
  });

  it('rejects a malformed network', () => {
    expect(rejection('s:\n  F|cidr: 10.0.0.0/40\ncondition: s')).toMatch(/bad prefix/);
  });
});

describe('exists, null and empty values', () => {
  it('exists: true / false checks presence, whatever the value', () => {
    expect(matcher('s:\n  F|exists: true\ncondition: s')({ F: '' })).toBe(true);
    expect(matcher('s:\n  F|exists: true\ncondition: s')({})).toBe(false);
    expect(matcher('s:\n  F|exists: false\ncondition: s')({})).toBe(true);
  });

  it('null matches a missing field; an empty string matches only an empty value', () => {
    const isNull = matcher('s:\n  F: null\ncondition: s');
    expect(isNull({})).toBe(true);
    expect(isNull({ F: '' })).toBe(false);
    const isEmpty = matcher("s:\n  F: ''\ncondition: s");
    expect(isEmpty({ F: '' })).toBe(true);
    expect(isEmpty({})).toBe(false);
  });

  it('a missing field never matches a value, so "not" of it does', () => {
    const m = matcher('s:\n  A: x\nf:\n  B: y\ncondition: s and not f');
    expect(m({ A: 'x' })).toBe(true);
    expect(m({ A: 'x', B: 'Y' })).toBe(false);
  });
});

describe('numeric and time comparisons', () => {
  it('lt / lte / gt / gte compare numbers, hex included', () => {
    expect(matcher('s:\n  N|gt: 10\ncondition: s')({ N: 11 })).toBe(true);
    expect(matcher('s:\n  N|gt: 10\ncondition: s')({ N: '10' })).toBe(false);
    expect(matcher('s:\n  N|gte: 10\ncondition: s')({ N: '10' })).toBe(true);
    expect(matcher('s:\n  N|lt: 0x10\ncondition: s')({ N: '0xf' })).toBe(true);
    expect(matcher('s:\n  N|lte: 5\ncondition: s')({ N: 'five' })).toBe(false);
  });

  it('rejects a non-numeric bound', () => {
    expect(rejection('s:\n  N|gt: ten\ncondition: s')).toMatch(/not a number/);
  });

  it('time modifiers extract UTC parts of a date (epoch ms or ISO text)', () => {
    const at = Date.UTC(2026, 2, 14, 23, 5); // Saturday 2026-03-14 23:05 UTC, ISO week 11
    expect(matcher("s:\n  '@timestamp|hour|gte': 22\ncondition: s")({ '@timestamp': at })).toBe(true);
    expect(matcher("s:\n  '@timestamp|minute': 5\ncondition: s")({ '@timestamp': at })).toBe(true);
    expect(matcher("s:\n  '@timestamp|day': 14\ncondition: s")({ '@timestamp': at })).toBe(true);
    expect(matcher("s:\n  '@timestamp|month': 3\ncondition: s")({ '@timestamp': at })).toBe(true);
    expect(matcher("s:\n  '@timestamp|year': 2026\ncondition: s")({ '@timestamp': at })).toBe(true);
    expect(matcher("s:\n  '@timestamp|week': 11\ncondition: s")({ '@timestamp': at })).toBe(true);
    expect(matcher('s:\n  When|hour: 23\ncondition: s')({ When: '2026-03-14T23:05:00Z' })).toBe(true);
  });
});

describe('neq', () => {
  it('matches a present field that differs from every value', () => {
    const m = matcher('s:\n  F|neq:\n    - a\n    - b\ncondition: s');
    expect(m({ F: 'c' })).toBe(true);
    expect(m({ F: 'A' })).toBe(false);
    expect(m({})).toBe(false);
  });
});

describe('fieldref', () => {
  it('compares two fields of the same event', () => {
    const m = matcher('s:\n  SubjectUserName|fieldref: TargetUserName\ncondition: s');
    expect(m({ SubjectUserName: 'Bob', TargetUserName: 'bob' })).toBe(true);
    expect(m({ SubjectUserName: 'bob', TargetUserName: 'alice' })).toBe(false);
    expect(m({ SubjectUserName: 'bob' })).toBe(false);
  });

  it('combines with startswith / endswith / contains and neq', () => {
    expect(matcher('s:\n  Image|fieldref|endswith: Name\ncondition: s')({ Image: 'C:\\x\\a.exe', Name: 'A.exe' })).toBe(
      true,
    );
    expect(matcher('s:\n  A|fieldref|neq: B\ncondition: s')({ A: 'x', B: 'y' })).toBe(true);
  });
});

describe('expand placeholders', () => {
  it('replaces %name% with the configured values (OR)', () => {
    const m = matcher("s:\n  User|expand: '%Administrators%'\ncondition: s", {
      placeholders: { Administrators: ['admin*', 'root'] },
    });
    expect(m({ User: 'Administrator' })).toBe(true);
    expect(m({ User: 'root' })).toBe(true);
    expect(m({ User: 'guest' })).toBe(false);
  });

  it('keeps \\% literal and leaves %name% plain without expand', () => {
    const m = matcher("s:\n  F|expand: '\\%x%y%'\ncondition: s", { placeholders: { y: ['1'] } });
    expect(m({ F: '%x1' })).toBe(true);
    expect(matcher("s:\n  F: '%y%'\ncondition: s")({ F: '%y%' })).toBe(true);
  });

  it('an unconfigured placeholder matches nothing (a filter on it excludes nothing), or rejects on request', () => {
    const m = matcher("s:\n  A: x\nf:\n  F|expand: '%unknown%'\ncondition: s and not f");
    expect(m({ A: 'x', F: 'anything' })).toBe(true);
    expect(() => matcher("s:\n  F|expand: '%unknown%'\ncondition: s", { unknownPlaceholder: 'reject' })).toThrow(
      /placeholder/,
    );
  });
});
