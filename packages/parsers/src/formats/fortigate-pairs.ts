/**
 * FortiGate key → ECS mapping and a scanner specialised for it: the generic kv scanner calls back through a
 * shared (megamorphic) call site, this one calls mapPair directly so V8 can inline it on the hot path.
 */
import type { EventFields } from '@mamori/schema';
import {
  directionOf, isUnsafeKey, setHost, setInt, setIp, setNatIp, setPort, setStr, setTransport, setUser, severityFromName,
} from '../lib/field-helpers.ts';

/** Per-line state for fields that combine several keys. */
export interface Pending {
  date?: string;
  time?: string;
  tz?: string;
  type?: string;
  subtype?: string;
  action?: string;
  status?: string;
  policyid?: string;
  policyname?: string;
  attack?: string;
  attackid?: string;
  msg?: string;
  logdesc?: string;
  ui?: string;
}

const vendorKeys = new Map<string, string>();
function vendorKey(k: string): string {
  let v = vendorKeys.get(k);
  if (v === undefined) {
    v = `fortinet.firewall.${k}`;
    if (vendorKeys.size < 5000) vendorKeys.set(k, v);
  }
  return v;
}


type PairHandler = (f: EventFields, p: Pending, v: string) => void;

/** Key → mapping. A Map lookup per pair instead of walking a long string switch. */
const HANDLERS = new Map<string, PairHandler>();
function on(keys: string[], h: PairHandler): void {
  for (const k of keys) HANDLERS.set(k, h);
}

on(['date'], (_f, p, v) => { p.date = v; });
on(['time'], (_f, p, v) => { p.time = v; });
on(['tz'], (_f, p, v) => { p.tz = v; });
on(['devname'], (f, _p, v) => { f['observer.name'] = v; });
on(['devid', 'device_id'], (f, _p, v) => { f['observer.serial_number'] = v; });
on(['logid', 'log_id'], (f, _p, v) => { f['event.code'] = v; });
on(['type'], (f, p, v) => { p.type = v; f['fortinet.firewall.type'] = v; });
on(['subtype'], (f, p, v) => { p.subtype = v; f['fortinet.firewall.subtype'] = v; });
on(['level', 'pri'], (f, _p, v) => {
  f['log.level'] = v;
  const sev = severityFromName(v);
  if (sev !== undefined) f['event.severity'] = sev;
});
on(['srcip', 'src', 'remip'], (f, _p, v) => { setIp(f, 'source.ip', v); });
on(['dstip', 'dst', 'locip'], (f, _p, v) => { setIp(f, 'destination.ip', v); });
on(['srcport', 'src_port', 'remport'], (f, _p, v) => { setPort(f, 'source.port', v); });
on(['dstport', 'dst_port', 'locport'], (f, _p, v) => { setPort(f, 'destination.port', v); });
on(['srcintf', 'src_int'], (f, _p, v) => { setStr(f, 'observer.ingress.interface.name', v); });
on(['dstintf', 'dst_int'], (f, _p, v) => { setStr(f, 'observer.egress.interface.name', v); });
on(['srcintfrole'], (f, _p, v) => { setStr(f, 'observer.ingress.zone', v); });
on(['dstintfrole'], (f, _p, v) => { setStr(f, 'observer.egress.zone', v); });
on(['transip', 'tran_ip'], (f, _p, v) => { setNatIp(f, 'source.nat.ip', v); });
on(['transport', 'tran_port'], (f, _p, v) => { if (v !== '0') setPort(f, 'source.nat.port', v); });
on(['tranip'], (f, _p, v) => { setNatIp(f, 'destination.nat.ip', v); });
on(['tranport'], (f, _p, v) => { if (v !== '0') setPort(f, 'destination.nat.port', v); });
on(['proto'], (f, _p, v) => { setTransport(f, v); });
on(['service'], (f, _p, v) => { setStr(f, 'network.protocol', v.toLowerCase()); });
on(['app'], (f, _p, v) => { setStr(f, 'network.application', v.toLowerCase()); });
on(['action'], (f, p, v) => { p.action = v; f['event.action'] = v; });
on(['status'], (f, p, v) => { p.status = v; f['fortinet.firewall.status'] = v; });
on(['policyid'], (f, p, v) => { p.policyid = v; f['fortinet.firewall.policyid'] = v; });
on(['policyname'], (_f, p, v) => { p.policyname = v; });
on(['attack'], (_f, p, v) => { p.attack = v; });
on(['attackid'], (_f, p, v) => { p.attackid = v; });
on(['sentbyte'], (f, _p, v) => { setInt(f, 'source.bytes', v); });
on(['rcvdbyte'], (f, _p, v) => { setInt(f, 'destination.bytes', v); });
on(['sentpkt', 'sent_pkt'], (f, _p, v) => { setInt(f, 'source.packets', v); });
on(['rcvdpkt', 'rcvd_pkt'], (f, _p, v) => { setInt(f, 'destination.packets', v); });
on(['duration'], (f, _p, v) => { setInt(f, 'fortinet.firewall.duration', v); });
on(['user', 'dstuser', 'xauthuser'], (f, _p, v) => { if (f['user.name'] === undefined) setUser(f, v); });
on(['group'], (f, _p, v) => { setStr(f, 'user.group.name', v); });
on(['srccountry'], (f, _p, v) => { if (v !== 'Reserved') setStr(f, 'source.geo.country_name', v); });
on(['dstcountry'], (f, _p, v) => { if (v !== 'Reserved') setStr(f, 'destination.geo.country_name', v); });
on(['srcmac'], (f, _p, v) => { setStr(f, 'source.mac', v); });
on(['dstmac'], (f, _p, v) => { setStr(f, 'destination.mac', v); });
on(['srcname'], (f, _p, v) => { if (v !== f['source.ip']) setHost(f, 'source.domain', v); });
on(['dstname'], (f, _p, v) => { if (v !== f['destination.ip']) setHost(f, 'destination.domain', v); });
on(['hostname'], (f, _p, v) => { setHost(f, 'url.domain', v); });
on(['url'], (f, _p, v) => { setStr(f, 'url.path', v); });
on(['catdesc'], (f, _p, v) => { setStr(f, 'rule.category', v); });
on(['direction'], (f, _p, v) => { const d = directionOf(v); if (d !== undefined) f['network.direction'] = d; });
on(['msg'], (_f, p, v) => { p.msg = v; });
on(['logdesc'], (f, p, v) => { p.logdesc = v; f['event.reason'] = v; });
on(['ui'], (f, p, v) => { p.ui = v; f['fortinet.firewall.ui'] = v; });
on(['vd'], (f, _p, v) => { f['fortinet.firewall.vd'] = v; });
on(['sessionid'], (f, _p, v) => { f['fortinet.firewall.sessionid'] = v; });
// eventtime: date/time/tz carry the same instant (see readTime); not kept twice.
on(['eventtime'], () => undefined);
on(['qname'], (f, _p, v) => { setStr(f, 'dns.question.name', v); });
on(['virus'], (f, _p, v) => { setStr(f, 'rule.name', v); });
on(['filename'], (f, _p, v) => { setStr(f, 'file.name', v); });
on(['reason'], (f, _p, v) => { f['event.reason'] = v; });
on(['ref'], (f, _p, v) => { setStr(f, 'rule.reference', v); });
on(['agent'], (f, _p, v) => { setStr(f, 'user_agent.original', v); });

