import type { AlertSeverity } from '../detection/detection-types.ts';
import { severityRank, type Contact } from './notification-types.ts';
import { zonedInstant } from '../contracts/contract-clock.ts';

export type RouteMode = 'immediate' | 'digest';

/** First matching rule wins; a severity no rule names goes out immediately. */
export interface RoutingRule {
  severities: AlertSeverity[];
  when: 'always' | 'business_hours' | 'off_hours';
  mode: RouteMode;
}

export interface WeeklyHours {
  /** 0 = Sunday … 6 = Saturday, in the policy's time zone. */
  days: number[];
  start: string;
  end: string;
}

export interface NotificationPolicy {
  rules: RoutingRule[];
  /** Local time (HH:MM, policy time zone) the daily digest goes out. */
  digestTime: string;
  timezone: string;
  /** Used when the tenant has no contract with monitoring hours. */
  businessHours: WeeklyHours;
}

export const DEFAULT_POLICY: NotificationPolicy = {
  rules: [{ severities: ['low', 'medium'], when: 'always', mode: 'digest' }],
  digestTime: '09:00',
  timezone: 'Asia/Tokyo',
  businessHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' },
};

/** Is the tenant's business open at this instant? Contracts answer when they exist, else the policy's hours. */
export type BusinessHours = (tenantId: number, at: number) => Promise<boolean>;

export type Route = { kind: 'skip' } | { kind: 'digest'; at: number } | { kind: 'immediate'; at: number };

const STEP_MS = 15 * 60_000;
const HORIZON_MS = 8 * 86_400_000;

/**
 * Where one notification goes for one contact: below the contact's threshold nowhere; otherwise now, at the
 * next digest time, or — for a business-hours-only contact outside those hours — when business next opens.
 */
export async function routeFor(
  contact: Contact,
  severity: AlertSeverity,
  policy: NotificationPolicy,
  now: number,
  isOpen: (at: number) => Promise<boolean>,
): Promise<Route> {
  if (severityRank(severity) < severityRank(contact.minSeverity)) return { kind: 'skip' };
  const open = await isOpen(now);
  const rule = policy.rules.find(
    (r) => r.severities.includes(severity) && (r.when === 'always' || (r.when === 'business_hours') === open),
  );
  if (rule?.mode === 'digest') return { kind: 'digest', at: nextLocalTime(now, policy.digestTime, policy.timezone) };
  if (contact.reachability === 'business_hours' && !open) return { kind: 'immediate', at: await nextOpening(now, isOpen) };
  return { kind: 'immediate', at: now };
}

/** The next quarter hour at which business is open (within 8 days; else now, so nothing waits forever). */
export async function nextOpening(from: number, isOpen: (at: number) => Promise<boolean>): Promise<number> {
  const first = Math.ceil(from / STEP_MS) * STEP_MS;
  for (let t = first; t < from + HORIZON_MS; t += STEP_MS) if (await isOpen(t)) return t;
  return from;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function localParts(at: number, timezone: string): LocalParts {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    weekday: 'short',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    weekday: WEEKDAYS.indexOf(get('weekday')),
  };
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/** The first instant after `now` whose local wall-clock time is `hhmm`. */
export function nextLocalTime(now: number, hhmm: string, timezone: string): number {
  const p = localParts(now, timezone);
  for (let add = 0; add <= 2; add++) {
    const t = zonedInstant(p.year, p.month, p.day + add, minutesOf(hhmm), timezone);
    if (t > now) return t;
  }
  return now + 86_400_000;
}

export function withinWeeklyHours(at: number, hours: WeeklyHours, timezone: string): boolean {
  const p = localParts(at, timezone);
  const minute = p.hour * 60 + p.minute;
  return hours.days.includes(p.weekday) && minute >= minutesOf(hours.start) && minute < minutesOf(hours.end);
}

/** `YYYY-MM-DD` of an instant in a zone: names a digest. */
export function localDay(at: number, timezone: string): string {
  const p = localParts(at, timezone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}
