import { ConflictError, InputError, NotFoundError } from '../../errors.ts';
import type { Principal } from '../../http/principal.ts';
import type { TenantRow } from '../tenants/tenants.repository.ts';
import { draftNotification, type DraftAlert, type DraftIncident } from './draft.ts';
import type { DeliveryWorker } from './delivery-worker.ts';
import { contactOf, contentOf, type DeliveryRow, type LocalisedContent, type NotificationRow, type NotificationsRepository } from './notifications.repository.ts';
import type { NotificationView, UpdateBody } from './notifications.schemas.ts';
import { asSeverity, contactChannels, LANGS, type ChannelKind, type Lang, type NotificationContent } from './notification-types.ts';
import { renderNotification, type EmailMessage } from './render.ts';
import { routeFor, type BusinessHours } from './routing.ts';

export interface Preview {
  channel: ChannelKind;
  lang: Lang;
  email?: EmailMessage;
  json?: unknown;
  body?: string;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

export interface NotificationsServiceOptions {
  now: () => number;
  businessHours: BusinessHours;
  /** Base URL of the customer portal; links in messages point there. */
  portalUrl: string | undefined;
}

export function contentFor(row: NotificationRow, tenantSlug: string, lang: Lang, portalUrl: string | undefined): NotificationContent {
  const c = contentOf(row)[lang];
  return {
    id: row.id,
    tenant: tenantSlug,
    lang,
    severity: asSeverity(row.severity),
    title: c.title,
    fields: c.fields,
    portalUrl: portalUrl ? `${portalUrl.replace(/\/$/, '')}/tenants/${encodeURIComponent(tenantSlug)}/notifications/${row.id}` : undefined,
  };
}

/** Drafts from alerts or incidents, the analyst's edits, previews and the hand-over to delivery (NTF-1/2). */
export class NotificationsService {
  constructor(
    private readonly repo: NotificationsRepository,
    private readonly worker: DeliveryWorker,
    private readonly opts: NotificationsServiceOptions,
  ) {}

