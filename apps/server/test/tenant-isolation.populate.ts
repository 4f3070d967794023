/** Tenant A with one of every kind of object the API offers, made through the API by provider staff. */
import { expect } from 'vitest';
import { waitUntil, type TestServer } from './helpers/test-server.ts';

/** Every name, title and raw string of tenant A contains this, so a leak anywhere is one search away. */
export const MARK = 'aaasecret';
export const A = `${MARK}-a`;
export const B = 'tenant-b';
export const B_PASSWORD = 'correct horse battery staple 42';

const SIGMA_RULE = `title: ${MARK} telnet through the firewall
id: 7c1e9a52-3d55-4b55-9d0a-5c1f3e0e7d99
logsource: {category: firewall}
detection:
  selection:
    dst_port: 23
  condition: selection
level: medium
`;

function suricataAlert(): string {
  return JSON.stringify({
    timestamp: new Date().toISOString(),
    event_type: 'alert',
    src_ip: '203.0.113.7',
    src_port: 4444,
    dest_ip: '10.0.0.80',
    dest_port: 80,
    proto: 'TCP',
    http: { hostname: `${MARK}.example`, url: `/${MARK}-raw` },
    alert: {
      action: 'allowed',
      signature_id: 2024217,
      signature: `ET EXPLOIT ${MARK} CVE-2021-44228`,
      category: 'Attempted Administrator Privilege Gain',
      severity: 1,
    },
  });
}

