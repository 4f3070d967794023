import type { Kysely } from 'kysely';
import { autoId } from './auto-id.ts';

/**
 * Detection (DET-2..5, ALR-1): stored Sigma rules, per-tenant rule settings, suppressions, indicators, a record
 * of tuning changes, daily hit counts for the tuning report, and the rule/observable columns of alerts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = autoId(db);
  await db.schema
    .createTable('detection_rules')
    .addColumn('id', 'integer', id)
    // null: the provider's library, offered to every tenant; else a rule of that tenant only.
    .addColumn('tenant_id', 'integer', (c) => c.references('tenants.id').onDelete('cascade'))
    .addColumn('rule_uid', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('level', 'text')
    .addColumn('author', 'text')
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by_token', 'integer')
    .execute();
  await db.schema.createIndex('detection_rules_uid').on('detection_rules').columns(['rule_uid', 'tenant_id']).execute();

  await db.schema
    .createTable('detection_rule_settings')
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('rule_uid', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer')
    .addColumn('params', 'text')
    .addColumn('reason', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by_token', 'integer')
    .addPrimaryKeyConstraint('detection_rule_settings_pk', ['tenant_id', 'rule_uid'])
    .execute();

  await db.schema
    .createTable('suppressions')
    .addColumn('id', 'integer', id)
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('rule_uid', 'text')
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    // active | requested (a customer asked; staff decide) | rejected
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('requested_by', 'text')
    .addColumn('created_by_token', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('removed_at', 'bigint')
    .execute();
  await db.schema.createIndex('suppressions_tenant').on('suppressions').column('tenant_id').execute();

  await db.schema
    .createTable('indicators')
    .addColumn('id', 'integer', id)
    // null: a provider-wide indicator, matched for every tenant.
    .addColumn('tenant_id', 'integer', (c) => c.references('tenants.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_by_token', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .execute();
  await db.schema.createIndex('indicators_tenant').on('indicators').columns(['tenant_id', 'type']).execute();

  await db.schema
    .createTable('detection_audit')
    .addColumn('id', 'integer', id)
    .addColumn('tenant_id', 'integer', (c) => c.references('tenants.id').onDelete('cascade'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('token_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('detection_audit_tenant').on('detection_audit').columns(['tenant_id', 'at']).execute();

  await db.schema
    .createTable('detection_hits')
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('rule_uid', 'text', (c) => c.notNull())
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('hits', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('detection_hits_pk', ['tenant_id', 'rule_uid', 'day'])
    .execute();

  for (const [name, type] of [
    ['rule_id', 'text'],
    ['rule_title', 'text'],
    ['rule_level', 'text'],
    ['rule_author', 'text'],
    ['rule_tags', 'text'],
    ['event_ids', 'text'],
    ['source_observable', 'text'],
    ['target_observable', 'text'],
    ['group_key', 'text'],
  ] as const) {
    await db.schema.alterTable('alerts').addColumn(name, type).execute();
  }
  await db.schema.createIndex('alerts_tenant_group').on('alerts').columns(['tenant_id', 'group_key', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('alerts_tenant_group').execute();
  for (const c of ['rule_id', 'rule_title', 'rule_level', 'rule_author', 'rule_tags', 'event_ids', 'source_observable', 'target_observable', 'group_key']) {
    await db.schema.alterTable('alerts').dropColumn(c).execute();
  }
  for (const t of ['detection_hits', 'detection_audit', 'indicators', 'suppressions', 'detection_rule_settings', 'detection_rules']) {
    await db.schema.dropTable(t).execute();
  }
}
