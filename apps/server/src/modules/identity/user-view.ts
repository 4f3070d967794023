import { z } from 'zod';
import { isRole, roleParty, type Role } from './roles.ts';
import type { UserRow } from './users.repository.ts';

/** What clients see of a user: the shape of login, /auth/me and the user admin routes. */
export const userView = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  party: z.enum(['provider', 'customer']),
  tenant: z.string().nullable(),
  locale: z.enum(['ja', 'en']),
  timezone: z.string(),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
});
export type UserView = z.infer<typeof userView>;

export const adminUserView = userView.extend({
  sso: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type AdminUserView = z.infer<typeof adminUserView>;

const iso = (ms: number | null) => (ms == null ? null : new Date(Number(ms)).toISOString());

export function roleOf(row: UserRow): Role {
  if (!isRole(row.role)) throw new Error(`user ${row.id} has an unknown role`);
  return row.role;
}

export function toUserView(row: UserRow, tenantSlug: (id: number) => string): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    party: roleParty(roleOf(row)),
    tenant: row.tenant_id === null ? null : tenantSlug(row.tenant_id),
    locale: row.locale === 'en' ? 'en' : 'ja',
    timezone: row.timezone,
    totpEnabled: row.totp_secret !== null,
    mustChangePassword: row.must_change_password === 1,
  };
}

export function toAdminUserView(row: UserRow, tenantSlug: (id: number) => string): AdminUserView {
  return {
    ...toUserView(row, tenantSlug),
    sso: row.oidc_subject !== null,
    lockedUntil: row.locked_until !== null && Number(row.locked_until) > Date.now() ? iso(row.locked_until) : null,
    createdAt: iso(row.created_at)!,
    lastLoginAt: iso(row.last_login_at),
  };
}
