/**
 * GeoIP country and ASN of external addresses from pinned offline databases (no network lookups, so
 * attacker-chosen addresses never leave the machine): the CC0 `@ip-location-db/geo-whois-asn-country-mmdb`
 * read with mmdb-lib, and the `@ip-location-db/asn` ranges (asn-table.ts). Both load on first use.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ipToNumber } from '@mamori/query';
import { Reader, type Response } from 'mmdb-lib';
import { ASN_PACKAGE, AsnTable, asnPackageDir } from './asn-table.ts';
import { classifyIp, type IpClass } from './ip-class.ts';

const require = createRequire(import.meta.url);
const COUNTRY_PACKAGE = '@ip-location-db/geo-whois-asn-country-mmdb';
const V4_MAPPED = 0xffff00000000n;

export interface IpFacts {
  ip: string;
  class: IpClass;
  country?: string;
  asn?: number;
  org?: string;
}

export interface IpDatabases {
  country: { package: string; version: string; builtAt: string; licence: string };
  asn: { package: string; version: string; licence: string };
}

function packageVersion(dir: string): string {
  return (require(path.join(dir, 'package.json')) as { version: string }).version;
}

export class IpIntel {
  private loading: Promise<{ country: Reader<Response>; asn: AsnTable; versions: IpDatabases }> | undefined;

  private load() {
    this.loading ??= (async () => {
      const countryDir = path.dirname(require.resolve(`${COUNTRY_PACKAGE}/package.json`));
      const country = new Reader<Response>(await readFile(path.join(countryDir, 'geo-whois-asn-country.mmdb')));
      const asn = await AsnTable.load();
      const versions: IpDatabases = {
        country: { package: COUNTRY_PACKAGE, version: packageVersion(countryDir), builtAt: country.metadata.buildEpoch.toISOString(), licence: 'CC0-1.0; source data NRO, CC BY 4.0 (nro.net)' },
        asn: { package: ASN_PACKAGE, version: packageVersion(asnPackageDir()), licence: 'CC BY 4.0: IP Geolocation by DB-IP (https://db-ip.com), routeviews.org' },
      };
      return { country, asn, versions };
    })();
    return this.loading;
  }

  async databases(): Promise<IpDatabases> {
    return (await this.load()).versions;
  }

  /** Country and ASN for public addresses; special-purpose ones only get their label. */
  async lookup(ip: string): Promise<IpFacts | undefined> {
    const cls = classifyIp(ip);
    if (cls === undefined) return undefined;
    if (cls !== 'public') return { ip, class: cls };
    const { country, asn } = await this.load();
    const facts: IpFacts = { ip, class: cls };
    // This database's records are { country_code }, not the MaxMind shape the library's types describe.
    const code = (country.get(ip) as { country_code?: string } | null)?.country_code;
    if (code) facts.country = code;
    const n = ipToNumber(ip)!;
    const hit = n >= V4_MAPPED && n <= V4_MAPPED + 0xffffffffn && !ip.includes(':') ? asn.lookupV4(Number(n - V4_MAPPED)) : asn.lookupV6High(n >> 64n);
    if (hit) {
      facts.asn = hit.asn;
      facts.org = hit.org;
    }
    return facts;
  }
}
