/**
 * event_count, value_count, value_sum and value_avg over a sliding window per group. Lower-bounded
 * conditions fire as soon as the window meets them (then the group starts afresh, one alert per burst);
 * upper-bound-only conditions are judged when the group's window closes.
 */
import type { CorrelationType } from '../types.ts';
import type { CompiledCondition } from './correlation-condition.ts';
import { GroupTable, type GroupState } from './group-table.ts';

interface AggregateState extends GroupState {
  times: number[];
  values: Array<string | number | undefined>;
  head: number;
  distinct: Map<string, number>;
  sum: number;
  numeric: number;
}

export interface AggregateHit {
  key: string;
  value: number;
  firstMs: number;
  lastMs: number;
}

export class AggregateCorrelation {
  private readonly table: GroupTable<AggregateState>;

  constructor(
    private readonly type: Exclude<CorrelationType, 'temporal' | 'temporal_ordered'>,
    private readonly timespanMs: number,
    private readonly condition: CompiledCondition,
    maxGroups: number,
  ) {
    this.table = new GroupTable(maxGroups, (now) => ({
      firstMs: now,
      lastMs: now,
      times: [],
      values: [],
      head: 0,
      distinct: new Map(),
      sum: 0,
      numeric: 0,
    }));
  }

  get groups(): number {
    return this.table.size;
  }

  get evicted(): number {
    return this.table.evicted;
  }

  /** Adds one event of a group; `value` is the condition field's value (value_* types). */
  add(key: string, nowMs: number, value: string | number | undefined, hits: AggregateHit[]): void {
    const state = this.table.touch(key, nowMs);
    if (!this.condition.firesEarly && state.times.length > state.head && nowMs - state.firstMs >= this.timespanMs) {
      this.judge(key, state, hits);
      this.reset(state);
    }
    state.lastMs = Math.max(state.lastMs, nowMs);
    state.times.push(nowMs);
    state.values.push(value);
    this.account(state, value, 1);
    if (this.condition.firesEarly) {
      this.slide(state, nowMs - this.timespanMs);
      const metric = this.metric(state);
      if (metric !== undefined && this.condition.test(metric)) {
        hits.push({ key, value: metric, firstMs: state.times[state.head] ?? nowMs, lastMs: nowMs });
        this.table.delete(key);
      }
    } else if (state.times.length - state.head === 1) {
      state.firstMs = nowMs;
    }
  }

  /** Drops idle groups; closes the windows of upper-bound-only conditions that ended by `nowMs`. */
  expire(nowMs: number, hits: AggregateHit[]): void {
    this.table.expire(nowMs - this.timespanMs, (key, state) => {
      if (!this.condition.firesEarly) this.judge(key, state, hits);
    });
  }

  /** End of stream: judges every open window of an upper-bound-only condition. */
  flush(hits: AggregateHit[]): void {
    if (this.condition.firesEarly) return;
    for (const [key, state] of this.table.entries()) this.judge(key, state, hits);
    this.table.expire(Number.POSITIVE_INFINITY);
  }

  private judge(key: string, state: AggregateState, hits: AggregateHit[]): void {
    const metric = this.metric(state);
    if (metric !== undefined && this.condition.test(metric)) {
      hits.push({ key, value: metric, firstMs: state.firstMs, lastMs: state.lastMs });
    }
  }

  private reset(state: AggregateState): void {
    state.times = [];
    state.values = [];
    state.head = 0;
    state.distinct.clear();
    state.sum = 0;
    state.numeric = 0;
  }

  private account(state: AggregateState, value: string | number | undefined, sign: 1 | -1): void {
    if (value === undefined) return;
    if (this.type === 'value_count') {
      const k = String(value);
      const n = (state.distinct.get(k) ?? 0) + sign;
      if (n <= 0) state.distinct.delete(k);
      else state.distinct.set(k, n);
    } else if (this.type === 'value_sum' || this.type === 'value_avg') {
      const n = typeof value === 'number' ? value : Number(value);
      if (Number.isFinite(n)) {
        state.sum += sign * n;
        state.numeric += sign;
      }
    }
  }

  private slide(state: AggregateState, cutoffMs: number): void {
    while (state.head < state.times.length && state.times[state.head]! < cutoffMs) {
      this.account(state, state.values[state.head], -1);
      state.head++;
    }
    // Compact now and then so that a long-lived group does not keep its whole history.
    if (state.head > 1024 && state.head * 2 > state.times.length) {
      state.times = state.times.slice(state.head);
      state.values = state.values.slice(state.head);
      state.head = 0;
    }
  }

  private metric(state: AggregateState): number | undefined {
    switch (this.type) {
      case 'event_count':
        return state.times.length - state.head;
      case 'value_count':
        return state.distinct.size;
      case 'value_sum':
        return state.sum;
      case 'value_avg':
        return state.numeric === 0 ? undefined : state.sum / state.numeric;
    }
  }
}
