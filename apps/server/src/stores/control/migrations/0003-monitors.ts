import type { Kysely } from 'kysely';
import { autoId } from './auto-id.ts';

/**
 * Availability monitoring (MON-1..4): monitor definitions with their last known state, the state history,
 * and two compact series — response times per 5-minute bucket and resource metrics per hour — each one
 * upserted row per monitor and bucket, so thousands of monitors do not mean a row per check.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('monitors')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('device_id', 'integer', (c) => c.references('devices.id').onDelete('set null'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('interval_s', 'integer', (c) => c.notNull())
    .addColumn('timeout_ms', 'integer', (c) => c.notNull())
    .addColumn('retries', 'integer', (c) => c.notNull())
    .addColumn('flap_threshold', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('maintenance', 'text', (c) => c.notNull())
    .addColumn('depends_on', 'text', (c) => c.notNull())
    .addColumn('push_token', 'text', (c) => c.unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    // Runtime: written in batches by the runner, read back on start.
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('state_since', 'bigint', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('flapping', 'integer', (c) => c.notNull())
    .addColumn('open_alert_id', 'integer')
    .addColumn('last_check_at', 'bigint')
    .addColumn('last_latency_ms', 'double precision')
    .addColumn('last_message', 'text')
    .addColumn('last_metrics', 'text')
    .addUniqueConstraint('monitors_tenant_name', ['tenant_id', 'name'])
    .execute();

  await db.schema
    .createTable('monitor_states')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('monitor_id', 'integer', (c) => c.notNull().references('monitors.id').onDelete('cascade'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('flapping', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('monitor_states_monitor_at').on('monitor_states').columns(['monitor_id', 'at']).execute();

  await db.schema
    .createTable('monitor_latency')
    .addColumn('monitor_id', 'integer', (c) => c.notNull().references('monitors.id').onDelete('cascade'))
    .addColumn('bucket', 'bigint', (c) => c.notNull())
    .addColumn('checks', 'integer', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('sum_ms', 'double precision', (c) => c.notNull())
    .addColumn('max_ms', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('monitor_latency_pk', ['monitor_id', 'bucket'])
    .execute();

  await db.schema
    .createTable('monitor_metrics')
    .addColumn('monitor_id', 'integer', (c) => c.notNull().references('monitors.id').onDelete('cascade'))
    .addColumn('bucket', 'bigint', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('samples', 'integer', (c) => c.notNull())
    .addColumn('sum', 'double precision', (c) => c.notNull())
    .addColumn('max', 'double precision', (c) => c.notNull())
    .addColumn('last', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('monitor_metrics_pk', ['monitor_id', 'bucket', 'name'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['monitor_metrics', 'monitor_latency', 'monitor_states', 'monitors']) await db.schema.dropTable(t).execute();
}
