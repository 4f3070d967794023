/**
 * DET-4 live matching: one tenant's indicators (its own and the provider-wide ones) in hash sets, and CIDRs
 * as per-prefix-length sets of network numbers, so an event costs a handful of lookups however many
 * indicators there are. Domains also match their subdomains.
 */
import { parseCidr } from '@mamori/query';
import { canonicalIp, type IndicatorType } from './indicator-values.ts';
import type { AlertSeverity } from './detection-types.ts';

export interface IndicatorEntry {
  id: number;
  type: IndicatorType;
  value: string;
  severity: AlertSeverity;
  description: string | null;
}

export interface IndicatorHit {
  indicator: IndicatorEntry;
  field: string;
  observed: string;
}

type Fields = Readonly<Record<string, unknown>>;

export const INDICATOR_FIELDS: Readonly<Record<Exclude<IndicatorType, 'cidr'>, readonly string[]>> = {
  ip: ['source.ip', 'destination.ip', 'client.ip', 'server.ip', 'host.ip'],
  domain: ['dns.question.name', 'url.domain', 'destination.domain', 'server.domain', 'tls.client.server_name'],
  url: ['url.original', 'url.full'],
  hash: [
    'file.hash.md5',
    'file.hash.sha1',
    'file.hash.sha256',
    'process.hash.md5',
    'process.hash.sha1',
    'process.hash.sha256',
    'hash.md5',
    'hash.sha1',
    'hash.sha256',
  ],
  account: ['user.name', 'user.target.name', 'source.user.name', 'destination.user.name'],
};

/** IPv4 networks keyed by prefix length; IPv6 networks the same way over 128-bit numbers. */
interface CidrTable {
  v4: Map<number, Map<number, IndicatorEntry>>;
  v6: Map<number, Map<bigint, IndicatorEntry>>;
}

const V4_BASE = 0xffff00000000n;

function ipv4Number(ip: string): number | undefined {
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || part > 255) return undefined;
      n = n * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + (c - 48);
      digits++;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0 || part > 255) return undefined;
  return n * 256 + part;
}

export class IndicatorMatcher {
  private readonly exact = new Map<string, Map<string, IndicatorEntry>>();
  private readonly cidrs: CidrTable = { v4: new Map(), v6: new Map() };
  readonly size: number;

  constructor(entries: readonly IndicatorEntry[]) {
    for (const e of entries) {
      if (e.type === 'cidr') this.addCidr(e);
      else {
        let set = this.exact.get(e.type);
        if (!set) this.exact.set(e.type, (set = new Map<string, IndicatorEntry>()));
        set.set(e.type === 'url' ? e.value : e.value.toLowerCase(), e);
      }
    }
    this.size = entries.length;
  }

  private addCidr(e: IndicatorEntry): void {
    const range = parseCidr(e.value);
    if (range === undefined || range === 'invalid-prefix') return;
    if (range.low >= V4_BASE && range.high <= V4_BASE + 0xffffffffn && !e.value.includes(':')) {
      const bits = 32 - Math.log2(Number(range.high - range.low + 1n));
      let byLen = this.cidrs.v4.get(bits);
      if (!byLen) this.cidrs.v4.set(bits, (byLen = new Map<number, IndicatorEntry>()));
      byLen.set(Number(range.low - V4_BASE), e);
    } else {
      const bits = 128 - (range.high - range.low + 1n).toString(2).length + 1;
      let byLen = this.cidrs.v6.get(bits);
      if (!byLen) this.cidrs.v6.set(bits, (byLen = new Map<bigint, IndicatorEntry>()));
      byLen.set(range.low, e);
    }
  }

  /** Every indicator the event carries (usually none). */
  match(fields: Fields): IndicatorHit[] | undefined {
    if (this.size === 0) return undefined;
    let hits: IndicatorHit[] | undefined;
    const add = (indicator: IndicatorEntry, field: string, observed: string): void => {
      (hits ??= []).push({ indicator, field, observed });
    };
    const ips = this.exact.get('ip');
    const cidr = this.cidrs.v4.size > 0 || this.cidrs.v6.size > 0;
    if (ips || cidr) {
      for (const field of INDICATOR_FIELDS.ip) {
        const v = fields[field];
        if (typeof v !== 'string') continue;
        const hit = ips?.get(v) ?? (v.includes(':') ? ips?.get(canonicalIp(v)) : undefined);
        if (hit) add(hit, field, v);
        if (cidr) {
          const c = this.cidrHit(v);
          if (c) add(c, field, v);
        }
      }
    }
    for (const type of ['domain', 'url', 'hash', 'account'] as const) {
      const set = this.exact.get(type);
      if (!set) continue;
      for (const field of INDICATOR_FIELDS[type]) {
        const v = fields[field];
        if (typeof v !== 'string' || v === '') continue;
        const hit = type === 'domain' ? domainHit(set, v.toLowerCase()) : set.get(type === 'url' ? v : v.toLowerCase());
        if (hit) add(hit, field, v);
      }
    }
    return hits;
  }

  private cidrHit(ip: string): IndicatorEntry | undefined {
    const v4 = ipv4Number(ip);
    if (v4 !== undefined) {
      for (const [bits, nets] of this.cidrs.v4) {
        // >>> 0 keeps the network number unsigned; a /0 mask is 0.
        const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
        const hit = nets.get((v4 & mask) >>> 0);
        if (hit) return hit;
      }
      return undefined;
    }
    if (this.cidrs.v6.size === 0 || !ip.includes(':')) return undefined;
    const range = parseCidr(ip);
    if (range === undefined || range === 'invalid-prefix') return undefined;
    for (const [bits, nets] of this.cidrs.v6) {
      const hostBits = BigInt(128 - bits);
      const hit = nets.get((range.low >> hostBits) << hostBits);
      if (hit) return hit;
    }
    return undefined;
  }
}

/** The domain itself or any parent domain in the set ("a.evil.example" meets "evil.example"). */
function domainHit(set: Map<string, IndicatorEntry>, domain: string): IndicatorEntry | undefined {
  let d = domain.endsWith('.') ? domain.slice(0, -1) : domain;
  for (;;) {
    const hit = set.get(d);
    if (hit) return hit;
    const dot = d.indexOf('.');
    if (dot < 0) return undefined;
    d = d.slice(dot + 1);
  }
}
