import { describe, expect, it } from 'vitest';
import { compliance, percentile, stepsReached } from './sla-stats.ts';

describe('SLA ladder and statistics', () => {
  const ladder = [
    { atPercent: 75, escalateTo: ['lead'] },
    { atPercent: 100, escalateTo: ['manager'] },
    { atPercent: 150, escalateTo: ['ciso'] },
  ];
  it('raises each step once, in order, when the clock passes it', () => {
    expect(stepsReached(ladder, 0, 50)).toEqual([]);
    expect(stepsReached(ladder, 0, 80).map((s) => s.index)).toEqual([0]);
    expect(stepsReached(ladder, 1, 80)).toEqual([]);
    expect(stepsReached(ladder, 1, 160).map((s) => s.index)).toEqual([1, 2]);
    expect(stepsReached(ladder, 3, 999)).toEqual([]);
  });
  it('takes nearest-rank percentiles', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5, 1, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
  });
  it('counts met, breached and running clocks per severity and clock', () => {
    const rows = compliance([
      { severity: 'high', clock: 'notify', elapsedMinutes: 10, breached: false, stopped: true },
      { severity: 'high', clock: 'notify', elapsedMinutes: 40, breached: true, stopped: true },
      { severity: 'high', clock: 'notify', elapsedMinutes: null, breached: false, stopped: false },
      { severity: 'low', clock: 'close', elapsedMinutes: 100, breached: false, stopped: true },
    ]);
    expect(rows).toContainEqual({ severity: 'high', clock: 'notify', count: 3, met: 1, breached: 1, running: 1, medianMinutes: 10, p90Minutes: 40 });
    expect(rows).toContainEqual({ severity: 'low', clock: 'close', count: 1, met: 1, breached: 0, running: 0, medianMinutes: 100, p90Minutes: 100 });
  });
});
