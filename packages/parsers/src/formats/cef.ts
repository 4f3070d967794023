/**
 * ArcSight Common Event Format: `CEF:0|Vendor|Product|Version|SignatureID|Name|Severity|ext`, bare or after
 * a syslog header (and a tag such as `ASM:`). Extension keys follow the CEF 25 dictionary; keys without an
 * ECS home are kept as cef.extensions.<key>.
 */
import type { EventFields } from '@mamori/schema';
import { defineFormat } from '../lib/define-format.ts';
import { scanCefExtension, splitPipes } from '../lib/cef-extension.ts';
import {
  addTo, directionOf, isUnsafeKey, setHost, setInt, setIp, setNatIp, setPort, setStr, setTransport, setUser,
} from '../lib/field-helpers.ts';
import { applyVerdict } from '../lib/verdict.ts';
import { cefTime } from '../time/cef-time.ts';
import { findStr } from '../lib/text-scan.ts';
import type { ParseContext } from '../parser.ts';

function cefSeverity(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v !== '' && Number.isFinite(n)) return Math.max(0, Math.min(10, Math.round(n)));
  switch (v.toLowerCase()) {
    case 'unknown': return undefined;
    case 'low': return 3;
    case 'medium': return 5;
    case 'high': return 8;
    case 'very-high': case 'very high': return 10;
    default: return undefined;
  }
}

const extKeys = new Map<string, string>();
function extKey(k: string): string {
  let v = extKeys.get(k);
  if (v === undefined) {
    v = `cef.extensions.${k}`;
    if (extKeys.size < 5000) extKeys.set(k, v);
  }
  return v;
}

function mapExtension(st: { f: EventFields; ctx: ParseContext }, k: string, v: string): void {
  const f = st.f;
  const ctx = st.ctx;
  if (isUnsafeKey(k)) return;
  switch (k) {
    case 'src': case 'c6a2': setIp(f, 'source.ip', v); break;
    case 'dst': case 'c6a3': setIp(f, 'destination.ip', v); break;
    case 'spt': setPort(f, 'source.port', v); break;
    case 'dpt': setPort(f, 'destination.port', v); break;
    case 'sourceTranslatedAddress': setNatIp(f, 'source.nat.ip', v); break;
    case 'destinationTranslatedAddress': setNatIp(f, 'destination.nat.ip', v); break;
    case 'sourceTranslatedPort': setPort(f, 'source.nat.port', v); break;
    case 'destinationTranslatedPort': setPort(f, 'destination.nat.port', v); break;
    case 'suser': setUser(f, v); break;
    case 'duser': setUser(f, v, 'destination.user.name'); break;
    case 'shost': setHost(f, 'source.domain', v); break;
    case 'dhost': setHost(f, 'destination.domain', v); break;
    case 'smac': setStr(f, 'source.mac', v); break;
    case 'dmac': setStr(f, 'destination.mac', v); break;
    case 'proto': setTransport(f, v); break;
    case 'app': setStr(f, 'network.protocol', v.toLowerCase()); break;
    case 'act': setStr(f, 'event.action', v); applyVerdict(f, v); break;
    case 'outcome': { const o = v.toLowerCase(); if (o === 'success' || o === 'failure') f['event.outcome'] = o; break; }
    case 'request': setStr(f, 'url.original', v); break;
    case 'requestMethod': setStr(f, 'http.request.method', v.toUpperCase()); break;
    case 'requestClientApplication': setStr(f, 'user_agent.original', v); break;
    case 'in': setInt(f, 'source.bytes', v); break;
    case 'out': setInt(f, 'destination.bytes', v); break;
    case 'cat': setStr(f, 'rule.category', v); break;
    case 'msg': setStr(f, 'message', v); break;
    case 'fname': setStr(f, 'file.name', v); break;
    case 'filePath': setStr(f, 'file.path', v); break;
    case 'fileHash': setStr(f, 'file.hash.sha256', v.length === 64 ? v : undefined); if (v.length === 32) f['file.hash.md5'] = v; break;
    case 'dvchost': setStr(f, 'observer.hostname', v); break;
    case 'dvc': setIp(f, 'observer.ip', v); break;
    case 'deviceInboundInterface': setStr(f, 'observer.ingress.interface.name', v); break;
    case 'deviceOutboundInterface': setStr(f, 'observer.egress.interface.name', v); break;
    case 'deviceDirection': { const d = v === '0' ? 'inbound' : v === '1' ? 'outbound' : directionOf(v); if (d !== undefined) f['network.direction'] = d; break; }
    case 'sntdom': setStr(f, 'user.domain', v); break;
    case 'sproc': setStr(f, 'process.name', v); break;
    case 'spid': setInt(f, 'process.pid', v); break;
    case 'rt': case 'end': { const t = cefTime(v, ctx.timezone); if (!Number.isNaN(t) && (k === 'rt' || f['@timestamp'] === undefined)) f['@timestamp'] = t; break; }
    // Keys without an ECS home (cs1…cs6 and their labels, vendor keys) are kept under their own name.
    default: f[extKey(k)] = v; break;
  }
}

export function cefPayloadStart(payload: string): number {
  if (payload.startsWith('CEF:')) return 0;
  // Only a tag may precede the header: search the first 200 characters, not the whole line.
  const i = findStr(payload, 'CEF:', 0, 0, 200);
  return i > 0 && (payload.charCodeAt(i - 1) === 32 || payload.charCodeAt(i - 1) === 58) ? i : -1;
}

export const cef = defineFormat({
  name: 'cef',
  description: 'ArcSight Common Event Format (CEF:0/1), bare or after a syslog header',
  detect: (payload) => cefPayloadStart(payload) >= 0,
  parse(payload, _header, ctx, f) {
    const start = cefPayloadStart(payload);
    if (start < 0) return 'no CEF: header';
    const { parts, rest } = splitPipes(payload, start + 4, 7);
    if (parts.length < 7) return 'CEF header has fewer than 7 fields';
    f['cef.version'] = parts[0]!;
    setStr(f, 'observer.vendor', parts[1]);
    setStr(f, 'observer.product', parts[2]);
    setStr(f, 'observer.version', parts[3]);
    setStr(f, 'event.code', parts[4]);
    setStr(f, 'rule.id', parts[4]);
    setStr(f, 'rule.name', parts[5]);
    setStr(f, 'message', parts[5]);
    const sev = cefSeverity(parts[6]);
    if (sev !== undefined) f['event.severity'] = sev;
    f['event.kind'] = 'event';
    f['event.module'] = 'cef';
    f['event.dataset'] = 'cef';
    scanCefExtension(payload, rest, mapExtension, { f, ctx });
    if (f['source.ip'] !== undefined || f['destination.ip'] !== undefined) addTo(f, 'event.category', 'network');
    return undefined;
  },
});
