/** Timestamp readers shared by the formats. Each returns NaN when the text is not a valid time. */
import { inferYearAndResolve, monthIndex, wallTimeToUtc } from './zoned-time.ts';

export function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(at + i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Fraction digits after a '.' or ',' at `at` → { ms, end }. */
function fraction(s: string, at: number): { ms: number; end: number } {
  const sep = s.charCodeAt(at);
  if (sep !== 46 && sep !== 44) return { ms: 0, end: at };
  let i = at + 1;
  let ms = 0;
  let scale = 100;
  while (i < s.length) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    if (scale >= 1) ms += c * scale;
    scale /= 10;
    i++;
  }
  return i === at + 1 ? { ms: 0, end: at } : { ms, end: i };
}

export interface TimeRead {
  ms: number;
  /** Index just after the timestamp text. */
  end: number;
  /** True when the text carried its own zone/offset. */
  zoned: boolean;
}

/**
 * ISO 8601 / RFC 3339 `YYYY-MM-DD[T ]hh:mm:ss[.frac][Z|±hh:mm|±hhmm]` at `at`. Without an offset the
 * wall time is read in `zone`. Also accepts `/` as date separator (PAN-OS `2021/07/12 09:46:23`).
 */
export function readIsoTime(s: string, at: number, zone: string): TimeRead | undefined {
  const y = digits(s, at, 4);
  const sep = s.charCodeAt(at + 4);
  if (y < 0 || (sep !== 45 && sep !== 47) || s.charCodeAt(at + 7) !== sep) return undefined;
  const mo = digits(s, at + 5, 2);
  const d = digits(s, at + 8, 2);
  const t = s.charCodeAt(at + 10);
  if (mo < 0 || d < 0 || (t !== 84 && t !== 32 && t !== 116)) return undefined;
  const h = digits(s, at + 11, 2);
  const mi = digits(s, at + 14, 2);
  const se = digits(s, at + 17, 2);
  if (h < 0 || mi < 0 || se < 0 || s.charCodeAt(at + 13) !== 58 || s.charCodeAt(at + 16) !== 58) return undefined;
  const f = fraction(s, at + 19);
  let i = f.end;
  const z = s.charCodeAt(i);
  if (z === 90 || z === 122) {
    const ms = wallTimeToUtc('UTC', y, mo - 1, d, h, mi, se, f.ms);
    return Number.isNaN(ms) ? undefined : { ms, end: i + 1, zoned: true };
  }
  if (z === 43 || z === 45) {
    const oh = digits(s, i + 1, 2);
    let om = -1;
    let end = i + 3;
    if (s.charCodeAt(i + 3) === 58) {
      om = digits(s, i + 4, 2);
      end = i + 6;
    } else {
      om = digits(s, i + 3, 2);
      end = i + 5;
    }
    if (oh >= 0 && om >= 0) {
      const base = wallTimeToUtc('UTC', y, mo - 1, d, h, mi, se, f.ms);
      if (Number.isNaN(base)) return undefined;
      const off = (oh * 60 + om) * 60_000 * (z === 43 ? 1 : -1);
      return { ms: base - off, end, zoned: true };
    }
  }
  i = f.end;
  const ms = wallTimeToUtc(zone, y, mo - 1, d, h, mi, se, f.ms);
  return Number.isNaN(ms) ? undefined : { ms, end: i, zoned: false };
}

/**
 * BSD syslog `Mmm dd hh:mm:ss` (day may be space-padded), optionally with a year before or after the time
 * (`Jun 15 2017 10:00:00`, Cisco) and a fraction. The year is inferred from `receivedAt` when absent.
 */
export function readBsdTime(s: string, at: number, zone: string, receivedAt: number): TimeRead | undefined {
  const mo = monthIndex(s, at);
  if (mo < 0 || s.charCodeAt(at + 3) !== 32) return undefined;
  let i = at + 4;
  if (s.charCodeAt(i) === 32) i++;
  let d = digits(s, i, 2);
  if (d >= 0) i += 2;
  else {
    d = digits(s, i, 1);
    if (d < 0) return undefined;
    i += 1;
  }
  if (s.charCodeAt(i) !== 32) return undefined;
  i++;
  let year = -1;
  if (s.charCodeAt(i + 4) === 32 && digits(s, i, 4) >= 0) {
    year = digits(s, i, 4);
    i += 5;
  }
  const h = digits(s, i, 2);
  const mi = digits(s, i + 3, 2);
  const se = digits(s, i + 6, 2);
  if (h < 0 || mi < 0 || se < 0 || s.charCodeAt(i + 2) !== 58 || s.charCodeAt(i + 5) !== 58) return undefined;
  const f = fraction(s, i + 8);
  i = f.end;
  if (year < 0 && s.charCodeAt(i) === 32 && digits(s, i + 1, 4) >= 0 && s.charCodeAt(i + 5) === 32) {
    year = digits(s, i + 1, 4);
    i += 5;
  }
  const ms =
    year >= 0
      ? wallTimeToUtc(zone, year, mo, d, h, mi, se, f.ms)
      : inferYearAndResolve(zone, receivedAt, mo, d, h, mi, se, f.ms);
  // A structurally valid but impossible date (`May 00`) still ends the header; the time is just unknown.
  return { ms, end: i, zoned: false };
}

/** Length of a BSD timestamp at `at` without resolving it (for header splitting), or 0. */
export function bsdTimeLength(s: string, at: number): number {
  const r = readBsdTime(s, at, 'UTC', 0);
  return r === undefined ? 0 : r.end - at;
}

/** Apache/Nginx `10/Oct/2000:13:55:36 -0700`. */
export function readClfTime(s: string, at: number): TimeRead | undefined {
  const d = digits(s, at, 2);
  const mo = monthIndex(s, at + 3);
  const y = digits(s, at + 7, 4);
  const h = digits(s, at + 12, 2);
  const mi = digits(s, at + 15, 2);
  const se = digits(s, at + 18, 2);
  if (d < 0 || mo < 0 || y < 0 || h < 0 || mi < 0 || se < 0) return undefined;
  const base = wallTimeToUtc('UTC', y, mo, d, h, mi, se, 0);
  if (Number.isNaN(base)) return undefined;
  const sign = s.charCodeAt(at + 21);
  const oh = digits(s, at + 22, 2);
  const om = digits(s, at + 24, 2);
  if (s.charCodeAt(at + 20) === 32 && (sign === 43 || sign === 45) && oh >= 0 && om >= 0) {
    const off = (oh * 60 + om) * 60_000 * (sign === 43 ? 1 : -1);
    return { ms: base - off, end: at + 26, zoned: true };
  }
  return { ms: base, end: at + 20, zoned: false };
}
