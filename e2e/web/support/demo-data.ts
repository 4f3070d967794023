import type { ConsoleServer } from './console-server.ts';
import { suricataAlert } from './hostile.ts';

const SIGNATURES = [
  'ET EXPLOIT Apache Struts OGNL injection attempt',
  'ET WEB_SERVER SQL injection UNION SELECT',
  'ET SCAN Nmap SYN scan',
  'ET POLICY Outbound SMB to the internet',
  'ET MALWARE Cobalt Strike beacon',
  'ET WEB_SERVER WebShell access /upload/cmd.jsp',
];

/** A believable tenant: a sensor that sent IDS alerts from a few sources, for screenshots and flows. */
export async function seedDemoTenant(server: ConsoleServer, slug: string): Promise<{ ingestToken: string; alertCount: number }> {
  const ingestToken = await server.tenantWithDevice(slug);
  const lines: string[] = [];
  SIGNATURES.forEach((sig, i) => {
    for (let k = 0; k <= i; k++) lines.push(suricataAlert(sig, 2_100_000 + i, `203.0.113.${10 + k}`, `10.0.${i}.${20 + k}`));
  });
  await server.ingest(ingestToken, lines);
  let alertCount = 0;
  await server.waitFor(async () => {
    alertCount = (await server.api<unknown[]>('GET', `/api/v1/tenants/${slug}/alerts?limit=1000`)).length;
    return alertCount >= SIGNATURES.length;
  }, `${slug} alerts`);
  return { ingestToken, alertCount };
}
