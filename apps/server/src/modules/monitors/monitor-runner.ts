import type { MaintenanceWindow } from './maintenance.ts';
import { inMaintenance } from './maintenance.ts';
import type { MonitorState, MonitorType, ProbeResult } from './monitor-types.ts';
import type { MonitorDevice, MonitorRow, MonitorsRepository } from './monitors.repository.ts';
import { PROBES } from './probes/registry.ts';
import type { Probe, ProbeContext } from './probes/probe.ts';
import { errorMessage, failure } from './probes/probe.ts';
import { ResultWriter, type WritableMonitor } from './result-writer.ts';
import { percentile } from '../../metrics/percentile.ts';
import { Scheduler, type SchedulerClock } from './scheduler.ts';
import { step, type RuntimeState } from './state-machine.ts';

/** A monitor as the runner holds it: parsed definition, device, and live state. */
export interface RunningMonitor extends WritableMonitor {
  intervalMs: number;
  timeoutMs: number;
  retries: number;
  flapThreshold: number;
  settings: Record<string, unknown>;
  maintenance: MaintenanceWindow[];
  dependsOn: number[];
  pushToken: string | null;
  device: MonitorDevice | undefined;
  runtime: RuntimeState;
  lastCheckAt: number | null;
  lastResult: ProbeResult | null;
  previous: { at: number; metrics: Record<string, number> } | undefined;
  lastPushAt: number | undefined;
}

export interface RunnerOptions {
  concurrency?: number;
  clock?: SchedulerClock;
  /** Jitter samples kept for the p99 (a ring buffer). */
  jitterSamples?: number;
}

const PROBE_GRACE_MS = 1000;
const PARENT_NOT_UP: ReadonlySet<MonitorState> = new Set(['down', 'unreachable']);

/**
 * Runs every enabled monitor on the one scheduler: probe, state machine, then the batched writer.
 * Definitions change through upsert/remove, called by the service after each API change.
 */
export class MonitorRunner {
  readonly scheduler: Scheduler;
  private readonly monitors = new Map<number, RunningMonitor>();
  private readonly pushTokens = new Map<string, number>();
  private readonly jitter: number[];
  private jitterNext = 0;
  checks = 0;

  constructor(
    private readonly repo: MonitorsRepository,
    readonly writer: ResultWriter,
    opts: RunnerOptions = {},
  ) {
    this.jitter = new Array<number>(opts.jitterSamples ?? 10_000).fill(NaN);
    this.scheduler = new Scheduler({
      concurrency: opts.concurrency ?? 256,
      ...(opts.clock && { clock: opts.clock }),
      run: (id) => this.check(id),
      onStart: (ms) => {
        this.jitter[this.jitterNext] = ms;
        this.jitterNext = (this.jitterNext + 1) % this.jitter.length;
      },
    });
  }

  async load(): Promise<void> {
    const devices = new Map<number, MonitorDevice | undefined>();
    for (const row of await this.repo.all()) {
      if (row.device_id !== null && !devices.has(row.device_id)) devices.set(row.device_id, await this.repo.device(row.device_id));
      this.upsert(row, row.device_id === null ? undefined : devices.get(row.device_id));
    }
  }

  /** Adds or replaces a monitor; its live state carries over, and the schedule restarts at a spread offset. */
  upsert(row: MonitorRow, device: MonitorDevice | undefined): void {
    const old = this.monitors.get(row.id);
    if (old?.pushToken) this.pushTokens.delete(old.pushToken);
    if (!row.enabled) {
      this.remove(row.id);
      return;
    }
    const m: RunningMonitor = {
      id: row.id,
      tenantId: row.tenant_id,
      deviceId: row.device_id,
      name: row.name,
      type: row.type,
      target: row.target,
      criticality: device?.criticality ?? null,
      openAlertId: old ? old.openAlertId : row.open_alert_id,
      intervalMs: row.interval_s * 1000,
      timeoutMs: row.timeout_ms,
      retries: row.retries,
      flapThreshold: row.flap_threshold,
      settings: JSON.parse(row.settings) as Record<string, unknown>,
      maintenance: JSON.parse(row.maintenance) as MaintenanceWindow[],
      dependsOn: JSON.parse(row.depends_on) as number[],
      pushToken: row.push_token,
      device,
      runtime: old?.runtime ?? {
        state: row.state as MonitorState,
        since: Number(row.state_since),
        failures: row.failures,
        flips: [],
        flapping: row.flapping === 1,
        alertOpen: row.open_alert_id !== null,
      },
      lastCheckAt: old?.lastCheckAt ?? (row.last_check_at == null ? null : Number(row.last_check_at)),
      lastResult: old?.lastResult ?? null,
      previous: old?.previous ?? (row.last_metrics && row.last_check_at != null ? { at: Number(row.last_check_at), metrics: JSON.parse(row.last_metrics) as Record<string, number> } : undefined),
      lastPushAt: old?.lastPushAt,
    };
    this.monitors.set(m.id, m);
    if (m.pushToken) this.pushTokens.set(m.pushToken, m.id);
    this.scheduler.schedule(m.id, m.intervalMs);
  }

