import type { Selectable } from 'kysely';
import { ConflictError, InputError, NotFoundError } from '../../errors.ts';
import type { Principal } from '../../http/principal.ts';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { InquiryMessageTable, InquiryTable } from '../../stores/control/control-schema.ts';
import type { RulesService } from '../detection/rules.service.ts';
import type { TuningService } from '../detection/tuning.service.ts';
import type { SlaMilestones, SlaSubject } from '../sla/sla-types.ts';
import type { TenantRow } from '../tenants/tenants.repository.ts';
import { canMove, statusAfterMessage, type InquiryKind, type InquiryStatus } from './inquiry-status.ts';
import type { ApproveBody, CreateBody, InquiryView } from './inquiries.schemas.ts';

type InquiryRow = Selectable<InquiryTable>;
type MessageRow = Selectable<InquiryMessageTable>;

const iso = (ms: number) => new Date(Number(ms)).toISOString();

const DEFAULT_TITLES: Record<InquiryKind, string> = {
  acknowledge: 'Acknowledged / 確認しました',
  question: 'Question / 質問',
  signature_disable: 'Request to disable a signature / シグネチャ無効化の依頼',
  config_change: 'Request to change a configuration / 設定変更の依頼',
};

export interface InquiriesDeps {
  db: ControlDb;
  rules: RulesService;
  tuning: TuningService;
  sla: SlaMilestones | undefined;
  now?: () => number;
}

/** The inquiry desk (NTF-4): customer replies to notifications and incidents, threaded, assigned and decided. */
export class InquiriesService {
  private readonly db: ControlDb;
  private readonly now: () => number;

  constructor(private readonly deps: InquiriesDeps) {
    this.db = deps.db;
    this.now = deps.now ?? Date.now;
  }

