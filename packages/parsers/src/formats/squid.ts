/**
 * Squid native access.log: `time.ms elapsed client code/status bytes method URL user hierarchy/peer type`
 * (fields separated by one or more spaces).
 */
import { defineFormat } from '../lib/define-format.ts';
import { addTo, setHost, setInt, setIp, setStr, setUser } from '../lib/field-helpers.ts';
import { applyVerdict } from '../lib/verdict.ts';

function fieldsOf(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length && out.length < 10) {
    while (s.charCodeAt(i) === 32) i++;
    const start = i;
    while (i < s.length && s.charCodeAt(i) !== 32) i++;
    if (i > start) out.push(s.slice(start, i));
  }
  if (i < s.length) out[out.length - 1] += s.slice(i); // content type may hold spaces
  return out;
}

/** `1140701044.525   1231 192.168.1.201 TCP_DENIED/400 …` */
function detectSquid(p: string): boolean {
  const dot = p.indexOf('.');
  if (dot < 9 || dot > 11) return false;
  for (let i = 0; i < dot; i++) {
    const c = p.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return p.includes('TCP_') || p.includes('UDP_') || p.includes('NONE/') || p.includes('TAG_NONE');
}

export const squid = defineFormat({
  name: 'squid',
  description: 'Squid proxy native access.log',
  detect: detectSquid,
  parse(payload, _header, _ctx, f) {
    const c = fieldsOf(payload);
    f['observer.vendor'] = 'Squid';
    f['observer.product'] = 'Squid';
    f['observer.type'] = 'proxy';
    f['event.module'] = 'squid';
    f['event.dataset'] = 'squid.access';
    f['event.kind'] = 'event';
    addTo(f, 'event.category', 'web');
    addTo(f, 'event.category', 'network');
    if (c.length < 7) return 'fewer than 7 access.log fields';
    const t = Number(c[0]);
    if (Number.isFinite(t)) f['@timestamp'] = Math.round(t * 1000);
    setInt(f, 'event.duration', c[1]); // ms; ECS wants ns, converted below
    const dur = f['event.duration'];
    if (typeof dur === 'number') f['event.duration'] = dur * 1_000_000;
    setIp(f, 'source.ip', c[2]);
    const code = c[3] ?? '';
    const slash = code.indexOf('/');
    const result = slash < 0 ? code : code.slice(0, slash);
    f['event.action'] = result;
    f['squid.result_code'] = result;
    if (slash >= 0) setInt(f, 'http.response.status_code', code.slice(slash + 1));
    if (result.includes('DENIED')) applyVerdict(f, 'denied');
    else addTo(f, 'event.type', 'access');
    setInt(f, 'http.response.bytes', c[4]);
    setStr(f, 'http.request.method', c[5]);
    const url = c[6];
    if (url !== undefined && url !== '-') {
      f['url.original'] = url;
      const scheme = url.indexOf('://');
      const hostStart = scheme < 0 ? 0 : scheme + 3;
      let hostEnd = hostStart;
      while (hostEnd < url.length && url[hostEnd] !== '/' && url[hostEnd] !== ':' && url[hostEnd] !== '?') hostEnd++;
      if (scheme >= 0 || c[5] === 'CONNECT') setHost(f, 'url.domain', url.slice(hostStart, hostEnd));
      if (scheme >= 0) {
        const path = url.indexOf('/', hostStart);
        if (path >= 0) {
          const q = url.indexOf('?', path);
          f['url.path'] = q < 0 ? url.slice(path) : url.slice(path, q);
          if (q >= 0) f['url.query'] = url.slice(q + 1);
        }
      }
    }
    setUser(f, c[7]);
    const peer = c[8];
    if (peer !== undefined) {
      const s = peer.indexOf('/');
      setStr(f, 'squid.hierarchy_code', s < 0 ? peer : peer.slice(0, s));
      if (s >= 0) setIp(f, 'destination.ip', peer.slice(s + 1));
    }
    setStr(f, 'http.response.mime_type', c[9]);
    return undefined;
  },
});
