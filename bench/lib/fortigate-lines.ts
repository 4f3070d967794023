/** Deterministic FortiGate traffic lines of about 300 bytes, as a FortiGate sends them over syslog. */
export function fortigateLines(count: number, seed = 1): string[] {
  let s = seed >>> 0;
  const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const actions = ['accept', 'deny', 'close', 'timeout', 'server-rst'];
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const src = `10.${(rand() * 255) | 0}.${(rand() * 255) | 0}.${(rand() * 254 + 1) | 0}`;
    const dst = `203.0.113.${(rand() * 254 + 1) | 0}`;
    const sport = 1024 + ((rand() * 60000) | 0);
    const dport = [53, 80, 443, 445, 3389, 22][(rand() * 6) | 0]!;
    const action = actions[(rand() * actions.length) | 0]!;
    const sec = String(i % 60).padStart(2, '0');
    lines.push(
      `<189>date=2026-11-22 time=10:15:${sec} devname="FGT60F-TOKYO" devid="FGT60FTK20000001" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=${src} srcport=${sport} srcintf="internal" dstip=${dst} dstport=${dport} dstintf="wan1" sessionid=${100000 + i} proto=6 action="${action}" policyid=${(rand() * 20) | 0} service="HTTPS" sentbyte=${(rand() * 90000) | 0} rcvdbyte=${(rand() * 90000) | 0}`,
    );
  }
  return lines;
}
