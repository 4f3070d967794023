import { DueHeap } from './due-heap.ts';

export interface SchedulerClock {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const realClock: SchedulerClock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimer: (h) => clearTimeout(h as NodeJS.Timeout),
};

interface Slot {
  id: number;
  due: number;
  intervalMs: number;
  /** Bumped on every change, so heap entries of an older schedule are skipped (lazy removal). */
  generation: number;
  running: boolean;
  removed: boolean;
}

interface HeapItem {
  id: number;
  due: number;
  generation: number;
}

export interface SchedulerOptions {
  /** Most checks in flight at once. */
  concurrency: number;
  run(id: number, due: number): Promise<void>;
  clock?: SchedulerClock;
  /** Called with start − due for every check, for the jitter statistics. */
  onStart?(jitterMs: number): void;
  onError?(err: unknown): void;
}

/** Spreads first runs evenly over an interval by id, so thousands of monitors do not all fire at once. */
export function spreadOffset(id: number, intervalMs: number): number {
  const golden = ((id * 2654435761) >>> 0) / 2 ** 32;
  return Math.floor(golden * intervalMs);
}

/**
 * One timer for all monitors: a min-heap of due times; the timer is armed for the earliest one. Due checks
 * wait in a FIFO for a free slot of bounded concurrency. The next due time is due + interval (no drift);
 * a monitor never overlaps itself, and runs missed while overloaded are skipped, not bunched up.
 */
export class Scheduler {
  private readonly heap = new DueHeap<HeapItem>();
  private readonly slots = new Map<number, Slot>();
  private readonly ready: HeapItem[] = [];
  private readyHead = 0;
  private timer: unknown;
  private timerAt = Infinity;
  private inFlight = 0;
  private stopped = true;
  private idle: Array<() => void> = [];
  private readonly clock: SchedulerClock;
  skipped = 0;

  constructor(private readonly opts: SchedulerOptions) {
    this.clock = opts.clock ?? realClock;
  }

  get size(): number {
    return this.slots.size;
  }

  get running(): number {
    return this.inFlight;
  }

  /** Adds or reschedules a monitor; `firstDue` defaults to a spread offset within one interval. */
  schedule(id: number, intervalMs: number, firstDue?: number): void {
    const old = this.slots.get(id);
    const slot: Slot = {
      id,
      intervalMs,
      due: firstDue ?? this.clock.now() + spreadOffset(id, intervalMs),
      generation: (old?.generation ?? 0) + 1,
      running: old?.running ?? false,
      removed: false,
    };
    this.slots.set(id, slot);
    if (!slot.running) this.enqueue(slot);
  }

  remove(id: number): void {
    const slot = this.slots.get(id);
    if (!slot) return;
    slot.removed = true;
    slot.generation++;
    this.slots.delete(id);
  }

  start(): void {
    this.stopped = false;
    this.arm();
  }

  /** Stops scheduling and waits for the checks in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  private enqueue(slot: Slot): void {
    this.heap.push({ id: slot.id, due: slot.due, generation: slot.generation });
    if (!this.stopped && slot.due < this.timerAt) this.arm();
  }

  private arm(): void {
    if (this.stopped) return;
    const next = this.heap.peek();
    const at = next ? next.due : Infinity;
    if (at === this.timerAt && this.timer !== undefined) return;
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.timerAt = at;
    if (at === Infinity) return;
    this.timer = this.clock.setTimer(() => this.tick(), Math.max(0, at - this.clock.now()));
  }

  private tick(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    if (this.stopped) return;
    const now = this.clock.now();
    for (let top = this.heap.peek(); top && top.due <= now; top = this.heap.peek()) {
      this.heap.pop();
      const slot = this.slots.get(top.id);
      if (slot && slot.generation === top.generation) this.ready.push(top);
    }
    this.dispatch();
    this.arm();
  }

  private dispatch(): void {
    while (this.inFlight < this.opts.concurrency && this.readyHead < this.ready.length) {
      const item = this.ready[this.readyHead++]!;
      const slot = this.slots.get(item.id);
      if (!slot || slot.generation !== item.generation) continue;
      this.launch(slot, item.due);
    }
    if (this.readyHead > 1024 && this.readyHead * 2 > this.ready.length) {
      this.ready.splice(0, this.readyHead);
      this.readyHead = 0;
    }
  }

  private launch(slot: Slot, due: number): void {
    const startedAt = this.clock.now();
    this.opts.onStart?.(startedAt - due);
    slot.running = true;
    this.inFlight++;
    const done = () => {
      this.inFlight--;
      slot.running = false;
      if (!slot.removed && this.slots.get(slot.id) === slot) {
        const now = this.clock.now();
        let next = due + slot.intervalMs;
        while (next <= now) {
          next += slot.intervalMs;
          this.skipped++;
        }
        slot.due = next;
        this.enqueue(slot);
      } else {
        // Rescheduled while running: the new slot was not queued then, queue it now.
        const current = this.slots.get(slot.id);
        if (current && !current.removed && current !== slot) {
          current.running = false;
          this.enqueue(current);
        }
      }
      if (this.inFlight === 0 && this.idle.length > 0) for (const resolve of this.idle.splice(0)) resolve();
      if (!this.stopped) this.dispatch();
    };
    this.opts.run(slot.id, due).then(done, (err: unknown) => {
      this.opts.onError?.(err);
      done();
    });
  }
}
