import { sql } from 'kysely';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { MonitorState, ProbeResult } from './monitor-types.ts';
import type { RuntimeState } from './state-machine.ts';

export const LATENCY_BUCKET_MS = 5 * 60_000;
export const METRIC_BUCKET_MS = 60 * 60_000;
const SEVERITY_BY_CRITICALITY = ['low', 'low', 'medium', 'medium', 'high', 'high'];

/** The parts of a running monitor the writer needs; `openAlertId` is shared with the runner. */
export interface WritableMonitor {
  id: number;
  tenantId: number;
  deviceId: number | null;
  name: string;
  type: string;
  target: string;
  criticality: number | null;
  openAlertId: number | null;
}

export interface CheckRecord {
  monitor: WritableMonitor;
  at: number;
  result: ProbeResult;
  runtime: RuntimeState;
  /** A state change (or a noteworthy event such as an SNMP restart) for the history. */
  history?: { state: MonitorState; message: string } | undefined;
  alert: 'open' | 'resolve' | null;
}

interface Aggregate {
  monitorId: number;
  bucket: number;
  checks: number;
  failures: number;
  sumMs: number;
  maxMs: number;
}

interface MetricAggregate {
  monitorId: number;
  bucket: number;
  name: string;
  samples: number;
  sum: number;
  max: number;
  last: number;
}

/**
 * Checks are written in batches: one transaction per flush with the latest runtime state per monitor,
 * the history rows, alerts, and series rows already summed per bucket in memory (one upsert per monitor
 * and bucket instead of a row per check).
 */
export class ResultWriter {
  private runtime = new Map<number, CheckRecord>();
  private history: Array<{ monitor_id: number; at: number; state: string; message: string; flapping: number }> = [];
  private alerts: CheckRecord[] = [];
  private latency = new Map<string, Aggregate>();
  private metrics = new Map<string, MetricAggregate>();
  private flushing: Promise<void> | undefined;
  written = 0;

  constructor(private readonly db: ControlDb) {}

  get pending(): number {
    return this.runtime.size;
  }

  record(r: CheckRecord): void {
    this.runtime.set(r.monitor.id, r);
    if (r.history) {
      this.history.push({ monitor_id: r.monitor.id, at: r.at, state: r.history.state, message: r.history.message.slice(0, 500), flapping: r.runtime.flapping ? 1 : 0 });
    }
    if (r.alert) this.alerts.push(r);
    if (r.runtime.state === 'maintenance') return;
    const bucket = Math.floor(r.at / LATENCY_BUCKET_MS) * LATENCY_BUCKET_MS;
    const key = `${r.monitor.id}:${bucket}`;
    let agg = this.latency.get(key);
    if (!agg) this.latency.set(key, (agg = { monitorId: r.monitor.id, bucket, checks: 0, failures: 0, sumMs: 0, maxMs: 0 }));
    agg.checks++;
    if (!r.result.ok) agg.failures++;
    if (r.result.ok && r.result.latencyMs !== null) {
      agg.sumMs += r.result.latencyMs;
      agg.maxMs = Math.max(agg.maxMs, r.result.latencyMs);
    }
    const hour = Math.floor(r.at / METRIC_BUCKET_MS) * METRIC_BUCKET_MS;
    for (const [name, value] of Object.entries(r.result.metrics ?? {})) {
      if (!Number.isFinite(value)) continue;
      const mkey = `${r.monitor.id}:${hour}:${name}`;
      let m = this.metrics.get(mkey);
      if (!m) this.metrics.set(mkey, (m = { monitorId: r.monitor.id, bucket: hour, name, samples: 0, sum: 0, max: -Infinity, last: 0 }));
      m.samples++;
      m.sum += value;
      m.max = Math.max(m.max, value);
      m.last = value;
    }
  }

