import { describe, expect, it } from 'vitest';
import { parseLine } from '../index.ts';
import { inferYearAndResolve, wallTimeToUtc } from '../time/zoned-time.ts';

describe('RFC 3164 time (PAR-3)', () => {
  it('reads the wall time in the device zone and keeps both event and receive time', () => {
    const receivedAt = Date.UTC(2026, 5, 15, 3, 0, 5);
    const r = parseLine('auto', '<13>Jun 15 12:00:00 host app: hi', { receivedAt, timezone: 'Asia/Tokyo' });
    expect(r.format).toBe('rfc3164');
    expect(r.fields['@timestamp']).toBe(Date.UTC(2026, 5, 15, 3));
    expect(r.fields['event.created']).toBe(receivedAt);
    expect(r.fields['event.timezone']).toBe('Asia/Tokyo');
  });

  it('puts Dec 31 received on Jan 1 into the old year, and a clock slightly ahead into the new one', () => {
    const newYear = Date.UTC(2026, 0, 1, 0, 0, 10);
    expect(inferYearAndResolve('UTC', newYear, 11, 31, 23, 59, 59, 0)).toBe(Date.UTC(2025, 11, 31, 23, 59, 59));
    const justBefore = Date.UTC(2025, 11, 31, 23, 59, 58);
    expect(inferYearAndResolve('UTC', justBefore, 0, 1, 0, 0, 3, 0)).toBe(Date.UTC(2026, 0, 1, 0, 0, 3));
    expect(inferYearAndResolve('UTC', Date.UTC(2026, 0, 15), 1, 13, 0, 0, 0, 0)).toBe(Date.UTC(2025, 1, 13));
  });

  it('infers the year in the device zone, not in UTC', () => {
    // 2026-01-01 08:00 JST is still 2025 in UTC: a "Jan  1 07:00:00" JST line is this (2026) year's.
    const receivedAt = Date.UTC(2025, 11, 31, 23, 0, 0);
    const r = parseLine('rfc3164', 'Jan  1 07:00:00 host app: x', { receivedAt, timezone: 'Asia/Tokyo' });
    expect(r.fields['@timestamp']).toBe(Date.UTC(2025, 11, 31, 22));
  });

  it('finds the last Feb 29 and follows DST changes', () => {
    expect(inferYearAndResolve('UTC', Date.UTC(2026, 2, 1), 1, 29, 12, 0, 0, 0)).toBe(Date.UTC(2024, 1, 29, 12));
    // 2026-03-08 03:30 in New York is after the spring-forward (UTC-4).
    expect(wallTimeToUtc('America/New_York', 2026, 2, 8, 3, 30, 0, 0)).toBe(Date.UTC(2026, 2, 8, 7, 30));
    expect(wallTimeToUtc('America/New_York', 2026, 0, 8, 3, 30, 0, 0)).toBe(Date.UTC(2026, 0, 8, 8, 30));
  });

  it('falls back to UTC for an unknown zone instead of failing', () => {
    const r = parseLine('auto', 'Jun 15 12:00:00 host app: x', { receivedAt: Date.UTC(2026, 5, 15), timezone: 'Mars/Olympus' });
    expect(r.fields['@timestamp']).toBe(Date.UTC(2026, 5, 15, 12));
  });
});

describe('syslog headers', () => {
  it('reads an RFC 5424 line with structured data, BOM and escapes', () => {
    const r = parseLine('auto', '<165>1 2026-06-15T12:00:00.5+09:00 mymachine.example.com evntslog 1234 ID47 [exampleSDID@32473 iut="3" eventSource="App\\"lication"][meta lang="ja"] \uFEFFこんにちは', { receivedAt: 0, timezone: 'UTC' });
    expect(r.format).toBe('rfc5424');
    expect(r.fields['@timestamp']).toBe(Date.UTC(2026, 5, 15, 3, 0, 0, 500));
    expect(r.fields['log.syslog.hostname']).toBe('mymachine.example.com');
    expect(r.fields['log.syslog.appname']).toBe('evntslog');
    expect(r.fields['log.syslog.procid']).toBe('1234');
    expect(r.fields['log.syslog.msgid']).toBe('ID47');
    expect(r.fields['log.syslog.facility.code']).toBe(20);
    expect(r.fields['log.syslog.severity.code']).toBe(5);
    expect(r.fields['log.syslog.structured_data.exampleSDID@32473.eventSource']).toBe('App"lication');
    expect(r.fields['log.syslog.structured_data.meta.lang']).toBe('ja');
    expect(r.fields.message).toBe('こんにちは');
    expect(r.fields['event.timezone']).toBeUndefined();
  });

  it('reads an RFC 5424 line with nil values', () => {
    const r = parseLine('rfc5424', '<34>1 - - - - - -', { receivedAt: 0, timezone: 'UTC' });
    expect(r.error).toBeUndefined();
    expect(r.fields['@timestamp']).toBeUndefined();
    expect(r.fields['log.syslog.hostname']).toBeUndefined();
  });

  it('reads a Cisco-style header with a year and milliseconds', () => {
    const r = parseLine('rfc3164', '<166>Jun 15 2026 12:00:00.250 host : message text', { receivedAt: 0, timezone: 'UTC' });
    expect(r.fields['@timestamp']).toBe(Date.UTC(2026, 5, 15, 12, 0, 0, 250));
    expect(r.fields['log.syslog.hostname']).toBe('host');
  });

  it('says so when a named syslog format gets a line without header', () => {
    expect(parseLine('rfc3164', 'no header here', { receivedAt: 0, timezone: 'UTC' }).error).toBeDefined();
    expect(parseLine('rfc5424', 'Jun 15 12:00:00 host app: x', { receivedAt: 0, timezone: 'UTC' }).error).toBeDefined();
  });
});

describe('Cisco header dialects', () => {
  it('reads `<166>:Jun 15 10:00:00 UTC: %ASA…` as UTC and leaves the payload to the ASA parser', () => {
    const r = parseLine('auto', '<166>:Jun 15 10:00:00 UTC: %ASA-6-302014: Teardown TCP connection 1 for outside:1.2.3.4/443 to inside:10.0.0.5/5000 duration 0:00:30 bytes 1234 TCP FINs', { receivedAt: Date.UTC(2026, 5, 15, 12), timezone: 'Asia/Tokyo' });
    expect(r.format).toBe('cisco-asa');
    expect(r.fields['@timestamp']).toBe(Date.UTC(2026, 5, 15, 10));
    expect(r.fields['event.timezone']).toBeUndefined();
    expect(r.fields['log.syslog.appname']).toBeUndefined();
    expect(r.fields['network.bytes']).toBe(1234);
  });
});

describe('host fields from the header', () => {
  it('sets host.ip when the sender put its address in HOSTNAME', () => {
    const r = parseLine('auto', '<13>Jun 15 12:00:00 192.0.2.7 app: x', { receivedAt: Date.UTC(2026, 5, 15), timezone: 'UTC' });
    expect(r.fields['host.name']).toBe('192.0.2.7');
    expect(r.fields['host.ip']).toBe('192.0.2.7');
  });
});
