/**
 * CEF/LEEF time values: epoch ms, `MMM dd yyyy HH:mm:ss[.SSS] [zone]`, `MMM dd HH:mm:ss[.SSS] [zone]` or ISO.
 * A trailing zone is honoured when it is UTC/GMT/Z or a numeric offset; otherwise the device's zone applies.
 */
import { readBsdTime, readIsoTime } from './timestamps.ts';

export function cefTime(v: string, zone: string, receivedAt = Date.now()): number {
  if (v.length >= 12 && v.length <= 13 && /^\d+$/.test(v)) return Number(v);
  if (v.length === 10 && /^\d+$/.test(v)) return Number(v) * 1000;
  const iso = readIsoTime(v, 0, zone);
  if (iso !== undefined) return iso.ms;
  const rest = v.slice(v.lastIndexOf(' ') + 1);
  const utc = rest === 'UTC' || rest === 'GMT' || rest === 'Z';
  const bsd = readBsdTime(v, 0, utc ? 'UTC' : zone, receivedAt);
  return bsd === undefined ? NaN : bsd.ms;
}
