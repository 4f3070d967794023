import type { Insertable, Selectable } from 'kysely';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { NotificationContactTable, NotificationDeliveryTable, NotificationTable } from '../../stores/control/control-schema.ts';
import { DEFAULT_POLICY, type NotificationPolicy } from './routing.ts';
import { asSeverity, type Contact, type Lang, type NotificationFields } from './notification-types.ts';

export type ContactRow = Selectable<NotificationContactTable>;
export type NotificationRow = Selectable<NotificationTable>;
export type DeliveryRow = Selectable<NotificationDeliveryTable>;

/** Title and fields per language: a draft carries both, each contact reads its own. */
export type LocalisedContent = Record<Lang, { title: string; fields: NotificationFields }>;

export function contactOf(r: ContactRow): Contact {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    name: r.name,
    lang: r.lang === 'en' ? 'en' : 'ja',
    email: r.email,
    webhookUrl: r.webhook_url,
    webhookSecret: r.webhook_secret,
    slackUrl: r.slack_url,
    teamsUrl: r.teams_url,
    reachability: r.reachability === 'business_hours' ? 'business_hours' : '24h',
    minSeverity: asSeverity(r.min_severity),
  };
}

export function contentOf(r: NotificationRow): LocalisedContent {
  return JSON.parse(r.fields) as LocalisedContent;
}

export class NotificationsRepository {
  constructor(readonly db: ControlDb) {}

  contacts(tenantId: number): Promise<ContactRow[]> {
    return this.db.selectFrom('notification_contacts').selectAll().where('tenant_id', '=', tenantId).orderBy('id').execute();
  }

  contact(tenantId: number, id: number): Promise<ContactRow | undefined> {
    return this.db.selectFrom('notification_contacts').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }

  contactById(id: number): Promise<ContactRow | undefined> {
    return this.db.selectFrom('notification_contacts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async policy(tenantId: number): Promise<NotificationPolicy> {
    const row = await this.db.selectFrom('notification_policies').select('policy').where('tenant_id', '=', tenantId).executeTakeFirst();
    return row ? { ...DEFAULT_POLICY, ...(JSON.parse(row.policy) as Partial<NotificationPolicy>) } : DEFAULT_POLICY;
  }

  async savePolicy(tenantId: number, policy: NotificationPolicy, now: number): Promise<void> {
    await this.db
      .insertInto('notification_policies')
      .values({ tenant_id: tenantId, policy: JSON.stringify(policy), updated_at: now })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ policy: JSON.stringify(policy), updated_at: now }))
      .execute();
  }

  notification(tenantId: number, id: number): Promise<NotificationRow | undefined> {
    return this.db.selectFrom('notifications').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }

  notificationById(id: number): Promise<NotificationRow | undefined> {
    return this.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
  }

  notifications(tenantId: number, sentOnly: boolean, limit: number): Promise<NotificationRow[]> {
    let q = this.db.selectFrom('notifications').selectAll().where('tenant_id', '=', tenantId);
    if (sentOnly) q = q.where('status', '=', 'sent');
    return q.orderBy('id', 'desc').limit(limit).execute();
  }

  deliveries(notificationIds: readonly number[]): Promise<DeliveryRow[]> {
    if (notificationIds.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('notification_deliveries').selectAll().where('notification_id', 'in', notificationIds).orderBy('id').execute();
  }

  async insertDeliveries(rows: Array<Insertable<NotificationDeliveryTable>>): Promise<void> {
    if (rows.length > 0) await this.db.insertInto('notification_deliveries').values(rows).execute();
  }

  /** Deliveries whose time has come, oldest first. */
  due(status: 'queued' | 'digest', now: number, limit: number): Promise<DeliveryRow[]> {
    return this.db
      .selectFrom('notification_deliveries')
      .selectAll()
      .where('status', '=', status)
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  async markSent(ids: readonly number[], attempts: number, now: number): Promise<void> {
    await this.db.updateTable('notification_deliveries').set({ status: 'sent', attempts, sent_at: now, next_attempt_at: null, last_error: null }).where('id', 'in', ids).execute();
  }

  async markRetry(ids: readonly number[], attempts: number, nextAt: number, error: string): Promise<void> {
    await this.db.updateTable('notification_deliveries').set({ attempts, next_attempt_at: nextAt, last_error: error }).where('id', 'in', ids).execute();
  }

  async markFailed(ids: readonly number[], attempts: number, error: string, alertId: number): Promise<void> {
    await this.db
      .updateTable('notification_deliveries')
      .set({ status: 'failed', attempts, next_attempt_at: null, last_error: error, failure_alert_id: alertId })
      .where('id', 'in', ids)
      .execute();
  }
}