/** The mapping for key `k`: a handler, or the fortinet.firewall.<k> name to store the value under. */
function resolve(k: string): PairHandler | string | undefined {
  return HANDLERS.get(k) ?? (isUnsafeKey(k) ? undefined : vendorKey(k));
}

export function mapPair(f: EventFields, p: Pending, k: string, v: string): void {
  apply(f, p, resolve(k), v);
}

function apply(f: EventFields, p: Pending, target: PairHandler | string | undefined, v: string): void {
  if (typeof target === 'string') f[target] = v;
  else if (target !== undefined) target(f, p, v);
}

/**
 * A device sends its keys in the same order on every line: remember the previous line's key at each position
 * so that the usual case costs one native prefix comparison instead of a slice and a hash lookup.
 */
const seenKeys: string[] = [];
const seenTargets: Array<PairHandler | string | undefined> = [];


/** `k=v k2="quoted value"` → mapPair for each pair; returns the number of pairs. Same rules as kv-scanner.ts. */
export function scanFortigatePairs(s: string, f: EventFields, p: Pending): number {
  const n = s.length;
  let i = 0;
  let pairs = 0;
  while (i < n) {
    while (i < n && s.charCodeAt(i) === 32) i++;
    const keyStart = i;
    let c = 0;
    while (i < n) {
      c = s.charCodeAt(i);
      if (c === 61 || c === 32) break;
      i++;
    }
    if (c !== 61 || i >= n) continue;
    const keyLen = i - keyStart;
    const known = seenKeys[pairs];
    let target: PairHandler | string | undefined;
    if (known !== undefined && known.length === keyLen && s.startsWith(known, keyStart)) target = seenTargets[pairs];
    else if (keyLen > 0 && pairs < 256) {
      const key = s.slice(keyStart, i);
      target = resolve(key);
      seenKeys[pairs] = key;
      seenTargets[pairs] = target;
    } else target = keyLen > 0 ? resolve(s.slice(keyStart, i)) : undefined;
    i++;
    let value: string;
    if (s.charCodeAt(i) === 34) {
      const vStart = i + 1;
      let j = vStart;
      let escaped = false;
      while (j < n) {
        const d = s.charCodeAt(j);
        if (d === 34) break;
        if (d === 92) {
          escaped = true;
          j++;
        }
        j++;
      }
      if (j > n) j = n;
      value = s.slice(vStart, j);
      if (escaped) value = value.replace(/\\(["\\])/g, '$1');
      i = j + 1;
    } else {
      const vStart = i;
      while (i < n && s.charCodeAt(i) !== 32) i++;
      value = s.slice(vStart, i);
    }
    if (keyLen > 0) {
      apply(f, p, target, value);
      pairs++;
    }
  }
  return pairs;
}
