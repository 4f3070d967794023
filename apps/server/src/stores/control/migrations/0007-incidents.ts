import type { Kysely } from 'kysely';
import { autoId } from './auto-id.ts';

/**
 * Contracts (TEN-2), incidents with playbook tasks, timeline, observables, linked alerts/events, assets and
 * evidence (INC-1..3), provider-edited playbooks (INC-2) and SLA clocks with their warnings and breaches (INC-4).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = autoId(db);
  const tenantRef = (table: string) =>
    db.schema.createTable(table).addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'));

  await db.schema
    .createTable('contracts')
    .addColumn('tenant_id', 'integer', (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    .addColumn('contract', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('playbooks')
    .addColumn('type', 'text', (c) => c.primaryKey())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('incidents')
    .addColumn('id', 'integer', id)
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('assignee', 'text')
    .addColumn('impact', 'text')
    .addColumn('root_cause', 'text')
    .addColumn('lessons_learned', 'text')
    .addColumn('detected_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .execute();
  await db.schema.createIndex('incidents_tenant').on('incidents').columns(['tenant_id', 'status', 'id']).execute();

  await tenantRef('incident_timeline')
    .addColumn('id', 'integer', id)
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    // transition | created | task | alert | evidence | note | update
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('details', 'text')
    .execute();
  await db.schema.createIndex('incident_timeline_incident').on('incident_timeline').columns(['incident_id', 'at']).execute();

  await tenantRef('incident_tasks')
    .addColumn('id', 'integer', id)
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title_ja', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('detail_ja', 'text', (c) => c.notNull())
    .addColumn('detail_en', 'text', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('done_at', 'bigint')
    .addColumn('done_by', 'text')
    .addColumn('assignee', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('incident_tasks_incident').on('incident_tasks').columns(['incident_id', 'position']).execute();

  await tenantRef('incident_observables')
    .addColumn('id', 'integer', id)
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('role', 'text')
    .execute();
  await db.schema.createIndex('incident_observables_incident').on('incident_observables').columns(['incident_id', 'type', 'value']).execute();
  await db.schema.createIndex('incident_observables_value').on('incident_observables').columns(['tenant_id', 'value']).execute();

  await tenantRef('incident_alerts')
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('alert_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_alerts_pk', ['incident_id', 'alert_id'])
    .execute();
  await db.schema.createIndex('incident_alerts_alert').on('incident_alerts').columns(['alert_id']).execute();

  await tenantRef('incident_events')
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    // "batchId:seq" as alerts carry them, or a batch id alone
    .addColumn('ref', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_events_pk', ['incident_id', 'ref'])
    .execute();

  await tenantRef('incident_assets')
    .addColumn('id', 'integer', id)
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('device_id', 'integer')
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();

  await tenantRef('incident_evidence')
    .addColumn('id', 'integer', id)
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('stored_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'bigint', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .execute();

  await tenantRef('sla_clocks')
    .addColumn('id', 'integer', id)
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    // notify (detection→notification) | ack (notification→acknowledgement) | close (detection→closed)
    .addColumn('clock', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('target_minutes', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('stopped_at', 'bigint')
    .addColumn('elapsed_minutes', 'integer')
    .addColumn('breached_at', 'bigint')
    // how many steps of the escalation ladder have been raised
    .addColumn('warned_steps', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sla_clocks_subject').on('sla_clocks').columns(['subject_kind', 'subject_id', 'clock']).unique().execute();
  await db.schema.createIndex('sla_clocks_running').on('sla_clocks').columns(['stopped_at', 'due_at']).execute();
  await db.schema.createIndex('sla_clocks_tenant').on('sla_clocks').columns(['tenant_id', 'started_at']).execute();

  await tenantRef('sla_events')
    .addColumn('id', 'integer', id)
    .addColumn('clock_id', 'integer', (c) => c.notNull().references('sla_clocks.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('percent', 'integer', (c) => c.notNull())
    .addColumn('escalate_to', 'text', (c) => c.notNull())
    .addColumn('alert_id', 'integer')
    .execute();
  await db.schema.createIndex('sla_events_tenant').on('sla_events').columns(['tenant_id', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'sla_events',
    'sla_clocks',
    'incident_evidence',
    'incident_assets',
    'incident_events',
    'incident_alerts',
    'incident_observables',
    'incident_tasks',
    'incident_timeline',
    'incidents',
    'playbooks',
    'contracts',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
