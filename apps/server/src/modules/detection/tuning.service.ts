/** DET-5 suppressions (conditions, expiry, reason, who asked) and the record of tuning changes. */
import { InputError, NotFoundError } from '../../errors.ts';
import { requireProviderStaff, type Principal } from '../../http/principal.ts';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { TenantRow } from '../tenants/tenants.repository.ts';
import { recordAudit } from './detection-audit.ts';
import type { DetectionCatalog } from './detection-catalog.ts';
import type { DetectionEngine } from './detection-stage.ts';

export interface SuppressionInput {
  rule?: string | undefined;
  conditions: Record<string, string | string[]>;
  reason: string;
  requestedBy?: string | undefined;
  expiresAt?: string | undefined;
}

export interface SuppressionView {
  id: number;
  rule: string | null;
  conditions: Record<string, string[]>;
  reason: string;
  /** active | requested (a customer asked; not applied until staff approve) | rejected */
  status: string;
  requestedBy: string | null;
  createdByToken: number | null;
  createdAt: string;
  expiresAt: string | null;
  active: boolean;
  /** Detections it swallowed since the server started. */
  hits: number;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(Number(ms)).toISOString());

export class TuningService {
  constructor(
    private readonly db: ControlDb,
    private readonly catalog: DetectionCatalog,
    private readonly engine: DetectionEngine,
  ) {}

  async createSuppression(p: Principal, tenant: TenantRow, input: SuppressionInput): Promise<SuppressionView> {
    const conditions: Record<string, string[]> = {};
    for (const [field, v] of Object.entries(input.conditions)) conditions[field] = Array.isArray(v) ? v : [v];
    if (input.rule === undefined && Object.keys(conditions).length === 0) {
      throw new InputError('a suppression needs a rule, conditions, or both (it would silence everything)');
    }
    let expiresAt: number | null = null;
    if (input.expiresAt !== undefined) {
      expiresAt = Date.parse(input.expiresAt);
      if (!Number.isFinite(expiresAt)) throw new InputError('expiresAt: an ISO date');
      if (expiresAt <= Date.now()) throw new InputError('expiresAt is in the past');
    }
    const now = Date.now();
    // A customer's own token asks; provider staff decide (DET-5: "requested by the customer").
    const status = p.tenantId === null ? 'active' : 'requested';
    const row = await this.db
      .insertInto('suppressions')
      .values({
        tenant_id: tenant.id,
        rule_uid: input.rule ?? null,
        conditions: JSON.stringify(conditions),
        reason: input.reason,
        status,
        requested_by: input.requestedBy ?? null,
        created_by_token: p.tokenId,
        created_at: now,
        expires_at: expiresAt,
        removed_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(this.db, {
      tenantId: tenant.id,
      tokenId: p.tokenId,
      action: status === 'active' ? 'suppression.create' : 'suppression.request',
      target: String(row.id),
      details: { rule: input.rule ?? null, conditions, reason: input.reason, requestedBy: input.requestedBy ?? null, expiresAt: iso(expiresAt) },
    });
    if (status === 'active') await this.reload(tenant.id);
    return this.view(row);
  }

  /** Staff accept or turn down a customer's request. */
  async decide(p: Principal, tenant: TenantRow, id: number, approve: boolean, reason: string | undefined): Promise<SuppressionView> {
    const pending = await this.db.selectFrom('suppressions').select('id').where('id', '=', id).where('tenant_id', '=', tenant.id).where('status', '=', 'requested').where('removed_at', 'is', null).executeTakeFirst();
    if (!pending) throw new NotFoundError(`no pending suppression request ${id}`);
    requireProviderStaff(p);
    const res = await this.db
      .updateTable('suppressions')
      .set({ status: approve ? 'active' : 'rejected' })
      .where('id', '=', id)
      .where('tenant_id', '=', tenant.id)
      .where('status', '=', 'requested')
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new NotFoundError(`no pending suppression request ${id}`);
    await recordAudit(this.db, {
      tenantId: tenant.id,
      tokenId: p.tokenId,
      action: approve ? 'suppression.approve' : 'suppression.reject',
      target: String(id),
      details: { reason: reason ?? null },
    });
    if (approve) await this.reload(tenant.id);
    const row = await this.db.selectFrom('suppressions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return this.view(row);
  }

  async listSuppressions(tenant: TenantRow): Promise<SuppressionView[]> {
    const rows = await this.db.selectFrom('suppressions').selectAll().where('tenant_id', '=', tenant.id).where('removed_at', 'is', null).orderBy('id').execute();
    return rows.map((r) => this.view(r));
  }

  async removeSuppression(p: Principal, tenant: TenantRow, id: number, reason: string | undefined): Promise<void> {
    // Existence first: a foreign or unknown id is 404 for everyone, as elsewhere.
    const found = await this.db.selectFrom('suppressions').select('id').where('id', '=', id).where('tenant_id', '=', tenant.id).where('removed_at', 'is', null).executeTakeFirst();
    if (!found) throw new NotFoundError(`no suppression ${id}`);
    requireProviderStaff(p);
    const res = await this.db
      .updateTable('suppressions')
      .set({ removed_at: Date.now() })
      .where('id', '=', id)
      .where('tenant_id', '=', tenant.id)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new NotFoundError(`no suppression ${id}`);
    await recordAudit(this.db, { tenantId: tenant.id, tokenId: p.tokenId, action: 'suppression.remove', target: String(id), details: { reason: reason ?? null } });
    await this.reload(tenant.id);
  }

  async audit(tenant: TenantRow, limit: number): Promise<Array<{ at: string; tokenId: number | null; action: string; target: string; details: Record<string, unknown> }>> {
    const rows = await this.db.selectFrom('detection_audit').selectAll().where('tenant_id', '=', tenant.id).orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({ at: iso(r.at)!, tokenId: r.token_id, action: r.action, target: r.target, details: JSON.parse(r.details) as Record<string, unknown> }));
  }

  private async reload(tenantId: number): Promise<void> {
    await this.catalog.loadSuppressions();
    this.engine.invalidate(tenantId);
  }

  private view(r: {
    id: number;
    rule_uid: string | null;
    conditions: string;
    reason: string;
    status: string;
    requested_by: string | null;
    created_by_token: number | null;
    created_at: number;
    expires_at: number | null;
  }): SuppressionView {
    const expires = r.expires_at === null ? null : Number(r.expires_at);
    return {
      id: r.id,
      rule: r.rule_uid,
      conditions: JSON.parse(r.conditions) as Record<string, string[]>,
      reason: r.reason,
      status: r.status,
      requestedBy: r.requested_by,
      createdByToken: r.created_by_token,
      createdAt: iso(r.created_at)!,
      expiresAt: iso(expires),
      active: r.status === 'active' && (expires === null || expires > Date.now()),
      hits: this.engine.suppressionHits().get(r.id) ?? 0,
    };
  }
}
