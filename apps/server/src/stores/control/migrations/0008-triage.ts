import { sql, type Kysely } from 'kysely';
import { autoId } from './auto-id.ts';

/**
 * Tier-1 triage (ALR-2..6): workflow, priority and enrichment columns on alerts with indexes for keyset
 * paging of the queue, per-tenant triage criteria, history and comments per alert, saved queue views,
 * anomaly type definitions and each alert's anomaly triage state (ALR-5).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = autoId(db);
  await db.schema.alterTable('alerts').addColumn('triage_status', 'text', (c) => c.notNull().defaultTo('new')).execute();
  await db.schema.alterTable('alerts').addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  for (const [name, type] of [
    ['priority_band', 'text'],
    ['priority_reasons', 'text'],
    ['assignee', 'text'],
    ['verdict', 'text'],
    ['duplicate_of', 'integer'],
    ['enrichment', 'text'],
    // null until the intake job scored and enriched the alert
    ['intake_at', 'bigint'],
    ['updated_at', 'bigint'],
  ] as const) {
    await db.schema.alterTable('alerts').addColumn(name, type).execute();
  }
  // Keyset paging: every sort order has an index ending in id, per tenant and across tenants (provider queue).
  await db.schema.createIndex('alerts_q_tenant_priority').on('alerts').columns(['tenant_id', 'priority', 'id']).execute();
  await db.schema.createIndex('alerts_q_tenant_status_priority').on('alerts').columns(['tenant_id', 'triage_status', 'priority', 'id']).execute();
  // Covers the console's counts by status and band without touching the rows.
  await db.schema.createIndex('alerts_q_tenant_counts').on('alerts').columns(['tenant_id', 'triage_status', 'priority_band']).execute();
  await db.schema.createIndex('alerts_q_tenant_last_seen').on('alerts').columns(['tenant_id', 'last_seen_at', 'id']).execute();
  await db.schema.createIndex('alerts_q_priority').on('alerts').columns(['priority', 'id']).execute();
  await db.schema.createIndex('alerts_q_status_priority').on('alerts').columns(['triage_status', 'priority', 'id']).execute();
  await db.schema.createIndex('alerts_q_last_seen').on('alerts').columns(['last_seen_at', 'id']).execute();
  await db.schema.createIndex('alerts_q_tenant_source').on('alerts').columns(['tenant_id', 'source_observable']).execute();
  await db.schema.createIndex('alerts_q_tenant_target').on('alerts').columns(['tenant_id', 'target_observable']).execute();
  await db.schema.createIndex('alerts_q_intake').on('alerts').column('id').where(sql.ref('intake_at'), 'is', null).execute();

  await db.schema
    .createTable('triage_criteria')
    .addColumn('tenant_id', 'integer', (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('alert_history')
    .addColumn('id', 'integer', id)
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('alert_id', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alert_history_alert').on('alert_history').columns(['alert_id', 'id']).execute();

  await db.schema
    .createTable('alert_comments')
    .addColumn('id', 'integer', id)
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('alert_id', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alert_comments_alert').on('alert_comments').columns(['alert_id', 'id']).execute();

  await db.schema
    .createTable('alert_views')
    .addColumn('id', 'integer', id)
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('filters', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alert_views_owner').on('alert_views').column('owner').execute();

  await db.schema
    .createTable('anomaly_types')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('alert_triage')
    .addColumn('alert_id', 'integer', (c) => c.primaryKey())
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('anomaly_type', 'text')
    .addColumn('checklist', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('note', 'text')
    .addColumn('watch_until', 'bigint')
    .addColumn('reminder_alert_id', 'integer')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alert_triage_watch').on('alert_triage').columns(['watch_until']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['alert_triage', 'anomaly_types', 'alert_views', 'alert_comments', 'alert_history', 'triage_criteria']) {
    await db.schema.dropTable(t).execute();
  }
  for (const i of [
    'alerts_q_tenant_priority',
    'alerts_q_tenant_status_priority',
    'alerts_q_tenant_counts',
    'alerts_q_tenant_last_seen',
    'alerts_q_priority',
    'alerts_q_status_priority',
    'alerts_q_last_seen',
    'alerts_q_tenant_source',
    'alerts_q_tenant_target',
    'alerts_q_intake',
  ]) {
    await db.schema.dropIndex(i).execute();
  }
  for (const c of ['triage_status', 'priority', 'priority_band', 'priority_reasons', 'assignee', 'verdict', 'duplicate_of', 'enrichment', 'intake_at', 'updated_at']) {
    await db.schema.alterTable('alerts').dropColumn(c).execute();
  }
}
