import { InputError, NotFoundError } from '../../errors.ts';
import type { Principal } from '../../http/principal.ts';
import type { DevicesService } from '../devices/devices.service.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { hashToken, newTokenSecret, type TokenScope } from './token-secret.ts';
import { TokensRepository, type TokenRow } from './tokens.repository.ts';

export interface CreateTokenInput {
  name: string;
  scope: TokenScope;
  tenant?: string | undefined;
  device?: string | undefined;
  expiresAt?: number | undefined;
}

export class TokensService {
  private lastTouched = new Map<number, number>();

  constructor(
    readonly repo: TokensRepository,
    private readonly tenants: TenantsService,
    private readonly devices: DevicesService,
  ) {}

  async authenticate(token: string): Promise<Principal | undefined> {
    const now = Date.now();
    const row = await this.repo.findActiveByHash(hashToken(token), now);
    if (!row) return undefined;
    // Recording use once a minute is enough and keeps writes off the ingest path.
    if (now - (this.lastTouched.get(row.id) ?? 0) > 60_000) {
      this.lastTouched.set(row.id, now);
      await this.repo.touch(row.id, now);
    }
    return {
      tokenId: row.id,
      userId: null,
      actor: `token:${row.id}`,
      party: row.tenant_id === null ? 'provider' : 'customer',
      scope: row.scope,
      tenantId: row.tenant_id,
      deviceId: row.device_id,
    };
  }

  async create(p: Principal, input: CreateTokenInput): Promise<{ token: string; row: TokenRow }> {
    let tenantId: number | null = null;
    let deviceId: number | null = null;
    if (input.tenant) {
      const tenant = await this.tenants.get(p, input.tenant);
      tenantId = tenant.id;
      if (input.device) deviceId = (await this.devices.get(tenant, input.device)).id;
    } else {
      if (p.tenantId !== null) throw new InputError('tenant is required for a tenant-bound caller');
      if (input.device) throw new InputError('a device token needs its tenant');
    }
    if (input.scope === 'ingest' && tenantId === null) throw new InputError('an ingest token belongs to a tenant');
    const secret = newTokenSecret(input.scope);
    const row = {
      name: input.name,
      tenant_id: tenantId,
      device_id: deviceId,
      scope: input.scope,
      token_hash: secret.hash,
      prefix: secret.prefix,
      created_at: Date.now(),
      expires_at: input.expiresAt ?? null,
    };
    const id = await this.repo.insert(row);
    return { token: secret.token, row: { ...row, id, last_used_at: null, revoked_at: null } };
  }

  async list(p: Principal, tenantSlug: string | undefined): Promise<TokenRow[]> {
    if (tenantSlug) return this.repo.list((await this.tenants.get(p, tenantSlug)).id);
    return this.repo.list(p.tenantId ?? undefined);
  }

  async revoke(p: Principal, id: number): Promise<void> {
    if (!(await this.repo.revoke(id, p.tenantId ?? undefined, Date.now()))) throw new NotFoundError('no such token');
  }

  /** The local admin token of a fresh data dir (provider-wide, admin scope). */
  async createBootstrapAdmin(): Promise<string> {
    const secret = newTokenSecret('admin');
    await this.repo.insert({
      name: 'local admin (created on first start)',
      tenant_id: null,
      device_id: null,
      scope: 'admin',
      token_hash: secret.hash,
      prefix: secret.prefix,
      created_at: Date.now(),
      expires_at: null,
    });
    return secret.token;
  }
}

