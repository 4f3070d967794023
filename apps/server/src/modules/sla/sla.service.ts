import type { Selectable } from 'kysely';
import { NotFoundError } from '../../errors.ts';
import type { SlaClockTable } from '../../stores/control/control-schema.ts';
import type { ControlDb } from '../../stores/control/control-store.ts';
import { deadline, elapsedContractMinutes } from '../contracts/contract-clock.ts';
import { targetsFor, type Contract } from '../contracts/contract-schema.ts';
import type { ContractsService } from '../contracts/contracts.service.ts';
import type { SlaMilestone, SlaMilestones, SlaSubject } from './sla-types.ts';
import { stepsReached } from './sla-stats.ts';

export type SlaClockName = 'notify' | 'ack' | 'close';
type ClockRow = Selectable<SlaClockTable>;

const CLOCK_LABEL: Record<SlaClockName, string> = {
  notify: 'detection→notification / 検知→通知',
  ack: 'notification→acknowledgement / 通知→受領確認',
  close: 'detection→close / 検知→クローズ',
};

/**
 * SLA clocks (INC-4) in contract minutes. Incidents get their clocks when they open; an alert gets its clocks
 * when it is first notified (alerts that never reach the customer are triage's business, not the SLA's).
 */
export class SlaService implements SlaMilestones {
  constructor(
    private readonly db: ControlDb,
    private readonly contracts: ContractsService,
  ) {}

  /** Start the detection clocks of a subject; existing clocks stay as they are. */
  async start(tenantId: number, subject: SlaSubject, severity: string, detectedAt: number): Promise<void> {
    const contract = await this.contracts.contractOf(tenantId);
    const targets = targetsFor(contract, severity);
    await this.startClock(tenantId, subject, 'notify', severity, detectedAt, targets.notifyMinutes, contract);
    if (subject.kind === 'incident') await this.startClock(tenantId, subject, 'close', severity, detectedAt, targets.closeMinutes, contract);
  }

  async reach(tenantId: number, subject: SlaSubject, milestone: SlaMilestone, at: number): Promise<void> {
    if (subject.kind === 'alert' && !(await this.clocksOf(subject)).length) {
      const alert = await this.db
        .selectFrom('alerts')
        .select(['severity', 'first_seen_at'])
        .where('id', '=', subject.id)
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst();
      if (!alert) throw new NotFoundError(`no alert ${subject.id}`);
      await this.start(tenantId, subject, alert.severity, Number(alert.first_seen_at));
    }
    const clocks = await this.clocksOf(subject);
    const contract = await this.contracts.contractOf(tenantId);
    const running = (name: SlaClockName) => clocks.find((c) => c.clock === name && c.tenant_id === tenantId && c.stopped_at === null);
    switch (milestone) {
      case 'notified': {
        const notify = running('notify');
        if (notify) await this.stop(notify, at, contract);
        const severity = clocks[0]?.severity;
        if (severity !== undefined && !clocks.some((c) => c.clock === 'ack')) {
          await this.startClock(tenantId, subject, 'ack', severity, at, targetsFor(contract, severity).acknowledgeMinutes, contract);
        }
        return;
      }
      case 'acknowledged': {
        const ack = running('ack');
        if (ack) await this.stop(ack, at, contract);
        return;
      }
      case 'closed':
        // Closing ends every clock: an incident closed as harmless before notification owes no notification.
        for (const c of clocks) if (c.stopped_at === null && c.tenant_id === tenantId) await this.stop(c, at, contract);
        return;
    }
  }

  clocksOf(subject: SlaSubject): Promise<ClockRow[]> {
    return this.db
      .selectFrom('sla_clocks')
      .selectAll()
      .where('subject_kind', '=', subject.kind)
      .where('subject_id', '=', subject.id)
      .orderBy('id')
      .execute();
  }

