import { randomBytes } from 'node:crypto';
import { ConflictError, InputError, NotFoundError } from '../../errors.ts';
import type { DevicesService } from '../devices/devices.service.ts';
import type { TenantRow } from '../tenants/tenants.repository.ts';
import { assertNoCycle, checkSettings, checkTarget, keepMaskedSecrets, redactSettings } from './monitor-input.ts';
import type { MonitorState, MonitorType } from './monitor-types.ts';
import type { MonitorRunner } from './monitor-runner.ts';
import type { MonitorDevice, MonitorRow, MonitorsRepository } from './monitors.repository.ts';
import type { CreateMonitorInput, MonitorView, UpdateMonitorInput } from './monitors.schemas.ts';
import { LATENCY_BUCKET_MS } from './result-writer.ts';
import { uptimeBetween, uptimeByDay, uptimeByMonth, utcDayStart } from './uptime.ts';

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Monitor definitions per tenant; every change is handed to the runner at once. */
export class MonitorsService {
  constructor(
    readonly repo: MonitorsRepository,
    private readonly runner: MonitorRunner,
    private readonly devices: DevicesService,
  ) {}

  async list(tenant: TenantRow): Promise<MonitorView[]> {
    const rows = await this.repo.list(tenant.id);
    const names = new Map(rows.map((r) => [r.id, r.name]));
    const deviceNames = await this.deviceNames(tenant);
    return rows.map((r) => this.view(r, names, deviceNames));
  }

  async get(tenant: TenantRow, name: string): Promise<MonitorView> {
    const row = await this.row(tenant, name);
    const rows = await this.repo.list(tenant.id);
    return this.view(row, new Map(rows.map((r) => [r.id, r.name])), await this.deviceNames(tenant));
  }

  async create(tenant: TenantRow, input: CreateMonitorInput): Promise<MonitorView> {
    if (await this.repo.byName(tenant.id, input.name)) throw new ConflictError(`monitor ${input.name} exists already`);
    const device = input.device ? await this.device(tenant, input.device) : undefined;
    const target = this.resolveTarget(input.type, input.target, device);
    const settings = checkSettings(input.type, input.settings);
    this.checkTimes(input.intervalSeconds, input.timeoutMs);
    const dependsOn = await this.dependencyIds(tenant, 0, input.dependsOn);
    const now = Date.now();
    const row = await this.repo.insert({
      tenant_id: tenant.id,
      device_id: device?.id ?? null,
      name: input.name,
      type: input.type,
      target,
      interval_s: input.intervalSeconds,
      timeout_ms: input.timeoutMs,
      retries: input.retries,
      flap_threshold: input.flapThreshold,
      enabled: input.enabled ? 1 : 0,
      settings: JSON.stringify(settings),
      maintenance: JSON.stringify(input.maintenance),
      depends_on: JSON.stringify(dependsOn),
      push_token: input.type === 'heartbeat' ? randomBytes(18).toString('base64url') : null,
      created_at: now,
      updated_at: now,
      state: 'pending',
      state_since: now,
      failures: 0,
      flapping: 0,
      open_alert_id: null,
      last_check_at: null,
      last_latency_ms: null,
      last_message: null,
      last_metrics: null,
    });
    await this.repo.db.insertInto('monitor_states').values({ monitor_id: row.id, at: now, state: 'pending', message: 'created', flapping: 0 }).execute();
    this.runner.upsert(row, device);
    return this.get(tenant, row.name);
  }

