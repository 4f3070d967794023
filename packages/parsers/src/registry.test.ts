import { describe, expect, it } from 'vitest';
import { extractSyslogHostname, getParser, parseLine, parsers } from './index.ts';

const ctx = { receivedAt: Date.UTC(2026, 0, 1, 0, 0, 30), timezone: 'Asia/Tokyo' };

describe('registry', () => {
  it('lists parsers with unique names and finds them by name', () => {
    const names = parsers.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(getParser(n)?.name).toBe(n);
    expect(getParser('nope')).toBeUndefined();
  });

  it('answers an unknown format name with an error outcome instead of throwing', () => {
    const r = parseLine('no-such-format', 'hello', ctx);
    expect(r.error).toMatch(/unknown format/);
    expect(r.format).toBe('no-such-format');
  });

  it('gives an error outcome for a line no parser recognises', () => {
    const r = parseLine('auto', 'just some words', ctx);
    expect(r.error).toBeDefined();
    expect(r.fields.message).toBe('just some words');
  });

  it('sees through a syslog header to the vendor format', () => {
    const r = parseLine('auto', '<189>Jan  5 10:00:00 fw1 date=2026-01-05 time=10:00:00 devname="fw1" devid=FG100 logid=0000000013 type=traffic subtype=forward srcip=10.0.0.1 dstip=8.8.8.8 action=deny', ctx);
    expect(r.format).toBe('fortigate');
    expect(r.fields['log.syslog.hostname']).toBe('fw1');
    expect(r.fields['log.syslog.priority']).toBe(189);
    expect(r.fields['source.ip']).toBe('10.0.0.1');
    expect(r.fields['event.type']).toContain('denied');
  });
});

describe('extractSyslogHostname', () => {
  it.each([
    ['<34>Oct 11 22:14:15 mymachine su: x', 'mymachine'],
    ['<165>1 2003-10-11T22:14:15.003Z host.example.com app - ID47 - msg', 'host.example.com'],
    ['Jul  7 05:02:34 ssg5.example ssg5: NetScreen device_id=ssg5', 'ssg5.example'],
    ['2014-05-23T10:25:58.681222-04:00 10.10.10.1 ssg5-serial: NetScreen', '10.10.10.1'],
    ['<189>date=2016-06-15 time=09:41:35 devname=FG1', undefined],
    ['%ASA-2-106006: Deny inbound UDP', undefined],
    ['Feb 10 23:21:05 sshd[1234]: Read error', undefined],
  ])('%s → %s', (line, host) => {
    expect(extractSyslogHostname(line)).toBe(host);
  });
});
