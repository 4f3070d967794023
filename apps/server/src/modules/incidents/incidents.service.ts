import { ConflictError, InputError, NotFoundError } from '../../errors.ts';
import type { Principal } from '../../http/principal.ts';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { SlaService } from '../sla/sla.service.ts';
import type { IncidentOpener, OpenIncidentInput } from './incident-opener.ts';
import { transitionProblem, STATUS_LABELS, type IncidentStatus } from './incident-lifecycle.ts';
import { IncidentsRepository, type IncidentRecord, type IncidentRow } from './incidents.repository.ts';
import { observableTypeOf, splitObservable, type ObservableType } from './observable-kinds.ts';
import { isPlaybookType } from './playbook-seeds.ts';
import type { PlaybooksService } from './playbooks.service.ts';

const SEVERITY_RANK: Record<string, number> = { low: 1, medium: 2, high: 3, critical: 4 };

export interface IncidentPatch {
  title?: string;
  severity?: string;
  summary?: string | null;
  assignee?: string | null;
  impact?: string | null;
  rootCause?: string | null;
  lessonsLearned?: string | null;
}

export interface TaskPatch {
  done?: boolean;
  assignee?: string | null;
  note?: string | null;
}

/** The incident workflow (INC-1..3): opening from alerts, lifecycle, tasks, timeline, observables and links. */
export class IncidentsService implements IncidentOpener {
  readonly repo: IncidentsRepository;

  constructor(
    private readonly db: ControlDb,
    private readonly playbooks: PlaybooksService,
    private readonly sla: SlaService,
  ) {
    this.repo = new IncidentsRepository(db);
  }

  /**
   * Tier-1 escalation: the alerts become the incident's linked alerts (status `escalated`), their observables
   * and events are copied, and the SLA clocks start at the earliest alert's detection.
   */
  async openFromAlerts(p: Principal, tenantId: number, input: OpenIncidentInput, now = Date.now()): Promise<{ id: number }> {
    const alertIds = [...new Set(input.alertIds)];
    const alerts = alertIds.length
      ? await this.db.selectFrom('alerts').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', alertIds).execute()
      : [];
    if (alerts.length !== alertIds.length) throw new NotFoundError('one of the alerts does not exist');
    const detectedAt = alerts.length ? Math.min(...alerts.map((a) => Number(a.first_seen_at))) : now;
    const severity = input.severity ?? alerts.map((a) => a.severity).sort((a, b) => (SEVERITY_RANK[b] ?? 0) - (SEVERITY_RANK[a] ?? 0))[0] ?? 'medium';
    const type = input.type && isPlaybookType(input.type) ? input.type : 'generic';
    const { playbook } = await this.playbooks.get(type);

    const id = await this.db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('incidents')
        .values({
          tenant_id: tenantId,
          title: input.title,
          type,
          severity,
          status: 'detected',
          summary: input.summary ?? null,
          assignee: null,
          impact: null,
          root_cause: null,
          lessons_learned: null,
          detected_at: detectedAt,
          created_at: now,
          created_by: p.actor,
          updated_at: now,
          closed_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const incidentId = row.id;
      const base = { tenant_id: tenantId, incident_id: incidentId };
      await tx
        .insertInto('incident_tasks')
        .values(
          playbook.tasks.map((t, i) => ({
            ...base,
            position: i + 1,
            title_ja: t.title.ja,
            title_en: t.title.en,
            detail_ja: t.detail.ja,
            detail_en: t.detail.en,
            done: 0,
            done_at: null,
            done_by: null,
            assignee: null,
            note: null,
          })),
        )
        .execute();
      const timeline = [
        ...alerts.map((a) => ({ ...base, at: Number(a.first_seen_at), actor: 'system:detection', kind: 'alert', text: `Alert #${a.id}: ${a.title}`, details: null })),
        { ...base, at: now, actor: p.actor, kind: 'created', text: `Incident opened from ${alerts.length} alert(s)`, details: JSON.stringify({ alertIds }) },
      ];
      await tx.insertInto('incident_timeline').values(timeline).execute();
      if (alerts.length) {
        await tx.insertInto('incident_alerts').values(alerts.map((a) => ({ ...base, alert_id: a.id }))).execute();
        await tx.updateTable('alerts').set({ triage_status: 'escalated', updated_at: now }).where('tenant_id', '=', tenantId).where('id', 'in', alertIds).execute();
      }
      const observables = new Map<string, { type: ObservableType; value: string; role: string }>();
      for (const a of alerts) {
        for (const [role, raw] of [['source', a.source_observable], ['target', a.target_observable]] as const) {
          for (const value of splitObservable(raw)) observables.set(`${role}\u0000${value}`, { type: observableTypeOf(value), value, role });
        }
      }
      if (observables.size) await tx.insertInto('incident_observables').values([...observables.values()].map((o) => ({ ...base, ...o }))).execute();
      const events = new Set(alerts.flatMap((a) => JSON.parse(a.event_ids ?? '[]') as string[]));
      if (events.size) await tx.insertInto('incident_events').values([...events].map((ref) => ({ ...base, ref }))).execute();
      const devices = new Set(alerts.map((a) => a.device_id).filter((d): d is number => d !== null));
      for (const deviceId of devices) {
        const d = await tx.selectFrom('devices').select(['name', 'hostname']).where('id', '=', deviceId).where('tenant_id', '=', tenantId).executeTakeFirst();
        if (d) await tx.insertInto('incident_assets').values({ ...base, device_id: deviceId, host: d.hostname ?? d.name, note: 'reporting device' }).execute();
      }
      return incidentId;
    });
    await this.sla.start(tenantId, { kind: 'incident', id }, severity, detectedAt);
    return { id };
  }

