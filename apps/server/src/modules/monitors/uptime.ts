import type { MonitorState } from './monitor-types.ts';

/** A state that began at `at` and lasted until the next change. */
export interface StateChange {
  at: number;
  state: MonitorState;
}

export interface UptimeTotals {
  upMs: number;
  downMs: number;
  /** Maintenance, unreachable (a parent's fault, counted there) and time before the monitor existed. */
  excludedMs: number;
  /** up / (up + down), or null when nothing counted. */
  ratio: number | null;
}

// Pending means "failing but retries not used up": not yet an outage, as in Uptime Kuma.
const COUNTS_AS_UP: ReadonlySet<MonitorState> = new Set(['up', 'pending']);
const COUNTS_AS_DOWN: ReadonlySet<MonitorState> = new Set(['down']);

/**
 * Time in each kind of state within [from, to), from the ordered changes (the last change before `from`
 * must be included, it says what state the range starts in). Nothing is counted after `now`.
 */
export function uptimeBetween(changes: readonly StateChange[], from: number, to: number, now: number): UptimeTotals {
  const end = Math.min(to, now);
  let upMs = 0;
  let downMs = 0;
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    const start = Math.max(c.at, from);
    const stop = Math.min(changes[i + 1]?.at ?? end, end);
    if (stop <= start) continue;
    if (COUNTS_AS_UP.has(c.state)) upMs += stop - start;
    else if (COUNTS_AS_DOWN.has(c.state)) downMs += stop - start;
  }
  const total = Math.max(0, to - from);
  const counted = upMs + downMs;
  return { upMs, downMs, excludedMs: total - counted, ratio: counted > 0 ? upMs / counted : null };
}

export interface PeriodUptime extends UptimeTotals {
  /** YYYY-MM-DD for days, YYYY-MM for months (UTC). */
  period: string;
}

const DAY_MS = 86_400_000;

/** Uptime of each UTC day in [fromDay, toDay], given as epoch milliseconds of the days' starts. */
export function uptimeByDay(changes: readonly StateChange[], fromDayStart: number, days: number, now: number): PeriodUptime[] {
  const out: PeriodUptime[] = [];
  for (let d = 0; d < days; d++) {
    const from = fromDayStart + d * DAY_MS;
    out.push({ period: new Date(from).toISOString().slice(0, 10), ...uptimeBetween(changes, from, from + DAY_MS, now) });
  }
  return out;
}

/** Uptime of each UTC calendar month touched by [from, now]. */
export function uptimeByMonth(changes: readonly StateChange[], from: number, now: number): PeriodUptime[] {
  const out: PeriodUptime[] = [];
  const start = new Date(from);
  let y = start.getUTCFullYear();
  let m = start.getUTCMonth();
  for (;;) {
    const monthStart = Date.UTC(y, m, 1);
    if (monthStart > now) break;
    const monthEnd = Date.UTC(y, m + 1, 1);
    out.push({ period: new Date(monthStart).toISOString().slice(0, 7), ...uptimeBetween(changes, monthStart, monthEnd, now) });
    m++;
    if (m === 12) {
      m = 0;
      y++;
    }
  }
  return out;
}

export function utcDayStart(at: number): number {
  return Math.floor(at / DAY_MS) * DAY_MS;
}
