/**
 * FortiGate (FortiOS 4–7) key=value logs: `date=… time=… devname=… type=traffic subtype=forward …`,
 * bare or after a syslog header. Mapping follows Elastic's Fortinet integration; keys without an ECS
 * home are kept as fortinet.firewall.<key>.
 */
import type { EventFields } from '@mamori/schema';
import { defineFormat } from '../lib/define-format.ts';
import { scanKeyValues } from '../lib/kv-scanner.ts';
import {
  addTo, directionOf, isUnsafeKey, setHost, setInt, setIp, setNatIp, setPort, setStr, setTransport, setUser,
  severityFromName,
} from '../lib/field-helpers.ts';
import { applyVerdict } from '../lib/verdict.ts';
import { readIsoTime } from '../time/timestamps.ts';
import type { ParseContext } from '../parser.ts';

const vendorKeys = new Map<string, string>();
function vendorKey(k: string): string {
  let v = vendorKeys.get(k);
  if (v === undefined) {
    v = `fortinet.firewall.${k}`;
    if (vendorKeys.size < 5000) vendorKeys.set(k, v);
  }
  return v;
}

/** Per-line state for fields that combine several keys. */
interface Pending {
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

function mapPair(f: EventFields, p: Pending, k: string, v: string): void {
  const h = HANDLERS.get(k);
  if (h !== undefined) h(f, p, v);
  else if (!isUnsafeKey(k)) f[vendorKey(k)] = v;
}

function readTime(p: Pending, ctx: ParseContext): number {
  if (p.date === undefined || p.time === undefined) return NaN;
  let iso = `${p.date}T${p.time}`;
  if (p.tz !== undefined && (p.tz.startsWith('+') || p.tz.startsWith('-'))) iso += p.tz;
  const r = readIsoTime(iso, 0, ctx.timezone);
  return r === undefined ? NaN : r.ms;
}

/** `https(1.2.3.4)`, `GUI(10.0.0.1)` → the address. */
function addressInUi(ui: string): string | undefined {
  const open = ui.indexOf('(');
  const close = ui.lastIndexOf(')');
  return open >= 0 && close > open ? ui.slice(open + 1, close) : undefined;
}

function categorise(f: EventFields, p: Pending): void {
  const type = p.type ?? '';
  const sub = p.subtype ?? '';
  const action = (p.action ?? p.status ?? '').toLowerCase();
  f['event.kind'] = 'event';
  if (type === 'traffic') {
    addTo(f, 'event.category', 'network');
    addTo(f, 'event.type', 'connection');
    applyVerdict(f, p.action ?? p.status);
    if (p.policyid !== undefined) f['rule.id'] = p.policyid;
    if (p.policyname !== undefined) f['rule.name'] = p.policyname;
    f['rule.ruleset'] = 'policy';
  } else if (type === 'utm' || type === 'attack') {
    addTo(f, 'event.category', 'network');
    addTo(f, 'event.category', sub === 'virus' ? 'malware' : sub === 'webfilter' ? 'web' : 'intrusion_detection');
    addTo(f, 'event.type', 'info');
    applyVerdict(f, p.action);
    if (p.attack !== undefined) f['rule.name'] = p.attack;
    if (p.attackid !== undefined) f['rule.id'] = p.attackid;
    else if (p.policyid !== undefined && f['rule.id'] === undefined) f['rule.id'] = p.policyid;
    f['rule.ruleset'] = sub;
    if (sub === 'ips' || sub === 'virus' || sub === 'anomaly' || p.attack !== undefined) f['event.kind'] = 'alert';
  } else if (type === 'event') {
    if (action === 'login' || action === 'logout' || action.includes('login') || sub === 'user') {
      addTo(f, 'event.category', 'authentication');
      addTo(f, 'event.type', action.includes('logout') ? 'end' : 'start');
    } else if (p.logdesc?.toLowerCase().includes('config') === true || action === 'edit' || action === 'add' || action === 'delete') {
      addTo(f, 'event.category', 'configuration');
      addTo(f, 'event.type', action === 'delete' ? 'deletion' : action === 'add' ? 'creation' : 'change');
    } else {
      addTo(f, 'event.category', sub === 'vpn' ? 'network' : 'host');
      addTo(f, 'event.type', 'info');
    }
    const st = (p.status ?? '').toLowerCase();
    const failed = st === 'failed' || st === 'failure' || action.includes('fail') || (p.logdesc ?? '').toLowerCase().includes('fail');
    if (failed) f['event.outcome'] = 'failure';
    else if (st === 'success' || st === 'succeeded') f['event.outcome'] = 'success';
  }
}

export const fortigate = defineFormat({
  name: 'fortigate',
  description: 'Fortinet FortiGate key=value logs (traffic, utm, event), bare or after a syslog header',
  detect(payload) {
    // `date=… time=… devname=|logid=…`, or a `devid=FG…` anywhere near the start.
    if (payload.startsWith('date=') || payload.startsWith('logver=') || payload.startsWith('eventtime=') || payload.startsWith('itime=')) {
      return payload.includes(' logid=') || payload.includes(' devname=') || payload.includes(' devid=') || payload.includes(' device_id=');
    }
    return (payload.includes('devid="FG') || payload.includes('devid=FG')) && payload.includes(' logid=');
  },
  parse(payload, _header, ctx, f) {
    const p: Pending = {};
    const n = scanKeyValues(payload, 0, 32, (k, v) => mapPair(f, p, k, v));
    if (n === 0) return 'no key=value pairs';
    const t = readTime(p, ctx);
    if (!Number.isNaN(t)) {
      f['@timestamp'] = t;
      if (p.tz === undefined) f['event.timezone'] = ctx.timezone;
      else delete f['event.timezone'];
    }
    if (p.ui !== undefined && f['source.ip'] === undefined) setIp(f, 'source.ip', addressInUi(p.ui));
    f['observer.vendor'] = 'Fortinet';
    f['observer.product'] = 'FortiGate';
    f['observer.type'] = 'firewall';
    f['event.dataset'] = 'fortinet.firewall';
    f['event.module'] = 'fortinet';
    categorise(f, p);
    const message = p.msg ?? p.logdesc;
    if (message !== undefined) f.message = message;
    return undefined;
  },
});
