/** The Tier-1 queue (ALR-2/3/4/6): listing, workflow changes one by one or in bulk, comments, criteria, escalation. */
import { ConflictError, InputError, NotFoundError, UnavailableError } from '../../errors.ts';
import type { Principal } from '../../http/principal.ts';
import type { IncidentOpener } from '../incidents/incident-opener.ts';
import type { TenantRow } from '../tenants/tenants.repository.ts';
import type { EnrichmentService } from '../enrichment/enrichment.service.ts';
import { decodeCursor, encodeCursor } from './alert-cursor.ts';
import type { AlertIntake } from './alert-intake.ts';
import { iso, toAlertView } from './alert-view.ts';
import { planChange } from './alert-workflow.ts';
import type { AlertRow, AlertsRepository } from './alerts.repository.ts';
import type { AlertChange, AlertView, EscalateInput, QueueQuery } from './alerts.schemas.ts';
import { triageCriteriaSchema, type TriageCriteria, type TriageCriteriaInput } from './triage-criteria.ts';

export interface ChangeSummary {
  ids: number[];
  before: Array<Record<string, unknown>>;
  after: Array<Record<string, unknown>>;
}

const SORT_VALUE = { priority: (a: AlertRow) => a.priority, lastSeen: (a: AlertRow) => Number(a.last_seen_at), firstSeen: (a: AlertRow) => Number(a.first_seen_at) };

const workflowOf = (a: AlertRow) => ({ id: a.id, triageStatus: a.triage_status, assignee: a.assignee, verdict: a.verdict, duplicateOf: a.duplicate_of });

export class AlertsService {
  constructor(
    private readonly repo: AlertsRepository,
    private readonly intake: AlertIntake,
    private readonly enrichment: EnrichmentService,
    private readonly label: (tenantId: number) => string,
    private readonly incidents: IncidentOpener | undefined,
  ) {}

  async page(p: Principal, tenantId: number | null, q: QueueQuery): Promise<{ alerts: AlertView[]; nextCursor: string | null }> {
    const cursor = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
    if (q.cursor !== undefined && !cursor) throw new InputError('the cursor is not one this server gave out');
    const rows = await this.repo.page(tenantId, q, p.actor, q.limit, cursor);
    const last = rows.length === q.limit ? rows[rows.length - 1] : undefined;
    return {
      alerts: rows.map((r) => toAlertView(r, this.label(r.tenant_id))),
      nextCursor: last ? encodeCursor({ value: SORT_VALUE[q.sort](last), id: last.id }) : null,
    };
  }

  counts(p: Principal, tenantId: number | null, q: Partial<QueueQuery>) {
    return this.repo.counts(tenantId, q, p.actor);
  }

  async get(tenant: TenantRow, id: number): Promise<AlertRow> {
    const row = await this.repo.byId(tenant.id, id);
    if (!row) throw new NotFoundError(`no alert ${id}`);
    return row;
  }

  async detail(tenant: TenantRow, id: number) {
    const row = await this.get(tenant, id);
    const [comments, history] = await Promise.all([this.repo.comments(tenant.id, id), this.repo.history(tenant.id, id)]);
    return {
      ...toAlertView(row, tenant.slug),
      enrichment: row.enrichment ? (JSON.parse(row.enrichment) as Record<string, unknown>) : null,
      comments: comments.map((c) => ({ id: c.id, at: iso(c.at)!, actor: c.author, body: c.body })),
      history: history.map((h) => ({ id: h.id, at: iso(h.at)!, actor: h.actor, action: h.action, details: JSON.parse(h.details) as Record<string, unknown> })),
    };
  }

  /**
   * One change applied to every id in one transaction: a foreign or unknown id, or a transition one alert may
   * not make, refuses the whole batch so nothing half-applies.
   */
  async change(p: Principal, tenant: TenantRow, ids: readonly number[], change: AlertChange, now = Date.now()): Promise<ChangeSummary> {
    const unique = [...new Set(ids)];
    const { comment, ...fields } = change;
    const resolved = { ...fields, ...(fields.assignee === 'me' ? { assignee: p.actor } : {}) };
    return this.repo.db.transaction().execute(async (trx) => {
      const rows = await this.repo.byIds(tenant.id, unique, trx);
      if (rows.length !== unique.length) {
        const found = new Set(rows.map((r) => r.id));
        throw new NotFoundError(`no alert ${unique.filter((id) => !found.has(id)).join(', ')}`);
      }
      if (resolved.duplicateOf !== undefined && !(await this.repo.byId(tenant.id, resolved.duplicateOf, trx))) {
        throw new NotFoundError(`no alert ${resolved.duplicateOf}`);
      }
      const summary: ChangeSummary = { ids: unique, before: [], after: [] };
      const history = [];
      for (const row of rows) {
        const plan = planChange(workflowOf(row), resolved, now);
        if ('error' in plan) throw new ConflictError(plan.error);
        if (Object.keys(plan.changed).length > 0) {
          await trx.updateTable('alerts').set(plan.patch).where('id', '=', row.id).execute();
          history.push({ tenantId: tenant.id, alertId: row.id, at: now, actor: p.actor, action: 'updated', details: plan.changed });
          summary.before.push({ id: row.id, ...Object.fromEntries(Object.entries(plan.changed).map(([k, v]) => [k, v.from])) });
          summary.after.push({ id: row.id, ...Object.fromEntries(Object.entries(plan.changed).map(([k, v]) => [k, v.to])) });
        }
      }
      if (comment !== undefined) {
        await this.repo.addComments(trx, unique.map((alertId) => ({ tenantId: tenant.id, alertId, at: now, author: p.actor, body: comment })));
        for (const alertId of unique) history.push({ tenantId: tenant.id, alertId, at: now, actor: p.actor, action: 'commented', details: {} });
      }
      await this.repo.addHistory(trx, history);
      return summary;
    });
  }