  async get(tenantId: number, id: number): Promise<IncidentRecord> {
    return this.repo.record(await this.row(tenantId, id));
  }

  async transition(p: Principal, tenantId: number, id: number, to: IncidentStatus, note: string | undefined, now = Date.now()): Promise<void> {
    const incident = await this.row(tenantId, id);
    const from = incident.status as IncidentStatus;
    const problem = transitionProblem(from, to, note);
    if (problem) throw new ConflictError(problem);
    const updated = await this.db
      .updateTable('incidents')
      .set({ status: to, updated_at: now, closed_at: to === 'closed' ? now : null })
      .where('id', '=', id)
      .where('tenant_id', '=', tenantId)
      .where('status', '=', from)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new ConflictError('the incident changed meanwhile; reload and retry');
    const text = `${STATUS_LABELS[from].en} → ${STATUS_LABELS[to].en}${note ? `: ${note}` : ''}`;
    await this.addEntry(tenantId, id, p.actor, 'transition', text, { from, to, note: note ?? null }, now);
    if (to === 'closed') await this.sla.reach(tenantId, { kind: 'incident', id }, 'closed', now);
  }

  async update(p: Principal, tenantId: number, id: number, patch: IncidentPatch, now = Date.now()): Promise<void> {
    await this.row(tenantId, id);
    const set = {
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.severity !== undefined && { severity: patch.severity }),
      ...(patch.summary !== undefined && { summary: patch.summary }),
      ...(patch.assignee !== undefined && { assignee: patch.assignee }),
      ...(patch.impact !== undefined && { impact: patch.impact }),
      ...(patch.rootCause !== undefined && { root_cause: patch.rootCause }),
      ...(patch.lessonsLearned !== undefined && { lessons_learned: patch.lessonsLearned }),
    };
    if (Object.keys(set).length === 0) throw new InputError('nothing to change');
    await this.db.updateTable('incidents').set({ ...set, updated_at: now }).where('id', '=', id).where('tenant_id', '=', tenantId).execute();
    await this.addEntry(tenantId, id, p.actor, 'update', `Updated ${Object.keys(patch).join(', ')}`, patch, now);
  }

  async updateTask(p: Principal, tenantId: number, id: number, taskId: number, patch: TaskPatch, now = Date.now()): Promise<void> {
    await this.row(tenantId, id);
    const task = await this.db
      .selectFrom('incident_tasks')
      .selectAll()
      .where('id', '=', taskId)
      .where('incident_id', '=', id)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    if (!task) throw new NotFoundError(`no task ${taskId}`);
    const doneChanged = patch.done !== undefined && patch.done !== (task.done === 1);
    await this.db
      .updateTable('incident_tasks')
      .set({
        ...(doneChanged && { done: patch.done ? 1 : 0, done_at: patch.done ? now : null, done_by: patch.done ? p.actor : null }),
        ...(patch.assignee !== undefined && { assignee: patch.assignee }),
        ...(patch.note !== undefined && { note: patch.note }),
      })
      .where('id', '=', taskId)
      .execute();
    const what = doneChanged ? (patch.done ? 'done' : 'reopened') : 'updated';
    await this.addEntry(tenantId, id, p.actor, 'task', `Task ${task.position} ${what}: ${task.title_en}`, { taskId, ...patch }, now);
  }

  async addNote(p: Principal, tenantId: number, id: number, text: string, at: number | undefined, now = Date.now()): Promise<void> {
    await this.row(tenantId, id);
    await this.addEntry(tenantId, id, p.actor, 'note', text, null, at ?? now);
  }

  async addObservables(p: Principal, tenantId: number, id: number, items: { type: ObservableType; value: string }[]): Promise<void> {
    await this.row(tenantId, id);
    await this.db.insertInto('incident_observables').values(items.map((o) => ({ tenant_id: tenantId, incident_id: id, type: o.type, value: o.value, role: null }))).execute();
    await this.addEntry(tenantId, id, p.actor, 'update', `Added ${items.length} observable(s)`, items, Date.now());
  }

  async linkAlerts(p: Principal, tenantId: number, id: number, alertIds: number[], now = Date.now()): Promise<void> {
    await this.row(tenantId, id);
    const ids = [...new Set(alertIds)];
    const found = await this.db.selectFrom('alerts').select('id').where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
    if (found.length !== ids.length) throw new NotFoundError('one of the alerts does not exist');
    await this.db
      .insertInto('incident_alerts')
      .values(ids.map((alert_id) => ({ tenant_id: tenantId, incident_id: id, alert_id })))
      .onConflict((oc) => oc.columns(['incident_id', 'alert_id']).doNothing())
      .execute();
    await this.db.updateTable('alerts').set({ triage_status: 'escalated', updated_at: now }).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
    await this.addEntry(tenantId, id, p.actor, 'alert', `Linked alert(s) ${ids.map((a) => `#${a}`).join(', ')}`, { alertIds: ids }, now);
  }

  async linkEvents(p: Principal, tenantId: number, id: number, refs: string[]): Promise<void> {
    await this.row(tenantId, id);
    await this.db
      .insertInto('incident_events')
      .values([...new Set(refs)].map((ref) => ({ tenant_id: tenantId, incident_id: id, ref })))
      .onConflict((oc) => oc.columns(['incident_id', 'ref']).doNothing())
      .execute();
    await this.addEntry(tenantId, id, p.actor, 'update', `Linked ${refs.length} event(s)`, { refs }, Date.now());
  }

  async addAsset(p: Principal, tenantId: number, id: number, asset: { device?: string; host?: string; note?: string }): Promise<void> {
    await this.row(tenantId, id);
    let deviceId: number | null = null;
    let host = asset.host;
    if (asset.device) {
      const d = await this.db.selectFrom('devices').select(['id', 'name', 'hostname']).where('tenant_id', '=', tenantId).where('name', '=', asset.device).executeTakeFirst();
      if (!d) throw new NotFoundError(`no device ${asset.device}`);
      deviceId = d.id;
      host ??= d.hostname ?? d.name;
    }
    if (!host) throw new InputError('an asset needs a device or a host');
    await this.db.insertInto('incident_assets').values({ tenant_id: tenantId, incident_id: id, device_id: deviceId, host, note: asset.note ?? null }).execute();
    await this.addEntry(tenantId, id, p.actor, 'update', `Affected asset: ${host}`, null, Date.now());
  }

  async addEvidence(
    p: Principal,
    tenantId: number,
    id: number,
    e: { filename: string; contentType: string; storedName: string; size: number; sha256: string },
    now = Date.now(),
  ): Promise<{ id: number }> {
    const row = await this.db
      .insertInto('incident_evidence')
      .values({
        tenant_id: tenantId,
        incident_id: id,
        filename: e.filename,
        content_type: e.contentType,
        size: e.size,
        sha256: e.sha256,
        stored_name: e.storedName,
        uploaded_at: now,
        uploaded_by: p.actor,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.addEntry(tenantId, id, p.actor, 'evidence', `Evidence ${e.filename} (SHA-256 ${e.sha256})`, { evidenceId: row.id, size: e.size }, now);
    return row;
  }

  async addEntry(tenantId: number, id: number, actor: string, kind: string, text: string, details: unknown, at: number): Promise<void> {
    await this.db
      .insertInto('incident_timeline')
      .values({ tenant_id: tenantId, incident_id: id, at, actor, kind, text, details: details === null ? null : JSON.stringify(details) })
      .execute();
    await this.db.updateTable('incidents').set({ updated_at: Date.now() }).where('id', '=', id).execute();
  }

  async row(tenantId: number, id: number): Promise<IncidentRow> {
    const row = await this.repo.byId(tenantId, id);
    if (!row) throw new NotFoundError(`no incident ${id}`);
    return row;
  }
}