  async draft(p: Principal, tenant: TenantRow, input: { alertIds?: number[] | undefined; incidentId?: number | undefined; lang: Lang }): Promise<NotificationView> {
    const db = this.repo.db;
    let incident: DraftIncident | undefined;
    let alertIds = input.alertIds ?? [];
    if (input.incidentId !== undefined) {
      incident = await db.selectFrom('incidents').select(['id', 'title', 'severity', 'summary']).where('tenant_id', '=', tenant.id).where('id', '=', input.incidentId).executeTakeFirst();
      if (!incident) throw new NotFoundError(`no incident ${input.incidentId}`);
      const linked = await db.selectFrom('incident_alerts').select('alert_id').where('tenant_id', '=', tenant.id).where('incident_id', '=', incident.id).execute();
      alertIds = [...new Set([...alertIds, ...linked.map((l) => l.alert_id)])];
    }
    const alerts: DraftAlert[] =
      alertIds.length === 0
        ? []
        : await db
            .selectFrom('alerts')
            .select(['id', 'kind', 'severity', 'title', 'details', 'first_seen_at', 'last_seen_at', 'occurrences', 'rule_id', 'rule_title', 'rule_tags', 'source_observable', 'target_observable'])
            .where('tenant_id', '=', tenant.id)
            .where('id', 'in', alertIds)
            .orderBy('id')
            .execute();
    // Another tenant's alert id is as unknown as a missing one.
    if (alerts.length !== alertIds.length) throw new NotFoundError('one or more alerts do not exist');
    const ja = draftNotification(alerts, 'ja', incident);
    const en = draftNotification(alerts, 'en', incident);
    const content: LocalisedContent = { ja: { title: ja.title, fields: ja.fields }, en: { title: en.title, fields: en.fields } };
    const now = this.opts.now();
    const row = await db
      .insertInto('notifications')
      .values({
        tenant_id: tenant.id,
        subject_kind: incident ? 'incident' : 'alert',
        subject_id: incident ? incident.id : alerts[0]!.id,
        alert_ids: JSON.stringify(alerts.map((a) => a.id)),
        lang: input.lang,
        severity: ja.severity,
        title: content[input.lang].title,
        fields: JSON.stringify(content),
        status: 'draft',
        created_by: p.actor,
        created_at: now,
        updated_at: now,
        sent_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return this.view(tenant, row, []);
  }

  async list(p: Principal, tenant: TenantRow, limit: number): Promise<NotificationView[]> {
    const rows = await this.repo.notifications(tenant.id, p.party === 'customer', limit);
    const deliveries = await this.repo.deliveries(rows.map((r) => r.id));
    return rows.map((r) => this.view(tenant, r, deliveries.filter((d) => d.notification_id === r.id)));
  }

  async get(p: Principal, tenant: TenantRow, id: number): Promise<NotificationView> {
    const row = await this.visible(p, tenant, id);
    return this.view(tenant, row, await this.repo.deliveries([row.id]));
  }

  async update(tenant: TenantRow, id: number, body: UpdateBody): Promise<{ before: NotificationView; after: NotificationView }> {
    const row = await this.repo.notification(tenant.id, id);
    if (!row) throw new NotFoundError(`no notification ${id}`);
    if (row.status !== 'draft') throw new ConflictError('a sent notification cannot be edited; draft a new one');
    const lang = body.lang ?? (row.lang as Lang);
    const content = contentOf(row);
    content[lang] = { title: body.title ?? content[lang].title, fields: { ...content[lang].fields, ...body.fields } };
    const updated = await this.repo.db
      .updateTable('notifications')
      .set({ fields: JSON.stringify(content), title: content[row.lang as Lang].title, severity: body.severity ?? row.severity, updated_at: this.opts.now() })
      .where('id', '=', id)
      .where('tenant_id', '=', tenant.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { before: this.view(tenant, row, []), after: this.view(tenant, updated, []) };
  }

  async preview(p: Principal, tenant: TenantRow, id: number, channel: ChannelKind, lang: Lang | undefined): Promise<Preview> {
    const row = await this.visible(p, tenant, id);
    const chosen = lang ?? (row.lang as Lang);
    const rendered = renderNotification(contentFor(row, tenant.slug, chosen, this.opts.portalUrl), channel);
    if (rendered.channel === 'email') return { channel, lang: chosen, email: rendered.email };
    return { channel, lang: chosen, json: rendered.json, body: JSON.stringify(rendered.json) };
  }

  /**
   * Routes the notification to every contact and channel (now, at the digest time, or when a business-hours
   * contact can next be reached) and makes the first attempt of what is due now before answering.
   */
  async send(tenant: TenantRow, id: number): Promise<{ before: NotificationView; after: NotificationView }> {
    const row = await this.repo.notification(tenant.id, id);
    if (!row) throw new NotFoundError(`no notification ${id}`);
    if (row.status !== 'draft') throw new ConflictError('this notification was already sent');
    const contacts = (await this.repo.contacts(tenant.id)).map(contactOf);
    if (contacts.length === 0) throw new InputError('the tenant has no contacts to notify');
    const policy = await this.repo.policy(tenant.id);
    const now = this.opts.now();
    const isOpen = (at: number) => this.opts.businessHours(tenant.id, at);
    const rows = [];
    for (const contact of contacts) {
      const route = await routeFor(contact, asSeverity(row.severity), policy, now, isOpen);
      if (route.kind === 'skip') continue;
      for (const channel of contactChannels(contact)) {
        rows.push({
          notification_id: row.id,
          tenant_id: tenant.id,
          contact_id: contact.id,
          contact_name: contact.name,
          channel,
          status: route.kind === 'digest' ? 'digest' : 'queued',
          attempts: 0,
          next_attempt_at: route.at,
          last_error: null,
          created_at: now,
          sent_at: null,
          failure_alert_id: null,
        });
      }
    }
    const claimed = await this.repo.db.updateTable('notifications').set({ status: 'sent', sent_at: now, updated_at: now }).where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) throw new ConflictError('this notification was already sent');
    await this.repo.insertDeliveries(rows);
    await this.worker.runDue();
    const after = (await this.repo.notification(tenant.id, id))!;
    return { before: this.view(tenant, row, []), after: this.view(tenant, after, await this.repo.deliveries([id])) };
  }

  /** Customers see only what was sent to them; drafts are the SOC's working copies. */
  private async visible(p: Principal, tenant: TenantRow, id: number): Promise<NotificationRow> {
    const row = await this.repo.notification(tenant.id, id);
    if (!row || (p.party === 'customer' && row.status !== 'sent')) throw new NotFoundError(`no notification ${id}`);
    return row;
  }

  private view(tenant: TenantRow, r: NotificationRow, deliveries: DeliveryRow[]): NotificationView {
    const content = contentOf(r);
    return {
      id: r.id,
      tenant: tenant.slug,
      subject: { kind: r.subject_kind, id: r.subject_id },
      alertIds: JSON.parse(r.alert_ids) as number[],
      lang: LANGS.includes(r.lang as Lang) ? (r.lang as Lang) : 'ja',
      severity: r.severity,
      title: r.title,
      content,
      status: r.status,
      createdBy: r.created_by,
      createdAt: iso(r.created_at)!,
      updatedAt: iso(r.updated_at)!,
      sentAt: iso(r.sent_at),
      deliveries: deliveries.map((d) => ({
        id: d.id,
        contact: d.contact_name,
        channel: d.channel,
        status: d.status,
        attempts: d.attempts,
        nextAttemptAt: iso(d.next_attempt_at),
        lastError: d.last_error,
        sentAt: iso(d.sent_at),
        failureAlertId: d.failure_alert_id,
      })),
    };
  }
}
