/** DET-4 indicators per tenant (or provider-wide), with a retro-hunt over stored events when one is added. */
import { InputError, NotFoundError } from '../../errors.ts';
import { requireProviderStaff, type Principal } from '../../http/principal.ts';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { EventStore } from '../../stores/events/event-store.ts';
import type { TenantRow } from '../tenants/tenants.repository.ts';
import type { AlertWriter } from './alert-writer.ts';
import { recordAudit } from './detection-audit.ts';
import type { DetectionCatalog } from './detection-catalog.ts';
import type { DetectionEngine } from './detection-stage.ts';
import type { AlertSeverity } from './detection-types.ts';
import { normaliseIndicator, type IndicatorType } from './indicator-values.ts';
import { retroHunt } from './retro-hunt.ts';

export interface IndicatorInput {
  type: IndicatorType;
  value: string;
  severity?: AlertSeverity | undefined;
  description?: string | undefined;
  expiresAt?: string | undefined;
  /** Days of stored events to search (0: none). Default 30. */
  retroHuntDays?: number | undefined;
}

export interface IndicatorView {
  id: number;
  scope: 'tenant' | 'global';
  type: string;
  value: string;
  severity: string;
  description: string | null;
  createdAt: string;
  expiresAt: string | null;
}

export interface RetroHuntSummary {
  events: number;
  truncated: boolean;
}

const DAY_MS = 86_400_000;
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(Number(ms)).toISOString());

export class IndicatorsService {
  constructor(
    private readonly db: ControlDb,
    private readonly events: EventStore,
    private readonly catalog: DetectionCatalog,
    private readonly engine: DetectionEngine,
    private readonly writer: AlertWriter,
  ) {}

  /** `tenant` undefined: a provider-wide indicator (staff only), retro-hunted in every tenant. */
  async create(p: Principal, tenant: TenantRow | undefined, input: IndicatorInput): Promise<{ indicator: IndicatorView; retroHunt: RetroHuntSummary }> {
    if (!tenant) requireProviderStaff(p);
    const norm = normaliseIndicator(input.type, input.value);
    if ('error' in norm) throw new InputError(norm.error);
    let expiresAt: number | null = null;
    if (input.expiresAt !== undefined) {
      expiresAt = Date.parse(input.expiresAt);
      if (!Number.isFinite(expiresAt)) throw new InputError('expiresAt: an ISO date');
    }
    let q = this.db.selectFrom('indicators').select('id').where('type', '=', input.type).where('value', '=', norm.value);
    q = tenant ? q.where('tenant_id', '=', tenant.id) : q.where('tenant_id', 'is', null);
    if (await q.executeTakeFirst()) throw new InputError(`the ${input.type} indicator ${norm.value} exists already`);
    const row = await this.db
      .insertInto('indicators')
      .values({
        tenant_id: tenant?.id ?? null,
        type: input.type,
        value: norm.value,
        severity: input.severity ?? 'high',
        description: input.description ?? null,
        created_by_token: p.tokenId,
        created_at: Date.now(),
        expires_at: expiresAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(this.db, { tenantId: tenant?.id ?? null, tokenId: p.tokenId, action: 'indicator.create', target: `${input.type}:${norm.value}`, details: { id: row.id } });
    await this.catalog.loadIndicators();
    this.engine.invalidate(tenant?.id);

    const summary: RetroHuntSummary = { events: 0, truncated: false };
    const days = input.retroHuntDays ?? 30;
    if (days > 0) {
      const tenantIds = tenant ? [tenant.id] : (await this.db.selectFrom('tenants').select('id').execute()).map((t) => t.id);
      const entry = { id: row.id, type: input.type, value: norm.value, severity: row.severity as AlertSeverity, description: row.description };
      for (const tenantId of tenantIds) {
        const found = await retroHunt(this.events, tenantId, entry, Date.now() - days * DAY_MS);
        for (const f of found.findings) this.writer.enqueue(tenantId, [f.detection], f.batchId);
        summary.events += found.findings.length;
        summary.truncated ||= found.truncated;
      }
      await this.writer.idle();
    }
    return { indicator: this.view(row), retroHunt: summary };
  }

  /** A tenant's indicators, with the provider-wide ones when `withGlobal` (staff callers). */
  async list(tenant: TenantRow | undefined, withGlobal: boolean): Promise<IndicatorView[]> {
    let q = this.db.selectFrom('indicators').selectAll();
    if (!tenant) q = q.where('tenant_id', 'is', null);
    else if (withGlobal) q = q.where((eb) => eb.or([eb('tenant_id', '=', tenant.id), eb('tenant_id', 'is', null)]));
    else q = q.where('tenant_id', '=', tenant.id);
    return (await q.orderBy('id').limit(10_000).execute()).map((r) => this.view(r));
  }

  async remove(p: Principal, tenant: TenantRow | undefined, id: number): Promise<void> {
    if (!tenant) requireProviderStaff(p);
    let q = this.db.deleteFrom('indicators').where('id', '=', id);
    q = tenant ? q.where('tenant_id', '=', tenant.id) : q.where('tenant_id', 'is', null);
    const res = await q.executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw new NotFoundError(`no indicator ${id}`);
    await recordAudit(this.db, { tenantId: tenant?.id ?? null, tokenId: p.tokenId, action: 'indicator.remove', target: String(id), details: {} });
    await this.catalog.loadIndicators();
    this.engine.invalidate(tenant?.id);
  }

  private view(r: { id: number; tenant_id: number | null; type: string; value: string; severity: string; description: string | null; created_at: number; expires_at: number | null }): IndicatorView {
    return {
      id: r.id,
      scope: r.tenant_id === null ? 'global' : 'tenant',
      type: r.type,
      value: r.value,
      severity: r.severity,
      description: r.description,
      createdAt: iso(r.created_at)!,
      expiresAt: iso(r.expires_at),
    };
  }
}