  /** Writes everything recorded so far; concurrent calls share one flush. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.runtime.size === 0 && this.history.length === 0 && this.alerts.length === 0) return;
    this.flushing = this.write().finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  private async write(): Promise<void> {
    const runtime = [...this.runtime.values()];
    let history = this.history;
    const alerts = this.alerts;
    let latency = [...this.latency.values()];
    let metrics = [...this.metrics.values()];
    this.runtime = new Map();
    this.history = [];
    this.alerts = [];
    this.latency = new Map();
    this.metrics = new Map();
    await this.db.transaction().execute(async (trx) => {
      // A monitor deleted while its check was in flight: its rows would break the foreign keys of the batch.
      const ids = [...new Set([...runtime.map((r) => r.monitor.id), ...history.map((h) => h.monitor_id)])];
      const existing = new Set<number>();
      for (let i = 0; i < ids.length; i += 500) {
        for (const row of await trx.selectFrom('monitors').select('id').where('id', 'in', ids.slice(i, i + 500)).execute()) existing.add(row.id);
      }
      if (existing.size < ids.length) {
        history = history.filter((h) => existing.has(h.monitor_id));
        latency = latency.filter((a) => existing.has(a.monitorId));
        metrics = metrics.filter((m) => existing.has(m.monitorId));
      }
      // Alerts first: an opened alert's id is stored with the monitor's runtime below.
      for (const r of alerts) if (existing.has(r.monitor.id)) await writeAlert(trx, r);
      for (const r of runtime) {
        await trx
          .updateTable('monitors')
          .set({
            state: r.runtime.state,
            state_since: r.runtime.since,
            failures: r.runtime.failures,
            flapping: r.runtime.flapping ? 1 : 0,
            open_alert_id: r.monitor.openAlertId,
            last_check_at: r.at,
            last_latency_ms: r.result.latencyMs,
            last_message: r.result.message.slice(0, 500),
            last_metrics: r.result.metrics ? JSON.stringify(r.result.metrics) : null,
          })
          .where('id', '=', r.monitor.id)
          .execute();
      }
      for (let i = 0; i < history.length; i += 200) await trx.insertInto('monitor_states').values(history.slice(i, i + 200)).execute();
      for (let i = 0; i < latency.length; i += 200) {
        const rows = latency.slice(i, i + 200).map((a) => ({ monitor_id: a.monitorId, bucket: a.bucket, checks: a.checks, failures: a.failures, sum_ms: a.sumMs, max_ms: a.maxMs }));
        await trx
          .insertInto('monitor_latency')
          .values(rows)
          .onConflict((oc) =>
            oc.columns(['monitor_id', 'bucket']).doUpdateSet({
              checks: sql`monitor_latency.checks + excluded.checks`,
              failures: sql`monitor_latency.failures + excluded.failures`,
              sum_ms: sql`monitor_latency.sum_ms + excluded.sum_ms`,
              max_ms: sql`CASE WHEN excluded.max_ms > monitor_latency.max_ms THEN excluded.max_ms ELSE monitor_latency.max_ms END`,
            }),
          )
          .execute();
      }
      for (let i = 0; i < metrics.length; i += 200) {
        const rows = metrics.slice(i, i + 200).map((m) => ({ monitor_id: m.monitorId, bucket: m.bucket, name: m.name, samples: m.samples, sum: m.sum, max: m.max, last: m.last }));
        await trx
          .insertInto('monitor_metrics')
          .values(rows)
          .onConflict((oc) =>
            oc.columns(['monitor_id', 'bucket', 'name']).doUpdateSet({
              samples: sql`monitor_metrics.samples + excluded.samples`,
              sum: sql`monitor_metrics.sum + excluded.sum`,
              max: sql`CASE WHEN excluded.max > monitor_metrics.max THEN excluded.max ELSE monitor_metrics.max END`,
              last: sql`excluded.last`,
            }),
          )
          .execute();
      }
    });
    this.written += runtime.length;
  }
}

/** MON-3: availability alerts share the alerts table (and so the queue and routing) with everything else. */
async function writeAlert(trx: ControlDb, r: CheckRecord): Promise<void> {
  const m = r.monitor;
  const details = JSON.stringify({ monitor: m.name, type: m.type, target: m.target, state: r.runtime.state, message: r.result.message, at: new Date(r.at).toISOString() });
  if (r.alert === 'open') {
    const row = await trx
      .insertInto('alerts')
      .values({
        tenant_id: m.tenantId,
        device_id: m.deviceId,
        kind: 'availability',
        severity: m.criticality == null ? 'medium' : (SEVERITY_BY_CRITICALITY[m.criticality] ?? 'medium'),
        status: 'open',
        title: `${m.name} is down`,
        details,
        first_seen_at: r.at,
        last_seen_at: r.at,
        occurrences: 1,
        resolved_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    m.openAlertId = row.id;
  } else if (r.alert === 'resolve' && m.openAlertId !== null) {
    await trx
      .updateTable('alerts')
      .set({ status: 'resolved', resolved_at: r.at, last_seen_at: r.at, details })
      .where('id', '=', m.openAlertId)
      .where('status', '=', 'open')
      .execute();
    m.openAlertId = null;
  }
}
