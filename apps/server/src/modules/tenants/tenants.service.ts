import { createHash } from 'node:crypto';
import { ConflictError, InputError, NotFoundError } from '../../errors.ts';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { EventStore } from '../../stores/events/event-store.ts';
import { assertTenantAccess, type Principal } from '../../http/principal.ts';
import { TenantsRepository, type TenantRow } from './tenants.repository.ts';

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export interface DeletionCertificate {
  tenant: { slug: string; name: string };
  deletedAt: string;
  events: number;
  batches: number;
  rawBytes: number;
  lastChainSha256: string;
  statement: string;
}

export class TenantsService {
  readonly repo: TenantsRepository;
  private readonly labels = new Map<number, string>([[0, '_unassigned']]);

  constructor(
    private readonly db: ControlDb,
    private readonly events: EventStore,
    private readonly onChange: () => Promise<void>,
  ) {
    this.repo = new TenantsRepository(db);
  }

  async loadLabels(): Promise<void> {
    for (const t of await this.repo.list()) this.labels.set(t.id, t.slug);
  }

  /** The slug used as a metrics label; tenants are few, so this stays in memory. */
  label = (tenantId: number): string => this.labels.get(tenantId) ?? String(tenantId);

  async create(slug: string, name: string | undefined): Promise<TenantRow> {
    if (!SLUG_PATTERN.test(slug)) throw new InputError('slug: lower-case letters, digits and dashes, at most 63');
    if (await this.repo.bySlug(slug)) throw new ConflictError(`tenant ${slug} exists already`);
    const row = await this.repo.insert({
      slug,
      name: name ?? slug,
      created_at: Date.now(),
      retention_days: null,
      retention_bytes: null,
    });
    this.labels.set(row.id, row.slug);
    return row;
  }

  async get(p: Principal, slug: string): Promise<TenantRow> {
    const t = await this.repo.bySlug(slug);
    if (!t) throw new NotFoundError('no such tenant');
    assertTenantAccess(p, t.id);
    return t;
  }

  async list(p: Principal): Promise<TenantRow[]> {
    const all = await this.repo.list();
    return p.tenantId === null ? all : all.filter((t) => t.id === p.tenantId);
  }

  /**
   * Contract end (STO-3): every event, batch, device and token of the tenant goes, and a certificate of
   * deletion — with a digest so that the customer can keep and check it — stays.
   */
  async delete(p: Principal, slug: string): Promise<DeletionCertificate & { sha256: string }> {
    const tenant = await this.get(p, slug);
    const purge = await this.events.purgeTenant(tenant.id);
    await this.repo.delete(tenant.id);
    const certificate: DeletionCertificate = {
      tenant: { slug: tenant.slug, name: tenant.name },
      deletedAt: new Date().toISOString(),
      events: purge.events,
      batches: purge.batches,
      rawBytes: purge.rawBytes,
      lastChainSha256: purge.headSha256,
      statement: 'All stored log events, evidence chain records, devices and tokens of this tenant were deleted.',
    };
    const text = JSON.stringify(certificate);
    const sha256 = createHash('sha256').update(text).digest('hex');
    await this.db
      .insertInto('deletion_certificates')
      .values({ tenant_slug: tenant.slug, tenant_name: tenant.name, deleted_at: Date.now(), certificate: text, sha256 })
      .execute();
    this.labels.delete(tenant.id);
    await this.onChange();
    return { ...certificate, sha256 };
  }
}
