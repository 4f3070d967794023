import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAlerts, tenantId } from './alert-queue-fixture.ts';
import { CONTROL_ENGINES, controlStoreFor } from './helpers/postgres.ts';
import { startTestServer, tenantWithDevice, waitUntil, type TestServer } from './helpers/test-server.ts';

interface Triage {
  anomalyType: string | null;
  suggested: string[];
  hypothesis: { ja: string; en: string } | null;
  checklist: Array<{ id: string; query: string | null; search: string | null; done: boolean; by: string | null }>;
  outcome: string | null;
  watchUntil: string | null;
  reminderAlertId: number | null;
  incidentId?: number | null;
  suppressionOffer?: { method: string; path: string; body: Record<string, unknown> } | null;
}
interface Alert {
  id: number;
  kind: string;
  triageStatus: string;
  verdict: string | null;
  title: string;
  details: Record<string, unknown>;
}

describe.each(CONTROL_ENGINES)('anomaly triage flow (ALR-5): hypothesis, evidence, outcome on %s', (engine) => {
  let t: TestServer;
  let dropStore: () => Promise<void> = () => Promise.resolve();
  let acme: number;
  let globexToken: string;
  const triage = (id: number, body?: unknown, token?: string) =>
    t.api<Triage>(body === undefined ? 'GET' : 'PUT', `/api/v1/tenants/acme/alerts/${id}/triage`, body, token);
  const alert = async (id: number) => (await t.api<Alert>('GET', `/api/v1/tenants/acme/alerts/${id}`)).body;
  const login = async () =>
    (await seedAlerts(t.server.control.db, [{ tenantId: acme, title: 'Login from an unusual country', source: '198.51.100.7', target: 'taro', severity: 'high' }]))[0]!;

  beforeAll(async () => {
    const store = await controlStoreFor(engine);
    dropStore = store.drop;
    t = await startTestServer({ controlStore: store.controlStore });
    await tenantWithDevice(t, 'acme');
    await tenantWithDevice(t, 'globex');
    acme = await tenantId(t.server.control.db, 'acme');
    globexToken = (await t.api<{ token: string }>('POST', '/api/v1/tokens', { tenant: 'globex', scope: 'write' })).body.token;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await dropStore();
  });

  it('seeds anomaly types in Japanese and English and lets the provider edit them', async () => {
    const types = await t.api<Array<{ key: string; name: { ja: string; en: string } }>>('GET', '/api/v1/anomaly-types');
    expect(types.body.map((x) => x.key)).toEqual(expect.arrayContaining(['unusual_login_country', 'mass_download', 'new_admin', 'rare_process', 'traffic_spike', 'log_silence']));
    const login = types.body.find((x) => x.key === 'unusual_login_country')!;
    expect(login.name).toEqual({ ja: '普段と異なる国からのログイン', en: 'Login from an unusual country' });
    const custom = {
      name: { ja: 'VPN 同時接続', en: 'Concurrent VPN sessions' },
      hypothesis: { ja: '共有アカウントか窃取か', en: 'Shared or stolen account' },
      appliesTo: { titleWords: ['vpn'] },
      checklist: [{ id: 'sessions', what: { ja: 'セッション一覧', en: 'Session list' }, query: 'user.name:{target} | stats count by source.ip' }],
    };
    expect((await t.api('PUT', '/api/v1/anomaly-types/vpn_concurrent', custom)).status).toBe(200);
    expect((await t.api('PUT', '/api/v1/anomaly-types/vpn_concurrent', custom, globexToken)).status).toBe(403);
    expect((await t.api('PUT', '/api/v1/anomaly-types/vpn_concurrent', { ...custom, checklist: [] })).status).toBe(400);
  });

  it('shows the suggested type with its hypothesis and ready searches, and records the evidence ticked', async () => {
    const id = await login();
    const view = (await triage(id)).body;
    expect(view.anomalyType).toBe('unusual_login_country');
    expect(view.hypothesis?.ja).toContain('窃取');
    const first = view.checklist.find((c) => c.id === 'other_logins')!;
    expect(first.query).toBe('source.ip:"198.51.100.7" event.category:authentication | stats count by event.outcome, user.name');
    const search = await t.api('GET', first.search!);
    expect(search.status).toBe(200);
    const ticked = await triage(id, { checklist: [{ id: 'other_logins', done: true, note: 'no success from this source' }] });
    expect(ticked.status).toBe(200);
    expect(ticked.body.checklist.find((c) => c.id === 'other_logins')).toMatchObject({ done: true, by: expect.stringMatching(/^token:/) as string });
    expect((await triage(id, { checklist: [{ id: 'bogus', done: true }] })).status).toBe(400);
  });

  it('refuted: closes with a verdict and offers a suppression that the tuning route accepts', async () => {
    const id = await login();
    const out = await triage(id, { outcome: 'refuted', note: 'user on a business trip', verdict: 'benign' });
    expect(out.status).toBe(200);
    expect(await alert(id)).toMatchObject({ triageStatus: 'resolved', verdict: 'benign' });
    const offer = out.body.suppressionOffer!;
    expect(offer.body).toMatchObject({ rule: 'rule-1', conditions: { 'source.ip': ['198.51.100.7'] } });
    const created = await t.api(offer.method, offer.path, offer.body);
    expect(created.status).toBe(201);
    expect((await triage(id, { outcome: 'confirmed' })).status).toBe(409);
  });

  it('confirmed: marks a true positive for escalation', async () => {
    const id = await login();
    const out = await triage(id, { outcome: 'confirmed', note: 'successful login, mailbox rules changed' });
    expect(out.status).toBe(200);
    expect(await alert(id)).toMatchObject({ triageStatus: 'in_progress', verdict: 'true_positive' });
  });

  it('undetermined: closes, or holds and comes back as a new queue entry when the watch ends', async () => {
    const closed = await login();
    expect((await triage(closed, { outcome: 'undetermined' })).status).toBe(200);
    expect((await alert(closed)).triageStatus).toBe('resolved');

    const watched = await login();
    const until = new Date(Date.now() + 1500).toISOString();
    expect((await triage(watched, { outcome: 'undetermined', watchUntil: until, note: 'watch a week' })).body.watchUntil).toBe(until);
    expect((await alert(watched)).triageStatus).toBe('on_hold');
    let reminder: Alert | undefined;
    await waitUntil(async () => {
      const list = await t.api<Alert[]>('GET', '/api/v1/tenants/acme/alerts?kind=triage_reminder');
      return (reminder = list.body.find((a) => a.details.remindsAlert === watched)) !== undefined;
    }, 15_000);
    expect(reminder).toMatchObject({ triageStatus: 'new', title: 'Watch period ended: Login from an unusual country' });
    expect((await triage(watched)).body.reminderAlertId).toBe(reminder!.id);
    const audited = await t.api<{ entries: Array<{ actor: string }> }>('GET', `/api/v1/audit?action=alert.watch_ended&target=alert:${watched}`);
    expect(audited.body.entries).toEqual([expect.objectContaining({ actor: 'system:triage-reminder' })]);
    // Re-triaged after the reminder, the alert can take a final outcome.
    expect((await triage(watched, { outcome: 'refuted' })).status).toBe(200);
    expect((await triage(watched, { outcome: 'undetermined', watchUntil: new Date(Date.now() - 1000).toISOString() })).status).toBe(409);
  }, 30_000);

  it('refuses mismatched fields and foreign tenants', async () => {
    const id = await login();
    expect((await triage(id, { watchUntil: new Date(Date.now() + 60_000).toISOString() })).status).toBe(400);
    expect((await triage(id, { outcome: 'refuted', escalate: { title: 'x' } })).status).toBe(400);
    expect((await triage(id, undefined, globexToken)).status).toBe(404);
    expect((await triage(id, { note: 'x' }, globexToken)).status).toBe(404);
    expect((await t.api('GET', `/api/v1/tenants/globex/alerts/${id}/triage`, undefined, globexToken)).status).toBe(404);
  });
});
