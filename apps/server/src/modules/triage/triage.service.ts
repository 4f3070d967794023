/**
 * ALR-5 anomaly triage: each alert gets an anomaly type (suggested or chosen), its hypothesis and evidence
 * checklist, and an outcome — confirmed (escalate), refuted (close with a verdict, offer a suppression) or
 * undetermined (close, or hold and watch until a date; the reminder job brings it back).
 */
import { ConflictError, InputError } from '../../errors.ts';
import { requireParty, type Principal } from '../../http/principal.ts';
import type { AlertRow } from '../alerts/alerts.repository.ts';
import type { AlertsService } from '../alerts/alerts.service.ts';
import { iso } from '../alerts/alert-view.ts';
import type { TenantRow } from '../tenants/tenants.repository.ts';
import { classifyIp } from '../enrichment/ip-class.ts';
import { anomalyTypeDefinition, type AnomalyTypeDefinition, type TriageUpdate, type TriageView } from './anomaly-types.schemas.ts';
import { SEEDED_ANOMALY_TYPES } from './anomaly-types.seed.ts';
import { fillQuery, mergeChecklist, searchPath, suggestTypes, type AlertFacts, type ChecklistState } from './triage-flow.ts';
import type { TriageRepository, TriageRow } from './triage.repository.ts';

const facts = (a: AlertRow): AlertFacts => ({
  id: a.id,
  kind: a.kind,
  ruleId: a.rule_id,
  title: a.title,
  source: a.source_observable,
  target: a.target_observable,
  firstSeenAt: Number(a.first_seen_at),
  lastSeenAt: Number(a.last_seen_at),
});

export interface SuppressionOffer {
  method: 'POST';
  path: string;
  body: { rule?: string; conditions: Record<string, string[]>; reason: string };
}

export class TriageService {
  constructor(
    private readonly repo: TriageRepository,
    private readonly alerts: AlertsService,
  ) {}

  seed(now = Date.now()): Promise<void> {
    return this.repo.seed(SEEDED_ANOMALY_TYPES, now);
  }

  async types() {
    return (await this.repo.types()).map((t) => ({ key: t.key, ...t.definition, updatedAt: iso(t.updatedAt)!, updatedBy: t.updatedBy }));
  }

  async saveType(p: Principal, key: string, definition: AnomalyTypeDefinition): Promise<{ before: unknown; after: AnomalyTypeDefinition }> {
    const before = (await this.repo.types()).find((t) => t.key === key)?.definition ?? null;
    const after = anomalyTypeDefinition.parse(definition);
    await this.repo.saveType(key, after, p.actor, Date.now());
    return { before, after };
  }

  private async definition(key: string): Promise<AnomalyTypeDefinition> {
    const t = (await this.repo.types()).find((x) => x.key === key);
    if (!t) throw new InputError(`no anomaly type ${key}`);
    return t.definition;
  }

  async view(tenant: TenantRow, alertId: number): Promise<TriageView> {
    const alert = await this.alerts.get(tenant, alertId);
    return this.render(tenant, alert, await this.repo.state(tenant.id, alertId));
  }

  private async render(tenant: TenantRow, alert: AlertRow, state: TriageRow | undefined): Promise<TriageView> {
    const types = await this.repo.types();
    const suggested = suggestTypes(facts(alert), types);
    // Until an analyst chooses, the best suggestion is shown so the checklist is there from the start.
    const key = state ? state.anomaly_type : (suggested[0] ?? null);
    const def = key ? types.find((t) => t.key === key)?.definition : undefined;
    const stored = new Map((JSON.parse(state?.checklist ?? '[]') as ChecklistState[]).map((c) => [c.id, c]));
    return {
      alertId: alert.id,
      anomalyType: key,
      suggested,
      hypothesis: def?.hypothesis ?? null,
      checklist: (def?.checklist ?? []).map((item) => {
        const s = stored.get(item.id);
        const query = item.query ? fillQuery(item.query, facts(alert)) : null;
        return {
          id: item.id,
          what: item.what,
          query,
          search: query ? searchPath(tenant.slug, query, facts(alert)) : null,
          done: s?.done ?? false,
          note: s?.note ?? null,
          by: s?.by ?? null,
          at: iso(s?.at ?? null),
        };
      }),
      outcome: (state?.outcome as TriageView['outcome']) ?? null,
      note: state?.note ?? null,
      watchUntil: iso(state?.watch_until ?? null),
      reminderAlertId: state?.reminder_alert_id ?? null,
      updatedAt: iso(state?.updated_at ?? null),
      updatedBy: state?.updated_by ?? null,
    };
  }

