/**
 * Maintenance windows: one-off (absolute start/end) or recurring (daily, or on given weekdays) at a local
 * time in a time zone, so "Sundays 02:00–04:00 Asia/Tokyo" stays right whatever the server's zone is.
 */
export type MaintenanceWindow =
  | { kind: 'once'; start: string; end: string }
  | { kind: 'daily'; start: string; durationMinutes: number; timezone: string }
  | { kind: 'weekly'; days: number[]; start: string; durationMinutes: number; timezone: string };

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Weekday (0 = Sunday) and minute of the day of an instant, in a time zone. */
export function localClock(at: number, timeZone: string): { weekday: number; minute: number } {
  const parts = formatter(timeZone).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return { weekday: WEEKDAYS[get('weekday')] ?? 0, minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

/** "HH:MM" → minutes after midnight. */
export function minuteOfDay(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new Error(`'${hhmm}' is not a time of day HH:MM`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function recurringActive(days: number[] | null, start: string, durationMinutes: number, timeZone: string, at: number): boolean {
  const { weekday, minute } = localClock(at, timeZone);
  const startMinute = minuteOfDay(start);
  // A window may run past midnight (or span days): look back at the starts of earlier days too.
  for (let back = 0; back * 1440 <= durationMinutes + 1440; back++) {
    const day = (((weekday - back) % 7) + 7) % 7;
    if (days && !days.includes(day)) continue;
    const sinceStart = minute + back * 1440 - startMinute;
    if (sinceStart >= 0 && sinceStart < durationMinutes) return true;
  }
  return false;
}

export function windowActive(w: MaintenanceWindow, at: number): boolean {
  switch (w.kind) {
    case 'once':
      return at >= Date.parse(w.start) && at < Date.parse(w.end);
    case 'daily':
      return recurringActive(null, w.start, w.durationMinutes, w.timezone, at);
    case 'weekly':
      return recurringActive(w.days, w.start, w.durationMinutes, w.timezone, at);
  }
}

export function inMaintenance(windows: readonly MaintenanceWindow[], at: number): boolean {
  return windows.some((w) => windowActive(w, at));
}
