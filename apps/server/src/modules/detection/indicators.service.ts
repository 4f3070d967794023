/** DET-4 indicators per tenant (or provider-wide), with a retro-hunt over stored events when one is added. */
import type { Insertable, Selectable } from 'kysely';
import { InputError, NotFoundError } from '../../errors.ts';
import { requireProviderStaff, type Principal } from '../../http/principal.ts';
import type { IndicatorTable } from '../../stores/control/control-schema.ts';
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
    const r = await this.createMany(p, tenant, [input], input.retroHuntDays);
    const rejected = r.rejected[0];
    if (rejected) throw new InputError(rejected.reason);
    return { indicator: r.created[0]!, retroHunt: r.retroHunt };
  }

  /**
   * A feed at once: every valid indicator is stored, the others are listed with the reason, and one retro-hunt
   * covers them all (chunked queries, not one per indicator).
   */
  async createMany(
    p: Principal,
    tenant: TenantRow | undefined,
    inputs: readonly Omit<IndicatorInput, 'retroHuntDays'>[],
    retroHuntDays: number | undefined,
  ): Promise<{ created: IndicatorView[]; rejected: Array<{ value: string; reason: string }>; retroHunt: RetroHuntSummary }> {
    if (!tenant) requireProviderStaff(p);
    let existingQ = this.db.selectFrom('indicators').select(['type', 'value']);
    existingQ = tenant ? existingQ.where('tenant_id', '=', tenant.id) : existingQ.where('tenant_id', 'is', null);
    const existing = new Set((await existingQ.execute()).map((r) => `${r.type}\u0000${r.value}`));
    const rejected: Array<{ value: string; reason: string }> = [];
    const rows: Array<Insertable<IndicatorTable>> = [];
    const now = Date.now();
    for (const input of inputs) {
      const norm = normaliseIndicator(input.type, input.value);
      if ('error' in norm) {
        rejected.push({ value: input.value, reason: norm.error });
        continue;
      }
      const key = `${input.type}\u0000${norm.value}`;
      if (existing.has(key)) {
        rejected.push({ value: input.value, reason: `the ${input.type} indicator ${norm.value} exists already` });
        continue;
      }
      let expiresAt: number | null = null;
      if (input.expiresAt !== undefined) {
        expiresAt = Date.parse(input.expiresAt);
        if (!Number.isFinite(expiresAt)) {
          rejected.push({ value: input.value, reason: 'expiresAt: an ISO date' });
          continue;
        }
      }
      existing.add(key);
      rows.push({
        tenant_id: tenant?.id ?? null,
        type: input.type,
        value: norm.value,
        severity: input.severity ?? 'high',
        description: input.description ?? null,
        created_by_token: p.tokenId,
        created_at: now,
        expires_at: expiresAt,
      });
    }
    const created: Array<Selectable<IndicatorTable>> = [];
    for (let i = 0; i < rows.length; i += 500) {
      created.push(...(await this.db.insertInto('indicators').values(rows.slice(i, i + 500)).returningAll().execute()));
    }
    const summary: RetroHuntSummary = { events: 0, truncated: false };
    if (created.length === 0) return { created: [], rejected, retroHunt: summary };
    await recordAudit(this.db, {
      tenantId: tenant?.id ?? null,
      tokenId: p.tokenId,
      action: 'indicator.create',
      target: created.length === 1 ? `${created[0]!.type}:${created[0]!.value}` : `${created.length} indicators`,
      details: { ids: created.map((c) => c.id) },
    });
    await this.catalog.loadIndicators();
    this.engine.invalidate(tenant?.id);

    const days = retroHuntDays ?? 30;
    if (days > 0) {
      const tenantIds = tenant ? [tenant.id] : (await this.db.selectFrom('tenants').select('id').execute()).map((t) => t.id);
      const entries = created.map((r) => ({ id: r.id, type: r.type as IndicatorType, value: r.value, severity: r.severity as AlertSeverity, description: r.description }));
      for (const tenantId of tenantIds) {
        const found = await retroHunt(this.events, tenantId, entries, Date.now() - days * DAY_MS);
        for (const f of found.findings) this.writer.enqueue(tenantId, [f.detection], f.batchId);
        summary.events += found.findings.length;
        summary.truncated ||= found.truncated;
      }
      await this.writer.idle();
    }
    return { created: created.map((r) => this.view(r)), rejected, retroHunt: summary };
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