  async update(p: Principal, tenant: TenantRow, alertId: number, u: TriageUpdate) {
    const alert = await this.alerts.get(tenant, alertId);
    const before = await this.repo.state(tenant.id, alertId);
    if (before?.outcome && u.outcome && before.outcome !== 'undetermined') throw new ConflictError(`alert ${alertId} already has the outcome ${before.outcome}`);
    if (u.escalate) requireParty(p, 'provider');
    const now = Date.now();
    const key = u.anomalyType !== undefined ? u.anomalyType : (before?.anomaly_type ?? suggestTypes(facts(alert), await this.repo.types())[0] ?? null);
    if (u.outcome && key === null) throw new InputError('choose an anomaly type before recording an outcome');
    let checklist = key !== null && key === before?.anomaly_type ? (JSON.parse(before.checklist) as ChecklistState[]) : [];
    if (u.checklist) {
      if (key === null) throw new InputError('choose an anomaly type before ticking its checklist');
      const merged = mergeChecklist(await this.definition(key), checklist, u.checklist, p.actor, now);
      if ('error' in merged) throw new InputError(merged.error);
      checklist = merged;
    } else if (key !== null) {
      await this.definition(key);
    }
    const watchUntil = u.watchUntil ? Date.parse(u.watchUntil) : null;
    if (watchUntil !== null && watchUntil <= now) throw new InputError('watchUntil must be in the future');
    const row: TriageRow = {
      alert_id: alertId,
      tenant_id: tenant.id,
      anomaly_type: key,
      checklist: JSON.stringify(checklist),
      outcome: u.outcome ?? before?.outcome ?? null,
      note: u.note ?? before?.note ?? null,
      watch_until: u.outcome ? watchUntil : (before?.watch_until ?? null),
      reminder_alert_id: u.outcome ? null : (before?.reminder_alert_id ?? null),
      updated_at: now,
      updated_by: p.actor,
    };
    let incidentId: number | null = null;
    let suppressionOffer: SuppressionOffer | null = null;
    const note = u.note ? `${u.outcome ?? 'triage'}: ${u.note}` : undefined;
    switch (u.outcome) {
      case 'confirmed':
        if (u.escalate) {
          incidentId = (await this.alerts.escalate(p, tenant, { alertIds: [alertId], ...u.escalate, ...(u.note ? { note: u.note } : {}) })).incidentId;
        } else {
          await this.alerts.change(p, tenant, [alertId], { status: 'in_progress', verdict: 'true_positive', ...(note ? { comment: note } : {}) }, now);
        }
        break;
      case 'refuted':
        await this.alerts.change(p, tenant, [alertId], { status: 'resolved', verdict: u.verdict ?? 'false_positive', ...(note ? { comment: note } : {}) }, now);
        suppressionOffer = offerSuppression(tenant, alert, u.note);
        break;
      case 'undetermined':
        await this.alerts.change(p, tenant, [alertId], { status: watchUntil === null ? 'resolved' : 'on_hold', ...(note ? { comment: note } : {}) }, now);
        break;
      case undefined:
        if (note) await this.alerts.change(p, tenant, [alertId], { comment: note }, now);
        break;
    }
    await this.repo.saveState(row);
    const after = await this.render(tenant, await this.alerts.get(tenant, alertId), row);
    return { before: before ?? null, view: { ...after, incidentId, suppressionOffer } };
  }
}

/** A refuted alert's source as a suppression the analyst can create with the existing tuning route. */
function offerSuppression(tenant: TenantRow, alert: AlertRow, note: string | undefined): SuppressionOffer | null {
  const source = (alert.source_observable ?? '').split(',')[0]!.trim();
  if (source === '') return null;
  const field = classifyIp(source) !== undefined ? 'source.ip' : 'user.name';
  return {
    method: 'POST',
    path: `/api/v1/tenants/${encodeURIComponent(tenant.slug)}/suppressions`,
    body: {
      ...(alert.rule_id ? { rule: alert.rule_id } : {}),
      conditions: { [field]: [source] },
      reason: `Refuted in triage of alert #${alert.id}${note ? `: ${note}` : ''}`.slice(0, 2000),
    },
  };
}
