/**
 * Wall-clock time in an IANA zone → UTC epoch ms, without dependencies.
 *
 * Intl is slow (microseconds per call), so the zone's UTC offset is cached per zone and per hour of UTC:
 * offsets only change on hour boundaries in every zone in use, so one Intl call serves ~all lines of an hour.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 0-based month index of an English three-letter abbreviation (any case), or -1. */
export function monthIndex(s: string, at: number): number {
  const a = s.charCodeAt(at) | 0x20;
  const b = s.charCodeAt(at + 1) | 0x20;
  const c = s.charCodeAt(at + 2) | 0x20;
  for (let i = 0; i < 12; i++) {
    const m = MONTHS[i]!;
    if ((m.charCodeAt(0) | 0x20) === a && m.charCodeAt(1) === b && m.charCodeAt(2) === c) return i;
  }
  return -1;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();
const offsetCache = new Map<string, Map<number, number>>();

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      f = null; // unknown zone: callers fall back to UTC
    }
    formatters.set(zone, f);
  }
  return f;
}

/** True when `zone` is a zone this runtime knows. */
export function isKnownZone(zone: string): boolean {
  return isUtc(zone) || formatterFor(zone) !== null;
}

function isUtc(zone: string): boolean {
  return zone === 'UTC' || zone === 'Etc/UTC' || zone === 'GMT' || zone === 'Z' || zone === '';
}

/** Offset of `zone` from UTC at instant `utcMs`, in ms (east positive). */
export function zoneOffsetAt(zone: string, utcMs: number): number {
  if (isUtc(zone)) return 0;
  const f = formatterFor(zone);
  if (f === null) return 0;
  const hour = Math.floor(utcMs / 3_600_000);
  // Consecutive lines nearly always share zone and hour: answer those without any Map lookup.
  if (hour === lastHour && zone === lastZone) return lastOffset;
  let perZone = offsetCache.get(zone);
  if (perZone === undefined) {
    perZone = new Map();
    offsetCache.set(zone, perZone);
  }
  const cached = perZone.get(hour);
  if (cached !== undefined) return remember(zone, hour, cached);
  let y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  for (const p of f.formatToParts(new Date(hour * 3_600_000))) {
    const v = Number(p.value);
    if (p.type === 'year') y = v;
    else if (p.type === 'month') mo = v;
    else if (p.type === 'day') d = v;
    else if (p.type === 'hour') h = v;
    else if (p.type === 'minute') mi = v;
    else if (p.type === 'second') s = v;
  }
  const offset = Date.UTC(y, mo - 1, d, h, mi, s) - hour * 3_600_000;
  if (perZone.size > 50_000) perZone.clear(); // bounded memory for long-running servers
  perZone.set(hour, offset);
  return remember(zone, hour, offset);
}

let lastZone = '';
let lastHour = NaN;
let lastOffset = 0;
function remember(zone: string, hour: number, offset: number): number {
  lastZone = zone;
  lastHour = hour;
  lastOffset = offset;
  return offset;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysInMonth(year: number, month0: number): number {
  if (month0 === 1 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month0]!;
}

/** UTC epoch ms of a wall-clock time in `zone`. NaN when the fields are out of range. */
export function wallTimeToUtc(
  zone: string,
  year: number,
  month0: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
): number {
  if (month0 < 0 || month0 > 11 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return NaN;
  if (day > daysInMonth(year, month0)) return NaN; // Feb 30 and friends
  const asUtc = Date.UTC(year, month0, day, hour, minute, second, millis);
  if (isUtc(zone)) return asUtc;
  // Two passes settle the offset also right after a DST change.
  let t = asUtc - zoneOffsetAt(zone, asUtc);
  t = asUtc - zoneOffsetAt(zone, t);
  return t;
}

/** Calendar year of instant `utcMs` as seen in `zone`. */
export function yearInZone(zone: string, utcMs: number): number {
  return new Date(utcMs + zoneOffsetAt(zone, utcMs)).getUTCFullYear();
}

/** How far ahead of the receive time a device clock may run before a date is read as last year's. */
const FUTURE_TOLERANCE_MS = 7 * 86_400_000;

/**
 * RFC 3164 timestamps carry no year: take the latest year that does not put the event more than a week
 * after it was received. So `Dec 31 23:59:50` received on Jan 1 is last year's, `Feb 13` received on
 * Jan 15 is last year's too, and a clock a few minutes ahead over New Year still lands in the new year.
 */
export function inferYearAndResolve(
  zone: string,
  receivedAt: number,
  month0: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
): number {
  const y = yearInZone(zone, receivedAt);
  for (let candidate = y + 1; candidate >= y - 4; candidate--) {
    // Going back up to four years finds the last Feb 29.
    const t = wallTimeToUtc(zone, candidate, month0, day, hour, minute, second, millis);
    if (!Number.isNaN(t) && t <= receivedAt + FUTURE_TOLERANCE_MS) return t;
  }
  return NaN;
}
