/**
 * Scores, auto-closes and enriches alerts after their source wrote them: detection, log silence, monitors
 * and triage reminders all insert rows, and this one job picks up every row not yet taken in (intake_at null),
 * so no writer needs to know about triage. Also recomputes open alerts' priority when criteria change.
 */
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { AuditRecorder } from '../audit/audit-types.ts';
import type { EnrichmentService } from '../enrichment/enrichment.service.ts';
import type { AlertRow, AlertsRepository } from './alerts.repository.ts';
import { computePriority, type PriorityInput } from './priority.ts';
import { DEFAULT_CRITERIA, triageCriteriaSchema, type TriageCriteria } from './triage-criteria.ts';

const BATCH = 200;
const OPEN = ['new', 'in_progress', 'on_hold'];

type DeviceFacts = PriorityInput['device'];

export class AlertIntake {
  private readonly criteriaCache = new Map<number, TriageCriteria>();

  constructor(
    private readonly db: ControlDb,
    private readonly repo: AlertsRepository,
    private readonly enrichment: EnrichmentService,
    private readonly onError: (err: unknown) => void,
    private readonly audit: AuditRecorder | undefined,
  ) {}

  async criteria(tenantId: number): Promise<TriageCriteria> {
    let c = this.criteriaCache.get(tenantId);
    if (!c) {
      const stored = await this.repo.criteria(tenantId);
      c = stored ? triageCriteriaSchema.parse(JSON.parse(stored)) : DEFAULT_CRITERIA;
      this.criteriaCache.set(tenantId, c);
    }
    return c;
  }

  forgetCriteria(tenantId: number): void {
    this.criteriaCache.delete(tenantId);
  }

  private async devices(tenantIds: readonly number[]): Promise<Map<number, NonNullable<DeviceFacts>>> {
    if (tenantIds.length === 0) return new Map();
    const rows = await this.db.selectFrom('devices').select(['id', 'name', 'hostname', 'criticality']).where('tenant_id', 'in', tenantIds).execute();
    return new Map(rows.map((d) => [d.id, { name: d.name, hostname: d.hostname, criticality: d.criticality }]));
  }

  private priorityOf(a: AlertRow, devices: Map<number, NonNullable<DeviceFacts>>, criteria: TriageCriteria) {
    return computePriority(
      {
        kind: a.kind,
        severity: a.severity,
        ruleId: a.rule_id,
        ruleLevel: a.rule_level,
        occurrences: a.occurrences,
        source: a.source_observable,
        target: a.target_observable,
        device: a.device_id == null ? null : (devices.get(a.device_id) ?? null),
      },
      criteria,
    );
  }

  /** Takes in up to one batch of new alerts; returns how many. */
  async runOnce(now: number): Promise<number> {
    const rows = await this.db.selectFrom('alerts').selectAll().where('intake_at', 'is', null).orderBy('id').limit(BATCH).execute();
    const devices = await this.devices([...new Set(rows.map((r) => r.tenant_id))]);
    for (const a of rows) {
      const criteria = await this.criteria(a.tenant_id);
      const p = this.priorityOf(a, devices, criteria);
      // One alert whose enrichment fails must not hold up the queue behind it: it is scored and marked anyway.
      const enrichment = await this.enrichment.gather(a, criteria, now).catch((err: unknown) => {
        this.onError(err);
        return { enrichedAt: new Date(now).toISOString(), error: 'enrichment failed; ask for it again with POST …/enrich' };
      });
      const close = p.autoClose !== null && OPEN.includes(a.triage_status);
      await this.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('alerts')
          .set({
            priority: p.score,
            priority_band: p.band,
            priority_reasons: JSON.stringify(p.reasons),
            enrichment: JSON.stringify(enrichment),
            intake_at: now,
            ...(close ? { triage_status: 'resolved', status: 'resolved', resolved_at: now, verdict: 'benign', updated_at: now } : {}),
          })
          .where('id', '=', a.id)
          .execute();
        const actor = 'system:triage-intake';
        await this.repo.addHistory(trx, [
          { tenantId: a.tenant_id, alertId: a.id, at: now, actor, action: 'prioritised', details: { priority: p.score, band: p.band, reasons: p.reasons } },
          ...(close ? [{ tenantId: a.tenant_id, alertId: a.id, at: now, actor, action: 'auto_closed', details: { reason: p.autoClose, verdict: 'benign' } }] : []),
        ]);
      });
      if (close) {
        await this.audit?.record({
          actor: 'system:triage-intake',
          tenantId: a.tenant_id,
          action: 'alert.auto_close',
          target: `alert:${a.id}`,
          outcome: 'success',
          before: { triageStatus: a.triage_status },
          after: { triageStatus: 'resolved', verdict: 'benign', reason: p.autoClose },
        });
      }
    }
    return rows.length;
  }

  /**
   * Repeats merged into an open alert after intake (the detection writer raises its severity and count) move
   * its priority too. Event times can run ahead of the clock, so the mark never goes below the last sighting.
   */
  async rescoreRepeats(now: number): Promise<number> {
    const rows = await this.db
      .selectFrom('alerts')
      .selectAll()
      .where('triage_status', 'in', OPEN)
      .where('intake_at', 'is not', null)
      .whereRef('last_seen_at', '>', 'intake_at')
      .limit(BATCH)
      .execute();
    const devices = await this.devices([...new Set(rows.map((r) => r.tenant_id))]);
    for (const a of rows) {
      const p = this.priorityOf(a, devices, await this.criteria(a.tenant_id));
      await this.db
        .updateTable('alerts')
        .set({ priority: p.score, priority_band: p.band, priority_reasons: JSON.stringify(p.reasons), intake_at: Math.max(now, Number(a.last_seen_at)) })
        .where('id', '=', a.id)
        .execute();
    }
    return rows.length;
  }

  /** After a criteria change: every open alert of the tenant gets its priority again (auto-close applies on arrival only). */
  async recompute(tenantId: number, now: number): Promise<number> {
    this.forgetCriteria(tenantId);
    const criteria = await this.criteria(tenantId);
    const devices = await this.devices([tenantId]);
    let changed = 0;
    let after = 0;
    for (;;) {
      const rows = await this.db
        .selectFrom('alerts')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('triage_status', 'in', OPEN)
        .where('id', '>', after)
        .orderBy('id')
        .limit(2000)
        .execute();
      if (rows.length === 0) return changed;
      after = rows[rows.length - 1]!.id;
      await this.db.transaction().execute(async (trx) => {
        for (const a of rows) {
          const p = this.priorityOf(a, devices, criteria);
          if (p.score === a.priority && p.band === a.priority_band) continue;
          changed++;
          await trx
            .updateTable('alerts')
            .set({ priority: p.score, priority_band: p.band, priority_reasons: JSON.stringify(p.reasons), updated_at: now })
            .where('id', '=', a.id)
            .execute();
        }
      });
    }
  }
}
