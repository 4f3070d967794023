import { describe, expect, it } from 'vitest';
import type { Contact } from './notification-types.ts';
import { DEFAULT_POLICY, localParts, nextLocalTime, routeFor, withinWeeklyHours, type NotificationPolicy } from './routing.ts';

const contact = (over: Partial<Contact> = {}): Contact => ({
  id: 1,
  tenantId: 1,
  name: 'soc',
  lang: 'ja',
  email: 'a@example.com',
  webhookUrl: null,
  webhookSecret: null,
  slackUrl: null,
  teamsUrl: null,
  reachability: '24h',
  minSeverity: 'low',
  ...over,
});

// 2026-12-02 (Wednesday) in Tokyo.
const wed = (hhmm: string) => Date.parse(`2026-12-02T${hhmm}:00+09:00`);
const policy: NotificationPolicy = DEFAULT_POLICY;
const isOpen = (at: number) => Promise.resolve(withinWeeklyHours(at, policy.businessHours, policy.timezone));

describe('routing by severity and time of day', () => {
  it('sends high severity at once and medium in the next 09:00 Tokyo digest', async () => {
    expect(await routeFor(contact(), 'high', policy, wed('14:00'), isOpen)).toEqual({ kind: 'immediate', at: wed('14:00') });
    expect(await routeFor(contact(), 'medium', policy, wed('14:00'), isOpen)).toEqual({ kind: 'digest', at: Date.parse('2026-12-03T09:00:00+09:00') });
  });

  it('skips severities below the contact threshold', async () => {
    expect(await routeFor(contact({ minSeverity: 'high' }), 'medium', policy, wed('14:00'), isOpen)).toEqual({ kind: 'skip' });
  });

  it('holds a business-hours contact’s message until business opens; a 24h contact gets it at night', async () => {
    expect(await routeFor(contact({ reachability: 'business_hours' }), 'critical', policy, wed('23:10'), isOpen)).toEqual({ kind: 'immediate', at: Date.parse('2026-12-03T09:00:00+09:00') });
    expect(await routeFor(contact(), 'critical', policy, wed('23:10'), isOpen)).toEqual({ kind: 'immediate', at: wed('23:10') });
  });

  it('applies rules by time of day: high goes to the digest only outside business hours', async () => {
    const p: NotificationPolicy = { ...policy, rules: [{ severities: ['high'], when: 'off_hours', mode: 'digest' }] };
    expect((await routeFor(contact(), 'high', p, wed('10:00'), isOpen)).kind).toBe('immediate');
    expect((await routeFor(contact(), 'high', p, wed('20:00'), isOpen)).kind).toBe('digest');
  });

  it('finds the next local digest time across days and zones', () => {
    expect(nextLocalTime(wed('08:59'), '09:00', 'Asia/Tokyo')).toBe(wed('09:00'));
    expect(nextLocalTime(wed('09:00'), '09:00', 'Asia/Tokyo')).toBe(Date.parse('2026-12-03T09:00:00+09:00'));
    expect(nextLocalTime(Date.parse('2026-03-08T01:00:00-05:00'), '09:00', 'America/New_York')).toBe(Date.parse('2026-03-08T09:00:00-04:00'));
    expect(localParts(wed('00:30'), 'Asia/Tokyo')).toMatchObject({ day: 2, hour: 0, minute: 30, weekday: 3 });
  });
});
