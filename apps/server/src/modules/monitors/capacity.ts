import type { EventStore } from '../../stores/events/event-store.ts';
import type { MonitorsRepository } from './monitors.repository.ts';
import { trend, type Trend } from './trend.ts';

const DAY_MS = 86_400_000;
/** Metrics that are percentages: their trend gets a "days until 100 %". */
const PERCENT_METRICS = new Set(['cpu_pct', 'mem_used_pct', 'disk_used_pct']);

export interface DailyValue {
  day: string;
  avg: number;
  max: number;
}

export interface CapacityReport {
  device: string;
  days: number;
  logVolume: { series: Array<{ day: string; events: number; bytes: number }>; eventsTrend: Trend | null; bytesTrend: Trend | null };
  resources: Array<{ monitor: string; metric: string; series: DailyValue[]; trend: Trend | null }>;
}

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : Number(v ?? 0));
const dayText = (dayNumber: number) => new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);

/**
 * MON-4 capacity planning for one device: log volume per day from the event store and the daily averages
 * of its monitors' resource metrics (SNMP CPU, memory, traffic), each with a least-squares trend.
 */
export async function deviceCapacity(
  events: EventStore,
  repo: MonitorsRepository,
  device: { id: number; tenantId: number; name: string },
  days: number,
  now = Date.now(),
): Promise<CapacityReport> {
  const from = Math.floor(now / DAY_MS) * DAY_MS - (days - 1) * DAY_MS;
  // Received time, not event time: capacity is about what arrives per day, whatever clocks the devices keep.
  const volume = await events.query(
    `SELECT CAST(floor(received_at / 86400000) AS BIGINT) AS day, count(*) AS events, sum(strlen(raw)) AS bytes
       FROM events WHERE tenant_id = $1 AND device_id = $2 AND received_at >= $3 AND received_at < $4
       GROUP BY 1 ORDER BY 1`,
    [device.tenantId, device.id, BigInt(from), BigInt(now + 1)],
  );
  const volumeRows = volume.rows.map((r) => ({ dayNumber: num(r[0]), events: num(r[1]), bytes: num(r[2]) }));
  // Days without any event are zero-volume days, and they matter for the trend.
  const firstDay = Math.floor(from / DAY_MS);
  const lastDay = Math.floor(now / DAY_MS);
  const byDay = new Map(volumeRows.map((r) => [r.dayNumber, r]));
  const series = [];
  for (let d = firstDay; d <= lastDay; d++) series.push({ dayNumber: d, events: byDay.get(d)?.events ?? 0, bytes: byDay.get(d)?.bytes ?? 0 });

  const monitors = await repo.byDevice(device.tenantId, device.id);
  const names = new Map(monitors.map((m) => [m.id, m.name]));
  const hourly = await repo.metrics(monitors.map((m) => m.id), from, now + 1, 200_000);
  const grouped = new Map<string, Map<number, { sum: number; samples: number; max: number }>>();
  for (const h of hourly) {
    if (h.name === 'restarted' || h.name === 'status') continue;
    const key = `${h.monitorId}\u0000${h.name}`;
    let perDay = grouped.get(key);
    if (!perDay) grouped.set(key, (perDay = new Map<number, { sum: number; samples: number; max: number }>()));
    const d = Math.floor(h.bucket / DAY_MS);
    const agg = perDay.get(d) ?? { sum: 0, samples: 0, max: -Infinity };
    agg.sum += h.sum;
    agg.samples += h.samples;
    agg.max = Math.max(agg.max, h.max);
    perDay.set(d, agg);
  }
  const resources = [...grouped.entries()].map(([key, perDay]) => {
    const [monitorId, metric] = key.split('\u0000') as [string, string];
    const points = [...perDay.entries()].sort((a, b) => a[0] - b[0]);
    return {
      monitor: names.get(Number(monitorId)) ?? monitorId,
      metric,
      series: points.map(([d, a]) => ({ day: dayText(d), avg: round(a.sum / a.samples), max: round(a.max) })),
      trend: rounded(trend(points.map(([d, a]) => ({ x: d, y: a.sum / a.samples })), PERCENT_METRICS.has(metric) ? 100 : undefined)),
    };
  });
  return {
    device: device.name,
    days,
    logVolume: {
      series: series.map((s) => ({ day: dayText(s.dayNumber), events: s.events, bytes: s.bytes })),
      eventsTrend: rounded(trend(series.map((s) => ({ x: s.dayNumber, y: s.events })))),
      bytesTrend: rounded(trend(series.map((s) => ({ x: s.dayNumber, y: s.bytes })))),
    },
    resources,
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function rounded(t: Trend | null): Trend | null {
  return t && { slopePerDay: round(t.slopePerDay), current: round(t.current), daysToLimit: t.daysToLimit === null ? null : round(t.daysToLimit) };
}
