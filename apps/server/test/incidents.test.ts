/**
 * Incidents through the API of a real server: opening from real alerts (escalation), the guideline lifecycle,
 * playbook tasks, timeline, observables, links, assets, evidence with SHA-256, and tenant boundaries.
 */
import { createHash } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_ENGINES, controlStoreFor } from './helpers/postgres.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { alertsFromLines, STRUTS_IPS_LINE, tenantWithTokens, type Tokens } from './incidents-fixture.ts';

interface Detail {
  id: number;
  status: string;
  severity: string;
  type: string;
  detectedAt: string;
  closedAt: string | null;
  allowedNext: string[];
  tasks: { id: number; position: number; title: { ja: string; en: string }; done: boolean; doneBy: string | null; assignee: string | null; note: string | null }[];
  timeline: { kind: string; text: string; actor: string }[];
  observables: { type: string; value: string; role: string | null }[];
  alerts: { id: number }[];
  events: string[];
  assets: { host: string; deviceId: number | null }[];
  evidence: { id: number; filename: string; sha256: string; size: number }[];
  sla: { clock: string; startedAt: string; stoppedAt: string | null; breached: boolean }[];
  rootCause: string | null;
}

describe.each(CONTROL_ENGINES)('incidents through the API on %s', (engine) => {
  let t: TestServer;
  let drop: (() => Promise<void>) | undefined;
  let tokens: Tokens;
  let alertIds: number[];
  let incident: Detail;
  const base = '/api/v1/tenants/acme/incidents';

  beforeAll(async () => {
    const store = await controlStoreFor(engine);
    drop = store.drop;
    t = await startTestServer({ controlStore: store.controlStore });
    tokens = await tenantWithTokens(t, 'acme', 'globex');
    alertIds = await alertsFromLines(t, 'acme', tokens.ingest, [STRUTS_IPS_LINE(), STRUTS_IPS_LINE('203.0.113.9', '10.0.0.6')], 2);
    const opened = await t.api<Detail>('POST', base, { title: 'Struts exploit on web01', type: 'web_framework_exploit', alertIds });
    expect(opened.status).toBe(201);
    incident = opened.body;
  });
  afterAll(async () => {
    await t?.close();
    await drop?.();
  });

  it('opens from alerts: escalates them, copies observables and events, seeds the playbook and starts SLA clocks', async () => {
    expect(incident).toMatchObject({ status: 'detected', severity: 'critical', type: 'web_framework_exploit', allowedNext: ['investigating', 'closed'] });
    expect(incident.alerts.map((a) => a.id).sort()).toEqual(alertIds);
    const statuses = await t.server.control.db.selectFrom('alerts').select('triage_status').where('id', 'in', alertIds).execute();
    expect(statuses.map((s) => s.triage_status)).toEqual(['escalated', 'escalated']);
    expect(incident.observables).toEqual(
      expect.arrayContaining([
        { type: 'ip', value: '198.51.100.7', role: 'source' },
        { type: 'ip', value: '10.0.0.5', role: 'target' },
        { type: 'ip', value: '203.0.113.9', role: 'source' },
      ]),
    );
    expect(incident.events.length).toBeGreaterThanOrEqual(2);
    expect(incident.assets).toEqual([expect.objectContaining({ host: 'fw1' })]);
    expect(incident.tasks).toHaveLength(10);
    expect(incident.tasks[0]!.title.en).toBe('Block the attacking source (first aid)');
    expect(incident.tasks[0]!.title.ja).toContain('遮断');
    expect(incident.timeline.filter((e) => e.kind === 'alert')).toHaveLength(2);
    const first = await t.server.control.db.selectFrom('alerts').select('first_seen_at').where('id', '=', alertIds[0]!).executeTakeFirstOrThrow();
    expect(incident.detectedAt).toBe(new Date(Number(first.first_seen_at)).toISOString());
    expect(incident.sla.map((c) => c.clock).sort()).toEqual(['close', 'notify']);
    expect(incident.sla.every((c) => c.startedAt === incident.detectedAt)).toBe(true);
  });

  it('accepts only the lifecycle transitions, records each with who and the note, and stops the clocks on close', async () => {
    const move = (to: string, note?: string) => t.api<Detail>('POST', `${base}/${incident.id}/transitions`, { to, note });
    expect((await move('executing')).status).toBe(409);
    expect((await move('nonsense')).status).toBe(400);
    for (const to of ['investigating', 'planning', 'coordinating', 'executing', 'verifying']) expect((await move(to, `to ${to}`)).status).toBe(200);
    const closed = await move('closed');
    expect(closed.status).toBe(200);
    expect(closed.body.closedAt).not.toBeNull();
    expect(closed.body.sla.every((c) => c.stoppedAt !== null)).toBe(true);
    const transitions = closed.body.timeline.filter((e) => e.kind === 'transition');
    expect(transitions.map((e) => e.text)).toContain('Cause investigation → Countermeasure planning: to planning');
    expect(transitions.every((e) => e.actor.startsWith('token:'))).toBe(true);
    expect((await move('investigating')).status).toBe(409);
    const reopened = await move('investigating', 'miner process came back');
    expect(reopened.body).toMatchObject({ status: 'investigating', closedAt: null });
  });

  it('checks off, assigns and annotates playbook tasks', async () => {
    const task = incident.tasks[2]!;
    const r = await t.api('PATCH', `${base}/${incident.id}/tasks/${task.id}`, { done: true, assignee: 'user:sato', note: 'VM snapshot taken' });
    expect(r.status).toBe(200);
    const d = (await t.api<Detail>('GET', `${base}/${incident.id}`)).body;
    expect(d.tasks[2]).toMatchObject({ done: true, assignee: 'user:sato', note: 'VM snapshot taken' });
    expect(d.tasks[2]!.doneBy).toMatch(/^token:/);
    expect(d.timeline.some((e) => e.kind === 'task' && e.text.startsWith('Task 3 done'))).toBe(true);
    expect((await t.api('PATCH', `${base}/${incident.id}/tasks/999999`, { done: true })).status).toBe(404);
  });

  it('records impact, root cause, notes, observables, events and assets', async () => {
    expect((await t.api('PATCH', `${base}/${incident.id}`, { rootCause: 'Struts 2.3 left unpatched', impact: 'Cryptominer on web01', assignee: 'user:sato' })).status).toBe(200);
    expect((await t.api('POST', `${base}/${incident.id}/timeline`, { text: 'Customer called: CPU at 100 %', at: '2026-11-22T11:00:00+09:00' })).status).toBe(201);
    expect((await t.api('POST', `${base}/${incident.id}/observables`, { items: [{ type: 'domain', value: 'pool.supportxmr.com' }] })).status).toBe(201);
    expect((await t.api('POST', `${base}/${incident.id}/observables`, { items: [{ type: 'colour', value: 'red' }] })).status).toBe(400);
    expect((await t.api('POST', `${base}/${incident.id}/events`, { refs: ['7:1', '8'] })).status).toBe(201);
    expect((await t.api('POST', `${base}/${incident.id}/events`, { refs: ['x;drop'] })).status).toBe(400);
    expect((await t.api('POST', `${base}/${incident.id}/assets`, { host: 'web01', note: 'miner found' })).status).toBe(201);
    expect((await t.api('POST', `${base}/${incident.id}/assets`, { device: 'no-such-device' })).status).toBe(404);
    const d = (await t.api<Detail>('GET', `${base}/${incident.id}`)).body;
    expect(d.rootCause).toBe('Struts 2.3 left unpatched');
    expect(d.observables).toContainEqual({ type: 'domain', value: 'pool.supportxmr.com', role: null });
    expect(d.events).toEqual(expect.arrayContaining(['7:1', '8']));
    expect(d.assets.map((a) => a.host)).toContain('web01');
    expect(d.timeline.some((e) => e.kind === 'note' && e.text.includes('CPU at 100'))).toBe(true);
  });

  it('stores evidence with its SHA-256 and refuses to hand out a file altered on disk', async () => {
    const bytes = Buffer.from('ps aux output\nminerd -o stratum+tcp://pool.supportxmr.com:3333\n');
    const up = await fetch(`${t.server.url}${base}/${incident.id}/evidence?filename=ps-aux.txt`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.token}`, 'content-type': 'text/plain' },
      body: bytes,
    });
    expect(up.status).toBe(201);
    const saved = (await up.json()) as { id: number; sha256: string; size: number };
    expect(saved.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(saved.size).toBe(bytes.length);
    const down = await fetch(`${t.server.url}${base}/${incident.id}/evidence/${saved.id}`, { headers: { authorization: `Bearer ${tokens.customer}` } });
    expect(down.status).toBe(200);
    expect(down.headers.get('x-evidence-sha256')).toBe(saved.sha256);
    expect(Buffer.from(await down.arrayBuffer())).toEqual(bytes);
    const empty = await fetch(`${t.server.url}${base}/${incident.id}/evidence?filename=empty.bin`, { method: 'POST', headers: { authorization: `Bearer ${t.token}` } });
    expect(empty.status).toBe(400);
    const badName = await fetch(`${t.server.url}${base}/${incident.id}/evidence?filename=../../etc/passwd`, { method: 'POST', headers: { authorization: `Bearer ${t.token}` }, body: 'x' });
    expect(badName.status).toBe(400);

    const dir = path.join(t.config.dataDir, 'evidence');
    const tenantDir = path.join(dir, readdirSync(dir)[0]!, String(incident.id));
    writeFileSync(path.join(tenantDir, readdirSync(tenantDir)[0]!), 'tampered');
    const again = await fetch(`${t.server.url}${base}/${incident.id}/evidence/${saved.id}`, { headers: { authorization: `Bearer ${t.token}` } });
    expect(again.status).toBe(409);
  });

  it('lets the customer read its own incidents but not change them; another tenant sees nothing', async () => {
    expect((await t.api('GET', base, undefined, tokens.customer)).status).toBe(200);
    expect((await t.api('GET', `${base}/${incident.id}`, undefined, tokens.customer)).status).toBe(200);
    expect((await t.api('PATCH', `${base}/${incident.id}`, { impact: 'none' }, tokens.customer)).status).toBe(403);
    expect((await t.api('POST', `${base}/${incident.id}/transitions`, { to: 'planning' }, tokens.customer)).status).toBe(403);
    for (const [method, route] of [
      ['GET', base],
      ['GET', `${base}/${incident.id}`],
      ['GET', `${base}/${incident.id}/report`],
      ['GET', `${base}/${incident.id}/evidence/1`],
      ['GET', '/api/v1/tenants/acme/contract'],
      ['GET', '/api/v1/tenants/acme/sla?month=2026-11'],
    ] as const) {
      expect((await t.api(method, route, undefined, tokens.foreign)).status, route).toBe(404);
    }
    // Provider staff working in globex cannot pull acme's alerts into a globex incident.
    const cross = await t.api('POST', '/api/v1/tenants/globex/incidents', { title: 'x', alertIds: [alertIds[0]] });
    expect(cross.status).toBe(404);
  });

  it('serves playbooks and lets the provider edit them for incidents opened later', async () => {
    const list = await t.api<{ type: string }[]>('GET', '/api/v1/playbooks', undefined, tokens.customer);
    expect(list.body.map((p) => p.type)).toEqual(expect.arrayContaining(['web_framework_exploit', 'sql_injection', 'web_tampering', 'malware_infection', 'credential_theft', 'cloud_account_compromise']));
    const edited = { name: { ja: 'SQLi', en: 'SQLi' }, tasks: [{ title: { ja: 'WAF で遮断', en: 'Block at the WAF' }, detail: { ja: '即時', en: 'now' } }] };
    expect((await t.api('PUT', '/api/v1/playbooks/sql_injection', edited, tokens.customer)).status).toBe(403);
    expect((await t.api('PUT', '/api/v1/playbooks/sql_injection', { name: edited.name, tasks: [] })).status).toBe(400);
    expect((await t.api('PUT', '/api/v1/playbooks/sql_injection', edited)).status).toBe(200);
    const opened = await t.api<Detail>('POST', base, { title: 'SQLi on shop', type: 'sql_injection', severity: 'high' });
    expect(opened.body.tasks.map((k) => k.title.en)).toEqual(['Block at the WAF']);
    expect(incident.tasks).toHaveLength(10);
  });
});
