import { describe, expect, it } from 'vitest';
import { uptimeBetween, uptimeByDay, uptimeByMonth, utcDayStart, type StateChange } from './uptime.ts';

const H = 3_600_000;
const day0 = Date.parse('2026-11-01T00:00:00Z');

describe('uptime', () => {
  it('counts up and down time and leaves maintenance out', () => {
    const changes: StateChange[] = [
      { at: day0, state: 'up' },
      { at: day0 + 10 * H, state: 'down' }, // 1 h down
      { at: day0 + 11 * H, state: 'up' },
      { at: day0 + 20 * H, state: 'maintenance' }, // 2 h maintenance
      { at: day0 + 22 * H, state: 'up' },
    ];
    const u = uptimeBetween(changes, day0, day0 + 24 * H, day0 + 48 * H);
    expect(u.upMs).toBe(21 * H);
    expect(u.downMs).toBe(1 * H);
    expect(u.excludedMs).toBe(2 * H);
    expect(u.ratio).toBeCloseTo(21 / 22, 10);
  });

  it('starts in the state of the last change before the range and stops at now', () => {
    const changes: StateChange[] = [{ at: day0 - 5 * H, state: 'down' }, { at: day0 + 6 * H, state: 'up' }];
    const u = uptimeBetween(changes, day0, day0 + 24 * H, day0 + 12 * H);
    expect(u.downMs).toBe(6 * H);
    expect(u.upMs).toBe(6 * H);
    expect(u.ratio).toBe(0.5);
  });

  it('unreachable time is not the monitor’s own downtime; nothing counted gives null', () => {
    const u = uptimeBetween([{ at: day0, state: 'unreachable' }], day0, day0 + H, day0 + H);
    expect(u).toEqual({ upMs: 0, downMs: 0, excludedMs: H, ratio: null });
  });

  it('splits by UTC day and month', () => {
    const changes: StateChange[] = [{ at: day0 - 12 * H, state: 'up' }, { at: day0 + 12 * H, state: 'down' }, { at: day0 + 36 * H, state: 'up' }];
    const days = uptimeByDay(changes, utcDayStart(day0 - 1), 3, day0 + 48 * H);
    expect(days.map((d) => [d.period, d.ratio])).toEqual([
      ['2026-10-31', 1],
      ['2026-11-01', 0.5],
      ['2026-11-02', 0.5],
    ]);
    const months = uptimeByMonth(changes, day0 - 12 * H, day0 + 48 * H);
    expect(months.map((m) => m.period)).toEqual(['2026-10', '2026-11']);
    expect(months[1]!.ratio).toBe(0.5);
  });
});
