import type { Kysely } from 'kysely';
import { autoId } from './auto-id.ts';

// Migrations use only types both SQLite and PostgreSQL understand, so one migration serves both.
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = autoId(db);
  await db.schema
    .createTable('tenants')
    .addColumn('id', 'integer', id)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('retention_days', 'integer')
    .addColumn('retention_bytes', 'bigint')
    .execute();

  await db.schema
    .createTable('devices')
    .addColumn('id', 'integer', id)
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('vendor', 'text')
    .addColumn('product', 'text')
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('hostname', 'text')
    .addColumn('criticality', 'integer', (c) => c.notNull())
    .addColumn('expected_interval_seconds', 'integer')
    .addColumn('last_seen_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('devices_tenant_name', ['tenant_id', 'name'])
    .execute();
  await db.schema.createIndex('devices_hostname').on('devices').column('hostname').execute();

  await db.schema
    .createTable('device_addresses')
    .addColumn('address', 'text', (c) => c.primaryKey())
    .addColumn('device_id', 'integer', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'integer', (c) => c.references('tenants.id').onDelete('cascade'))
    .addColumn('device_id', 'integer', (c) => c.references('devices.id').onDelete('cascade'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();

  await db.schema
    .createTable('unassigned_sources')
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('hostname', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('message_count', 'bigint', (c) => c.notNull())
    .addColumn('assigned_device_id', 'integer')
    .addPrimaryKeyConstraint('unassigned_sources_pk', ['sender', 'hostname'])
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'integer', id)
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('device_id', 'integer', (c) => c.references('devices.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('occurrences', 'integer', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint')
    .execute();
  await db.schema.createIndex('alerts_tenant_status').on('alerts').columns(['tenant_id', 'status']).execute();

  await db.schema
    .createTable('retention_runs')
    .addColumn('id', 'integer', id)
    .addColumn('tenant_id', 'integer', (c) => c.notNull())
    .addColumn('ran_at', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('removed_batches', 'integer', (c) => c.notNull())
    .addColumn('removed_events', 'bigint', (c) => c.notNull())
    .addColumn('removed_bytes', 'bigint', (c) => c.notNull())
    .addColumn('oldest_kept_at', 'bigint')
    .execute();

  await db.schema
    .createTable('deletion_certificates')
    .addColumn('id', 'integer', id)
    .addColumn('tenant_slug', 'text', (c) => c.notNull())
    .addColumn('tenant_name', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint', (c) => c.notNull())
    .addColumn('certificate', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'deletion_certificates',
    'retention_runs',
    'alerts',
    'unassigned_sources',
    'api_tokens',
    'device_addresses',
    'devices',
    'tenants',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
