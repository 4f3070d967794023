/** DET-4 indicator types and how a value is checked and put in canonical form (what matching compares). */
import { ipToNumber, parseCidr } from '@mamori/query';

export const INDICATOR_TYPES = ['ip', 'cidr', 'domain', 'url', 'hash', 'account'] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

const HASH = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128})$/;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** The canonical value, or an error message a person can act on. */
export function normaliseIndicator(type: IndicatorType, raw: string): { value: string } | { error: string } {
  const v = raw.trim();
  if (v === '') return { error: 'the value is empty' };
  switch (type) {
    case 'ip': {
      const n = ipToNumber(v);
      return n === undefined ? { error: `"${v}" is not an IPv4 or IPv6 address` } : { value: canonicalIp(v) };
    }
    case 'cidr': {
      const r = parseCidr(v);
      if (r === undefined) return { error: `"${v}" is not an address/prefix such as 10.0.0.0/8` };
      if (r === 'invalid-prefix') return { error: `"${v}": the prefix length is out of range` };
      return { value: v.toLowerCase() };
    }
    case 'domain': {
      const d = v.toLowerCase().replace(/\.$/, '');
      return DOMAIN.test(d) ? { value: d } : { error: `"${v}" is not a domain name` };
    }
    case 'url':
      return /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(v) ? { value: v } : { error: `"${v}" is not an absolute URL` };
    case 'hash': {
      const h = v.toLowerCase();
      return HASH.test(h) ? { value: h } : { error: `"${v}" is not an MD5, SHA-1, SHA-256 or SHA-512 hex digest` };
    }
    case 'account':
      return { value: v.toLowerCase() };
  }
}

/** IPv6 in one spelling (lower case, compressed as parsers print it); IPv4 as is. */
export function canonicalIp(ip: string): string {
  if (!ip.includes(':')) return ip;
  const n = ipToNumber(ip);
  if (n === undefined) return ip.toLowerCase();
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((n >> BigInt(i * 16)) & 0xffffn).toString(16));
  // Longest run of zero groups becomes "::" (RFC 5952).
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}
