/**
 * Snort / Suricata fast alert lines:
 * `01/15-10:30:01.123456  [**] [1:2010935:3] ET SCAN … [**] [Classification: …] [Priority: 2] {TCP} 1.2.3.4:5 -> 6.7.8.9:22`.
 * Snort writes `MM/DD-…` (or `MM/DD/YY-…` with -y); the year is inferred like RFC 3164.
 */
import type { EventFields } from '@mamori/schema';
import { defineFormat } from '../lib/define-format.ts';
import { addTo, setIp, setPort, setStr, setTransport } from '../lib/field-helpers.ts';
import { findStr, splitHostPort } from '../lib/text-scan.ts';
import { digits } from '../time/timestamps.ts';
import { inferYearAndResolve, wallTimeToUtc } from '../time/zoned-time.ts';
import type { ParseContext } from '../parser.ts';

const PRIORITY_SEVERITY = [0, 8, 5, 3, 2];

function readTime(s: string, ctx: ParseContext): number {
  const mo = digits(s, 0, 2);
  const d = digits(s, 3, 2);
  if (mo < 0 || d < 0 || s.charCodeAt(2) !== 47) return NaN;
  let i = 5;
  let year = -1;
  if (s.charCodeAt(5) === 47) {
    year = 2000 + digits(s, 6, 2);
    i = 8;
  }
  if (s.charCodeAt(i) !== 45) return NaN;
  const h = digits(s, i + 1, 2);
  const mi = digits(s, i + 4, 2);
  const se = digits(s, i + 7, 2);
  if (h < 0 || mi < 0 || se < 0) return NaN;
  const frac = s.charCodeAt(i + 9) === 46 ? digits(s, i + 10, 3) : 0;
  const ms = frac < 0 ? 0 : frac;
  return year > 2000
    ? wallTimeToUtc(ctx.timezone, year, mo - 1, d, h, mi, se, ms)
    : inferYearAndResolve(ctx.timezone, ctx.receivedAt, mo - 1, d, h, mi, se, ms);
}

function mapEndpoints(f: EventFields, tail: string): void {
  const arrow = tail.indexOf(' -> ');
  if (arrow < 0) return;
  const left = tail.slice(tail.lastIndexOf(' ', arrow - 1) + 1, arrow);
  const rightEnd = tail.indexOf(' ', arrow + 4);
  const right = tail.slice(arrow + 4, rightEnd < 0 ? tail.length : rightEnd);
  const s = splitHostPort(left, ':');
  const d = splitHostPort(right, ':');
  setIp(f, 'source.ip', s.ip);
  setPort(f, 'source.port', s.port);
  setIp(f, 'destination.ip', d.ip);
  setPort(f, 'destination.port', d.port);
}

export const snortFast = defineFormat({
  name: 'snort-fast',
  description: 'Snort and Suricata fast alert lines ([**] [gid:sid:rev] message [**] … {PROTO} src -> dst)',
  detect: (p) => {
    const i = findStr(p, '[**] [', 1, 0, 40);
    return i >= 0 && findStr(p, ' [**]', 2, i + 5) >= 0;
  },
  parse(payload, _header, ctx, f) {
    f['observer.product'] = 'Snort';
    f['observer.type'] = 'ids';
    f['event.module'] = 'snort';
    f['event.dataset'] = 'snort.alert';
    f['event.kind'] = 'alert';
    addTo(f, 'event.category', 'network');
    addTo(f, 'event.category', 'intrusion_detection');
    addTo(f, 'event.type', 'info');
    const open = payload.indexOf('[**] [');
    if (open < 0) return 'no [**] [gid:sid:rev] marker';
    const t = readTime(payload, ctx);
    if (!Number.isNaN(t)) {
      f['@timestamp'] = t;
      f['event.timezone'] = ctx.timezone;
    }
    const idEnd = payload.indexOf(']', open + 6);
    if (idEnd < 0) return 'unterminated [gid:sid:rev]';
    const ids = payload.slice(open + 6, idEnd).split(':');
    setStr(f, 'snort.gid', ids[0]);
    setStr(f, 'rule.id', ids[1]);
    setStr(f, 'snort.rev', ids[2]);
    const msgEnd = payload.indexOf(' [**]', idEnd);
    const msg = payload.slice(idEnd + 1, msgEnd < 0 ? payload.length : msgEnd).trim();
    if (msg !== '') {
      f['rule.name'] = msg;
      f.message = msg;
    }
    const tail = msgEnd < 0 ? '' : payload.slice(msgEnd + 5);
    const cls = tail.indexOf('[Classification: ');
    if (cls >= 0) setStr(f, 'rule.category', tail.slice(cls + 17, tail.indexOf(']', cls)));
    const pri = tail.indexOf('[Priority: ');
    if (pri >= 0) {
      const p = digits(tail, pri + 11, 1);
      if (p >= 0) {
        f['snort.priority'] = p;
        const sev = PRIORITY_SEVERITY[p];
        if (sev !== undefined) f['event.severity'] = sev;
      }
    }
    const brace = tail.indexOf('{');
    if (brace >= 0) setTransport(f, tail.slice(brace + 1, tail.indexOf('}', brace)));
    mapEndpoints(f, tail);
    return undefined;
  },
});
