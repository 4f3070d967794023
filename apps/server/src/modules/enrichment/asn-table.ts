/**
 * IP range → ASN and organisation from the pinned `@ip-location-db/asn` CSVs, loaded once into sorted typed
 * arrays and searched by bisection. IPv4 keys are the 32-bit address; IPv6 keys are the upper 64 bits (the
 * data holds no routed prefix longer than /64 that matters for attribution). Lazy: the first lookup loads.
 */
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface AsnInfo {
  asn: number;
  org: string;
}

interface Table<K extends Uint32Array | BigUint64Array> {
  starts: K;
  ends: K;
  asns: Uint32Array;
  orgIndex: Uint32Array;
}

const require = createRequire(import.meta.url);
export const ASN_PACKAGE = '@ip-location-db/asn';

export function asnPackageDir(): string {
  return path.dirname(require.resolve(`${ASN_PACKAGE}/package.json`));
}

/** One CSV line `start,end,asn,org` where org may be quoted with doubled quotes. */
export function parseAsnLine(line: string): { start: string; end: string; asn: number; org: string } | undefined {
  const a = line.indexOf(',');
  const b = line.indexOf(',', a + 1);
  const c = line.indexOf(',', b + 1);
  if (a < 0 || b < 0 || c < 0) return undefined;
  let org = line.slice(c + 1);
  if (org.startsWith('"') && org.endsWith('"')) org = org.slice(1, -1).replaceAll('""', '"');
  const asn = Number(line.slice(b + 1, c));
  if (!Number.isInteger(asn)) return undefined;
  return { start: line.slice(0, a), end: line.slice(a + 1, b), asn, org };
}

/** First index whose start is greater than key, minus one: the candidate range. */
function bisect<K extends number | bigint>(starts: ArrayLike<K>, key: K): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export class AsnTable {
  private constructor(
    private readonly v4: Table<Uint32Array>,
    private readonly v6: Table<BigUint64Array>,
    private readonly orgs: string[],
  ) {}

  get ranges(): number {
    return this.v4.starts.length + this.v6.starts.length;
  }

  /** Reads the package's numeric IPv4 and IPv6 CSVs (both are sorted by start). */
  static async load(dir = asnPackageDir()): Promise<AsnTable> {
    const orgs: string[] = [];
    const orgIds = new Map<string, number>();
    const orgId = (org: string) => {
      let id = orgIds.get(org);
      if (id === undefined) {
        id = orgs.push(org) - 1;
        orgIds.set(org, id);
      }
      return id;
    };
    const v4 = await readTable(path.join(dir, 'asn-ipv4-num.csv'), orgId, (s) => Number(s), Uint32Array);
    const v6 = await readTable(path.join(dir, 'asn-ipv6-num.csv'), orgId, (s) => BigInt(s) >> 64n, BigUint64Array);
    return new AsnTable(v4, v6, orgs);
  }

  lookupV4(ip: number): AsnInfo | undefined {
    return this.find(this.v4, ip >>> 0);
  }

  lookupV6High(high: bigint): AsnInfo | undefined {
    return this.find(this.v6, high);
  }

  private find<K extends Uint32Array | BigUint64Array>(t: Table<K>, key: number | bigint): AsnInfo | undefined {
    const i = bisect(t.starts as unknown as ArrayLike<number | bigint>, key);
    if (i < 0 || (t.ends[i] as number | bigint) < key) return undefined;
    return { asn: t.asns[i]!, org: this.orgs[t.orgIndex[i]!]! };
  }
}

async function readTable<K extends Uint32Array | BigUint64Array>(
  file: string,
  orgId: (org: string) => number,
  key: (s: string) => number | bigint,
  Kind: { new (n: number): K },
): Promise<Table<K>> {
  let cap = 1 << 16;
  let n = 0;
  let starts = new Kind(cap);
  let ends = new Kind(cap);
  let asns = new Uint32Array(cap);
  let orgIndex = new Uint32Array(cap);
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    const row = parseAsnLine(line);
    if (!row) continue;
    if (n === cap) {
      cap *= 2;
      const grow = <T extends { set(a: T): void }>(old: T, made: T) => (made.set(old), made);
      starts = grow(starts as never, new Kind(cap) as never);
      ends = grow(ends as never, new Kind(cap) as never);
      asns = grow(asns, new Uint32Array(cap));
      orgIndex = grow(orgIndex, new Uint32Array(cap));
    }
    (starts as unknown as Array<number | bigint>)[n] = key(row.start);
    (ends as unknown as Array<number | bigint>)[n] = key(row.end);
    asns[n] = row.asn;
    orgIndex[n] = orgId(row.org);
    n++;
  }
  return { starts: starts.subarray(0, n) as K, ends: ends.subarray(0, n) as K, asns: asns.subarray(0, n), orgIndex: orgIndex.subarray(0, n) };
}
