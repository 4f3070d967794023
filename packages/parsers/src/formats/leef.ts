/**
 * IBM QRadar LEEF 1.0/2.0: `LEEF:1.0|Vendor|Product|Version|EventID|k=v<TAB>k=v…`; LEEF 2.0 adds a delimiter
 * field after EventID (`^`, `|`, or hex such as `x09`). Keys follow the LEEF predefined attributes.
 */
import type { EventFields } from '@mamori/schema';
import { defineFormat } from '../lib/define-format.ts';
import { splitPipes } from '../lib/cef-extension.ts';
import { scanKeyValues } from '../lib/kv-scanner.ts';
import {
  isUnsafeKey, setHost, setInt, setIp, setNatIp, setPort, setStr, setTransport, setUser, severityFromName,
} from '../lib/field-helpers.ts';
import { applyVerdict } from '../lib/verdict.ts';
import { cefTime } from '../time/cef-time.ts';
import { findStr } from '../lib/text-scan.ts';
import type { ParseContext } from '../parser.ts';

function delimiterOf(spec: string): number {
  if (spec.length === 1) return spec.charCodeAt(0);
  const hex = spec.startsWith('0x') || spec.startsWith('x') || spec.startsWith('X') ? spec.slice(spec.indexOf('x') + 1 || 1) : '';
  const n = parseInt(hex, 16);
  return Number.isInteger(n) && n > 0 && n < 0x10000 ? n : 9;
}

const leefKeys = new Map<string, string>();
function leefKey(k: string): string {
  let v = leefKeys.get(k);
  if (v === undefined) {
    v = `leef.${k}`;
    if (leefKeys.size < 5000) leefKeys.set(k, v);
  }
  return v;
}

function mapPair(st: { f: EventFields; ctx: ParseContext }, k: string, v: string): void {
  const { f, ctx } = st;
  if (isUnsafeKey(k)) return;
  f[leefKey(k)] = v;
  switch (k) {
    case 'src': setIp(f, 'source.ip', v); break;
    case 'dst': setIp(f, 'destination.ip', v); break;
    case 'srcPort': setPort(f, 'source.port', v); break;
    case 'dstPort': setPort(f, 'destination.port', v); break;
    case 'srcPostNAT': setNatIp(f, 'source.nat.ip', v); break;
    case 'dstPostNAT': setNatIp(f, 'destination.nat.ip', v); break;
    case 'srcPostNATPort': setPort(f, 'source.nat.port', v); break;
    case 'dstPostNATPort': setPort(f, 'destination.nat.port', v); break;
    case 'usrName': case 'accountName': setUser(f, v); break;
    case 'domain': setStr(f, 'user.domain', v); break;
    case 'proto': setTransport(f, v); break;
    case 'srcBytes': setInt(f, 'source.bytes', v); break;
    case 'dstBytes': setInt(f, 'destination.bytes', v); break;
    case 'srcPackets': setInt(f, 'source.packets', v); break;
    case 'dstPackets': setInt(f, 'destination.packets', v); break;
    case 'totalBytes': setInt(f, 'network.bytes', v); break;
    case 'sev': { const n = Number(v); const s = Number.isFinite(n) && v !== '' ? Math.min(10, Math.max(0, Math.round(n))) : severityFromName(v); if (s !== undefined) f['event.severity'] = s; break; }
    case 'cat': setStr(f, 'rule.category', v); break;
    case 'action': case 'act': setStr(f, 'event.action', v); applyVerdict(f, v); break;
    case 'identHostName': case 'srcHostName': setHost(f, 'source.domain', v); break;
    case 'dstHostName': setHost(f, 'destination.domain', v); break;
    case 'url': setStr(f, 'url.original', v); break;
    case 'policy': case 'policyName': case 'ruleName': setStr(f, 'rule.name', v); break;
    case 'msg': case 'message': setStr(f, 'message', v); break;
    case 'devTimeFormat': break;
    default: break;
  }
  if (k === 'devTime') {
    const t = cefTime(v, ctx.timezone, ctx.receivedAt);
    if (!Number.isNaN(t)) f['@timestamp'] = t;
  }
}

export function leefStart(payload: string): number {
  if (payload.startsWith('LEEF:')) return 0;
  const i = findStr(payload, 'LEEF:', 0, 0, 200);
  return i > 0 && (payload.charCodeAt(i - 1) === 32 || payload.charCodeAt(i - 1) === 58) ? i : -1;
}

export const leef = defineFormat({
  name: 'leef',
  description: 'IBM QRadar Log Event Extended Format (LEEF 1.0 and 2.0), bare or after a syslog header',
  detect: (payload) => leefStart(payload) >= 0,
  parse(payload, _header, ctx, f) {
    const start = leefStart(payload);
    if (start < 0) return 'no LEEF: header';
    const version = payload.startsWith('2.0|', start + 5) ? 2 : 1;
    const { parts, rest } = splitPipes(payload, start + 5, version === 2 ? 6 : 5);
    if (parts.length < 5) return 'LEEF header has fewer than 5 fields';
    f['leef.version'] = parts[0]!;
    setStr(f, 'observer.vendor', parts[1]);
    setStr(f, 'observer.product', parts[2]);
    setStr(f, 'observer.version', parts[3]);
    setStr(f, 'event.code', parts[4]);
    setStr(f, 'event.action', parts[4]);
    f['event.kind'] = 'event';
    f['event.module'] = 'leef';
    f['event.dataset'] = 'leef';
    let sep = 9;
    if (version === 2 && parts[5] !== undefined && parts[5] !== '') sep = delimiterOf(parts[5]);
    // LEEF 1.0 is tab-delimited; some senders use `|` or spaces instead — guess from the text.
    if (version === 1 && !payload.includes('\t', rest)) sep = payload.includes('|', rest) ? 124 : 32;
    scanKeyValues(payload, rest, sep, mapPair, { f, ctx });
    return undefined;
  },
});
