import type { Kysely } from 'kysely';
import { autoId } from './auto-id.ts';

/**
 * Customer notifications (NTF-1..3) and the inquiry desk (NTF-4): contacts and the routing policy per tenant,
 * notifications with their five guideline fields, one delivery row per notification, contact and channel
 * (the retry job's queue and the delivery log), and customer inquiries with their threaded messages.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = autoId(db);
  const tenant = (c: Parameters<ReturnType<typeof autoId>>[0]) => c.notNull().references('tenants.id').onDelete('cascade');

  await db.schema
    .createTable('notification_contacts')
    .addColumn('id', 'integer', id)
    .addColumn('tenant_id', 'integer', tenant)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('webhook_url', 'text')
    .addColumn('webhook_secret', 'text')
    .addColumn('slack_url', 'text')
    .addColumn('teams_url', 'text')
    .addColumn('reachability', 'text', (c) => c.notNull())
    .addColumn('min_severity', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('notification_contacts_tenant_name', ['tenant_id', 'name'])
    .execute();

  await db.schema
    .createTable('notification_policies')
    .addColumn('tenant_id', 'integer', (c) => c.primaryKey().references('tenants.id').onDelete('cascade'))
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'integer', id)
    .addColumn('tenant_id', 'integer', tenant)
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    .addColumn('alert_ids', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .execute();
  await db.schema.createIndex('notifications_tenant_id').on('notifications').columns(['tenant_id', 'id']).execute();
  await db.schema.createIndex('notifications_subject').on('notifications').columns(['tenant_id', 'subject_kind', 'subject_id']).execute();

  await db.schema
    .createTable('notification_deliveries')
    .addColumn('id', 'integer', id)
    .addColumn('notification_id', 'integer', (c) => c.notNull().references('notifications.id').onDelete('cascade'))
    .addColumn('tenant_id', 'integer', tenant)
    .addColumn('contact_id', 'integer', (c) => c.references('notification_contacts.id').onDelete('set null'))
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    // queued | digest (waits for the digest time) | sent | failed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'bigint')
    .addColumn('failure_alert_id', 'integer')
    .execute();
  await db.schema.createIndex('notification_deliveries_due').on('notification_deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('notification_deliveries_notification').on('notification_deliveries').column('notification_id').execute();

  await db.schema
    .createTable('inquiries')
    .addColumn('id', 'integer', id)
    .addColumn('tenant_id', 'integer', tenant)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('notification_id', 'integer', (c) => c.references('notifications.id').onDelete('set null'))
    .addColumn('incident_id', 'integer')
    .addColumn('rule_uid', 'text')
    .addColumn('assignee', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    // what an approved request changed, e.g. `suppression:12`
    .addColumn('tuning_ref', 'text')
    .execute();
  await db.schema.createIndex('inquiries_tenant_status').on('inquiries').columns(['tenant_id', 'status', 'id']).execute();
  await db.schema.createIndex('inquiries_status').on('inquiries').columns(['status', 'id']).execute();

  await db.schema
    .createTable('inquiry_messages')
    .addColumn('id', 'integer', id)
    .addColumn('inquiry_id', 'integer', (c) => c.notNull().references('inquiries.id').onDelete('cascade'))
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inquiry_messages_inquiry').on('inquiry_messages').columns(['inquiry_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['inquiry_messages', 'inquiries', 'notification_deliveries', 'notifications', 'notification_policies', 'notification_contacts']) {
    await db.schema.dropTable(t).execute();
  }
}
