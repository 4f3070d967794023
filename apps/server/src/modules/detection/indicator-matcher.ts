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

/** The address as a signed 32-bit integer: small integers hash fast as map keys, large doubles do not. */
function ipv4Number(ip: string): number | undefined {
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || part > 255) return undefined;
      n = (n << 8) | part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + (c - 48);
      digits++;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0 || part > 255) return undefined;
  return (n << 8) | part;
}

export class IndicatorMatcher {
  private readonly exact = new Map<string, Map<string, IndicatorEntry>>();
  private readonly cidrs: CidrTable = { v4: new Map(), v6: new Map() };
  /** IPv4 prefix lengths present, with their masks as signed 32-bit integers (a /0 mask is 0). */
  private v4Lengths: Array<{ mask: number; nets: Map<number, IndicatorEntry> }> = [];
  readonly size: number;
  private readonly ips: Map<string, IndicatorEntry> | undefined;
  private readonly hasCidrs: boolean;
  /** Only the non-address types this tenant has indicators of, with the fields each one reads. */
  private readonly others: Array<{ type: 'domain' | 'url' | 'hash' | 'account'; set: Map<string, IndicatorEntry>; fields: readonly string[] }> = [];

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
    this.ips = this.exact.get('ip');
    this.v4Lengths = [...this.cidrs.v4].map(([bits, nets]) => ({ mask: bits === 0 ? 0 : -1 << (32 - bits), nets }));
    this.hasCidrs = this.cidrs.v4.size > 0 || this.cidrs.v6.size > 0;
    for (const type of ['domain', 'url', 'hash', 'account'] as const) {
      const set = this.exact.get(type);
      if (set) this.others.push({ type, set, fields: INDICATOR_FIELDS[type] });
    }
  }

  private addCidr(e: IndicatorEntry): void {
    const range = parseCidr(e.value);
    if (range === undefined || range === 'invalid-prefix') return;
    if (range.low >= V4_BASE && range.high <= V4_BASE + 0xffffffffn && !e.value.includes(':')) {
      const bits = 32 - Math.log2(Number(range.high - range.low + 1n));
      let byLen = this.cidrs.v4.get(bits);
      if (!byLen) this.cidrs.v4.set(bits, (byLen = new Map<number, IndicatorEntry>()));
      byLen.set(Number(range.low - V4_BASE) | 0, e);
    } else {
      const bits = 128 - (range.high - range.low + 1n).toString(2).length + 1;
      let byLen = this.cidrs.v6.get(bits);
      if (!byLen) this.cidrs.v6.set(bits, (byLen = new Map<bigint, IndicatorEntry>()));
      byLen.set(range.low, e);
    }
  }

  /** Every indicator the event carries (usually none). Written as plain loops: it runs for every event. */
  match(fields: Fields): IndicatorHit[] | undefined {
    if (this.size === 0) return undefined;
    let hits: IndicatorHit[] | undefined;
    const ips = this.ips;
    if (ips !== undefined || this.hasCidrs) {
      const ipFields = INDICATOR_FIELDS.ip;
      for (let i = 0; i < ipFields.length; i++) {
        const field = ipFields[i]!;
        const v = fields[field];
        if (typeof v !== 'string') continue;
        const hit = ips?.get(v) ?? (ips !== undefined && v.includes(':') ? ips.get(canonicalIp(v)) : undefined);
        if (hit) (hits ??= []).push({ indicator: hit, field, observed: v });
        if (this.hasCidrs) {
          const c = this.cidrHit(v);
          if (c) (hits ??= []).push({ indicator: c, field, observed: v });
        }
      }
    }
    for (let t = 0; t < this.others.length; t++) {
      const { type, set, fields: names } = this.others[t]!;
      for (let i = 0; i < names.length; i++) {
        const field = names[i]!;
        const v = fields[field];
        if (typeof v !== 'string' || v === '') continue;
        const hit = type === 'domain' ? domainHit(set, v.toLowerCase()) : set.get(type === 'url' ? v : v.toLowerCase());
        if (hit) (hits ??= []).push({ indicator: hit, field, observed: v });
      }
    }
    return hits;
  }

  private cidrHit(ip: string): IndicatorEntry | undefined {
    const v4 = ipv4Number(ip);
    if (v4 !== undefined) {
      const lengths = this.v4Lengths;
      for (let i = 0; i < lengths.length; i++) {
        const { mask, nets } = lengths[i]!;
        const hit = nets.get(v4 & mask);
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