  async create(p: Principal, tenant: TenantRow, body: CreateBody): Promise<InquiryView> {
    const subject = await this.subject(p, tenant, body);
    let rule = body.rule ?? null;
    if (body.kind === 'signature_disable' && rule === null) rule = subject.ruleFromAlerts;
    if (body.kind === 'signature_disable' && rule === null) throw new InputError('name the rule to disable (no rule on the notification’s alerts)');
    const now = this.now();
    // An acknowledgement needs no answer: it is recorded and closed at once.
    const status: InquiryStatus = body.kind === 'acknowledge' ? 'closed' : 'open';
    const row = await this.db
      .insertInto('inquiries')
      .values({
        tenant_id: tenant.id,
        kind: body.kind,
        status,
        title: body.title ?? DEFAULT_TITLES[body.kind],
        notification_id: body.notificationId ?? null,
        incident_id: body.incidentId ?? null,
        rule_uid: rule,
        assignee: null,
        created_by: p.actor,
        created_at: now,
        updated_at: now,
        tuning_ref: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (body.message.trim() !== '') await this.addMessage(row.id, p, body.message, now);
    if (body.kind === 'acknowledge' && this.deps.sla) {
      for (const s of subject.slaSubjects) await this.deps.sla.reach(tenant.id, s, 'acknowledged', now);
    }
    return this.get(p, tenant, row.id);
  }

  async get(p: Principal, tenant: TenantRow, id: number): Promise<InquiryView> {
    const row = await this.row(tenant, id);
    const messages = await this.db.selectFrom('inquiry_messages').selectAll().where('inquiry_id', '=', id).orderBy('id').execute();
    return this.view(tenant.slug, row, messages);
  }

  async list(tenant: TenantRow, status: InquiryStatus | undefined, limit: number): Promise<InquiryView[]> {
    let q = this.db.selectFrom('inquiries').selectAll().where('tenant_id', '=', tenant.id);
    if (status) q = q.where('status', '=', status);
    const rows = await q.orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => this.view(tenant.slug, r, []));
  }

  /** The desk across tenants, for provider staff. */
  async listAll(tenantId: number | undefined, status: InquiryStatus | undefined, limit: number): Promise<InquiryView[]> {
    let q = this.db.selectFrom('inquiries').innerJoin('tenants', 'tenants.id', 'inquiries.tenant_id').selectAll('inquiries').select('tenants.slug');
    if (tenantId !== undefined) q = q.where('inquiries.tenant_id', '=', tenantId);
    if (status) q = q.where('inquiries.status', '=', status);
    const rows = await q.orderBy('inquiries.id', 'desc').limit(limit).execute();
    return rows.map((r) => this.view(r.slug, r, []));
  }

  async reply(p: Principal, tenant: TenantRow, id: number, body: string): Promise<{ before: InquiryView; after: InquiryView }> {
    const before = await this.get(p, tenant, id);
    if (before.status === 'closed') throw new ConflictError('this inquiry is closed; open a new one');
    const now = this.now();
    await this.addMessage(id, p, body, now);
    const next = statusAfterMessage(before.status as InquiryStatus, p.party);
    await this.db.updateTable('inquiries').set({ status: next, updated_at: now }).where('id', '=', id).execute();
    return { before, after: await this.get(p, tenant, id) };
  }

  async update(p: Principal, tenant: TenantRow, id: number, change: { assignee?: string | null | undefined; status?: 'answered' | 'closed' | undefined }): Promise<{ before: InquiryView; after: InquiryView }> {
    const before = await this.get(p, tenant, id);
    if (change.status && change.status !== before.status && !canMove(before.kind as InquiryKind, before.status as InquiryStatus, change.status)) {
      throw new ConflictError(`an inquiry cannot go from ${before.status} to ${change.status}`);
    }
    await this.db
      .updateTable('inquiries')
      .set({ ...(change.assignee !== undefined ? { assignee: change.assignee } : {}), ...(change.status ? { status: change.status } : {}), updated_at: this.now() })
      .where('id', '=', id)
      .execute();
    return { before, after: await this.get(p, tenant, id) };
  }

  /** Approving a signature-disable request makes the tuning change itself and links it to the inquiry. */
  async approve(p: Principal, tenant: TenantRow, id: number, body: ApproveBody): Promise<{ before: InquiryView; after: InquiryView }> {
    const before = await this.decidable(p, tenant, id, 'approved');
    let tuningRef: string | null = null;
    const reason = body.reason ?? `inquiry #${id}: ${before.title}`;
    if (before.kind === 'signature_disable') {
      const rule = before.rule!;
      if (body.action === 'disable_rule') {
        await this.deps.rules.setEnabled(p, tenant, rule, false, reason);
        tuningRef = `rule:${rule}`;
      } else {
        const s = await this.deps.tuning.createSuppression(p, tenant, { rule, conditions: body.conditions, reason, requestedBy: before.createdBy, expiresAt: body.expiresAt });
        tuningRef = `suppression:${s.id}`;
      }
    }
    const now = this.now();
    if (body.reason) await this.addMessage(id, p, body.reason, now);
    await this.db.updateTable('inquiries').set({ status: 'approved', tuning_ref: tuningRef, updated_at: now }).where('id', '=', id).execute();
    return { before, after: await this.get(p, tenant, id) };
  }

  async reject(p: Principal, tenant: TenantRow, id: number, reason: string): Promise<{ before: InquiryView; after: InquiryView }> {
    const before = await this.decidable(p, tenant, id, 'rejected');
    const now = this.now();
    await this.addMessage(id, p, reason, now);
    await this.db.updateTable('inquiries').set({ status: 'rejected', updated_at: now }).where('id', '=', id).execute();
    return { before, after: await this.get(p, tenant, id) };
  }

  private async decidable(p: Principal, tenant: TenantRow, id: number, to: InquiryStatus): Promise<InquiryView> {
    const before = await this.get(p, tenant, id);
    if (!canMove(before.kind as InquiryKind, before.status as InquiryStatus, to)) {
      throw new ConflictError(`a ${before.kind} inquiry in status ${before.status} cannot be ${to}`);
    }
    return before;
  }

  /** The notification or incident replied to must be the tenant's own (and, for customers, one they were sent). */
  private async subject(p: Principal, tenant: TenantRow, body: CreateBody): Promise<{ slaSubjects: SlaSubject[]; ruleFromAlerts: string | null }> {
    const slaSubjects: SlaSubject[] = [];
    let ruleFromAlerts: string | null = null;
    if (body.notificationId !== undefined) {
      const n = await this.db.selectFrom('notifications').select(['status', 'subject_kind', 'subject_id', 'alert_ids']).where('tenant_id', '=', tenant.id).where('id', '=', body.notificationId).executeTakeFirst();
      if (!n || (p.party === 'customer' && n.status !== 'sent')) throw new NotFoundError(`no notification ${body.notificationId}`);
      const alertIds = JSON.parse(n.alert_ids) as number[];
      if (n.subject_kind === 'incident') slaSubjects.push({ kind: 'incident', id: n.subject_id });
      slaSubjects.push(...alertIds.map((id) => ({ kind: 'alert' as const, id })));
      if (alertIds.length > 0) {
        const withRule = await this.db.selectFrom('alerts').select('rule_id').where('tenant_id', '=', tenant.id).where('id', 'in', alertIds).where('rule_id', 'is not', null).orderBy('id').executeTakeFirst();
        ruleFromAlerts = withRule?.rule_id ?? null;
      }
    }
    if (body.incidentId !== undefined) {
      const i = await this.db.selectFrom('incidents').select('id').where('tenant_id', '=', tenant.id).where('id', '=', body.incidentId).executeTakeFirst();
      if (!i) throw new NotFoundError(`no incident ${body.incidentId}`);
      if (!slaSubjects.some((s) => s.kind === 'incident' && s.id === i.id)) slaSubjects.push({ kind: 'incident', id: i.id });
    }
    return { slaSubjects, ruleFromAlerts };
  }

  private async addMessage(inquiryId: number, p: Principal, body: string, at: number): Promise<void> {
    await this.db.insertInto('inquiry_messages').values({ inquiry_id: inquiryId, author: p.actor, party: p.party, body, at }).execute();
  }

  private async row(tenant: TenantRow, id: number): Promise<InquiryRow> {
    const row = await this.db.selectFrom('inquiries').selectAll().where('tenant_id', '=', tenant.id).where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError(`no inquiry ${id}`);
    return row;
  }

  private view(slug: string, r: InquiryRow, messages: MessageRow[]): InquiryView {
    return {
      id: r.id,
      tenant: slug,
      kind: r.kind,
      status: r.status,
      title: r.title,
      notificationId: r.notification_id,
      incidentId: r.incident_id,
      rule: r.rule_uid,
      assignee: r.assignee,
      createdBy: r.created_by,
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
      tuningRef: r.tuning_ref,
      messages: messages.map((m) => ({ id: m.id, author: m.author, party: m.party, body: m.body, at: iso(m.at) })),
    };
  }
}
