import type { ControlDb } from '../../stores/control/control-store.ts';
import type { Contract } from '../contracts/contract-schema.ts';
import { compliance, type ComplianceRow } from './sla-stats.ts';
import { elapsedContractMinutes, zonedInstant } from '../contracts/contract-clock.ts';

export interface SlaBreach {
  subject: { kind: string; id: number };
  clock: string;
  severity: string;
  startedAt: string;
  dueAt: string;
  stoppedAt: string | null;
  elapsedMinutes: number | null;
  targetMinutes: number;
}

export interface AtRisk {
  tenantId: number;
  subject: { kind: string; id: number };
  clock: string;
  severity: string;
  dueAt: string;
  percent: number;
}

const iso = (ms: number | bigint) => new Date(Number(ms)).toISOString();

/** The month's bounds in the contract's timezone (UTC for round-the-clock contracts). */
export function monthBounds(month: string, contract: Contract): { from: number; to: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const tz = contract.hours.mode === 'business' ? contract.hours.timezone : 'UTC';
  return { from: zonedInstant(y, m, 1, 0, tz), to: zonedInstant(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1, 0, tz) };
}

/** Compliance of the clocks that started in a month, and the breaches among them (INC-4). */
export async function slaMonthReport(db: ControlDb, tenantId: number, month: string, contract: Contract): Promise<{ compliance: ComplianceRow[]; breaches: SlaBreach[] }> {
  const { from, to } = monthBounds(month, contract);
  const clocks = await db
    .selectFrom('sla_clocks')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('started_at', '>=', from)
    .where('started_at', '<', to)
    .orderBy('started_at')
    .execute();
  return {
    compliance: compliance(
      clocks.map((c) => ({ severity: c.severity, clock: c.clock, elapsedMinutes: c.elapsed_minutes, breached: c.breached_at !== null, stopped: c.stopped_at !== null })),
    ),
    breaches: clocks
      .filter((c) => c.breached_at !== null)
      .map((c) => ({
        subject: { kind: c.subject_kind, id: c.subject_id },
        clock: c.clock,
        severity: c.severity,
        startedAt: iso(c.started_at),
        dueAt: iso(c.due_at),
        stoppedAt: c.stopped_at === null ? null : iso(c.stopped_at),
        elapsedMinutes: c.elapsed_minutes,
        targetMinutes: c.target_minutes,
      })),
  };
}

/** Running clocks at or past `minPercent` of their target, across tenants, most urgent first. */
export async function clocksAtRisk(db: ControlDb, contractOf: (tenantId: number) => Promise<Contract>, now: number, minPercent: number): Promise<AtRisk[]> {
  const running = await db.selectFrom('sla_clocks').selectAll().where('stopped_at', 'is', null).orderBy('due_at').limit(5000).execute();
  const out: AtRisk[] = [];
  for (const c of running) {
    const percent = Math.round((elapsedContractMinutes(Number(c.started_at), now, await contractOf(c.tenant_id)) / c.target_minutes) * 100);
    if (percent >= minPercent) out.push({ tenantId: c.tenant_id, subject: { kind: c.subject_kind, id: c.subject_id }, clock: c.clock, severity: c.severity, dueAt: iso(c.due_at), percent });
  }
  return out;
}
