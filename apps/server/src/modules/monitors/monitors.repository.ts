import type { Insertable, Selectable, Updateable } from 'kysely';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { MonitorTable } from '../../stores/control/control-schema.ts';
import type { StateChange } from './uptime.ts';
import type { MonitorState } from './monitor-types.ts';

export type MonitorRow = Selectable<MonitorTable>;

/** What a monitor needs from its device: identity for probes, criticality for alert severity. */
export interface MonitorDevice {
  id: number;
  name: string;
  kind: string;
  vendor: string | null;
  criticality: number;
  expectedIntervalSeconds: number | null;
}

export class MonitorsRepository {
  constructor(readonly db: ControlDb) {}

  insert(row: Insertable<MonitorTable>): Promise<MonitorRow> {
    return this.db.insertInto('monitors').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async update(id: number, tenantId: number, patch: Updateable<MonitorTable>): Promise<void> {
    await this.db.updateTable('monitors').set(patch).where('id', '=', id).where('tenant_id', '=', tenantId).execute();
  }

  async delete(id: number, tenantId: number): Promise<void> {
    await this.db.deleteFrom('monitors').where('id', '=', id).where('tenant_id', '=', tenantId).execute();
  }

  list(tenantId: number): Promise<MonitorRow[]> {
    return this.db.selectFrom('monitors').selectAll().where('tenant_id', '=', tenantId).orderBy('name').execute();
  }

  all(): Promise<MonitorRow[]> {
    return this.db.selectFrom('monitors').selectAll().execute();
  }

  async ids(): Promise<number[]> {
    return (await this.db.selectFrom('monitors').select('id').execute()).map((r) => r.id);
  }

  byName(tenantId: number, name: string): Promise<MonitorRow | undefined> {
    return this.db.selectFrom('monitors').selectAll().where('tenant_id', '=', tenantId).where('name', '=', name).executeTakeFirst();
  }

  byId(id: number): Promise<MonitorRow | undefined> {
    return this.db.selectFrom('monitors').selectAll().where('id', '=', id).executeTakeFirst();
  }

  byDevice(tenantId: number, deviceId: number): Promise<MonitorRow[]> {
    return this.db.selectFrom('monitors').selectAll().where('tenant_id', '=', tenantId).where('device_id', '=', deviceId).execute();
  }

  async device(deviceId: number): Promise<MonitorDevice | undefined> {
    const d = await this.db
      .selectFrom('devices')
      .select(['id', 'name', 'kind', 'vendor', 'criticality', 'expected_interval_seconds'])
      .where('id', '=', deviceId)
      .executeTakeFirst();
    return d && { id: d.id, name: d.name, kind: d.kind, vendor: d.vendor, criticality: d.criticality, expectedIntervalSeconds: d.expected_interval_seconds };
  }

  async deviceLastSeen(deviceId: number): Promise<number | null> {
    const d = await this.db.selectFrom('devices').select('last_seen_at').where('id', '=', deviceId).executeTakeFirst();
    return d?.last_seen_at == null ? null : Number(d.last_seen_at);
  }

  async stateChanges(monitorId: number, from: number, to: number, limit: number) {
    const rows = await this.db
      .selectFrom('monitor_states')
      .select(['at', 'state', 'message', 'flapping'])
      .where('monitor_id', '=', monitorId)
      .where('at', '>=', from)
      .where('at', '<', to)
      .orderBy('at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ at: Number(r.at), state: r.state, message: r.message, flapping: r.flapping === 1 }));
  }

  /** The state changes needed to account for [from, to): the last one before `from`, then all inside. */
  async changesForUptime(monitorId: number, from: number, to: number): Promise<StateChange[]> {
    const before = await this.db
      .selectFrom('monitor_states')
      .select(['at', 'state'])
      .where('monitor_id', '=', monitorId)
      .where('at', '<', from)
      .orderBy('at', 'desc')
      .limit(1)
      .execute();
    const inside = await this.db
      .selectFrom('monitor_states')
      .select(['at', 'state'])
      .where('monitor_id', '=', monitorId)
      .where('at', '>=', from)
      .where('at', '<', to)
      .orderBy('at')
      .execute();
    return [...before, ...inside].map((r) => ({ at: Number(r.at), state: r.state as MonitorState }));
  }

  async latency(monitorId: number, from: number, to: number, limit: number) {
    const rows = await this.db
      .selectFrom('monitor_latency')
      .selectAll()
      .where('monitor_id', '=', monitorId)
      .where('bucket', '>=', from)
      .where('bucket', '<', to)
      .orderBy('bucket')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ bucket: Number(r.bucket), checks: r.checks, failures: r.failures, sumMs: r.sum_ms, maxMs: r.max_ms }));
  }

  async metrics(monitorIds: number[], from: number, to: number, limit: number) {
    if (monitorIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('monitor_metrics')
      .selectAll()
      .where('monitor_id', 'in', monitorIds)
      .where('bucket', '>=', from)
      .where('bucket', '<', to)
      .orderBy('bucket')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ monitorId: r.monitor_id, bucket: Number(r.bucket), name: r.name, samples: r.samples, sum: r.sum, max: r.max, last: r.last }));
  }

  /** Drops series rows past their retention; the state history is kept longer for monthly uptime. */
  async prune(now: number, retention: { latencyMs: number; metricsMs: number; statesMs: number }): Promise<void> {
    await this.db.deleteFrom('monitor_latency').where('bucket', '<', now - retention.latencyMs).execute();
    await this.db.deleteFrom('monitor_metrics').where('bucket', '<', now - retention.metricsMs).execute();
    await this.db.deleteFrom('monitor_states').where('at', '<', now - retention.statesMs).execute();
  }
}
