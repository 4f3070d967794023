/**
 * Apache and Nginx access logs in Common/Combined Log Format (Nginx's default `combined` is the same),
 * optionally prefixed by `vhost:port` (Apache `vhost_combined`):
 * `1.2.3.4 - user [10/Oct/2000:13:55:36 -0700] "GET /a?b HTTP/1.1" 200 2326 "referer" "user agent"`.
 */
import type { EventFields } from '@mamori/schema';
import { defineFormat } from '../lib/define-format.ts';
import { addTo, looksLikeIp, setHost, setInt, setIp, setPort, setStr, setUser } from '../lib/field-helpers.ts';
import { readClfTime } from '../time/timestamps.ts';
import { findStr } from '../lib/text-scan.ts';

/** Position of `[` opening the CLF date, or -1. */
function clfDateStart(p: string): number {
  const i = findStr(p, ' [', 1, 0, 300);
  if (i < 0) return -1;
  // dd/Mon/yyyy: — some writers drop the day's leading zero (`1/Apr/2014`).
  const d = p.charCodeAt(i + 3) === 47 ? i + 1 : i + 2;
  return p.charCodeAt(d + 2) === 47 && p.charCodeAt(d + 6) === 47 && p.charCodeAt(d + 11) === 58 ? i + 1 : -1;
}

/** Reads a `"…"` field starting at `at` (the quote); `\"` inside is kept. Returns value and end index. */
function quoted(p: string, at: number): { v: string; end: number } | undefined {
  if (p.charCodeAt(at) !== 34) return undefined;
  let i = at + 1;
  while (i < p.length) {
    const c = p.charCodeAt(i);
    if (c === 92) i += 2;
    else if (c === 34) break;
    else i++;
  }
  return { v: p.slice(at + 1, Math.min(i, p.length)), end: i + 1 };
}

function setRequest(f: EventFields, req: string): void {
  const sp1 = req.indexOf(' ');
  const sp2 = req.lastIndexOf(' ');
  if (sp1 < 0) {
    if (req !== '-') f['url.original'] = req;
    return;
  }
  f['http.request.method'] = req.slice(0, sp1);
  const target = sp2 > sp1 ? req.slice(sp1 + 1, sp2) : req.slice(sp1 + 1);
  if (sp2 > sp1 && req.startsWith('HTTP/', sp2 + 1)) f['http.version'] = req.slice(sp2 + 6);
  f['url.original'] = target;
  const q = target.indexOf('?');
  f['url.path'] = q < 0 ? target : target.slice(0, q);
  if (q >= 0) f['url.query'] = target.slice(q + 1);
}

export const webAccess = defineFormat({
  name: 'web-access',
  description: 'Apache and Nginx access logs (common, combined, vhost_combined)',
  detect: (p) => clfDateStart(p) > 0 && findStr(p, '] "', 2) >= 0,
  parse(payload, _header, _ctx, f) {
    f['event.module'] = 'http';
    f['event.dataset'] = 'web.access';
    f['event.kind'] = 'event';
    addTo(f, 'event.category', 'web');
    addTo(f, 'event.type', 'access');
    const lb = clfDateStart(payload);
    if (lb < 0) return 'no [dd/Mon/yyyy:hh:mm:ss zone] date';
    const head = payload.slice(0, lb - 1).split(' ');
    // [vhost:port] client ident user
    if (head.length >= 4) {
      const vhost = head.shift()!;
      const colon = vhost.lastIndexOf(':');
      setHost(f, 'url.domain', colon > 0 ? vhost.slice(0, colon) : vhost);
      if (colon > 0) setPort(f, 'url.port', vhost.slice(colon + 1));
    }
    const client = head[0];
    if (client !== undefined && looksLikeIp(client)) setIp(f, 'source.ip', client);
    else setHost(f, 'source.domain', client);
    setUser(f, head[2]);
    const t = payload.charCodeAt(lb + 2) === 47 ? readClfTime(`0${payload.slice(lb + 1, lb + 27)}`, 0) : readClfTime(payload, lb + 1);
    if (t !== undefined) f['@timestamp'] = t.ms;
    const close = payload.indexOf('] ', lb);
    if (close < 0) return 'unterminated date';
    const req = quoted(payload, close + 2);
    if (req === undefined) return 'no quoted request line';
    setRequest(f, req.v);
    let i = req.end;
    while (payload.charCodeAt(i) === 32) i++;
    const sEnd = payload.indexOf(' ', i);
    setInt(f, 'http.response.status_code', payload.slice(i, sEnd < 0 ? payload.length : sEnd));
    const status = f['http.response.status_code'];
    if (typeof status === 'number') f['event.outcome'] = status >= 400 ? 'failure' : 'success';
    if (sEnd < 0) return undefined;
    i = sEnd + 1;
    const bEnd = payload.indexOf(' ', i);
    setInt(f, 'http.response.body.bytes', payload.slice(i, bEnd < 0 ? payload.length : bEnd));
    if (bEnd < 0) return undefined;
    const ref = quoted(payload, bEnd + 1);
    if (ref === undefined) return undefined;
    setStr(f, 'http.request.referrer', ref.v);
    const ua = quoted(payload, ref.end + 1);
    if (ua !== undefined) setStr(f, 'user_agent.original', ua.v);
    return undefined;
  },
});
