import { InputError, NotAllowedError, NotFoundError } from '../../errors.ts';
import type { Principal } from '../../http/principal.ts';
import type { DevicesService } from '../devices/devices.service.ts';
import { principalRole, roleScope } from '../identity/roles.ts';
import { roleOf } from '../identity/user-view.ts';
import type { UsersRepository } from '../identity/users.repository.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { hashToken, newTokenSecret, scopeAllows, type TokenScope } from './token-secret.ts';
import { partyOf, TokensRepository, type TokenRow } from './tokens.repository.ts';

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
    private readonly users: UsersRepository,
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
    const principal: Principal = {
      tokenId: row.id,
      userId: null,
      actor: `token:${row.id}`,
      party: partyOf(row),
      scope: row.scope,
      tenantId: row.tenant_id,
      deviceId: row.device_id,
    };
    if (row.user_id === null) return principal;
    // A user's token acts as that user and dies with them; if their role was lowered below its scope, it stops.
    const user = await this.users.byId(row.user_id);
    if (!user) return undefined;
    const role = roleOf(user);
    if (!scopeAllows(roleScope(role), row.scope as TokenScope)) return undefined;
    return { ...principal, userId: user.id, role, tenantId: row.tenant_id ?? user.tenant_id };
  }

  /**
   * Provider admins (admin scope) manage every token; a customer admin manages read/write tokens of their own
   * tenant. A token never gets a scope its creator lacks.
   */
  private assertMayCreate(p: Principal, scope: TokenScope): void {
    const customerAdmin = principalRole(p) === 'customer-admin' && p.tokenId === null;
    if (p.scope !== 'admin' && !customerAdmin) throw new NotAllowedError('only admins manage API tokens');
    if (customerAdmin && scope !== 'read' && scope !== 'write') throw new NotAllowedError('a customer admin creates read or write tokens');
    if (!scopeAllows(p.scope, scope)) throw new NotAllowedError(`you cannot hand out the ${scope} scope`);
  }

  async create(p: Principal, input: CreateTokenInput): Promise<{ token: string; row: TokenRow }> {
    this.assertMayCreate(p, input.scope);
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
      user_id: p.userId,
      party: p.party,
    };
    const id = await this.repo.insert(row);
    return { token: secret.token, row: { ...row, id, last_used_at: null, revoked_at: null } };
  }

  async list(p: Principal, tenantSlug: string | undefined): Promise<TokenRow[]> {
    this.assertMayCreate(p, 'read');
    if (tenantSlug) return this.repo.list((await this.tenants.get(p, tenantSlug)).id);
    return this.repo.list(p.tenantId ?? undefined);
  }

  async revoke(p: Principal, id: number): Promise<void> {
    this.assertMayCreate(p, 'read');
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
      user_id: null,
      party: 'provider',
    });
    return secret.token;
  }
}

