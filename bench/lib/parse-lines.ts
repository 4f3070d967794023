/**
 * Benchmark input for `npm run bench -- parse`: deterministic, varied lines per format. FortiGate lines are
 * FortiOS 7 forward-traffic logs as the device sends them (about 40 pairs); the other formats vary the
 * example lines of @mamori/parsers (addresses, ports) so that no two consecutive lines are identical.
 */
import { formatExamples } from '@mamori/parsers';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

export function fortigateTrafficLines(count: number, seed = 7): string[] {
  const r = lcg(seed);
  const actions = ['accept', 'deny', 'close', 'timeout', 'server-rst', 'client-rst'];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const src = `10.${(r() * 255) | 0}.${(r() * 255) | 0}.${(r() * 254 + 1) | 0}`;
    const dst = `203.0.113.${(r() * 254 + 1) | 0}`;
    const sec = String(i % 60).padStart(2, '0');
    out.push(
      `date=2026-11-22 time=10:15:${sec} devname="FGT60F-TOKYO" devid="FGT60FTK20000001" eventtime=${1795342500000000000 + i} tz="+0900" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" ` +
        `srcip=${src} srcport=${1024 + ((r() * 60000) | 0)} srcintf="internal" srcintfrole="lan" dstip=${dst} dstport=${[53, 80, 443, 445, 3389, 22][(r() * 6) | 0]} dstintf="wan1" dstintfrole="wan" ` +
        `srccountry="Reserved" dstcountry="Japan" sessionid=${100000 + i} proto=6 action="${actions[(r() * actions.length) | 0]}" policyid=${(r() * 20) | 0} policytype="policy" poluuid="6e2f1c3a-8c42-51e5-c3a1-5d1f2e3a4b5c" policyname="LAN to WAN" ` +
        `service="HTTPS" trandisp="snat" transip=198.51.100.1 transport=${20000 + ((r() * 40000) | 0)} appcat="unscanned" duration=${(r() * 300) | 0} sentbyte=${(r() * 90000) | 0} rcvdbyte=${(r() * 90000) | 0} sentpkt=${(r() * 90) | 0} rcvdpkt=${(r() * 90) | 0} user="山田太郎" group="staff" osname="Windows" mastersrcmac="00:11:22:33:44:55" srcmac="00:11:22:33:44:55" srcserver=0`,
    );
  }
  return out;
}

/** Short FortiOS traffic lines (about 20 pairs, 330 bytes). */
export function fortigateShortLines(count: number, seed = 11): string[] {
  const r = lcg(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(
      `date=2026-11-22 time=10:15:${String(i % 60).padStart(2, '0')} devname="FGT60F" devid="FGT60FTK20000001" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" ` +
        `srcip=10.0.${(r() * 255) | 0}.${(r() * 254 + 1) | 0} srcport=${1024 + ((r() * 60000) | 0)} srcintf="internal" dstip=203.0.113.${(r() * 254 + 1) | 0} dstport=443 dstintf="wan1" ` +
        `sessionid=${100000 + i} proto=6 action="${r() < 0.5 ? 'accept' : 'deny'}" policyid=${(r() * 20) | 0} service="HTTPS" sentbyte=${(r() * 90000) | 0} rcvdbyte=${(r() * 90000) | 0}`,
    );
  }
  return out;
}

/** `count` variants of the format's example lines, with the last octet of the first IPv4 address changed. */
export function variedExampleLines(format: string, count: number): string[] {
  const examples = formatExamples[format] ?? [];
  const out: string[] = [];
  for (let i = 0; i < count && examples.length > 0; i++) {
    const line = examples[i % examples.length]!;
    out.push(line.replace(/(\d{1,3}\.\d{1,3}\.\d{1,3}\.)\d{1,3}/, `$1${(i % 250) + 1}`));
  }
  return out;
}