async function ok<T>(t: TestServer, method: string, route: string, body?: unknown): Promise<T> {
  const res = await t.api<T>(method, route, body);
  expect(res.status, `${method} ${route}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

/** Path parameter values of A's objects, keyed `<segment before it>/{param}` as the OpenAPI paths spell them. */
export type Fixture = Record<string, string>;

export async function populate(t: TestServer): Promise<{ params: Fixture; bAdminToken: string }> {
  const path = `/api/v1/tenants/${A}`;
  await ok(t, 'POST', '/api/v1/tenants', { slug: A, name: `${MARK} Corp` });
  await ok(t, 'POST', '/api/v1/tenants', { slug: B });
  await ok(t, 'POST', `${path}/devices`, { name: `${MARK}-fw`, format: 'auto', hostname: `${MARK}-host` });
  const ingest = await ok<{ id: number; token: string }>(t, 'POST', '/api/v1/tokens', {
    tenant: A,
    device: `${MARK}-fw`,
    scope: 'ingest',
  });
  const res = await fetch(`${t.server.url}/api/v1/ingest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ingest.token}`, 'content-type': 'text/plain' },
    body: suricataAlert(),
  });
  expect(res.status).toBe(200);
  let alerts: Array<{ id: number }> = [];
  await waitUntil(async () => (alerts = (await t.api<Array<{ id: number }>>('GET', `${path}/alerts`)).body).length > 0);
  const alertId = alerts[0]!.id;

  const user = await ok<{ id: number }>(t, 'POST', '/api/v1/users', {
    username: `${MARK}-user`,
    role: 'customer-admin',
    tenant: A,
    password: B_PASSWORD,
    mustChangePassword: false,
  });
  await ok(t, 'POST', '/api/v1/users', {
    username: 'b-admin',
    role: 'customer-admin',
    tenant: B,
    password: B_PASSWORD,
    mustChangePassword: false,
  });
  const bAdmin = await ok<{ token: string }>(t, 'POST', '/api/v1/tokens', { tenant: B, scope: 'admin' });

  const saved = await ok<{ id: number }>(t, 'POST', `${path}/saved-searches`, {
    name: `${MARK}-search`,
    query: '',
    description: MARK,
  });
  await ok(t, 'POST', `${path}/monitors`, { name: `${MARK}-mon`, type: 'tcp', target: '127.0.0.1:9', enabled: false });
  const suppression = await ok<{ id: number }>(t, 'POST', `${path}/suppressions`, {
    reason: `${MARK} backup server`,
    conditions: { 'source.ip': '10.9.9.9' },
  });
  const { indicator } = await ok<{ indicator: { id: number } }>(t, 'POST', `${path}/indicators`, {
    type: 'ip',
    value: '198.51.100.77',
    severity: 'high',
    description: `${MARK}-ioc`,
  });
  await ok(t, 'POST', '/api/v1/rules/import', { files: [{ name: `${MARK}.yml`, text: SIGMA_RULE }], tenant: A });
  const rules = await ok<Array<{ id: string; title: string }>>(t, 'GET', `${path}/rules`);
  const rule = rules.find((r) => r.title.includes(MARK))!;
  await ok(t, 'POST', `${path}/rules/${rule.id}/disable`, { reason: `${MARK} noisy` });
  const incident = await ok<{ id: number }>(t, 'POST', `${path}/incidents`, {
    title: `${MARK} incident`,
    severity: 'high',
    alertIds: [alertId],
  });
  const detail = await ok<{ tasks?: Array<{ id: number }> }>(t, 'GET', `${path}/incidents/${incident.id}`);
  const evidenceRes = await fetch(`${t.server.url}${path}/incidents/${incident.id}/evidence?filename=${MARK}.pcap`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/octet-stream' },
    body: `${MARK} capture`,
  });
  expect(evidenceRes.status).toBe(201);
  const evidence = (await evidenceRes.json()) as { id: number };
  const contact = await ok<{ id: number }>(t, 'POST', `${path}/contacts`, {
    name: `${MARK} contact`,
    email: `${MARK}@example.com`,
  });
  const notification = await ok<{ id: number }>(t, 'POST', `${path}/notifications/draft`, {
    alertIds: [alertId],
    lang: 'en',
  });
  const inquiry = await ok<{ id: number }>(t, 'POST', `${path}/inquiries`, {
    kind: 'question',
    title: `${MARK} question`,
    message: MARK,
  });
  const view = await ok<{ id: number }>(t, 'POST', '/api/v1/alert-views', { name: `${MARK}-view`, filters: {} });
  const analyses = await ok<Array<{ name: string }>>(t, 'GET', `${path}/analyses`);
  const anomalies = await ok<Array<{ key: string }>>(t, 'GET', '/api/v1/anomaly-types');

  const params: Fixture = {
    'tenants/{slug}': A,
    'devices/{name}': `${MARK}-fw`,
    'tokens/{id}': String(ingest.id),
    'users/{id}': String(user.id),
    'saved-searches/{id}': String(saved.id),
    'analyses/{name}': analyses[0]!.name,
    'incidents/{id}': String(incident.id),
    'tasks/{taskId}': String(detail.tasks?.[0]?.id ?? 1),
    'evidence/{evidenceId}': String(evidence.id),
    'alerts/{id}': String(alertId),
    'alert-views/{id}': String(view.id),
    'rules/{ruleId}': rule.id,
    'suppressions/{id}': String(suppression.id),
    'indicators/{id}': String(indicator.id),
    'monitors/{name}': `${MARK}-mon`,
    'contacts/{id}': String(contact.id),
    'notifications/{id}': String(notification.id),
    'inquiries/{id}': String(inquiry.id),
    // Provider-wide settings rather than A's objects: a tenant's caller must not change them either.
    'playbooks/{type}': 'malware_infection',
    'anomaly-types/{key}': anomalies[0]?.key ?? 'none',
  };
  return { params, bAdminToken: bAdmin.token };
}

/**
 * Valid bodies for the write routes, so that B's calls pass validation and reach the tenant check (an empty body
 * would be refused with 400 before it). Keyed `METHOD path`; routes not listed get `{}`.
 */
export function sampleBodies(p: Fixture): Record<string, unknown> {
  const alertIds = [Number(p['alerts/{id}'])];
  return {
    'POST /api/v1/tenants/{slug}/devices': { name: 'b-fw', format: 'auto' },
    'PATCH /api/v1/tenants/{slug}/devices/{name}': { timezone: 'Asia/Tokyo' },
    'PATCH /api/v1/tenants/{slug}/retention': { days: 1, bytes: null },
    'POST /api/v1/tokens': { tenant: A, scope: 'admin' },
    'POST /api/v1/users': { username: 'b-sneaks-in', role: 'customer-admin', tenant: A, password: B_PASSWORD },
    'PATCH /api/v1/users/{id}': { displayName: 'renamed by B' },
    'POST /api/v1/users/{id}/reset-password': {},
    'POST /api/v1/tenants/{slug}/saved-searches': { name: 'b-search', query: '' },
    'PATCH /api/v1/tenants/{slug}/saved-searches/{id}': { name: 'renamed by B', query: '' },
    'POST /api/v1/tenants/{slug}/monitors': { name: 'b-mon', type: 'tcp', target: '127.0.0.1:9', enabled: false },
    'PATCH /api/v1/tenants/{slug}/monitors/{name}': { enabled: true },
    'POST /api/v1/tenants/{slug}/suppressions': { reason: 'B hides A', conditions: { 'source.ip': '10.1.1.1' } },
    'POST /api/v1/tenants/{slug}/indicators': { type: 'ip', value: '198.51.100.99', severity: 'low' },
    'POST /api/v1/rules/import': { files: [{ name: 'b.yml', text: SIGMA_RULE.replace(MARK, 'b') }], tenant: A },
    'POST /api/v1/tenants/{slug}/rules/{ruleId}/enable': { reason: 'B' },
    'POST /api/v1/tenants/{slug}/rules/{ruleId}/disable': { reason: 'B' },
    'POST /api/v1/tenants/{slug}/incidents': { title: 'B incident', severity: 'low' },
    'PATCH /api/v1/tenants/{slug}/incidents/{id}': { title: 'renamed by B' },
    'POST /api/v1/tenants/{slug}/incidents/{id}/timeline': { text: 'B was here' },
    'POST /api/v1/tenants/{slug}/incidents/{id}/transitions': { to: 'contained' },
    'POST /api/v1/tenants/{slug}/incidents/{id}/observables': { items: [{ type: 'ip', value: '192.0.2.1' }] },
    'POST /api/v1/tenants/{slug}/incidents/{id}/alerts': { alertIds },
    'POST /api/v1/tenants/{slug}/incidents/{id}/events': { refs: [] },
    'POST /api/v1/tenants/{slug}/incidents/{id}/assets': { host: 'b-host' },
    'PATCH /api/v1/tenants/{slug}/alerts/{id}': { status: 'resolved' },
    'POST /api/v1/tenants/{slug}/alerts/bulk': { ids: alertIds, status: 'resolved' },
    'POST /api/v1/tenants/{slug}/alerts/{id}/comments': { body: 'B was here' },
    'POST /api/v1/tenants/{slug}/alerts/escalate': { alertIds, title: 'B escalates' },
    'POST /api/v1/tenants/{slug}/indicators/bulk': {
      indicators: [{ type: 'ip', value: '198.51.100.98', severity: 'low' }],
    },
    'POST /api/v1/indicators': { type: 'ip', value: '198.51.100.97', severity: 'low' },
    'POST /api/v1/tenants/{slug}/contacts': { name: 'B contact', email: 'b@example.com' },
    'PUT /api/v1/tenants/{slug}/contacts/{id}': { name: 'renamed by B', email: 'b@example.com' },
    'POST /api/v1/tenants/{slug}/notifications/draft': { alertIds, lang: 'en' },
    'POST /api/v1/tenants/{slug}/inquiries': { kind: 'question', title: 'B asks', message: 'B' },
    'POST /api/v1/tenants/{slug}/inquiries/{id}/messages': { body: 'B was here' },
    'POST /api/v1/tenants/{slug}/inquiries/{id}/reject': { reason: 'B says no' },
    'POST /api/v1/unassigned/assign': { sender: '127.0.0.1', tenant: A, device: `${MARK}-fw` },
  };
}