  async criteria(tenant: TenantRow): Promise<TriageCriteria> {
    return this.intake.criteria(tenant.id);
  }

  async saveCriteria(p: Principal, tenant: TenantRow, input: TriageCriteriaInput): Promise<{ before: TriageCriteria; after: TriageCriteria; recomputed: number }> {
    const before = await this.intake.criteria(tenant.id);
    const after = triageCriteriaSchema.parse(input);
    const now = Date.now();
    await this.repo.saveCriteria(tenant.id, JSON.stringify(after), p.actor, now);
    const recomputed = await this.intake.recompute(tenant.id, now);
    return { before, after, recomputed };
  }

  /** Gathers the enrichment again (an analyst asks after new indicators or incidents arrived). */
  async enrich(p: Principal, tenant: TenantRow, id: number): Promise<Record<string, unknown>> {
    const row = await this.get(tenant, id);
    const now = Date.now();
    const enrichment = await this.enrichment.gather(row, await this.intake.criteria(tenant.id), now, { userBaselines: true });
    await this.repo.db.transaction().execute(async (trx) => {
      await trx.updateTable('alerts').set({ enrichment: JSON.stringify(enrichment), updated_at: now }).where('id', '=', id).execute();
      await this.repo.addHistory(trx, [{ tenantId: tenant.id, alertId: id, at: now, actor: p.actor, action: 'enriched', details: {} }]);
    });
    return enrichment as unknown as Record<string, unknown>;
  }

  /** ALR-6: the alerts, their observables and the analysts' notes go into a new incident. */
  async escalate(p: Principal, tenant: TenantRow, input: EscalateInput): Promise<{ incidentId: number; alertIds: number[] }> {
    if (!this.incidents) throw new UnavailableError('the incident workflow is not available in this server');
    const ids = [...new Set(input.alertIds)];
    const rows = await this.repo.byIds(tenant.id, ids);
    if (rows.length !== ids.length) {
      const found = new Set(rows.map((r) => r.id));
      throw new NotFoundError(`no alert ${ids.filter((id) => !found.has(id)).join(', ')}`);
    }
    const already = rows.find((r) => r.triage_status === 'escalated');
    if (already) throw new ConflictError(`alert ${already.id} is already escalated`);
    const notes = (await Promise.all(ids.map((id) => this.repo.comments(tenant.id, id)))).flat();
    const summary = escalationSummary(rows, input.note, notes);
    const { id: incidentId } = await this.incidents.openFromAlerts(p, tenant.id, {
      title: input.title,
      ...(input.type !== undefined ? { type: input.type } : {}),
      ...(input.severity !== undefined ? { severity: input.severity } : {}),
      summary,
      alertIds: ids,
    });
    const now = Date.now();
    await this.repo.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('alerts')
        .set({ triage_status: 'escalated', status: 'resolved', resolved_at: now, updated_at: now })
        .where('tenant_id', '=', tenant.id)
        .where('id', 'in', ids)
        .execute();
      await this.repo.addHistory(trx, ids.map((alertId) => ({ tenantId: tenant.id, alertId, at: now, actor: p.actor, action: 'escalated', details: { incidentId } })));
    });
    return { incidentId, alertIds: ids };
  }
}

/** Plain text for the incident: what was seen, the observables, and what the analysts wrote. */
export function escalationSummary(rows: readonly AlertRow[], note: string | undefined, comments: ReadonlyArray<{ author: string; body: string; alert_id: number }>): string {
  const lines: string[] = [];
  if (note) lines.push(note, '');
  lines.push('Alerts:');
  for (const r of rows) lines.push(`- #${r.id} [${r.severity}] ${r.title} (${r.occurrences}×)`);
  const observables = [...new Set(rows.flatMap((r) => [r.source_observable, r.target_observable]).filter((v): v is string => !!v))];
  if (observables.length > 0) lines.push('', 'Observables:', ...observables.map((o) => `- ${o}`));
  if (comments.length > 0) lines.push('', 'Analyst notes:', ...comments.map((c) => `- #${c.alert_id} ${c.author}: ${c.body}`));
  return lines.join('\n');
}
