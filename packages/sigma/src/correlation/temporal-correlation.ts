/**
 * temporal: all referenced rules (or as many as the condition asks) matched within the timespan, any order.
 * temporal_ordered: they matched in the order the correlation lists them, first to last within the timespan.
 */
import type { CompiledCondition } from './correlation-condition.ts';
import { GroupTable, type GroupState } from './group-table.ts';
import type { AggregateHit } from './aggregate-correlation.ts';

interface TemporalState extends GroupState {
  /** temporal: latest time each referenced rule matched (NaN = not yet). */
  seen: Float64Array;
  /**
   * temporal_ordered: start[i] = the latest start time of a chain that has completed steps 0..i in order
   * (the latest start keeps the chain alive longest).
   */
  start: Float64Array;
}

export class TemporalCorrelation {
  private readonly table: GroupTable<TemporalState>;

  constructor(
    private readonly ordered: boolean,
    private readonly steps: number,
    private readonly timespanMs: number,
    private readonly condition: CompiledCondition,
    maxGroups: number,
  ) {
    this.table = new GroupTable(maxGroups, (now) => ({
      firstMs: now,
      lastMs: now,
      seen: new Float64Array(steps).fill(Number.NaN),
      start: new Float64Array(steps).fill(Number.NaN),
    }));
  }

  get groups(): number {
    return this.table.size;
  }

  get evicted(): number {
    return this.table.evicted;
  }

  /** `stepIndexes`: which referenced rules (by position) this event matched. */
  add(key: string, nowMs: number, stepIndexes: number[], hits: AggregateHit[]): void {
    const state = this.table.touch(key, nowMs);
    state.lastMs = Math.max(state.lastMs, nowMs);
    const cutoff = nowMs - this.timespanMs;
    if (this.ordered) {
      for (let i = 0; i < this.steps; i++) if (state.start[i]! < cutoff) state.start[i] = Number.NaN;
      // Highest step first, so one event cannot complete two consecutive steps by itself.
      const sorted = [...stepIndexes].sort((a, b) => b - a);
      for (const i of sorted) {
        if (i === 0) state.start[0] = nowMs;
        else if (!Number.isNaN(state.start[i - 1]!)) state.start[i] = state.start[i - 1]!;
      }
      const last = state.start[this.steps - 1]!;
      if (!Number.isNaN(last)) {
        hits.push({ key, value: this.steps, firstMs: last, lastMs: nowMs });
        this.table.delete(key);
      }
      return;
    }
    for (const i of stepIndexes) state.seen[i] = nowMs;
    let count = 0;
    let first = nowMs;
    for (let i = 0; i < this.steps; i++) {
      const t = state.seen[i]!;
      if (Number.isNaN(t)) continue;
      if (t < cutoff) {
        state.seen[i] = Number.NaN;
        continue;
      }
      count++;
      if (t < first) first = t;
    }
    if (this.condition.test(count)) {
      hits.push({ key, value: count, firstMs: first, lastMs: nowMs });
      this.table.delete(key);
    }
  }

  expire(nowMs: number): void {
    this.table.expire(nowMs - this.timespanMs);
  }
}
