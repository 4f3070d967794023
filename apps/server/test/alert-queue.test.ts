import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAlerts, tenantId } from './alert-queue-fixture.ts';
import { userSession } from './helpers/identity-session.ts';
import { CONTROL_ENGINES, controlStoreFor } from './helpers/postgres.ts';
import { startTestServer, tenantWithDevice, waitUntil, type TestServer } from './helpers/test-server.ts';

interface Alert {
  id: number;
  tenant: string;
  kind: string;
  severity: string;
  status: string;
  triageStatus: string;
  priority: number;
  priorityBand: string | null;
  priorityReasons: string[];
  assignee: string | null;
  verdict: string | null;
  duplicateOf: number | null;
  title: string;
}
interface Detail extends Alert {
  enrichment: Record<string, unknown> | null;
  comments: Array<{ actor: string; body: string }>;
  history: Array<{ actor: string; action: string; details: Record<string, unknown> }>;
}

describe.each(CONTROL_ENGINES)('alert queue: priority, filters, paging, workflow, bulk, enrichment, isolation on %s', (engine) => {
  let t: TestServer;
  let dropStore: () => Promise<void> = () => Promise.resolve();
  let acmeId: number;
  let globexId: number;
  let globexToken: string;
  let acmeWriter: string;
  let deviceId: number;

  const list = async (route: string, token?: string) => t.api<Alert[]>('GET', route, undefined, token);
  const detail = async (id: number, slug = 'acme') => (await t.api<Detail>('GET', `/api/v1/tenants/${slug}/alerts/${id}`)).body;
  const intakeDone = async (ids: number[]) =>
    waitUntil(async () => {
      const rows = await t.server.control.db.selectFrom('alerts').select('intake_at').where('id', 'in', ids).execute();
      return rows.every((r) => r.intake_at !== null);
    }, 20_000);

  beforeAll(async () => {
    const store = await controlStoreFor(engine);
    dropStore = store.drop;
    t = await startTestServer({ controlStore: store.controlStore });
    await tenantWithDevice(t, 'acme', { name: 'dc1', criticality: 5, addresses: ['10.9.9.9'] });
    await tenantWithDevice(t, 'globex', { name: 'fw1' });
    acmeId = await tenantId(t.server.control.db, 'acme');
    globexId = await tenantId(t.server.control.db, 'globex');
    deviceId = (await t.server.control.db.selectFrom('devices').select('id').where('tenant_id', '=', acmeId).executeTakeFirstOrThrow()).id;
    globexToken = (await t.api<{ token: string }>('POST', '/api/v1/tokens', { tenant: 'globex', scope: 'write' })).body.token;
    acmeWriter = (await t.api<{ token: string }>('POST', '/api/v1/tokens', { tenant: 'acme', scope: 'write' })).body.token;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await dropStore();
  });

  it('scores alerts from severity and device criticality and lists the queue highest first', async () => {
    const ids = await seedAlerts(t.server.control.db, [
      { tenantId: acmeId, severity: 'low', title: 'low one', source: '192.168.1.10' },
      { tenantId: acmeId, severity: 'medium', title: 'medium on the DC', deviceId, source: '8.8.8.8', target: '10.9.9.9' },
      { tenantId: acmeId, severity: 'high', title: 'high one' },
      { tenantId: acmeId, severity: 'critical', title: 'critical one' },
    ]);
    await intakeDone(ids);
    const { body, status } = await list('/api/v1/tenants/acme/alerts?triageStatus=new');
    expect(status).toBe(200);
    expect(body.map((a) => a.title)).toEqual(['critical one', 'high one', 'medium on the DC', 'low one']);
    expect(body.map((a) => a.priorityBand)).toEqual(['P1', 'P2', 'P3', 'P4']);
    expect(body[2]!.priority).toBe(57);
    expect(body[2]!.priorityReasons.join(' ')).toContain('device dc1');
  });

  it('filters by severity, band, text and time, and counts by status and priority', async () => {
    expect((await list('/api/v1/tenants/acme/alerts?severity=high,critical')).body).toHaveLength(2);
    expect((await list('/api/v1/tenants/acme/alerts?priority=P4')).body.map((a) => a.title)).toEqual(['low one']);
    expect((await list('/api/v1/tenants/acme/alerts?text=DC')).body.map((a) => a.title)).toEqual(['medium on the DC']);
    expect((await list('/api/v1/tenants/acme/alerts?text=%25')).body).toEqual([]);
    expect((await list(`/api/v1/tenants/acme/alerts?device=${deviceId}`)).body).toHaveLength(1);
    expect((await list(`/api/v1/tenants/acme/alerts?from=${new Date(Date.now() + 60_000).toISOString()}`)).body).toEqual([]);
    const counts = await t.api<{ total: number; byTriageStatus: Record<string, number>; byPriority: Record<string, number> }>('GET', '/api/v1/tenants/acme/alerts/counts');
    expect(counts.body).toEqual({ total: 4, byTriageStatus: { new: 4 }, byPriority: { P1: 1, P2: 1, P3: 1, P4: 1 } });
    expect((await list('/api/v1/tenants/acme/alerts?severity=bogus')).status).toBe(400);
  });

  it('enriches with device, GeoIP/ASN of the public address, a label for the private one, and indicator hits', async () => {
    const [a] = (await list('/api/v1/tenants/acme/alerts?text=DC')).body;
    const d = await detail(a!.id);
    const e = d.enrichment as { device: { name: string; criticality: number }; addresses: Array<Record<string, unknown>>; databases: { country: { version: string } } };
    expect(e.device).toMatchObject({ name: 'dc1', criticality: 5 });
    expect(e.addresses).toContainEqual({ ip: '8.8.8.8', role: 'source', class: 'public', country: 'US', asn: 15169, org: expect.any(String) as string });
    expect(e.addresses).toContainEqual({ ip: '10.9.9.9', role: 'target', class: 'private' });
    expect(e.databases.country.version).toMatch(/^\d+\./);

    const ind = await t.api('POST', '/api/v1/tenants/acme/indicators', { type: 'ip', value: '8.8.8.8', severity: 'high', description: 'lab C2' });
    expect(ind.status).toBe(201);
    const again = await t.api<{ indicators: Array<{ value: string; observed: string }> }>('POST', `/api/v1/tenants/acme/alerts/${a!.id}/enrich`);
    expect(again.status).toBe(200);
    expect(again.body.indicators).toEqual([expect.objectContaining({ value: '8.8.8.8', observed: '8.8.8.8' })]);
  });

  it('links earlier alerts with the same observables in the same tenant only', async () => {
    const [other] = await seedAlerts(t.server.control.db, [{ tenantId: globexId, source: '8.8.8.8', title: 'globex sees it too' }]);
    const [later] = await seedAlerts(t.server.control.db, [{ tenantId: acmeId, source: '8.8.8.8', title: 'again from 8.8.8.8' }]);
    await intakeDone([other!, later!]);
    const related = ((await detail(later!)).enrichment as { relatedAlerts: Array<{ id: number; title: string }> }).relatedAlerts;
    expect(related.map((r) => r.title)).toEqual(['medium on the DC']);
  });

  it('runs the workflow: assign to me, comment, resolve with a verdict, history of who did what', async () => {
    const [a] = (await list('/api/v1/tenants/acme/alerts?text=high one')).body;
    const r1 = await t.api('PATCH', `/api/v1/tenants/acme/alerts/${a!.id}`, { assignee: 'me', status: 'in_progress' }, acmeWriter);
    expect(r1.status).toBe(200);
    const mine = await list('/api/v1/tenants/acme/alerts?assignee=me', acmeWriter);
    expect(mine.body.map((x) => x.id)).toEqual([a!.id]);
    expect(mine.body[0]!.assignee).toMatch(/^token:\d+$/);
    expect((await t.api('POST', `/api/v1/tenants/acme/alerts/${a!.id}/comments`, { body: '<script>x</script> scanner from the lab' }, acmeWriter)).status).toBe(201);
    expect((await t.api('PATCH', `/api/v1/tenants/acme/alerts/${a!.id}`, { status: 'resolved', verdict: 'false_positive' })).status).toBe(200);
    const d = await detail(a!.id);
    expect(d).toMatchObject({ triageStatus: 'resolved', status: 'resolved', verdict: 'false_positive' });
    expect(d.comments).toEqual([expect.objectContaining({ body: '<script>x</script> scanner from the lab', actor: mine.body[0]!.assignee })]);
    expect(d.history.map((h) => h.action)).toEqual(['prioritised', 'updated', 'commented', 'updated']);
    expect(d.history[3]!.details).toEqual({ status: { from: 'in_progress', to: 'resolved' }, verdict: { from: null, to: 'false_positive' } });
    // A resolved alert reopens; a duplicate must name an original of the same tenant.
    expect((await t.api('PATCH', `/api/v1/tenants/acme/alerts/${a!.id}`, { verdict: 'duplicate' })).status).toBe(409);
    expect((await t.api('PATCH', `/api/v1/tenants/acme/alerts/${a!.id}`, { verdict: 'duplicate', duplicateOf: 999_999 })).status).toBe(404);
    expect((await t.api('PATCH', `/api/v1/tenants/acme/alerts/${a!.id}`, { status: 'in_progress' })).status).toBe(200);
    expect((await t.api('PATCH', `/api/v1/tenants/acme/alerts/${a!.id}`, {})).status).toBe(400);
  });

  it('bulk-changes many alerts in one transaction and refuses the whole batch for a foreign id', async () => {
    const ids = await seedAlerts(t.server.control.db, Array.from({ length: 300 }, (_, i) => ({ tenantId: acmeId, title: `bulk ${i}`, severity: 'low' })));
    const [foreign] = await seedAlerts(t.server.control.db, [{ tenantId: globexId, title: 'globex secret' }]);
    await intakeDone([...ids, foreign!]);
    const refused = await t.api('POST', '/api/v1/tenants/acme/alerts/bulk', { ids: [...ids, foreign], status: 'resolved', verdict: 'benign', comment: 'noise' });
    expect(refused.status).toBe(404);
    const untouched = await t.server.control.db.selectFrom('alerts').select(['triage_status', 'verdict']).where('id', 'in', [...ids, foreign!]).execute();
    expect(untouched.every((r) => r.triage_status === 'new' && r.verdict === null)).toBe(true);
    expect(await t.server.control.db.selectFrom('alert_comments').select('id').where('body', '=', 'noise').execute()).toEqual([]);

    const ok = await t.api<{ changed: number }>('POST', '/api/v1/tenants/acme/alerts/bulk', { ids, status: 'resolved', verdict: 'benign', comment: 'noise', assignee: 'aiko' });
    expect(ok.status).toBe(200);
    expect(ok.body.changed).toBe(300);
    expect((await list('/api/v1/tenants/acme/alerts?assignee=aiko&verdict=benign&limit=1000')).body).toHaveLength(300);
    expect((await t.api('POST', '/api/v1/tenants/acme/alerts/bulk', { ids: Array.from({ length: 1001 }, (_, i) => i + 1), status: 'new' })).status).toBe(400);
  });

  it('pages with a keyset cursor without gaps or repeats', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res: Response = await fetch(`${t.server.url}/api/v1/tenants/acme/alerts?limit=37${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${t.token}` } });
      const page = (await res.json()) as Alert[];
      expect(res.status).toBe(200);
      seen.push(...page.map((a) => a.id));
      cursor = res.headers.get('x-next-cursor');
    } while (cursor);
    const all = await t.server.control.db.selectFrom('alerts').select('id').where('tenant_id', '=', acmeId).execute();
    expect(seen).toHaveLength(all.length);
    expect(new Set(seen).size).toBe(all.length);
    expect((await list('/api/v1/tenants/acme/alerts?cursor=bm9wZQ')).status).toBe(400);
  });

  it('recomputes priorities when criteria change and auto-closes on arrival', async () => {
    const put = await t.api<{ recomputed: number }>('PUT', '/api/v1/tenants/acme/triage-criteria', {
      overrides: [{ rule: 'rule-hot', score: 99 }],
      assets: [{ cidr: '10.9.9.0/24', criticality: 5, label: 'core' }],
      autoClose: [{ level: 'informational', device: 'dc1', reason: 'DC informational noise' }],
    });
    expect(put.status).toBe(200);
    expect((await t.api<{ autoClose: unknown[] }>('GET', '/api/v1/tenants/acme/triage-criteria')).body.autoClose).toHaveLength(1);
    const [hot, info] = await seedAlerts(t.server.control.db, [
      { tenantId: acmeId, ruleId: 'rule-hot', severity: 'low', title: 'hot rule' },
      { tenantId: acmeId, ruleLevel: 'informational', deviceId, severity: 'low', title: 'informational from dc1' },
    ]);
    await intakeDone([hot!, info!]);
    expect((await detail(hot!)).priority).toBe(99);
    const closed = await detail(info!);
    expect(closed).toMatchObject({ triageStatus: 'resolved', verdict: 'benign' });
    expect(closed.history.map((h) => h.action)).toEqual(['prioritised', 'auto_closed']);
    const audited = await t.api<{ entries: Array<{ actor: string; target: string | null }> }>('GET', `/api/v1/audit?action=alert.auto_close&target=alert:${info}`);
    expect(audited.body.entries).toEqual([expect.objectContaining({ actor: 'system:triage-intake', target: `alert:${info}` })]);
    const bulkAudit = await t.api<{ entries: Array<{ action: string }> }>('GET', '/api/v1/audit?action=alert.bulk_update');
    expect(bulkAudit.body.entries.length).toBeGreaterThanOrEqual(1);
    // The criteria apply to alerts already in the queue.
    const low = (await list('/api/v1/tenants/acme/alerts?text=low one')).body[0]!;
    expect(low.priority).toBe(20);
    await t.api('PUT', '/api/v1/tenants/acme/triage-criteria', { overrides: [{ kind: 'sigma', adjust: 10 }] });
    expect((await list('/api/v1/tenants/acme/alerts?text=low one')).body[0]!.priority).toBe(30);
    expect((await t.api('PUT', '/api/v1/tenants/acme/triage-criteria', { criticalityWeight: 'heavy' })).status).toBe(400);
  });

  it('takes in alerts from live detection (a Suricata alert over HTTP ingest)', async () => {
    const { ingestToken } = await tenantWithDevice(t, 'initech', { name: 'ids1' });
    const line = JSON.stringify({ timestamp: new Date().toISOString(), event_type: 'alert', src_ip: '1.1.1.1', src_port: 4444, dest_ip: '192.168.0.5', dest_port: 80, proto: 'TCP', alert: { action: 'allowed', signature_id: 2024217, signature: 'ET EXPLOIT test', category: 'x', severity: 3 } });
    const res = await fetch(`${t.server.url}/api/v1/ingest`, { method: 'POST', headers: { authorization: `Bearer ${ingestToken}`, 'content-type': 'text/plain' }, body: line });
    expect(res.status).toBe(200);
    let alert: Alert | undefined;
    await waitUntil(async () => (alert = (await list('/api/v1/tenants/initech/alerts')).body.find((a) => a.priorityBand !== null)) !== undefined, 20_000);
    const e = (await detail(alert!.id, 'initech')).enrichment as { addresses: Array<{ ip: string; asn?: number }> };
    expect(e.addresses.find((x) => x.ip === '1.1.1.1')?.asn).toBe(13335);
    // A later repeat of higher severity joins the same alert; its priority follows.
    const before = alert!;
    const repeat = JSON.parse(line) as { timestamp: string; alert: { severity: number } };
    repeat.timestamp = new Date(Date.now() + 2000).toISOString();
    repeat.alert.severity = 1;
    const again = await fetch(`${t.server.url}/api/v1/ingest`, { method: 'POST', headers: { authorization: `Bearer ${ingestToken}`, 'content-type': 'text/plain' }, body: JSON.stringify(repeat) });
    expect(again.status).toBe(200);
    await waitUntil(async () => (await detail(before.id, 'initech')).priority > before.priority, 20_000);
    expect((await list('/api/v1/tenants/initech/alerts')).body).toHaveLength(1);
  });

  it('on demand, shows where an account usually signs in from (stored events, 30 days)', async () => {
    const { ingestToken } = await tenantWithDevice(t, 'umbrella', { name: 'web1' });
    const now = new Date(Date.now() - 60_000);
    const stamp = `${now.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${String(now.getUTCDate()).padStart(2, ' ')} ${now.toISOString().slice(11, 19)}`;
    const line = (ip: string) => `<38>${stamp} web1 sshd[1234]: Accepted password for taro from ${ip} port 51234 ssh2`;
    const res = await fetch(`${t.server.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ingestToken}`, 'content-type': 'text/plain' },
      body: [line('8.8.4.4'), line('8.8.4.4'), line('192.168.3.3')].join('\n'),
    });
    expect(res.status).toBe(200);
    const umbrella = await tenantId(t.server.control.db, 'umbrella');
    const [id] = await seedAlerts(t.server.control.db, [{ tenantId: umbrella, title: 'Login from an unusual country', source: '1.1.1.1', target: 'taro' }]);
    await intakeDone([id!]);
    expect((await detail(id!, 'umbrella')).enrichment).not.toHaveProperty('userBaselines');
    const e = await t.api<{ userBaselines: Array<{ account: string; events: number; sources: Array<{ ip: string; events: number; country?: string }> }> }>(
      'POST',
      `/api/v1/tenants/umbrella/alerts/${id}/enrich`,
    );
    expect(e.body.userBaselines).toEqual([{ account: 'taro', days: 30, events: 3, sources: [{ ip: '8.8.4.4', events: 2, country: 'US' }, { ip: '192.168.3.3', events: 1 }] }]);
  });

  it('saves queue views per caller', async () => {
    const created = await t.api<{ id: number; filters: Record<string, string> }>('POST', '/api/v1/alert-views', { name: 'my P1', filters: { priority: 'P1', assignee: 'me', text: '' } }, acmeWriter);
    expect(created.status).toBe(201);
    expect(created.body.filters).toEqual({ priority: 'P1', assignee: 'me' });
    expect((await t.api<unknown[]>('GET', '/api/v1/alert-views', undefined, acmeWriter)).body).toHaveLength(1);
    expect((await t.api<unknown[]>('GET', '/api/v1/alert-views', undefined, globexToken)).body).toEqual([]);
    expect((await t.api('DELETE', `/api/v1/alert-views/${created.body.id}`, undefined, globexToken)).status).toBe(404);
    expect((await t.api('POST', '/api/v1/alert-views', { name: 'bad', filters: { priority: 'P9' } }, acmeWriter)).status).toBe(400);
    expect((await t.api('DELETE', `/api/v1/alert-views/${created.body.id}`, undefined, acmeWriter)).status).toBe(204);
  });

  it('lets a customer read its queue but leaves triage to the SOC', async () => {
    const { client } = await userSession(t, { username: 'acme-admin', role: 'customer-admin', tenant: 'acme' });
    const own = await client.request<Alert[]>('GET', '/api/v1/tenants/acme/alerts?limit=5');
    expect(own.status).toBe(200);
    const id = own.body[0]!.id;
    for (const [method, route, body] of [
      ['PATCH', `/api/v1/tenants/acme/alerts/${id}`, { status: 'resolved' }],
      ['POST', '/api/v1/tenants/acme/alerts/bulk', { ids: [id], status: 'resolved' }],
      ['POST', `/api/v1/tenants/acme/alerts/${id}/comments`, { body: 'x' }],
      ['PUT', '/api/v1/tenants/acme/triage-criteria', {}],
      ['PUT', `/api/v1/tenants/acme/alerts/${id}/triage`, { outcome: 'refuted' }],
      ['POST', '/api/v1/tenants/acme/alerts/escalate', { alertIds: [id], title: 'x' }],
    ] as const) {
      expect([method, route, (await client.request(method, route, body)).status]).toEqual([method, route, 403]);
    }
    expect((await client.request('GET', '/api/v1/tenants/globex/alerts')).status).toBe(404);
  });

  it('keeps every queue route inside the caller’s tenant', async () => {
    const [a] = (await list('/api/v1/tenants/acme/alerts?limit=1')).body;
    const id = a!.id;
    const foreign: Array<[string, string, unknown?]> = [
      ['GET', '/api/v1/tenants/acme/alerts'],
      ['GET', '/api/v1/tenants/acme/alerts/counts'],
      ['GET', `/api/v1/tenants/acme/alerts/${id}`],
      ['PATCH', `/api/v1/tenants/acme/alerts/${id}`, { assignee: 'me' }],
      ['POST', `/api/v1/tenants/acme/alerts/${id}/comments`, { body: 'x' }],
      ['POST', `/api/v1/tenants/acme/alerts/${id}/enrich`],
      ['POST', '/api/v1/tenants/acme/alerts/bulk', { ids: [id], status: 'on_hold' }],
      ['GET', '/api/v1/tenants/acme/triage-criteria'],
      ['PUT', '/api/v1/tenants/acme/triage-criteria', {}],
      ['GET', '/api/v1/alerts?tenant=acme'],
    ];
    for (const [method, route, body] of foreign) {
      expect([method, route, (await t.api(method, route, body, globexToken)).status]).toEqual([method, route, 404]);
    }
    // Globex's own id in acme's path is just as unknown.
    const [g] = (await list('/api/v1/tenants/globex/alerts?limit=1')).body;
    expect((await t.api('GET', `/api/v1/tenants/acme/alerts/${g!.id}`)).status).toBe(404);
    // The provider queue: staff see all tenants, a tenant token only its own.
    const all = (await list('/api/v1/alerts?limit=1000')).body;
    expect(new Set(all.map((x) => x.tenant))).toEqual(new Set(['acme', 'globex', 'initech', 'umbrella']));
    const own = (await list('/api/v1/alerts?limit=1000', globexToken)).body;
    expect(new Set(own.map((x) => x.tenant))).toEqual(new Set(['globex']));
    // Escalation is provider work (403 for customers); a foreign tenant stays unknown (404) either way.
    expect([403, 404]).toContain((await t.api('POST', '/api/v1/tenants/acme/alerts/escalate', { alertIds: [id], title: 'x' }, globexToken)).status);
  });
});
