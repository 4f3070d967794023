/**
 * SLA clocks (INC-4) on a real server and store: clocks start at detection, the SLA job walks the escalation
 * ladder into sla_warning/sla_breach alerts, milestones stop the clocks, the month report and at-risk list.
 * The job's `tick` is called with chosen instants so that minutes of contract time pass without waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractsService } from '../src/modules/contracts/contracts.service.ts';
import { SlaService } from '../src/modules/sla/sla.service.ts';
import { CONTROL_ENGINES, controlStoreFor } from './helpers/postgres.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { alertsFromLines, STRUTS_IPS_LINE, tenantWithTokens, type Tokens } from './incidents-fixture.ts';

const MIN = 60_000;
const contract = {
  hours: { mode: '24x365' },
  targets: {
    critical: { notifyMinutes: 10, acknowledgeMinutes: 30, closeMinutes: 600 },
    high: { notifyMinutes: 20, acknowledgeMinutes: 60, closeMinutes: 1200 },
    medium: { notifyMinutes: null, acknowledgeMinutes: null, closeMinutes: null },
    low: { notifyMinutes: null, acknowledgeMinutes: null, closeMinutes: null },
  },
  escalation: [
    { atPercent: 75, escalateTo: ['shift lead'] },
    { atPercent: 100, escalateTo: ['SOC manager'] },
    { atPercent: 200, escalateTo: ['CISO'] },
  ],
};

interface Clock {
  clock: string;
  startedAt: string;
  stoppedAt: string | null;
  breached: boolean;
  elapsedMinutes: number | null;
}

describe.each(CONTROL_ENGINES)('SLA clocks on %s', (engine) => {
  let t: TestServer;
  let drop: (() => Promise<void>) | undefined;
  let tokens: Tokens;
  let sla: SlaService;
  let tenantId: number;
  let alertIds: number[];
  let incidentId: number;
  let detectedAt: number;

  const slaAlerts = () => t.server.control.db.selectFrom('alerts').selectAll().where('kind', 'like', 'sla_%').orderBy('id').execute();
  const clocks = async () => (await t.api<{ sla: Clock[] }>('GET', `/api/v1/tenants/acme/incidents/${incidentId}`)).body.sla;

  beforeAll(async () => {
    const store = await controlStoreFor(engine);
    drop = store.drop;
    t = await startTestServer({ controlStore: store.controlStore });
    tokens = await tenantWithTokens(t, 'acme', 'globex');
    expect((await t.api('PUT', '/api/v1/tenants/acme/contract', contract)).status).toBe(200);
    alertIds = await alertsFromLines(t, 'acme', tokens.ingest, [STRUTS_IPS_LINE(), STRUTS_IPS_LINE('192.0.2.77', '10.0.0.9')], 2);
    const opened = await t.api<{ id: number; detectedAt: string }>('POST', '/api/v1/tenants/acme/incidents', { title: 'Struts', type: 'web_framework_exploit', alertIds: [alertIds[0]] });
    incidentId = opened.body.id;
    detectedAt = Date.parse(opened.body.detectedAt);
    tenantId = (await t.server.control.db.selectFrom('tenants').select('id').where('slug', '=', 'acme').executeTakeFirstOrThrow()).id;
    // The same clocks the server runs, over the server's own store.
    sla = new SlaService(t.server.control.db, new ContractsService(t.server.control.db));
  });
  afterAll(async () => {
    await t?.close();
    await drop?.();
  });

  it('warns at 75 %, records the breach at 100 % as queue alerts, and raises each step once', async () => {
    expect(await sla.tick(detectedAt + 5 * MIN)).toBe(0);
    expect(await sla.tick(detectedAt + 8 * MIN)).toBe(1);
    let raised = await slaAlerts();
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ kind: 'sla_warning', severity: 'critical', tenant_id: tenantId, status: 'open' });
    expect(JSON.parse(raised[0]!.details)).toMatchObject({ clock: 'notify', atPercent: 75, escalateTo: ['shift lead'], subject: { kind: 'incident', id: incidentId } });
    expect(await sla.tick(detectedAt + 11 * MIN)).toBe(1);
    expect(await sla.tick(detectedAt + 12 * MIN)).toBe(0);
    raised = await slaAlerts();
    expect(raised.map((a) => a.kind)).toEqual(['sla_warning', 'sla_breach']);
    expect(raised[1]!.title).toContain('detection→notification');
    const events = await t.server.control.db.selectFrom('sla_events').selectAll().where('tenant_id', '=', tenantId).orderBy('id').execute();
    expect(events.map((e) => [e.kind, e.percent])).toEqual([
      ['warning', 75],
      ['breach', 100],
    ]);
    expect((await clocks()).find((c) => c.clock === 'notify')!.breached).toBe(true);
  });

  it('stops clocks at milestones: notification starts the acknowledgement clock, closing stops the rest', async () => {
    await sla.reach(tenantId, { kind: 'incident', id: incidentId }, 'notified', detectedAt + 12 * MIN);
    await sla.reach(tenantId, { kind: 'incident', id: incidentId }, 'notified', detectedAt + 50 * MIN);
    let c = await clocks();
    expect(c.find((x) => x.clock === 'notify')).toMatchObject({ elapsedMinutes: 12, breached: true });
    expect(c.find((x) => x.clock === 'ack')).toMatchObject({ startedAt: new Date(detectedAt + 12 * MIN).toISOString(), stoppedAt: null });
    await sla.reach(tenantId, { kind: 'incident', id: incidentId }, 'acknowledged', detectedAt + 20 * MIN);
    c = await clocks();
    expect(c.find((x) => x.clock === 'ack')).toMatchObject({ elapsedMinutes: 8, breached: false });
    expect(c.find((x) => x.clock === 'close')!.stoppedAt).toBeNull();
  });

  it('starts an alert’s clocks from its first sighting when it is first notified', async () => {
    const alert = await t.server.control.db.selectFrom('alerts').select('first_seen_at').where('id', '=', alertIds[1]!).executeTakeFirstOrThrow();
    await sla.reach(tenantId, { kind: 'alert', id: alertIds[1]! }, 'notified', Number(alert.first_seen_at) + 4 * MIN);
    const rows = await sla.clocksOf({ kind: 'alert', id: alertIds[1]! });
    expect(rows.map((r) => [r.clock, r.elapsed_minutes, r.breached_at])).toEqual([
      ['notify', 4, null],
      ['ack', null, null],
    ]);
    await expect(sla.reach(tenantId + 1, { kind: 'alert', id: alertIds[0]! }, 'notified', Date.now())).rejects.toThrow(/no alert/);
  });

  it('lists running clocks at risk to provider staff only', async () => {
    const risk = await t.api<{ tenant: string; subject: { kind: string; id: number }; clock: string; percent: number }[]>('GET', '/api/v1/sla/at-risk?minPercent=0');
    expect(risk.status).toBe(200);
    expect(risk.body).toContainEqual(expect.objectContaining({ tenant: 'acme', subject: { kind: 'incident', id: incidentId }, clock: 'close' }));
    expect((await t.api('GET', '/api/v1/sla/at-risk', undefined, tokens.customer)).status).toBe(403);
  });

  it('reports the month’s compliance per severity and clock with the breaches', async () => {
    const month = new Date(detectedAt).toISOString().slice(0, 7);
    const r = await t.api<{ compliance: { severity: string; clock: string; count: number; met: number; breached: number; medianMinutes: number | null }[]; breaches: { clock: string; subject: { id: number } }[] }>(
      'GET',
      `/api/v1/tenants/acme/sla?month=${month}`,
      undefined,
      tokens.customer,
    );
    expect(r.status).toBe(200);
    expect(r.body.compliance).toContainEqual({ severity: 'critical', clock: 'notify', count: 2, met: 1, breached: 1, running: 0, medianMinutes: 4, p90Minutes: 12 });
    expect(r.body.compliance).toContainEqual(expect.objectContaining({ severity: 'critical', clock: 'ack', count: 2, met: 1, breached: 0, running: 1 }));
    expect(r.body.breaches).toEqual([expect.objectContaining({ clock: 'notify', subject: { kind: 'incident', id: incidentId } })]);
    expect((await t.api('GET', '/api/v1/tenants/acme/sla?month=2026-13', undefined, tokens.customer)).status).toBe(400);
  });

  it('counts only contract hours: detected on a Sunday evening before a holiday Monday, due Tuesday 09:10 Tokyo', async () => {
    expect((await t.api('POST', '/api/v1/tenants', { slug: 'biz' })).status).toBe(201);
    const bizDevice = await t.api('POST', '/api/v1/tenants/biz/devices', { name: 'fw-biz', format: 'auto' });
    expect(bizDevice.status).toBe(201);
    const ingest = (await t.api<{ token: string }>('POST', '/api/v1/tokens', { tenant: 'biz', device: 'fw-biz', scope: 'ingest' })).body.token;
    const business = { ...contract, hours: { mode: 'business', timezone: 'Asia/Tokyo', weekdays: [1, 2, 3, 4, 5], open: '09:00', close: '18:00', holidayCalendar: 'jp', extraHolidays: [] } };
    expect((await t.api('PUT', '/api/v1/tenants/biz/contract', business)).status).toBe(200);
    // The IPS line is stamped 2026-11-22 10:15 UTC: Sunday 19:15 in Tokyo; Monday 23 November is Labour Thanksgiving Day.
    const [alertId] = await alertsFromLines(t, 'biz', ingest, [STRUTS_IPS_LINE('192.0.2.1', '10.9.9.9')], 1);
    const opened = await t.api<{ id: number; sla: { clock: string; dueAt: string }[] }>('POST', '/api/v1/tenants/biz/incidents', { title: 'biz', alertIds: [alertId] });
    expect(opened.body.sla.find((c) => c.clock === 'notify')!.dueAt).toBe('2026-11-24T00:10:00.000Z');
    const bizId = (await t.server.control.db.selectFrom('tenants').select('id').where('slug', '=', 'biz').executeTakeFirstOrThrow()).id;
    const bizAlerts = async () => (await slaAlerts()).filter((a) => a.tenant_id === bizId);
    // Runs after the month report: these ticks also move the round-the-clock tenant's clocks on.
    await sla.tick(Date.parse('2026-11-23T23:59:00Z'));
    expect(await bizAlerts()).toEqual([]);
    await sla.tick(Date.parse('2026-11-24T00:08:00Z'));
    const raised = await bizAlerts();
    expect(raised.map((a) => a.kind)).toEqual(['sla_warning']);
    expect(JSON.parse(raised[0]!.details)).toMatchObject({ subject: { kind: 'incident', id: opened.body.id }, atPercent: 75 });
  });
});
