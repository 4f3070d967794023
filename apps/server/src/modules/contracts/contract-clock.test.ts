import { describe, expect, it } from 'vitest';
import { deadline, elapsedContractMinutes, zonedInstant } from './contract-clock.ts';
import { DEFAULT_CONTRACT, contractSchema, type Contract } from './contract-schema.ts';

const tokyo: Pick<Contract, 'hours'> = {
  hours: { mode: 'business', timezone: 'Asia/Tokyo', weekdays: [1, 2, 3, 4, 5], open: '09:00', close: '18:00', holidayCalendar: 'jp', extraHolidays: [] },
};
const jst = (local: string) => Date.parse(`${local}+09:00`);
const at = (ms: number, tz = 'Asia/Tokyo') =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: tz, dateStyle: 'short', timeStyle: 'short' }).format(ms);

describe('contract clock, round the clock', () => {
  it('counts every minute and adds minutes as wall time', () => {
    const from = Date.parse('2026-12-31T23:50:00Z');
    expect(elapsedContractMinutes(from, from + 90 * 60_000, DEFAULT_CONTRACT)).toBe(90);
    expect(deadline(from, 15, DEFAULT_CONTRACT)).toBe(from + 15 * 60_000);
    expect(elapsedContractMinutes(from, from - 1, DEFAULT_CONTRACT)).toBe(0);
  });
});

describe('contract clock, Tokyo business hours with Japanese holidays', () => {
  it('carries a Friday evening target over the weekend to Monday morning', () => {
    expect(at(deadline(jst('2026-11-27T17:30:00'), 60, tokyo))).toBe('2026-11-30 09:30');
    expect(elapsedContractMinutes(jst('2026-11-27T17:30:00'), jst('2026-11-30T09:30:00'), tokyo)).toBe(60);
  });

  it('starts the clock at the next opening when detection happens outside hours', () => {
    expect(at(deadline(jst('2026-12-01T07:00:00'), 15, tokyo))).toBe('2026-12-01 09:15');
    expect(at(deadline(jst('2026-12-01T19:00:00'), 0, tokyo))).toBe('2026-12-02 09:00');
    expect(elapsedContractMinutes(jst('2026-12-01T19:00:00'), jst('2026-12-02T08:59:00'), tokyo)).toBe(0);
  });

  it('skips Golden Week (Showa Day, Constitution Day, Greenery Day, Children\u2019s Day and its substitute)', () => {
    expect(at(deadline(jst('2026-04-28T17:00:00'), 120, tokyo))).toBe('2026-04-30 10:00');
    expect(at(deadline(jst('2026-05-01T17:00:00'), 120, tokyo))).toBe('2026-05-07 10:00');
    expect(at(deadline(jst('2026-05-02T10:00:00'), 0, tokyo))).toBe('2026-05-07 09:00');
    expect(elapsedContractMinutes(jst('2026-05-01T17:00:00'), jst('2026-05-07T10:00:00'), tokyo)).toBe(120);
  });

  it('skips the 2026 Silver Week (21 Sep Respect for the Aged, 22 Sep citizens\u2019 holiday, 23 Sep equinox)', () => {
    expect(at(deadline(jst('2026-09-18T17:00:00'), 120, tokyo))).toBe('2026-09-24 10:00');
    expect(elapsedContractMinutes(jst('2026-09-19T00:00:00'), jst('2026-09-24T00:00:00'), tokyo)).toBe(0);
  });

  it('honours tenant closures such as the year-end break, then New Year\u2019s Day', () => {
    const closed: Pick<Contract, 'hours'> = { hours: { ...tokyo.hours, extraHolidays: ['2026-12-29', '2026-12-30', '2026-12-31'] } as Contract['hours'] };
    expect(at(deadline(jst('2026-12-28T18:30:00'), 30, closed))).toBe('2027-01-04 09:30');
    expect(at(deadline(jst('2026-12-28T18:30:00'), 30, tokyo))).toBe('2026-12-29 09:30');
    expect(elapsedContractMinutes(jst('2026-12-28T17:00:00'), jst('2027-01-04T10:00:00'), closed)).toBe(120);
  });

  it('adds up several days of hours', () => {
    // Mon 09:00 → 9 h a day, 3 days = 1620 minutes → Wed 18:00
    expect(at(deadline(jst('2026-11-30T09:00:00'), 1620, tokyo))).toBe('2026-12-02 18:00');
    expect(elapsedContractMinutes(jst('2026-11-30T00:00:00'), jst('2026-12-07T00:00:00'), tokyo)).toBe(5 * 540);
  });
});

