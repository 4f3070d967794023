import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAlerts, tenantId } from './alert-queue-fixture.ts';
import { CONTROL_ENGINES, controlStoreFor } from './helpers/postgres.ts';
import { startTestServer, tenantWithDevice, waitUntil, type TestServer } from './helpers/test-server.ts';

interface Incident {
  id: number;
  title: string;
  summary: string | null;
  alerts: Array<{ id: number }>;
  observables: Array<{ value: string }>;
}

/** ALR-6 through the real incident workflow wired in the server. */
describe.each(CONTROL_ENGINES)('escalation from the alert queue to an incident on %s', (engine) => {
  let t: TestServer;
  let dropStore: () => Promise<void> = () => Promise.resolve();
  let acme: number;
  let globex: number;

  beforeAll(async () => {
    const store = await controlStoreFor(engine);
    dropStore = store.drop;
    t = await startTestServer({ controlStore: store.controlStore });
    await tenantWithDevice(t, 'acme');
    await tenantWithDevice(t, 'globex');
    acme = await tenantId(t.server.control.db, 'acme');
    globex = await tenantId(t.server.control.db, 'globex');
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await dropStore();
  });

  it('opens an incident carrying the alerts, their observables and the analysts’ notes', async () => {
    const ids = await seedAlerts(t.server.control.db, [
      { tenantId: acme, title: 'Struts exploit attempt', source: '203.0.113.50', target: '10.0.0.8', severity: 'high' },
      { tenantId: acme, title: 'Mining pool connection', source: '10.0.0.8', target: 'pool.example', severity: 'critical' },
    ]);
    await t.api('POST', `/api/v1/tenants/acme/alerts/${ids[0]}/comments`, { body: 'exploit succeeded: shell spawned' });
    const out = await t.api<{ incidentId: number; alertIds: number[] }>('POST', '/api/v1/tenants/acme/alerts/escalate', {
      alertIds: ids,
      title: 'Web framework exploit leading to a cryptominer',
      type: 'web_framework_exploit',
      note: 'Tier-1: confirmed by process and traffic evidence',
    });
    expect(out.status).toBe(201);
    const incident = (await t.api<Incident>('GET', `/api/v1/tenants/acme/incidents/${out.body.incidentId}`)).body;
    expect(incident.alerts.map((a) => a.id).sort()).toEqual([...ids].sort());
    expect(incident.summary).toContain('Tier-1: confirmed by process and traffic evidence');
    expect(incident.summary).toContain('exploit succeeded: shell spawned');
    expect(incident.summary).toContain('203.0.113.50');
    for (const id of ids) {
      const a = (await t.api<{ triageStatus: string; status: string; history: Array<{ action: string; details: Record<string, unknown> }> }>('GET', `/api/v1/tenants/acme/alerts/${id}`)).body;
      expect(a.triageStatus).toBe('escalated');
      expect(a.history.at(-1)).toMatchObject({ action: 'escalated', details: { incidentId: out.body.incidentId } });
    }
    // Once escalated, an alert belongs to the incident: no second escalation, no status change from the queue.
    expect((await t.api('POST', '/api/v1/tenants/acme/alerts/escalate', { alertIds: [ids[0]], title: 'again' })).status).toBe(409);
    expect((await t.api('PATCH', `/api/v1/tenants/acme/alerts/${ids[0]}`, { status: 'new' })).status).toBe(409);

    // A later alert with the same observable shows that incident in its enrichment.
    const [later] = await seedAlerts(t.server.control.db, [{ tenantId: acme, title: 'Struts again', source: '203.0.113.50' }]);
    let related: Array<{ incidentId: number }> = [];
    await waitUntil(async () => {
      const d = (await t.api<{ enrichment: { relatedIncidents: Array<{ incidentId: number }> } | null }>('GET', `/api/v1/tenants/acme/alerts/${later}`)).body;
      related = d.enrichment?.relatedIncidents ?? [];
      return d.enrichment !== null;
    }, 20_000);
    expect(related).toContainEqual(expect.objectContaining({ incidentId: out.body.incidentId }));
  });

  it('refuses a batch holding another tenant’s alert and changes nothing', async () => {
    const [mine] = await seedAlerts(t.server.control.db, [{ tenantId: acme, title: 'acme alert' }]);
    const [theirs] = await seedAlerts(t.server.control.db, [{ tenantId: globex, title: 'globex alert' }]);
    const res = await t.api('POST', '/api/v1/tenants/acme/alerts/escalate', { alertIds: [mine, theirs], title: 'mixed' });
    expect(res.status).toBe(404);
    const rows = await t.server.control.db.selectFrom('alerts').select('triage_status').where('id', 'in', [mine!, theirs!]).execute();
    expect(rows.every((r) => r.triage_status === 'new')).toBe(true);
  });

  it('confirmed anomaly triage escalates in one step', async () => {
    const [id] = await seedAlerts(t.server.control.db, [{ tenantId: acme, title: 'Mass download by taro', source: 'taro', severity: 'high' }]);
    const out = await t.api<{ incidentId: number | null; outcome: string }>('PUT', `/api/v1/tenants/acme/alerts/${id}/triage`, {
      outcome: 'confirmed',
      note: 'leaver copied the customer list',
      escalate: { title: 'Data taken by a leaver', type: 'cloud_account_compromise' },
    });
    expect(out.status).toBe(200);
    expect(out.body.outcome).toBe('confirmed');
    expect(out.body.incidentId).toEqual(expect.any(Number));
    expect((await t.api<Incident>('GET', `/api/v1/tenants/acme/incidents/${out.body.incidentId}`)).body.alerts.map((a) => a.id)).toEqual([id]);
  });
});