  remove(id: number): void {
    const m = this.monitors.get(id);
    if (m?.pushToken) this.pushTokens.delete(m.pushToken);
    this.monitors.delete(id);
    this.scheduler.remove(id);
  }

  get(id: number): RunningMonitor | undefined {
    return this.monitors.get(id);
  }

  get size(): number {
    return this.monitors.size;
  }

  /** Drops monitors whose rows are gone (their tenant was deleted, say); returns how many. */
  reconcile(existingIds: ReadonlySet<number>): number {
    let removed = 0;
    for (const id of [...this.monitors.keys()]) {
      if (!existingIds.has(id)) {
        this.remove(id);
        removed++;
      }
    }
    return removed;
  }

  /** A heartbeat arrived; false when the token belongs to no running monitor. */
  push(token: string): boolean {
    const id = this.pushTokens.get(token);
    const m = id === undefined ? undefined : this.monitors.get(id);
    if (!m) return false;
    m.lastPushAt = Date.now();
    return true;
  }

  start(): void {
    this.scheduler.start();
  }

  async stop(): Promise<void> {
    await this.scheduler.stop();
    await this.writer.flush();
  }

  jitterStats(): { samples: number; p50: number; p99: number; max: number } {
    const values = this.jitter.filter((v) => !Number.isNaN(v));
    return { samples: values.length, p50: percentile(values, 50), p99: percentile(values, 99), max: values.length ? Math.max(...values) : 0 };
  }

  resetJitter(): void {
    this.jitter.fill(NaN);
    this.jitterNext = 0;
  }

  /**
   * "Check now": runs the check at once and writes it; the next scheduled check moves to one interval
   * from now, so the manual one does not add a second check to this interval.
   */
  async checkNow(id: number): Promise<boolean> {
    const m = this.monitors.get(id);
    if (!m) return false;
    this.scheduler.schedule(id, m.intervalMs, Date.now() + m.intervalMs);
    await this.check(id);
    await this.writer.flush();
    return true;
  }

  /** One check of one monitor; never throws (a probe error is a failed check). */
  async check(id: number): Promise<void> {
    const m = this.monitors.get(id);
    if (!m) return;
    const now = Date.now();
    const maintenance = inMaintenance(m.maintenance, now);
    const result = maintenance ? { ok: true, latencyMs: null, message: 'in a maintenance window' } : await this.probe(m, now);
    if (this.monitors.get(id) !== m) return; // changed or removed while probing
    const parentDown = m.dependsOn.some((pid) => {
      const p = this.monitors.get(pid);
      return p !== undefined && (PARENT_NOT_UP.has(p.runtime.state) || (p.runtime.state === 'pending' && p.runtime.failures > 0));
    });
    const at = Date.now();
    const prev = m.runtime;
    const s = step(prev, { ok: result.ok, inMaintenance: maintenance, parentDown }, { retries: m.retries, flapThreshold: m.flapThreshold, flapWindowMs: 10 * m.intervalMs }, at);
    m.runtime = s.next;
    m.lastCheckAt = at;
    m.lastResult = result;
    if (result.metrics) m.previous = { at: now, metrics: result.metrics };
    const restarted = result.metrics?.restarted === 1;
    const history = s.changed || restarted ? { state: s.next.state, message: result.message } : undefined;
    this.checks++;
    this.writer.record({ monitor: m, at, result, runtime: s.next, history, alert: s.alert });
  }

  private async probe(m: RunningMonitor, now: number): Promise<ProbeResult> {
    const probe = PROBES[m.type as MonitorType] as Probe<Record<string, unknown>> | undefined;
    if (!probe) return failure(`unknown monitor type ${m.type}`);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), m.timeoutMs);
    const device = m.device;
    const ctx: ProbeContext = {
      timeoutMs: m.timeoutMs,
      signal: controller.signal,
      now,
      previous: m.previous,
      lastPushAt: m.lastPushAt,
      intervalMs: m.intervalMs,
      device: device && {
        name: device.name,
        kind: device.kind,
        vendor: device.vendor,
        expectedIntervalSeconds: device.expectedIntervalSeconds,
        lastSeenAt: () => this.repo.deviceLastSeen(device.id),
      },
    };
    // A probe that ignores its abort signal must not wedge the monitor: past timeout + grace it has failed.
    let guard: NodeJS.Timeout | undefined;
    const overdue = new Promise<ProbeResult>((resolve) => {
      guard = setTimeout(() => resolve(failure(`no result within ${m.timeoutMs} ms`)), m.timeoutMs + PROBE_GRACE_MS);
    });
    try {
      return await Promise.race([probe.check(m.target, m.settings, ctx), overdue]);
    } catch (err) {
      return failure(errorMessage(err));
    } finally {
      clearTimeout(timer);
      clearTimeout(guard);
    }
  }
}
