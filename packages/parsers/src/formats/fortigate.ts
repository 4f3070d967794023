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

function mapPair(f: EventFields, p: Pending, k: string, v: string): void {
  switch (k) {
    case 'date': p.date = v; return;
    case 'time': p.time = v; return;
    case 'tz': p.tz = v; return;
    case 'devname': f['observer.name'] = v; return;
    case 'devid': case 'device_id': f['observer.serial_number'] = v; return;
    case 'logid': case 'log_id': f['event.code'] = v; return;
    case 'type': p.type = v; f['fortinet.firewall.type'] = v; return;
    case 'subtype': p.subtype = v; f['fortinet.firewall.subtype'] = v; return;
    case 'level': case 'pri': {
      f['log.level'] = v;
      const sev = severityFromName(v);
      if (sev !== undefined) f['event.severity'] = sev;
      return;
    }
    case 'srcip': case 'src': case 'remip': setIp(f, 'source.ip', v); return;
    case 'dstip': case 'dst': case 'locip': setIp(f, 'destination.ip', v); return;
    case 'srcport': case 'src_port': case 'remport': setPort(f, 'source.port', v); return;
    case 'dstport': case 'dst_port': case 'locport': setPort(f, 'destination.port', v); return;
    case 'srcintf': case 'src_int': setStr(f, 'observer.ingress.interface.name', v); return;
    case 'dstintf': case 'dst_int': setStr(f, 'observer.egress.interface.name', v); return;
    case 'srcintfrole': setStr(f, 'observer.ingress.zone', v); return;
    case 'dstintfrole': setStr(f, 'observer.egress.zone', v); return;
    case 'transip': case 'tran_ip': setNatIp(f, 'source.nat.ip', v); return;
    case 'transport': case 'tran_port': if (v !== '0') setPort(f, 'source.nat.port', v); return;
    case 'tranip': setNatIp(f, 'destination.nat.ip', v); return;
    case 'tranport': if (v !== '0') setPort(f, 'destination.nat.port', v); return;
    case 'proto': setTransport(f, v); return;
    case 'service': setStr(f, 'network.protocol', v.toLowerCase()); return;
    case 'app': setStr(f, 'network.application', v.toLowerCase()); return;
    case 'action': p.action = v; f['event.action'] = v; return;
    case 'status': p.status = v; f['fortinet.firewall.status'] = v; return;
    case 'policyid': p.policyid = v; f['fortinet.firewall.policyid'] = v; return;
    case 'policyname': p.policyname = v; return;
    case 'attack': p.attack = v; return;
    case 'attackid': p.attackid = v; return;
    case 'sentbyte': setInt(f, 'source.bytes', v); return;
    case 'rcvdbyte': setInt(f, 'destination.bytes', v); return;
    case 'sentpkt': case 'sent_pkt': setInt(f, 'source.packets', v); return;
    case 'rcvdpkt': case 'rcvd_pkt': setInt(f, 'destination.packets', v); return;
    case 'duration': setInt(f, 'fortinet.firewall.duration', v); return;
    case 'user': case 'dstuser': case 'xauthuser': if (f['user.name'] === undefined) setUser(f, v); return;
    case 'group': setStr(f, 'user.group.name', v); return;
    case 'srccountry': if (v !== 'Reserved') setStr(f, 'source.geo.country_name', v); return;
    case 'dstcountry': if (v !== 'Reserved') setStr(f, 'destination.geo.country_name', v); return;
    case 'srcmac': setStr(f, 'source.mac', v); return;
    case 'dstmac': setStr(f, 'destination.mac', v); return;
    case 'srcname': if (v !== f['source.ip']) setHost(f, 'source.domain', v); return;
    case 'dstname': if (v !== f['destination.ip']) setHost(f, 'destination.domain', v); return;
    case 'hostname': setHost(f, 'url.domain', v); return;
    case 'url': setStr(f, 'url.path', v); return;
    case 'catdesc': setStr(f, 'rule.category', v); return;
    case 'direction': { const d = directionOf(v); if (d !== undefined) f['network.direction'] = d; return; }
    case 'msg': p.msg = v; return;
    case 'logdesc': p.logdesc = v; f['event.reason'] = v; return;
    case 'ui': p.ui = v; f['fortinet.firewall.ui'] = v; return;
    case 'vd': f['fortinet.firewall.vd'] = v; return;
    case 'sessionid': f['fortinet.firewall.sessionid'] = v; return;
    case 'eventtime': return; // date/time/tz carry the same instant; see readTime
    case 'qname': setStr(f, 'dns.question.name', v); return;
    case 'virus': setStr(f, 'rule.name', v); return;
    case 'filename': setStr(f, 'file.name', v); return;
    case 'reason': f['event.reason'] = v; return;
    case 'ref': setStr(f, 'rule.reference', v); return;
    case 'agent': setStr(f, 'user_agent.original', v); return;
    default:
      if (!isUnsafeKey(k)) f[vendorKey(k)] = v;
  }
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
