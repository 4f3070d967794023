import { describe, expect, it } from 'vitest';
import { inMaintenance, localClock, minuteOfDay, type MaintenanceWindow } from './maintenance.ts';

const at = (iso: string) => Date.parse(iso);

describe('maintenance windows', () => {
  it('one-off windows cover [start, end)', () => {
    const w: MaintenanceWindow[] = [{ kind: 'once', start: '2026-11-22T01:00:00Z', end: '2026-11-22T02:00:00Z' }];
    expect(inMaintenance(w, at('2026-11-22T00:59:59Z'))).toBe(false);
    expect(inMaintenance(w, at('2026-11-22T01:00:00Z'))).toBe(true);
    expect(inMaintenance(w, at('2026-11-22T02:00:00Z'))).toBe(false);
  });

  it('weekly windows follow the local time of their zone', () => {
    // Sundays 02:00-04:00 in Tokyo = Saturday 17:00-19:00 UTC
    const w: MaintenanceWindow[] = [{ kind: 'weekly', days: [0], start: '02:00', durationMinutes: 120, timezone: 'Asia/Tokyo' }];
    expect(inMaintenance(w, at('2026-11-21T17:30:00Z'))).toBe(true); // Sat 17:30 UTC = Sun 02:30 JST
    expect(inMaintenance(w, at('2026-11-22T02:30:00Z'))).toBe(false); // Sun 02:30 UTC = Sun 11:30 JST
    expect(inMaintenance(w, at('2026-11-28T16:59:00Z'))).toBe(false);
  });

  it('a window past midnight belongs to the day it started', () => {
    // Fridays 23:00 for 3 hours, UTC: covers Saturday 00:00-02:00 but not Sunday's
    const w: MaintenanceWindow[] = [{ kind: 'weekly', days: [5], start: '23:00', durationMinutes: 180, timezone: 'UTC' }];
    expect(inMaintenance(w, at('2026-11-27T23:30:00Z'))).toBe(true); // Fri
    expect(inMaintenance(w, at('2026-11-28T01:30:00Z'))).toBe(true); // Sat
    expect(inMaintenance(w, at('2026-11-28T02:00:00Z'))).toBe(false);
    expect(inMaintenance(w, at('2026-11-28T23:30:00Z'))).toBe(false); // Sat 23:30 is not Friday
  });

  it('daily windows and daylight saving zones', () => {
    const w: MaintenanceWindow[] = [{ kind: 'daily', start: '03:00', durationMinutes: 30, timezone: 'Europe/Berlin' }];
    expect(inMaintenance(w, at('2026-07-01T01:10:00Z'))).toBe(true); // CEST = UTC+2
    expect(inMaintenance(w, at('2026-12-01T02:10:00Z'))).toBe(true); // CET = UTC+1
    expect(inMaintenance(w, at('2026-12-01T01:10:00Z'))).toBe(false);
  });

  it('reads local clocks and times of day', () => {
    expect(localClock(at('2026-11-22T15:04:00Z'), 'Asia/Tokyo')).toEqual({ weekday: 1, minute: 4 });
    expect(minuteOfDay('23:59')).toBe(1439);
    expect(() => minuteOfDay('24:00')).toThrow();
  });
});