  async update(tenant: TenantRow, name: string, input: UpdateMonitorInput): Promise<MonitorView> {
    const row = await this.row(tenant, name);
    const type = row.type as MonitorType;
    const device = input.device === undefined ? (row.device_id === null ? undefined : await this.repo.device(row.device_id)) : input.device === null ? undefined : await this.device(tenant, input.device);
    const target = input.target !== undefined ? this.resolveTarget(type, input.target, device) : row.target;
    const stored = JSON.parse(row.settings) as Record<string, unknown>;
    const settings = input.settings !== undefined ? checkSettings(type, keepMaskedSecrets(input.settings, stored)) : stored;
    const intervalS = input.intervalSeconds ?? row.interval_s;
    const timeoutMs = input.timeoutMs ?? row.timeout_ms;
    this.checkTimes(intervalS, timeoutMs);
    const dependsOn = input.dependsOn !== undefined ? await this.dependencyIds(tenant, row.id, input.dependsOn) : (JSON.parse(row.depends_on) as number[]);
    await this.repo.update(row.id, tenant.id, {
      device_id: device?.id ?? null,
      target,
      interval_s: intervalS,
      timeout_ms: timeoutMs,
      retries: input.retries ?? row.retries,
      flap_threshold: input.flapThreshold ?? row.flap_threshold,
      enabled: input.enabled === undefined ? row.enabled : input.enabled ? 1 : 0,
      settings: JSON.stringify(settings),
      maintenance: input.maintenance !== undefined ? JSON.stringify(input.maintenance) : row.maintenance,
      depends_on: JSON.stringify(dependsOn),
      updated_at: Date.now(),
    });
    // The runner's in-memory state is newer than the row's: flush it first so the reloaded row carries it.
    await this.runner.writer.flush();
    this.runner.upsert((await this.repo.byId(row.id))!, device);
    return this.get(tenant, name);
  }

  async delete(tenant: TenantRow, name: string): Promise<void> {
    const row = await this.row(tenant, name);
    this.runner.remove(row.id);
    await this.runner.writer.flush();
    const openAlert = (await this.repo.byId(row.id))?.open_alert_id;
    if (openAlert != null) {
      // Nothing will ever resolve it once the monitor is gone.
      await this.repo.db.updateTable('alerts').set({ status: 'resolved', resolved_at: Date.now() }).where('id', '=', openAlert).where('status', '=', 'open').execute();
    }
    await this.repo.delete(row.id, tenant.id);
  }

  /** Runs the check now (disabled monitors cannot be checked) and answers the monitor with its new state. */
  async checkNow(tenant: TenantRow, name: string): Promise<MonitorView> {
    const row = await this.row(tenant, name);
    if (!(await this.runner.checkNow(row.id))) throw new ConflictError(`monitor ${name} is disabled`);
    return this.get(tenant, name);
  }

  async history(tenant: TenantRow, name: string, from: number, to: number, limit: number) {
    const row = await this.row(tenant, name);
    return (await this.repo.stateChanges(row.id, from, to, limit)).map((c) => ({ ...c, at: iso(c.at) }));
  }

  async latency(tenant: TenantRow, name: string, from: number, to: number, limit: number) {
    const row = await this.row(tenant, name);
    return (await this.repo.latency(row.id, from - LATENCY_BUCKET_MS, to, limit)).map((b) => {
      const ok = b.checks - b.failures;
      return { at: iso(b.bucket), checks: b.checks, failures: b.failures, avgMs: ok > 0 ? Math.round((b.sumMs / ok) * 100) / 100 : null, maxMs: ok > 0 ? b.maxMs : null };
    });
  }

  async metrics(tenant: TenantRow, name: string, from: number, to: number, limit: number) {
    const row = await this.row(tenant, name);
    return (await this.repo.metrics([row.id], from, to, limit)).map((m) => ({ at: iso(m.bucket), name: m.name, avg: m.sum / m.samples, max: m.max, last: m.last }));
  }

  /** Uptime per UTC day and month (maintenance and unreachable time left out), plus the last 24 h and 30 days. */
  async uptime(tenant: TenantRow, name: string, days: number, now = Date.now()) {
    const row = await this.row(tenant, name);
    const firstDay = utcDayStart(now) - (days - 1) * DAY_MS;
    const monthStart = Date.UTC(new Date(firstDay).getUTCFullYear(), new Date(firstDay).getUTCMonth(), 1);
    const changes = await this.repo.changesForUptime(row.id, Math.min(monthStart, now - 30 * DAY_MS), now);
    return {
      days: uptimeByDay(changes, firstDay, days, now),
      months: uptimeByMonth(changes, firstDay, now),
      last24h: uptimeBetween(changes, now - DAY_MS, now, now).ratio,
      last30d: uptimeBetween(changes, now - 30 * DAY_MS, now, now).ratio,
    };
  }

