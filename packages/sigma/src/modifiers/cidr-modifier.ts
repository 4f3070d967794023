/** `|cidr`: IPv4 and IPv6 networks; event values that are not IP addresses never match. */
import { SigmaRuleError } from '../errors.ts';

function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

function parseIpv6(text: string): bigint | undefined {
  let t = text;
  const zone = t.indexOf('%');
  if (zone >= 0) t = t.slice(0, zone);
  if (t.startsWith('[') && t.endsWith(']')) t = t.slice(1, -1);
  const lastColon = t.lastIndexOf(':');
  if (t.includes('.') && lastColon >= 0) {
    const v4 = parseIpv4(t.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    t = `${t.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = t.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const total = head.length + rest.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  const groups = [...head, ...Array<string>(8 - total).fill('0'), ...rest];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  return n;
}

export type IpTest = (value: string) => boolean;

export function compileCidr(spec: string): IpTest {
  const [addr = '', prefixText] = spec.trim().split('/');
  const v4 = parseIpv4(addr);
  if (v4 !== undefined) {
    const prefix = prefixText === undefined ? 32 : Number(prefixText);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) {
      throw new SigmaRuleError(`|cidr: bad prefix in "${spec}"`);
    }
    const size = 2 ** (32 - prefix);
    const base = v4 - (v4 % size);
    return (value) => {
      const ip = parseIpv4(value) ?? mappedIpv4(value);
      return ip !== undefined && ip >= base && ip < base + size;
    };
  }
  const v6 = parseIpv6(addr);
  if (v6 === undefined) throw new SigmaRuleError(`|cidr: "${spec}" is not an IPv4 or IPv6 network`);
  const prefix = prefixText === undefined ? 128 : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 128) {
    throw new SigmaRuleError(`|cidr: bad prefix in "${spec}"`);
  }
  const shift = BigInt(128 - prefix);
  const net = v6 >> shift;
  return (value) => {
    if (!value.includes(':')) return false;
    const ip = parseIpv6(value);
    return ip !== undefined && ip >> shift === net;
  };
}

/** `::ffff:10.1.2.3` is an IPv4 address for an IPv4 network. */
function mappedIpv4(value: string): number | undefined {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  return m ? parseIpv4(m[1]!) : undefined;
}
