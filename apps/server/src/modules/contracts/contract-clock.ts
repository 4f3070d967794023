import holidayJp from '@holiday-jp/holiday_jp';
import type { Contract, MonitoringHours } from './contract-schema.ts';

/**
 * The contract clock: SLA time only runs while the SOC is contracted to watch. Pure functions over UTC epoch
 * milliseconds; business hours are wall-clock times in the contract's timezone, so DST shifts are honoured.
 */
const MINUTE = 60_000;
const MAX_DAYS = 3 * 366;
const JP_HOLIDAYS = holidayJp.holidays as Readonly<Record<string, unknown>>;

interface Window {
  start: number;
  end: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

function wallClock(ms: number, tz: string): { y: number; m: number; d: number; minutes: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { y: parts.year!, m: parts.month!, d: parts.day!, minutes: parts.hour! * 60 + parts.minute! };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(ms: number, tz: string): number {
  const w = wallClock(ms, tz);
  return Date.UTC(w.y, w.m - 1, w.d, 0, w.minutes) - Math.floor(ms / MINUTE) * MINUTE;
}

/** The instant a wall-clock time occurs in a zone (a time skipped by DST lands just after the gap). */
export function zonedInstant(y: number, m: number, d: number, minuteOfDay: number, tz: string): number {
  const naive = Date.UTC(y, m - 1, d, 0, minuteOfDay);
  const first = naive - offsetAt(naive, tz);
  const second = naive - offsetAt(first, tz);
  return second === first ? first : Math.max(first, second);
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const isoDay = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export function isContractDay(hours: Extract<MonitoringHours, { mode: 'business' }>, y: number, m: number, d: number): boolean {
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
  if (!hours.weekdays.includes(weekday)) return false;
  const day = isoDay(y, m, d);
  if (hours.holidayCalendar === 'jp' && day in JP_HOLIDAYS) return false;
  return !hours.extraHolidays.includes(day);
}

/** The contract's open windows from `from` on, earliest first, the first clipped to start at `from`. */
function* openWindows(from: number, hours: MonitoringHours): Generator<Window> {
  if (hours.mode === '24x365') {
    yield { start: from, end: Number.POSITIVE_INFINITY };
    return;
  }
  const open = toMinutes(hours.open);
  const close = toMinutes(hours.close);
  const today = wallClock(from, hours.timezone);
  for (let i = 0; i < MAX_DAYS; i++) {
    const date = new Date(Date.UTC(today.y, today.m - 1, today.d + i));
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    if (!isContractDay(hours, y, m, d)) continue;
    const start = Math.max(from, zonedInstant(y, m, d, open, hours.timezone));
    const end = zonedInstant(y, m, d, close, hours.timezone);
    if (end > start) yield { start, end };
  }
  throw new Error('the contract has no monitoring hours in the next three years');
}

/** Contract minutes (fractional) between two instants: only time inside monitoring hours counts. */
export function elapsedContractMinutes(from: number, to: number, contract: Pick<Contract, 'hours'>): number {
  if (to <= from) return 0;
  let ms = 0;
  for (const w of openWindows(from, contract.hours)) {
    if (w.start >= to) break;
    ms += Math.min(w.end, to) - w.start;
  }
  return ms / MINUTE;
}

/**
 * The instant `minutes` contract minutes after `from`. Detection outside hours starts the clock at the next
 * opening, so `deadline(from, 0)` is that opening.
 */
export function deadline(from: number, minutes: number, contract: Pick<Contract, 'hours'>): number {
  let remaining = minutes * MINUTE;
  for (const w of openWindows(from, contract.hours)) {
    if (remaining <= w.end - w.start) return w.start + remaining;
    remaining -= w.end - w.start;
  }
  throw new Error('unreachable: openWindows throws when it runs out');
}
