import { randomBytes } from 'node:crypto';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '../../errors.ts';
import type { Principal } from '../../http/principal.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { checkPasswordPolicy, hashPassword } from './passwords.ts';
import { requireRole, roleParty, type Role } from './roles.ts';
import type { SessionsService } from './sessions.service.ts';
import { roleOf } from './user-view.ts';
import type { UserRow, UsersRepository } from './users.repository.ts';

export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$/;

export interface NewUser {
  username: string;
  displayName?: string | undefined;
  role: Role;
  tenant?: string | undefined;
  /** Absent: a temporary password is made and returned once (unless sso). */
  password?: string | undefined;
  /** Signs in only through OIDC: no password at all. */
  sso?: boolean | undefined;
  mustChangePassword?: boolean | undefined;
  locale?: 'ja' | 'en' | undefined;
  timezone?: string | undefined;
}

export interface UserPatch {
  displayName?: string | undefined;
  role?: Role | undefined;
  locale?: 'ja' | 'en' | undefined;
  timezone?: string | undefined;
}

/** Which roles a manager of users may hand out: only an admin makes admins; customer admins stay in their tenant. */
function mayAssign(actor: Role, target: Role): boolean {
  if (actor === 'admin') return true;
  if (actor === 'manager') return target !== 'admin';
  return roleParty(target) === 'customer';
}

const temporaryPassword = () => randomBytes(18).toString('base64url');

export class UsersService {
  constructor(
    readonly repo: UsersRepository,
    private readonly tenants: TenantsService,
    private readonly sessions: SessionsService,
  ) {}

  /** The caller's role over users and the tenant it is confined to (undefined: every tenant). */
  private manager(p: Principal): { role: Role; tenantId: number | undefined } {
    const role = requireRole(p, 'admin', 'manager', 'customer-admin');
    if (role === 'customer-admin' && p.tenantId === null) throw new NotAllowedError('a customer admin belongs to a tenant');
    return { role, tenantId: role === 'customer-admin' ? p.tenantId! : undefined };
  }

  async list(p: Principal, tenantSlug?: string): Promise<UserRow[]> {
    const m = this.manager(p);
    if (tenantSlug) return this.repo.list((await this.tenants.get(p, tenantSlug)).id);
    return this.repo.list(m.tenantId);
  }

  /** A user the caller may see; anything else, including another tenant's user, is 404. */
  async get(p: Principal, id: number): Promise<UserRow> {
    const m = this.manager(p);
    const row = await this.repo.byId(id, m.tenantId);
    if (!row) throw new NotFoundError('no such user');
    return row;
  }

  private async editable(p: Principal, id: number): Promise<{ row: UserRow; actor: Role }> {
    const row = await this.get(p, id);
    const actor = this.manager(p).role;
    if (!mayAssign(actor, roleOf(row))) throw new NotAllowedError(`a ${actor} may not change a ${row.role}`);
    return { row, actor };
  }

  async create(p: Principal, input: NewUser): Promise<{ row: UserRow; temporaryPassword?: string }> {
    const m = this.manager(p);
    if (!USERNAME_PATTERN.test(input.username)) throw new InputError('username: letters, digits and . _ @ + -, at most 128');
    if (!mayAssign(m.role, input.role)) throw new NotAllowedError(`a ${m.role} may not create a ${input.role}`);
    let tenantId: number | null = null;
    if (roleParty(input.role) === 'customer') {
      const slug = input.tenant ?? (m.tenantId !== undefined ? this.tenants.label(m.tenantId) : undefined);
      if (!slug) throw new InputError('a customer user belongs to a tenant');
      tenantId = (await this.tenants.get(p, slug)).id;
    } else if (input.tenant) {
      throw new InputError('provider staff belong to no tenant');
    }
    if (await this.repo.byUsername(input.username)) throw new ConflictError(`user ${input.username} exists already`);
    let password = input.password;
    let generated: string | undefined;
    if (password === undefined && !input.sso) password = generated = temporaryPassword();
    if (password !== undefined) checkPasswordPolicy(password, input.username);
    const now = Date.now();
    const row = await this.repo.insert({
      username: input.username,
      display_name: input.displayName ?? input.username,
      role: input.role,
      tenant_id: tenantId,
      password_hash: password === undefined ? null : await hashPassword(password),
      must_change_password: generated !== undefined || (input.mustChangePassword ?? true) ? 1 : 0,
      totp_secret: null,
      totp_pending_secret: null,
      locale: input.locale ?? 'ja',
      timezone: input.timezone ?? 'Asia/Tokyo',
      failed_logins: 0,
      locked_until: null,
      oidc_subject: null,
      created_at: now,
      updated_at: now,
      last_login_at: null,
    });
    return generated === undefined ? { row } : { row, temporaryPassword: generated };
  }

  async update(p: Principal, id: number, patch: UserPatch): Promise<{ before: UserRow; after: UserRow }> {
    const { row, actor } = await this.editable(p, id);
    if (patch.role !== undefined && patch.role !== row.role) {
      if (!mayAssign(actor, patch.role)) throw new NotAllowedError(`a ${actor} may not make a ${patch.role}`);
      if (roleParty(patch.role) !== roleParty(roleOf(row))) throw new InputError('a role change cannot move a user between provider and customer');
    }
    await this.repo.update(id, {
      ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
      ...(patch.timezone !== undefined ? { timezone: patch.timezone } : {}),
      updated_at: Date.now(),
    });
    // A privilege change ends the user's sessions: the next sign-in gets a fresh id with the new rights.
    if (patch.role !== undefined && patch.role !== row.role) await this.sessions.endAllFor(id);
    return { before: row, after: (await this.repo.byId(id))! };
  }

  async delete(p: Principal, id: number): Promise<UserRow> {
    if (p.userId === id) throw new InputError('you cannot delete yourself');
    const { row } = await this.editable(p, id);
    await this.repo.delete(id);
    return row;
  }

  /** A temporary password, shown once; it must be changed at the next sign-in. Also lifts a lockout. */
  async resetPassword(p: Principal, id: number): Promise<{ row: UserRow; temporaryPassword: string }> {
    const { row } = await this.editable(p, id);
    const password = temporaryPassword();
    await this.repo.update(id, {
      password_hash: await hashPassword(password),
      must_change_password: 1,
      failed_logins: 0,
      locked_until: null,
      updated_at: Date.now(),
    });
    await this.sessions.endAllFor(id);
    return { row, temporaryPassword: password };
  }
}