  /**
   * One pass of the SLA job: every running clock that passed a step of the escalation ladder raises it once,
   * as an `sla_events` row and an `sla_warning`/`sla_breach` alert that the queue and notification routing pick up.
   */
  async tick(now: number): Promise<number> {
    const running = await this.db.selectFrom('sla_clocks').selectAll().where('stopped_at', 'is', null).execute();
    const contracts = new Map<number, Contract>();
    let raised = 0;
    for (const c of running) {
      let contract = contracts.get(c.tenant_id);
      if (!contract) contracts.set(c.tenant_id, (contract = await this.contracts.contractOf(c.tenant_id)));
      const percent = (elapsedContractMinutes(Number(c.started_at), now, contract) / c.target_minutes) * 100;
      const steps = stepsReached(contract.escalation, c.warned_steps, percent);
      const breachedNow = percent >= 100 && c.breached_at === null;
      if (steps.length === 0 && !breachedNow) continue;
      for (const { index, step } of steps) {
        await this.raise(c, index, step.atPercent, step.escalateTo, now);
        raised++;
      }
      await this.db
        .updateTable('sla_clocks')
        .set({ warned_steps: c.warned_steps + steps.length, ...(breachedNow ? { breached_at: Number(c.due_at) } : {}) })
        .where('id', '=', c.id)
        .execute();
    }
    return raised;
  }

  private async raise(c: ClockRow, step: number, atPercent: number, escalateTo: string[], now: number): Promise<void> {
    const kind = atPercent >= 100 ? 'breach' : 'warning';
    const clock = c.clock as SlaClockName;
    const due = new Date(Number(c.due_at)).toISOString();
    const title =
      kind === 'breach'
        ? `SLA breach (${atPercent}%): ${CLOCK_LABEL[clock]} of ${c.subject_kind} ${c.subject_id} was due ${due}`
        : `SLA warning (${atPercent}%): ${CLOCK_LABEL[clock]} of ${c.subject_kind} ${c.subject_id} is due ${due}`;
    const details = { subject: { kind: c.subject_kind, id: c.subject_id }, clock, atPercent, targetMinutes: c.target_minutes, dueAt: due, escalateTo };
    const alert = await this.db
      .insertInto('alerts')
      .values({
        tenant_id: c.tenant_id,
        device_id: null,
        kind: `sla_${kind}`,
        severity: c.severity,
        status: 'open',
        title,
        details: JSON.stringify(details),
        first_seen_at: now,
        last_seen_at: now,
        occurrences: 1,
        resolved_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.db
      .insertInto('sla_events')
      .values({ tenant_id: c.tenant_id, clock_id: c.id, kind, at: now, step, percent: atPercent, escalate_to: JSON.stringify(escalateTo), alert_id: alert.id })
      .execute();
  }

  private async startClock(
    tenantId: number,
    subject: SlaSubject,
    clock: SlaClockName,
    severity: string,
    startedAt: number,
    target: number | null,
    contract: Contract,
  ): Promise<void> {
    if (target === null) return;
    await this.db
      .insertInto('sla_clocks')
      .values({
        tenant_id: tenantId,
        subject_kind: subject.kind,
        subject_id: subject.id,
        clock,
        severity,
        started_at: startedAt,
        target_minutes: target,
        due_at: deadline(startedAt, target, contract),
        stopped_at: null,
        elapsed_minutes: null,
        breached_at: null,
        warned_steps: 0,
      })
      .onConflict((oc) => oc.columns(['subject_kind', 'subject_id', 'clock']).doNothing())
      .execute();
  }

  private async stop(c: ClockRow, at: number, contract: Contract): Promise<void> {
    const elapsed = elapsedContractMinutes(Number(c.started_at), Math.max(at, Number(c.started_at)), contract);
    const breached = elapsed > c.target_minutes;
    await this.db
      .updateTable('sla_clocks')
      .set({ stopped_at: at, elapsed_minutes: Math.round(elapsed), breached_at: breached ? (c.breached_at ?? Number(c.due_at)) : null })
      .where('id', '=', c.id)
      .where('stopped_at', 'is', null)
      .execute();
  }
}
