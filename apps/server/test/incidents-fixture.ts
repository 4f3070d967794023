/** Shared setup of the incident, SLA and report tests: a tenant whose IPS reported a real alert through ingest. */
import { expect } from 'vitest';
import { tenantWithDevice, waitUntil, type TestServer } from './helpers/test-server.ts';

export const STRUTS_IPS_LINE = (src = '198.51.100.7', dst = '10.0.0.5') =>
  `<185>date=2026-11-22 time=10:15:01 devname="FGT60F" devid="FGT60FTK20000001" logid="0419016384" type="utm" subtype="ips" level="alert" severity="critical" srcip=${src} dstip=${dst} action="detected" attack="Apache.Struts.2.Jakarta.Multipart.Parser.Code.Execution" attackid=43802 crlevel="critical"`;

/** Sends raw lines through HTTP ingest and waits until detection turned them into that many alerts. */
export async function alertsFromLines(t: TestServer, slug: string, ingestToken: string, lines: string[], expected: number): Promise<number[]> {
  const res = await fetch(`${t.server.url}/api/v1/ingest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ingestToken}`, 'content-type': 'text/plain' },
    body: lines.join('\n'),
  });
  expect(res.status).toBe(200);
  const db = t.server.control.db;
  const tenant = await db.selectFrom('tenants').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
  let ids: number[] = [];
  await waitUntil(async () => {
    ids = (await db.selectFrom('alerts').select('id').where('tenant_id', '=', tenant.id).where('kind', 'not like', 'sla_%').orderBy('id').execute()).map((r) => r.id);
    return ids.length >= expected;
  });
  return ids;
}

export interface Tokens {
  ingest: string;
  /** A customer (tenant-bound) reader of the tenant. */
  customer: string;
  /** Another tenant's admin. */
  foreign: string;
}

export async function tenantWithTokens(t: TestServer, slug: string, other: string): Promise<Tokens> {
  const { ingestToken } = await tenantWithDevice(t, slug, { name: 'fw1', format: 'auto', kind: 'ips' });
  await t.api('POST', '/api/v1/tenants', { slug: other });
  const customer = (await t.api<{ token: string }>('POST', '/api/v1/tokens', { tenant: slug, scope: 'read' })).body.token;
  const foreign = (await t.api<{ token: string }>('POST', '/api/v1/tokens', { tenant: other, scope: 'admin' })).body.token;
  return { ingest: ingestToken, customer, foreign };
}
