/**
 * Juniper ScreenOS / NetScreen: `NetScreen device_id=ssg5  [Root]system-emergency-00005: SYN flood! From
 * 1.2.3.4:41437 to 5.6.7.8:9612, proto TCP (zone Untrust int ethernet0/0). Occurred 1 times. (2016-07-07 05:02:32)`
 * and traffic logs `…system-notification-00257(traffic): start_time="…" … action=Deny src=… dst=…`.
 */
import type { EventFields } from '@mamori/schema';
import { defineFormat } from '../lib/define-format.ts';
import { scanKeyValues } from '../lib/kv-scanner.ts';
import {
  addTo, isUnsafeKey, setInt, setIp, setNatIp, setPort, setStr, setTransport, setUser, severityFromName,
} from '../lib/field-helpers.ts';
import { applyVerdict } from '../lib/verdict.ts';
import { between, findStr, splitHostPort, wordAfter } from '../lib/text-scan.ts';
import { readIsoTime } from '../time/timestamps.ts';
import { joinKey } from '../lib/json-fields.ts';

function mapTraffic(f: EventFields, k: string, v: string): void {
  switch (k) {
    case 'src': setIp(f, 'source.ip', v); break;
    case 'dst': setIp(f, 'destination.ip', v); break;
    case 'src_port': setPort(f, 'source.port', v); break;
    case 'dst_port': setPort(f, 'destination.port', v); break;
    case 'src-xlated ip': case 'src_xlated_ip': setNatIp(f, 'source.nat.ip', v); break;
    case 'dst-xlated ip': case 'dst_xlated_ip': setNatIp(f, 'destination.nat.ip', v); break;
    case 'proto': setTransport(f, v); break;
    case 'action': f['event.action'] = v; applyVerdict(f, v); break;
    case 'policy_id': setStr(f, 'rule.id', v); break;
    case 'service': setStr(f, 'network.protocol', v.toLowerCase()); break;
    case 'sent': setInt(f, 'source.bytes', v); break;
    case 'rcvd': setInt(f, 'destination.bytes', v); break;
    case 'src_zone': setStr(f, 'observer.ingress.zone', v); break;
    case 'dst_zone': setStr(f, 'observer.egress.zone', v); break;
    case 'session_id': setStr(f, 'juniper.screenos.session_id', v); break;
    case 'reason': setStr(f, 'event.reason', v); break;
    default: if (!isUnsafeKey(k)) f[joinKey('juniper.screenos.', k)] = v;
  }
}

/** `From 1.2.3.4:41437 to 5.6.7.8:9612` / `from host 1.2.3.4 to 5.6.7.8:443` in alert prose. */
function mapProse(f: EventFields, text: string): void {
  const from = wordAfter(text, 'From ') ?? wordAfter(text, 'from host ') ?? wordAfter(text, 'from ');
  if (from !== undefined) {
    const hp = splitHostPort(from, ':');
    setIp(f, 'source.ip', hp.ip);
    setPort(f, 'source.port', hp.port);
  }
  const to = wordAfter(text, ' to ');
  if (to !== undefined) {
    const hp = splitHostPort(to, ':');
    setIp(f, 'destination.ip', hp.ip);
    setPort(f, 'destination.port', hp.port);
  }
  const proto = wordAfter(text, 'proto ');
  if (proto !== undefined) setTransport(f, proto);
  const zone = between(text, '(zone ', ' int');
  if (zone !== undefined) setStr(f, 'observer.ingress.zone', zone);
  const intf = wordAfter(text, ' int ');
  if (intf !== undefined) setStr(f, 'observer.ingress.interface.name', intf.endsWith(')') ? intf.slice(0, -1) : intf);
  const admin = wordAfter(text, 'for admin ') ?? wordAfter(text, 'by admin ') ?? wordAfter(text, ' by ');
  if (admin !== undefined && !admin.includes('.')) setUser(f, admin);
  const occurred = wordAfter(text, 'Occurred ');
  if (occurred !== undefined) setInt(f, 'event.count', occurred);
}

export const screenos = defineFormat({
  name: 'screenos',
  description: 'Juniper ScreenOS / NetScreen firewall logs (system alerts such as SYN/ICMP flood, traffic logs)',
  detect: (payload) => payload.startsWith('NetScreen device_id=') || (findStr(payload, 'NetScreen device_id=', 0) >= 0 && findStr(payload, ']system-', 0) >= 0),
  parse(payload, _header, ctx, f) {
    f['observer.vendor'] = 'Juniper';
    f['observer.product'] = 'ScreenOS';
    f['observer.type'] = 'firewall';
    f['event.module'] = 'juniper';
    f['event.dataset'] = 'juniper.screenos';
    f['event.kind'] = 'event';
    setStr(f, 'observer.serial_number', wordAfter(payload, 'device_id='));
    const bracket = payload.indexOf('[', payload.indexOf('device_id='));
    const close = bracket < 0 ? -1 : payload.indexOf(']', bracket);
    if (close < 0) return 'no [vsys]system-<level>-<code> part';
    setStr(f, 'juniper.screenos.vsys', payload.slice(bracket + 1, close));
    const colon = payload.indexOf(':', close);
    const tag = payload.slice(close + 1, colon < 0 ? payload.length : colon); // system-emergency-00005(traffic)
    const parts = tag.split('-');
    const level = parts[1];
    const rawCode = parts[2];
    const code = rawCode?.includes('(') === true ? rawCode.slice(0, rawCode.indexOf('(')) : rawCode;
    setStr(f, 'log.level', level);
    const sev = severityFromName(level);
    if (sev !== undefined) f['event.severity'] = sev;
    setStr(f, 'event.code', code);
    const text = colon < 0 ? '' : payload.slice(colon + 1).trim();
    if (text !== '') f.message = text;
    // Trailing `(2016-07-07 05:02:32)` is the device's local time.
    const open = text.lastIndexOf('(');
    if (open >= 0) {
      const t = readIsoTime(text, open + 1, ctx.timezone);
      if (t !== undefined) {
        f['@timestamp'] = t.ms;
        f['event.timezone'] = ctx.timezone;
      }
    }
    if (tag.includes('(traffic)')) {
      addTo(f, 'event.category', 'network');
      addTo(f, 'event.type', 'connection');
      const kv = text.replaceAll('src zone=', 'src_zone=').replaceAll('dst zone=', 'dst_zone=')
        .replaceAll('src-xlated ip=', 'src_xlated_ip=').replaceAll('dst-xlated ip=', 'dst_xlated_ip=');
      scanKeyValues(kv, 0, 32, mapTraffic, f);
      return undefined;
    }
    mapProse(f, text);
    const bang = text.indexOf('!');
    if (bang > 0 && bang < 80) {
      // Screen/attack alarms: `SYN flood!`, `ICMP Flood!`, `Port scan!`
      f['rule.name'] = text.slice(0, bang);
      f['event.kind'] = 'alert';
      addTo(f, 'event.category', 'intrusion_detection');
      addTo(f, 'event.category', 'network');
      addTo(f, 'event.type', 'denied');
    } else if (text.includes('Management session') || text.includes('login') || text.includes('Login')) {
      addTo(f, 'event.category', 'authentication');
      addTo(f, 'event.type', 'info');
    } else if (text.includes('modified') || text.includes('configuration')) {
      addTo(f, 'event.category', 'configuration');
      addTo(f, 'event.type', 'change');
    }
    return undefined;
  },
});