describe('contract clock across daylight saving time (America/New_York)', () => {
  const ny: Pick<Contract, 'hours'> = {
    hours: { mode: 'business', timezone: 'America/New_York', weekdays: [1, 2, 3, 4, 5], open: '09:00', close: '17:00', holidayCalendar: 'none', extraHolidays: [] },
  };
  it('opens at 09:00 local time on both sides of the autumn change', () => {
    // Fri 30 Oct 16:00 EDT (20:00Z) + 2 h → Mon 2 Nov 10:00 EST (15:00Z)
    expect(new Date(deadline(Date.parse('2026-10-30T20:00:00Z'), 120, ny)).toISOString()).toBe('2026-11-02T15:00:00.000Z');
    expect(zonedInstant(2026, 3, 9, 9 * 60, 'America/New_York')).toBe(Date.parse('2026-03-09T13:00:00Z'));
    expect(zonedInstant(2026, 3, 6, 9 * 60, 'America/New_York')).toBe(Date.parse('2026-03-06T14:00:00Z'));
  });
  it('counts a 23-hour spring-forward day and a 25-hour autumn day by the clock on the wall', () => {
    const allDay: Pick<Contract, 'hours'> = { hours: { ...ny.hours, weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' } as Contract['hours'] };
    const spring = zonedInstant(2026, 3, 8, 0, 'America/New_York');
    expect(elapsedContractMinutes(spring, zonedInstant(2026, 3, 9, 0, 'America/New_York'), allDay)).toBe(23 * 60);
    const autumn = zonedInstant(2026, 11, 1, 0, 'America/New_York');
    expect(elapsedContractMinutes(autumn, zonedInstant(2026, 11, 2, 0, 'America/New_York'), allDay)).toBe(25 * 60);
  });
  it('lands a time skipped by the spring change just after the gap', () => {
    expect(new Date(zonedInstant(2026, 3, 8, 2 * 60 + 30, 'America/New_York')).toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });
});

describe('deadline and elapsed agree', () => {
  it('elapsed(from, deadline(from, m)) = m for many starting points and targets', () => {
    let from = jst('2026-04-25T03:17:00');
    for (let i = 0; i < 200; i++) {
      const minutes = (i * 37) % 3000;
      expect(elapsedContractMinutes(from, deadline(from, minutes, tokyo), tokyo)).toBeCloseTo(minutes, 6);
      from += 7 * 3_600_000 + 13 * 60_000;
    }
  });
});

describe('contract validation', () => {
  it('accepts the default and refuses bad zones, reversed hours and unordered ladders', () => {
    expect(contractSchema.safeParse(DEFAULT_CONTRACT).success).toBe(true);
    expect(contractSchema.safeParse({ ...DEFAULT_CONTRACT, hours: { ...tokyo.hours, timezone: 'Mars/Olympus' } }).success).toBe(false);
    expect(contractSchema.safeParse({ ...DEFAULT_CONTRACT, hours: { ...tokyo.hours, open: '18:00', close: '09:00' } }).success).toBe(false);
    expect(contractSchema.safeParse({ ...DEFAULT_CONTRACT, escalation: [{ atPercent: 100, escalateTo: ['a'] }, { atPercent: 75, escalateTo: ['b'] }] }).success).toBe(false);
  });
});
