/**
 * IP addresses as 128-bit numbers, the form of the stored `source_ip_num` / `destination_ip_num` columns:
 * IPv4 is mapped into ::ffff:0:0/96 so one range scan serves both families. Hand-written, no regular
 * expressions, so hostile input costs linear time.
 */

const IPV4_MAPPED_BASE = 0xffff00000000n;
const MAX_128 = (1n << 128n) - 1n;

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (part.length === 0 || part.length > 3) return undefined;
    // Leading zeros are rejected: some tools read them as octal, so "010" is ambiguous.
    if (part.length > 1 && part.startsWith('0')) return undefined;
    let n = 0;
    for (const ch of part) {
      const d = ch.charCodeAt(0) - 48;
      if (d < 0 || d > 9) return undefined;
      n = n * 10 + d;
    }
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseHextet(part: string): number | undefined {
  if (part.length === 0 || part.length > 4) return undefined;
  let n = 0;
  for (const ch of part) {
    const c = ch.toLowerCase().charCodeAt(0);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (d < 0) return undefined;
    n = n * 16 + d;
  }
  return n;
}

function parseIpv6(text: string): bigint | undefined {
  if (text.length > 45) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const toGroups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    const parts = s.split(':');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? '';
      if (i === parts.length - 1 && part.includes('.')) {
        const v4 = parseIpv4(part);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
        continue;
      }
      const h = parseHextet(part);
      if (h === undefined) return undefined;
      out.push(h);
    }
    return out;
  };
  const head = toGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? toGroups(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  // An embedded IPv4 tail is only valid at the very end of the address.
  if (halves.length === 2 && (halves[0] ?? '').includes('.')) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  return value;
}

/** The stored number of an IPv4 or IPv6 address, or undefined when `ip` is not an address. */
export function ipToNumber(ip: string): bigint | undefined {
  if (ip.includes(':')) return parseIpv6(ip);
  const v4 = parseIpv4(ip);
  return v4 === undefined ? undefined : IPV4_MAPPED_BASE + v4;
}

export interface IpRange {
  /** Inclusive bounds in the stored number space. */
  low: bigint;
  high: bigint;
}

/**
 * `10.0.0.0/8` or `2001:db8::/32` as an inclusive number range; host bits are ignored
 * (`10.1.2.3/8` is 10.0.0.0/8). A plain address is a /32 or /128. Undefined when not an address;
 * 'invalid-prefix' when the address parses but the prefix length does not.
 */
export function parseCidr(text: string): IpRange | 'invalid-prefix' | undefined {
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const isV6 = addr.includes(':');
  const base = ipToNumber(addr);
  if (base === undefined) return undefined;
  const bits = isV6 ? 128 : 32;
  let prefix = bits;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (p.length === 0 || p.length > 3) return 'invalid-prefix';
    prefix = 0;
    for (const ch of p) {
      const d = ch.charCodeAt(0) - 48;
      if (d < 0 || d > 9) return 'invalid-prefix';
      prefix = prefix * 10 + d;
    }
    if (prefix > bits) return 'invalid-prefix';
  }
  const hostBits = BigInt(bits - prefix);
  const hostMask = (1n << hostBits) - 1n;
  const low = base & ~hostMask & MAX_128;
  return { low, high: low | hostMask };
}
