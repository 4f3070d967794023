import { percentile as nearestRank } from '../../metrics/percentile.ts';

/** Pure SLA figures: ladder steps due at a share of the target, and compliance statistics. */
export interface LadderStep {
  atPercent: number;
  escalateTo: string[];
}

/** The ladder steps from `alreadyRaised` on that a clock at `percent` of its target has reached. */
export function stepsReached(ladder: readonly LadderStep[], alreadyRaised: number, percent: number): { index: number; step: LadderStep }[] {
  const out: { index: number; step: LadderStep }[] = [];
  for (let i = alreadyRaised; i < ladder.length; i++) {
    if (percent >= ladder[i]!.atPercent) out.push({ index: i, step: ladder[i]! });
    else break;
  }
  return out;
}

/** Nearest-rank percentile of a list of minutes; null for an empty list. */
export function percentile(values: readonly number[], p: number): number | null {
  return values.length === 0 ? null : nearestRank(values, p);
}

export interface ClockOutcome {
  severity: string;
  clock: string;
  elapsedMinutes: number | null;
  breached: boolean;
  stopped: boolean;
}

export interface ComplianceRow {
  severity: string;
  clock: string;
  count: number;
  met: number;
  breached: number;
  running: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

export function compliance(outcomes: readonly ClockOutcome[]): ComplianceRow[] {
  const groups = new Map<string, ClockOutcome[]>();
  for (const o of outcomes) {
    const key = `${o.severity}\u0000${o.clock}`;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  return [...groups.values()].map((g) => {
    const elapsed = g.filter((o) => o.stopped && o.elapsedMinutes !== null).map((o) => o.elapsedMinutes!);
    return {
      severity: g[0]!.severity,
      clock: g[0]!.clock,
      count: g.length,
      met: g.filter((o) => o.stopped && !o.breached).length,
      breached: g.filter((o) => o.breached).length,
      running: g.filter((o) => !o.stopped && !o.breached).length,
      medianMinutes: percentile(elapsed, 50),
      p90Minutes: percentile(elapsed, 90),
    };
  });
}
