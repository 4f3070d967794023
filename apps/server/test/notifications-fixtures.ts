import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ControlDb } from '../src/stores/control/control-store.ts';
import { userSession } from './helpers/identity-session.ts';
import type { SmtpReceiver } from './helpers/smtp-receiver.ts';
import type { TestServer } from './helpers/test-server.ts';

/** Alert text an attacker controls: markup, quotes, CR/LF where a subject is made from it. */
export const HOSTILE_ALERT = {
  kind: 'sigma',
  severity: 'high',
  status: 'open',
  title: 'Struts RCE',
  details: JSON.stringify({ url: '/index.action?q=<script>alert("x")</script>', references: ['https://example.org/adv?a=1&b=2'] }),
  occurrences: 3,
  resolved_at: null,
  device_id: null,
  rule_id: 'web-struts-ognl',
  rule_title: 'Struts "OGNL" <img src=x onerror=alert(1)>\r\nBcc: victim@example.com',
  rule_tags: JSON.stringify(['attack.initial_access', 'attack.t1190', 'cve.2017-5638']),
  source_observable: '203.0.113.9',
  target_observable: '192.0.2.10',
};

export async function insertAlert(db: ControlDb, tenantId: number, over: Partial<typeof HOSTILE_ALERT> = {}, at = Date.now()): Promise<number> {
  const row = await db
    .insertInto('alerts')
    .values({ ...HOSTILE_ALERT, ...over, tenant_id: tenantId, first_seen_at: at - 60_000, last_seen_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Settings that point the server at a loopback SMTP receiver, with quick retries for tests. */
export function notificationSettings(smtp: SmtpReceiver) {
  const caFile = path.join(mkdtempSync(path.join(tmpdir(), 'mamori-smtp-ca-')), 'ca.pem');
  writeFileSync(caFile, smtp.cert);
  return {
    smtp: { host: smtp.host, port: smtp.port, secure: false, requireTLS: true, user: 'mamori', pass: 'relay-pass', from: 'SOC <soc@mamori.test>', caFile, timeoutMs: 5000 },
    jobIntervalMs: 100,
    maxAttempts: 3,
    retryBaseMs: 100,
    httpTimeoutMs: 2000,
    portalUrl: 'https://portal.mamori.test',
  };
}

/** A real customer principal: a customer-admin user of the tenant signs in and mints a write token (party customer). */
export async function customerToken(t: TestServer, slug: string): Promise<string> {
  const { client } = await userSession(t, { username: `cust-admin-${slug}`, role: 'customer-admin', tenant: slug });
  const res = await client.request<{ token: string }>('POST', '/api/v1/tokens', { tenant: slug, scope: 'write' });
  if (res.status !== 201) throw new Error(`customer token: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}
