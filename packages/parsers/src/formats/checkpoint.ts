/**
 * Check Point Log Exporter, syslog format: an RFC 5424 header whose "structured data" is
 * `[action:"Drop"; src:"1.2.3.4"; …]`. Field names follow Check Point's Log Exporter field list.
 */
import type { EventFields } from '@mamori/schema';
import { defineFormat } from '../lib/define-format.ts';
import {
  addTo, directionOf, isUnsafeKey, setHost, setInt, setIp, setNatIp, setPort, setStr, setTransport, setUser,
  severityFromName,
} from '../lib/field-helpers.ts';
import { applyVerdict } from '../lib/verdict.ts';
import type { SyslogHeader } from '../syslog/syslog-header.ts';

/** `key:"value"; key2:"v\"2"` → pairs. Keys may end in `::` (ike::"…"). Stops at `]`. */
export function scanCheckpointPairs<T>(s: string, start: number, onPair: (state: T, k: string, v: string) => void, state: T): number {
  let i = start;
  let n = 0;
  const len = s.length;
  while (i < len) {
    while (i < len && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 59 || s.charCodeAt(i) === 9)) i++;
    if (i >= len || s.charCodeAt(i) === 93) break;
    const keyStart = i;
    while (i < len && s.charCodeAt(i) !== 58 && s.charCodeAt(i) !== 59 && s.charCodeAt(i) !== 93) i++;
    if (s.charCodeAt(i) !== 58) {
      if (i < len && s.charCodeAt(i) === 93) break;
      continue; // stray text without `key:` — skip to the next `;`
    }
    const key = s.slice(keyStart, i).trim();
    while (s.charCodeAt(i) === 58) i++;
    if (s.charCodeAt(i) !== 34) continue;
    i++;
    const vStart = i;
    let escaped = false;
    while (i < len && s.charCodeAt(i) !== 34) {
      if (s.charCodeAt(i) === 92) {
        escaped = true;
        i++;
      }
      i++;
    }
    let v = s.slice(vStart, Math.min(i, len));
    if (escaped) v = v.replace(/\\(.)/g, '$1');
    i++;
    if (key !== '') {
      onPair(state, key, v);
      n++;
    }
  }
  return n;
}

const cpKeys = new Map<string, string>();
function cpKey(k: string): string {
  let v = cpKeys.get(k);
  if (v === undefined) {
    v = `checkpoint.${k}`;
    if (cpKeys.size < 5000) cpKeys.set(k, v);
  }
  return v;
}

