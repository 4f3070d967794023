/**
 * Per-correlation group states with bounded memory: groups are kept in least-recently-updated order, the
 * oldest are dropped once idle for longer than the timespan, and the table never holds more than `maxGroups`
 * (the least recently updated group is evicted first).
 */
export interface GroupState {
  /** Latest event time seen by the group. */
  lastMs: number;
  /** Earliest event time still inside the group's window. */
  firstMs: number;
}

export class GroupTable<S extends GroupState> {
  private readonly groups = new Map<string, S>();
  evicted = 0;

  constructor(
    private readonly maxGroups: number,
    private readonly create: (nowMs: number) => S,
  ) {}

  get size(): number {
    return this.groups.size;
  }

  /** The group's state, moved to the most-recently-updated end. */
  touch(key: string, nowMs: number): S {
    let state = this.groups.get(key);
    if (state) this.groups.delete(key);
    else {
      state = this.create(nowMs);
      if (this.groups.size >= this.maxGroups) {
        const oldest = this.groups.keys().next();
        if (!oldest.done) {
          this.groups.delete(oldest.value);
          this.evicted++;
        }
      }
    }
    this.groups.set(key, state);
    return state;
  }

  delete(key: string): void {
    this.groups.delete(key);
  }

  /** Removes groups idle since before `cutoffMs`, oldest first; `onExpire` may report them before they go. */
  expire(cutoffMs: number, onExpire?: (key: string, state: S) => void): void {
    for (const [key, state] of this.groups) {
      if (state.lastMs >= cutoffMs) break;
      onExpire?.(key, state);
      this.groups.delete(key);
    }
  }

  entries(): IterableIterator<[string, S]> {
    return this.groups.entries();
  }
}
