import type { SlaMilestones } from '../sla/sla-types.ts';
import type { NotificationChannel } from './channels/channel.ts';
import { contactOf, type DeliveryRow, type NotificationRow, type NotificationsRepository } from './notifications.repository.ts';
import { contentFor } from './notifications.service.ts';
import type { ChannelKind, Contact } from './notification-types.ts';
import { renderDigest, renderNotification, type Rendered } from './render.ts';
import { localDay } from './routing.ts';

export interface DeliveryWorkerOptions {
  now: () => number;
  /** Attempts before a delivery counts as failed and raises an alert. */
  maxAttempts: number;
  /** Wait before the 2nd attempt; doubles each time after. */
  retryBaseMs: number;
  portalUrl: string | undefined;
  sla: SlaMilestones | undefined;
  onError: (err: unknown) => void;
}

const BATCH = 200;

/**
 * Sends what is due — immediate deliveries and their retries, and daily digests — and keeps the delivery log.
 * One run at a time: the job timer and a send request both go through `runDue`, so a delivery is never
 * attempted twice at once. A delivery that runs out of attempts becomes a `notification_failure` alert.
 */
export class DeliveryWorker {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly repo: NotificationsRepository,
    private readonly channels: Record<ChannelKind, NotificationChannel>,
    private readonly opts: DeliveryWorkerOptions,
  ) {}

  runDue(): Promise<void> {
    const run = this.chain.then(async () => {
      await this.sendQueued();
      await this.sendDigests();
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async sendQueued(): Promise<void> {
    for (const d of await this.repo.due('queued', this.opts.now(), BATCH)) {
      const notification = await this.repo.notificationById(d.notification_id);
      const contact = d.contact_id === null ? undefined : await this.repo.contactById(d.contact_id);
      if (!notification || !contact) {
        await this.fail([d], d.attempts + 1, 'the contact was removed');
        continue;
      }
      const c = contactOf(contact);
      const slug = await this.slug(d.tenant_id);
      const rendered = renderNotification(contentFor(notification, slug, c.lang, this.opts.portalUrl), d.channel as ChannelKind);
      await this.attempt([d], c, rendered, [notification]);
    }
  }

  private async sendDigests(): Promise<void> {
    const groups = new Map<string, DeliveryRow[]>();
    for (const d of await this.repo.due('digest', this.opts.now(), BATCH * 5)) {
      const key = `${d.contact_id ?? 'gone'}:${d.channel}`;
      groups.set(key, [...(groups.get(key) ?? []), d]);
    }
    for (const rows of groups.values()) {
      const first = rows[0]!;
      const contact = first.contact_id === null ? undefined : await this.repo.contactById(first.contact_id);
      const attempts = Math.max(...rows.map((r) => r.attempts)) + 1;
      if (!contact) {
        await this.fail(rows, attempts, 'the contact was removed');
        continue;
      }
      const c = contactOf(contact);
      const slug = await this.slug(first.tenant_id);
      const notifications = (await Promise.all(rows.map((r) => this.repo.notificationById(r.notification_id)))).filter((n): n is NotificationRow => n !== undefined);
      const policy = await this.repo.policy(first.tenant_id);
      const items = notifications.map((n) => contentFor(n, slug, c.lang, this.opts.portalUrl));
      const rendered = renderDigest(items, c.lang, first.channel as ChannelKind, localDay(this.opts.now(), policy.timezone));
      await this.attempt(rows, c, rendered, notifications);
    }
  }

  private async attempt(rows: DeliveryRow[], contact: Contact, rendered: Rendered, notifications: NotificationRow[]): Promise<void> {
    const attempts = Math.max(...rows.map((r) => r.attempts)) + 1;
    const ids = rows.map((r) => r.id);
    try {
      await this.channels[rows[0]!.channel as ChannelKind].send(contact, rendered, rows[0]!.id);
    } catch (err) {
      const reason = (err as Error).message.slice(0, 500);
      if (attempts >= this.opts.maxAttempts) await this.fail(rows, attempts, reason);
      else await this.repo.markRetry(ids, attempts, this.opts.now() + this.opts.retryBaseMs * 2 ** (attempts - 1), reason);
      return;
    }
    const now = this.opts.now();
    await this.repo.markSent(ids, attempts, now);
    // The message is out; a clock that cannot be stopped is reported, never turned into a resend.
    for (const n of notifications) await this.reachNotified(n, now).catch(this.opts.onError);
  }

  /** The SLA clock stops at the first successful delivery; `reach` is idempotent, so later ones do not move it. */
  private async reachNotified(n: NotificationRow, at: number): Promise<void> {
    const sla = this.opts.sla;
    if (!sla) return;
    if (n.subject_kind === 'incident') await sla.reach(n.tenant_id, { kind: 'incident', id: n.subject_id }, 'notified', at);
    for (const alertId of JSON.parse(n.alert_ids) as number[]) await sla.reach(n.tenant_id, { kind: 'alert', id: alertId }, 'notified', at);
  }

  private async fail(rows: DeliveryRow[], attempts: number, reason: string): Promise<void> {
    const first = rows[0]!;
    const now = this.opts.now();
    const alert = await this.repo.db
      .insertInto('alerts')
      .values({
        tenant_id: first.tenant_id,
        device_id: null,
        kind: 'notification_failure',
        severity: 'high',
        status: 'open',
        title: `Notification to ${first.contact_name} via ${first.channel} failed after ${attempts} attempts`,
        details: JSON.stringify({
          notificationIds: [...new Set(rows.map((r) => r.notification_id))],
          deliveryIds: rows.map((r) => r.id),
          contact: first.contact_name,
          channel: first.channel,
          attempts,
          reason,
        }),
        first_seen_at: now,
        last_seen_at: now,
        occurrences: 1,
        resolved_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.repo.markFailed(
      rows.map((r) => r.id),
      attempts,
      reason,
      alert.id,
    );
  }

  private async slug(tenantId: number): Promise<string> {
    const t = await this.repo.db.selectFrom('tenants').select('slug').where('id', '=', tenantId).executeTakeFirst();
    return t?.slug ?? String(tenantId);
  }
}