function mapPair(f: EventFields, k: string, v: string): void {
  if (isUnsafeKey(k)) return;
  switch (k) {
    case 'action': if (v !== '') { f['event.action'] = v; applyVerdict(f, v); } return;
    case 'src': setIp(f, 'source.ip', v); return;
    case 'dst': setIp(f, 'destination.ip', v); return;
    case 's_port': setPort(f, 'source.port', v); return;
    case 'service': setPort(f, 'destination.port', v); return;
    case 'proto': setTransport(f, v); return;
    case 'xlatesrc': setNatIp(f, 'source.nat.ip', v); return;
    case 'xlatedst': setNatIp(f, 'destination.nat.ip', v); return;
    case 'xlatesport': if (v !== '0') setPort(f, 'source.nat.port', v); return;
    case 'xlatedport': if (v !== '0') setPort(f, 'destination.nat.port', v); return;
    case 'origin': setIp(f, 'observer.ip', v); return;
    case 'originsicname': f['observer.name'] = v; return;
    case 'ifname': setStr(f, 'observer.ingress.interface.name', v); return;
    case 'ifdir': { const d = directionOf(v); if (d !== undefined) f['network.direction'] = d; return; }
    case 'rule_name': setStr(f, 'rule.name', v); return;
    case 'rule_uid': setStr(f, 'rule.uuid', v); return;
    case 'rule': setStr(f, 'rule.id', v); return;
    case 'layer_name': setStr(f, 'rule.ruleset', v); return;
    case 'product': setStr(f, 'observer.product', v); return;
    case 'user': case 'src_user_name': setUser(f, v); return;
    case 'dst_user_name': setStr(f, 'destination.user.name', v); return;
    case 'src_machine_name': setHost(f, 'source.domain', v); return;
    case 'dst_machine_name': setHost(f, 'destination.domain', v); return;
    case 'attack': case 'protection_name': setStr(f, 'rule.name', v); break;
    case 'protection_id': setStr(f, 'rule.id', v); return;
    case 'malware_action': setStr(f, 'event.reason', v); return;
    case 'severity': { f['log.level'] = v; const s = severityFromName(v); if (s !== undefined) f['event.severity'] = s; return; }
    case 'time': { const n = Number(v); if (v !== '' && Number.isFinite(n)) f['@timestamp'] = n < 1e11 ? n * 1000 : n; return; }
    case 'resource': setStr(f, 'url.original', v); return;
    case 'http_host': setHost(f, 'url.domain', v); return;
    case 'method': setStr(f, 'http.request.method', v); return;
    case 'client_outbound_bytes': setInt(f, 'source.bytes', v); return;
    case 'server_outbound_bytes': setInt(f, 'destination.bytes', v); return;
    case 'client_outbound_packets': setInt(f, 'source.packets', v); return;
    case 'server_outbound_packets': setInt(f, 'destination.packets', v); return;
    case 'appi_name': setStr(f, 'network.application', v.toLowerCase()); return;
    case 'auth_status': { const s = v.toLowerCase(); f['event.outcome'] = s.includes('fail') ? 'failure' : 'success'; return; }
    case 'cve': setStr(f, 'vulnerability.id', v); break;
    default: break;
  }
  f[cpKey(k)] = v;
}

function bracketText(payload: string, header: SyslogHeader | undefined): string | undefined {
  if (header?.structuredData !== undefined && header.structuredData.includes(':"')) return header.structuredData;
  const i = payload.indexOf('[');
  return i >= 0 && i < 10 && payload.includes(':"', i) ? payload.slice(i) : undefined;
}

export const checkpoint = defineFormat({
  name: 'checkpoint',
  description: 'Check Point Log Exporter syslog ([action:"Drop"; src:"…"; …]) from gateways and Smart-1',
  detect(payload, header) {
    if (header?.appname === 'CheckPoint' || header?.appname === 'Checkpoint') return true;
    const sd = header?.structuredData;
    if (sd !== undefined) return sd.startsWith('[action:"') || (sd.includes(':"') && sd.includes('origin:"'));
    return payload.startsWith('[action:"') || (payload.charCodeAt(0) === 91 && payload.includes('origin:"') && payload.includes('; '));
  },
  parse(payload, header, _ctx, f) {
    f['observer.vendor'] = 'Check Point';
    f['observer.type'] = 'firewall';
    f['event.module'] = 'checkpoint';
    f['event.dataset'] = 'checkpoint.firewall';
    f['event.kind'] = 'event';
    const text = bracketText(payload, header);
    if (text === undefined) return 'no [key:"value"; …] block';
    const n = scanCheckpointPairs(text, 1, mapPair, f);
    if (f['observer.product'] === undefined) f['observer.product'] = 'Check Point';
    if (f['source.ip'] !== undefined || f['destination.ip'] !== undefined) {
      addTo(f, 'event.category', 'network');
      addTo(f, 'event.type', 'connection');
    }
    if (f['rule.name'] !== undefined && (f['checkpoint.attack'] !== undefined || f['checkpoint.protection_type'] !== undefined)) {
      f['event.kind'] = 'alert';
      addTo(f, 'event.category', 'intrusion_detection');
    }
    const action = f['event.action'];
    if (action === 'Login' || action === 'Logout' || action === 'Failed Log In') {
      addTo(f, 'event.category', 'authentication');
      if (action === 'Failed Log In') f['event.outcome'] = 'failure';
    }
    if (payload !== '' && !payload.startsWith('[')) f.message = payload;
    return n === 0 ? 'no key:"value" pairs' : undefined;
  },
});
