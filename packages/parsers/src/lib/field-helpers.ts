/** Small helpers that keep the per-format mapping code short and the normalisation consistent. */
import type { EventFields } from '@mamori/schema';

/** Decimal integer, or undefined when `s` is not one (no sign, no spaces, at most 15 digits). */
export function toInt(s: string | undefined): number | undefined {
  if (s === undefined || s.length === 0 || s.length > 15) return undefined;
  let v = 0;
  for (let i = 0; i < s.length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    v = v * 10 + d;
  }
  return v;
}

/** Loose IPv4/IPv6 shape check: enough to keep `N/A`, `-` and host names out of *.ip fields. */
export function looksLikeIp(s: string): boolean {
  const n = s.length;
  if (n < 2 || n > 45) return false;
  let dots = 0;
  let colons = 0;
  let run = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (run === 0 || run > 3) return false;
      dots++;
      run = 0;
    } else if (c === 58) {
      colons++;
      run = 0;
    } else if ((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70) || c === 37) run++;
    else return false;
  }
  if (colons === 0) return dots === 3 && run > 0 && run <= 3;
  return colons >= 2;
}

function isNil(v: string | undefined): v is undefined {
  return v === undefined || v === '' || v === '-' || v === 'N/A' || v === 'n/a' || v === '(null)';
}

/** Sets an IP field and records the address in related.ip. */
export function setIp(f: EventFields, key: string, v: string | undefined): void {
  if (isNil(v) || !looksLikeIp(v)) return;
  f[key] = v;
  addRelated(f, 'related.ip', v);
}

/** NAT addresses: `0.0.0.0` means "no translation" on most firewalls. */
export function setNatIp(f: EventFields, key: string, v: string | undefined): void {
  if (v === '0.0.0.0' || v === '::') return;
  setIp(f, key, v);
}

export function setPort(f: EventFields, key: string, v: string | undefined): void {
  const n = toInt(v);
  if (n !== undefined && n <= 65535) f[key] = n;
}

export function setInt(f: EventFields, key: string, v: string | undefined): void {
  const n = toInt(v);
  if (n !== undefined) f[key] = n;
}

export function setStr(f: EventFields, key: string, v: string | undefined): void {
  if (!isNil(v)) f[key] = v;
}

export function setUser(f: EventFields, v: string | undefined, key = 'user.name'): void {
  if (isNil(v)) return;
  f[key] = v;
  addRelated(f, 'related.user', v);
}

export function setHost(f: EventFields, key: string, v: string | undefined): void {
  if (isNil(v)) return;
  f[key] = v;
  addRelated(f, 'related.hosts', v);
}

export function addRelated(f: EventFields, key: string, v: string): void {
  const cur = f[key];
  if (cur === undefined) f[key] = [v];
  else if (Array.isArray(cur) && !cur.includes(v)) cur.push(v);
}

/** Appends to a string[] field (event.category, event.type). */
export function addTo(f: EventFields, key: string, v: string): void {
  const cur = f[key];
  if (cur === undefined) f[key] = [v];
  else if (Array.isArray(cur)) {
    if (!cur.includes(v)) cur.push(v);
  } else f[key] = [String(cur), v];
}

const TRANSPORTS: Record<string, string> = { '1': 'icmp', '6': 'tcp', '17': 'udp', '58': 'ipv6-icmp', '47': 'gre', '50': 'esp', '51': 'ah', '132': 'sctp', '2': 'igmp' };

/** IANA protocol number → network.transport (+ network.iana_number). Names are lower-cased as ECS asks. */
export function setTransport(f: EventFields, v: string | undefined): void {
  if (isNil(v)) return;
  const byNumber = TRANSPORTS[v];
  if (byNumber !== undefined) {
    f['network.transport'] = byNumber;
    f['network.iana_number'] = v;
  } else if (toInt(v) === undefined) f['network.transport'] = v.toLowerCase();
  else f['network.iana_number'] = v;
}

/**
 * Mamori's event.severity scale: 0–10, higher is worse (as CEF). Syslog severity names and numbers map as
 * emergency 10, alert 9, critical 8, error 7, warning 5, notice 3, informational 2, debug 1.
 */
const SEVERITY_BY_NAME: Record<string, number> = {
  emergency: 10, emerg: 10, alert: 9, critical: 8, crit: 8, error: 7, err: 7, high: 8, warning: 5, warn: 5,
  medium: 5, notice: 3, notification: 3, low: 3, information: 2, informational: 2, info: 2, debug: 1,
  debugging: 1, none: 0,
};
const SEVERITY_BY_SYSLOG_CODE = [10, 9, 8, 7, 5, 3, 2, 1];

export function severityFromName(v: string | undefined): number | undefined {
  return v === undefined ? undefined : SEVERITY_BY_NAME[v.toLowerCase()];
}

export function severityFromSyslogCode(code: number): number {
  return SEVERITY_BY_SYSLOG_CODE[code & 7]!;
}

/** Keys that must never be written as plain properties (prototype pollution). */
export function isUnsafeKey(k: string): boolean {
  return k === '__proto__' || k === 'constructor' || k === 'prototype';
}

/** "incoming"/"outgoing"/"inbound"… → ECS network.direction. */
export function directionOf(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  switch (v.toLowerCase()) {
    case 'incoming': case 'inbound': case 'in': case 'ingress': case 'server-to-client': return 'inbound';
    case 'outgoing': case 'outbound': case 'out': case 'egress': case 'client-to-server': return 'outbound';
    case 'internal': return 'internal';
    case 'external': return 'external';
    default: return undefined;
  }
}
