import { describe, expect, it } from 'vitest';
import { DueHeap } from './due-heap.ts';
import { percentile } from '../../metrics/percentile.ts';
import { Scheduler, spreadOffset, type SchedulerClock } from './scheduler.ts';

/** A manual clock: timers fire only when the test advances time, so nothing depends on wall-clock luck. */
class FakeClock implements SchedulerClock {
  t = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private nextId = 1;
  now = () => this.t;
  setTimer = (fn: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  };
  clearTimer = (h: unknown) => void this.timers.delete(h as number);
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, v]) => v.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = Math.max(this.t, due[1].at);
      due[1].fn();
      await flush();
    }
    this.t = end;
    await flush();
  }
}
const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('due heap', () => {
  it('pops in due order', () => {
    const h = new DueHeap<{ id: number; due: number }>();
    for (const due of [5, 1, 9, 3, 7, 2, 8]) h.push({ id: due, due });
    const out: number[] = [];
    while (h.size) out.push(h.pop()!.due);
    expect(out).toEqual([1, 2, 3, 5, 7, 8, 9]);
  });
});

describe('scheduler', () => {
  it('runs each monitor once per interval at its due time, without drift', async () => {
    const clock = new FakeClock();
    const runs: Array<[number, number, number]> = [];
    const s = new Scheduler({ concurrency: 10, clock, run: (id, due) => (runs.push([id, due, clock.t]), Promise.resolve()) });
    s.schedule(1, 1000, 100);
    s.schedule(2, 500, 200);
    s.start();
    await clock.advance(2050);
    expect(runs.filter((r) => r[0] === 1).map((r) => r[1])).toEqual([100, 1100, 2100].filter((t) => t <= 2050));
    expect(runs.filter((r) => r[0] === 2).map((r) => r[1])).toEqual([200, 700, 1200, 1700]);
    expect(runs.every(([, due, at]) => at === due)).toBe(true);
    await s.stop();
  });

  it('bounds concurrency and never overlaps a monitor with itself', async () => {
    const clock = new FakeClock();
    let inFlight = 0;
    let most = 0;
    const pending: Array<() => void> = [];
    const s = new Scheduler({
      concurrency: 3,
      clock,
      run: () => {
        inFlight++;
        most = Math.max(most, inFlight);
        return new Promise<void>((resolve) => pending.push(() => (inFlight--, resolve())));
      },
    });
    for (let id = 1; id <= 10; id++) s.schedule(id, 1000, 0);
    s.start();
    await clock.advance(1);
    expect(inFlight).toBe(3);
    while (pending.length) {
      pending.shift()!();
      await flush();
    }
    expect(most).toBe(3);
    await clock.advance(10);
    await s.stop();
  });

  it('skips runs missed while a check outlived its interval instead of bunching them', async () => {
    const clock = new FakeClock();
    let release: (() => void) | undefined;
    const dues: number[] = [];
    const s = new Scheduler({ concurrency: 1, clock, run: (_id, due) => (dues.push(due), new Promise<void>((r) => (release = r))) });
    s.schedule(1, 100, 0);
    s.start();
    await clock.advance(350);
    release!();
    await flush();
    await clock.advance(60);
    expect(dues).toEqual([0, 400]);
    expect(s.skipped).toBe(3);
    release!();
    await s.stop();
  });

  it('removal and rescheduling take effect', async () => {
    const clock = new FakeClock();
    const ids: number[] = [];
    const s = new Scheduler({ concurrency: 5, clock, run: (id) => (ids.push(id), Promise.resolve()) });
    s.schedule(1, 100, 10);
    s.schedule(2, 100, 10);
    s.start();
    s.remove(2);
    s.schedule(1, 1000, 50);
    await clock.advance(300);
    expect(ids).toEqual([1]);
    await s.stop();
  });

  it('spreads first runs across the interval', () => {
    const offsets = Array.from({ length: 1000 }, (_, i) => spreadOffset(i + 1, 60_000));
    const buckets = new Array(10).fill(0) as number[];
    for (const o of offsets) buckets[Math.floor(o / 6000)]!++;
    expect(Math.min(...buckets)).toBeGreaterThan(80);
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
  });
});
