import { ConflictError, NotFoundError } from '../../errors.ts';
import type { TenantRow } from '../tenants/tenants.repository.ts';
import { type ContactRow, type NotificationsRepository } from './notifications.repository.ts';
import type { NotificationPolicy } from './routing.ts';
import type { ContactBody, PolicyBody } from './notifications.schemas.ts';

export interface ContactView {
  id: number;
  name: string;
  lang: 'ja' | 'en';
  email: string | null;
  webhookUrl: string | null;
  hasWebhookSecret: boolean;
  slackUrl: string | null;
  teamsUrl: string | null;
  reachability: string;
  minSeverity: string;
}

const originOnly = (url: string | null) => (url === null ? null : `${new URL(url).origin}/…`);

export function contactView(r: ContactRow): ContactView {
  return {
    id: r.id,
    name: r.name,
    lang: r.lang === 'en' ? 'en' : 'ja',
    email: r.email,
    webhookUrl: r.webhook_url,
    hasWebhookSecret: r.webhook_secret !== null,
    slackUrl: originOnly(r.slack_url),
    teamsUrl: originOnly(r.teams_url),
    reachability: r.reachability,
    minSeverity: r.min_severity,
  };
}

function columns(b: ContactBody) {
  return {
    name: b.name,
    lang: b.lang,
    email: b.email ?? null,
    webhook_url: b.webhookUrl ?? null,
    webhook_secret: b.webhookUrl ? (b.webhookSecret ?? null) : null,
    slack_url: b.slackUrl ?? null,
    teams_url: b.teamsUrl ?? null,
    reachability: b.reachability,
    min_severity: b.minSeverity,
  };
}

/** Who is told, how, when they can be reached, and the tenant's routing policy (NTF-3). */
export class ContactsService {
  constructor(
    private readonly repo: NotificationsRepository,
    private readonly now: () => number,
  ) {}

  async list(tenant: TenantRow): Promise<ContactView[]> {
    return (await this.repo.contacts(tenant.id)).map(contactView);
  }

  async create(tenant: TenantRow, body: ContactBody): Promise<ContactView> {
    if ((await this.repo.contacts(tenant.id)).some((c) => c.name === body.name)) throw new ConflictError(`contact ${body.name} exists`);
    const now = this.now();
    const row = await this.repo.db
      .insertInto('notification_contacts')
      .values({ tenant_id: tenant.id, ...columns(body), created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return contactView(row);
  }

  async replace(tenant: TenantRow, id: number, body: ContactBody): Promise<{ before: ContactView; after: ContactView }> {
    const before = await this.repo.contact(tenant.id, id);
    if (!before) throw new NotFoundError(`no contact ${id}`);
    const clash = (await this.repo.contacts(tenant.id)).some((c) => c.name === body.name && c.id !== id);
    if (clash) throw new ConflictError(`contact ${body.name} exists`);
    const cols = columns(body);
    // Leaving the secret out keeps the stored one: it is never shown back, so a client cannot resend it.
    if (body.webhookUrl && body.webhookSecret === undefined) cols.webhook_secret = before.webhook_secret;
    const row = await this.repo.db
      .updateTable('notification_contacts')
      .set({ ...cols, updated_at: this.now() })
      .where('id', '=', id)
      .where('tenant_id', '=', tenant.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { before: contactView(before), after: contactView(row) };
  }

  async remove(tenant: TenantRow, id: number): Promise<ContactView> {
    const before = await this.repo.contact(tenant.id, id);
    if (!before) throw new NotFoundError(`no contact ${id}`);
    await this.repo.db.deleteFrom('notification_contacts').where('id', '=', id).where('tenant_id', '=', tenant.id).execute();
    return contactView(before);
  }

  policy(tenant: TenantRow): Promise<NotificationPolicy> {
    return this.repo.policy(tenant.id);
  }

  async savePolicy(tenant: TenantRow, body: PolicyBody): Promise<{ before: NotificationPolicy; after: NotificationPolicy }> {
    const before = await this.repo.policy(tenant.id);
    const after: NotificationPolicy = { ...body, rules: body.rules.map((r) => ({ ...r, severities: r.severities as NotificationPolicy['rules'][number]['severities'] })) };
    await this.repo.savePolicy(tenant.id, after, this.now());
    return { before, after };
  }
}
