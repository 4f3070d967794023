/** Special-purpose address blocks (RFC 6890 and friends): labelled, never looked up in GeoIP/ASN data. */
import { ipToNumber, parseCidr } from '@mamori/query';

export type IpClass =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'shared'
  | 'documentation'
  | 'benchmarking'
  | 'multicast'
  | 'reserved'
  | 'unspecified'
  | 'unique-local';

const BLOCKS: ReadonlyArray<readonly [string, IpClass]> = [
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'shared'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved'],
  ['192.0.2.0/24', 'documentation'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'benchmarking'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['fc00::/7', 'unique-local'],
  ['fe80::/10', 'link-local'],
  ['ff00::/8', 'multicast'],
  ['2001:db8::/32', 'documentation'],
];

const RANGES = BLOCKS.map(([cidr, label]) => {
  const r = parseCidr(cidr);
  if (r === undefined || r === 'invalid-prefix') throw new Error(`bad block ${cidr}`);
  return { ...r, label };
});

/** The class of an address, or undefined when the text is not an IP address. */
export function classifyIp(ip: string): IpClass | undefined {
  const n = ipToNumber(ip);
  if (n === undefined) return undefined;
  for (const r of RANGES) if (n >= r.low && n <= r.high) return r.label;
  return 'public';
}