  private async row(tenant: TenantRow, name: string): Promise<MonitorRow> {
    const row = await this.repo.byName(tenant.id, name);
    if (!row) throw new NotFoundError('no such monitor');
    return row;
  }

  private async device(tenant: TenantRow, name: string): Promise<MonitorDevice> {
    const d = await this.devices.get(tenant, name);
    return { id: d.id, name: d.name, kind: d.kind, vendor: d.vendor, criticality: d.criticality, expectedIntervalSeconds: d.expected_interval_seconds };
  }

  private async deviceNames(tenant: TenantRow): Promise<Map<number, string>> {
    return new Map((await this.devices.repo.list(tenant.id)).map((d) => [d.id, d.name]));
  }

  private resolveTarget(type: MonitorType, target: string | undefined, device: MonitorDevice | undefined): string {
    if (type === 'heartbeat') return target ?? 'push';
    if (type === 'logs') {
      if (!device) throw new InputError('a logs monitor needs --device');
      return device.name;
    }
    if (!target) throw new InputError(`a ${type} monitor needs a target`);
    checkTarget(type, target);
    return target;
  }

  private checkTimes(intervalS: number, timeoutMs: number): void {
    // A check must end before the next one is due, so that a monitor never overlaps itself.
    if (timeoutMs >= intervalS * 1000) throw new InputError('timeout must be shorter than the interval');
  }

  private async dependencyIds(tenant: TenantRow, selfId: number, names: string[]): Promise<number[]> {
    const rows = await this.repo.list(tenant.id);
    const byName = new Map(rows.map((r) => [r.name, r.id]));
    const ids = names.map((n) => {
      const id = byName.get(n);
      if (id === undefined) throw new InputError(`dependsOn: no monitor ${n} in this tenant`);
      if (id === selfId) throw new InputError('a monitor cannot depend on itself');
      return id;
    });
    if (selfId) assertNoCycle(selfId, ids, new Map(rows.map((r) => [r.id, JSON.parse(r.depends_on) as number[]])));
    return ids;
  }

  private view(r: MonitorRow, monitorNames: Map<number, string>, deviceNames: Map<number, string>): MonitorView {
    const live = this.runner.get(r.id);
    const state = (live?.runtime.state ?? r.state) as MonitorState;
    const lastCheckAt = live?.lastCheckAt ?? (r.last_check_at == null ? null : Number(r.last_check_at));
    const metrics = live?.lastResult ? (live.lastResult.metrics ?? null) : r.last_metrics ? (JSON.parse(r.last_metrics) as Record<string, number>) : null;
    return {
      id: r.id,
      name: r.name,
      type: r.type,
      target: r.target,
      device: r.device_id === null ? null : (deviceNames.get(r.device_id) ?? null),
      intervalSeconds: r.interval_s,
      timeoutMs: r.timeout_ms,
      retries: r.retries,
      flapThreshold: r.flap_threshold,
      enabled: r.enabled === 1,
      settings: redactSettings(JSON.parse(r.settings) as Record<string, unknown>),
      maintenance: JSON.parse(r.maintenance) as unknown[],
      dependsOn: (JSON.parse(r.depends_on) as number[]).map((id) => monitorNames.get(id) ?? String(id)),
      pushPath: r.push_token ? `/push/${r.push_token}` : null,
      state,
      stateSince: iso(live?.runtime.since ?? Number(r.state_since)),
      flapping: live?.runtime.flapping ?? r.flapping === 1,
      lastCheckAt: lastCheckAt === null ? null : iso(lastCheckAt),
      lastLatencyMs: live?.lastResult ? live.lastResult.latencyMs : r.last_latency_ms,
      lastMessage: live?.lastResult?.message ?? r.last_message,
      metrics,
    };
  }
}
