import { NotAllowedError } from '../../errors.ts';
import type { Party, Principal } from '../../http/principal.ts';
import type { TokenScope } from '../tokens/token-secret.ts';

export const PROVIDER_ROLES = ['admin', 'manager', 'engineer', 'analyst', 'operator'] as const;
export const CUSTOMER_ROLES = ['customer-admin', 'customer-viewer', 'ciso'] as const;
export const ROLES = [...PROVIDER_ROLES, ...CUSTOMER_ROLES] as const;
export type Role = (typeof ROLES)[number];

/**
 * The route scope each role holds. Provider managers run tenants, contracts and users, so they hold admin;
 * the SOC's working roles change alerts and incidents (write); customer admins act on their own tenant
 * (write, plus managing their tenant's users and tokens through `requireRole`); viewers and the CISO read.
 */
const ROLE_SCOPE: Record<Role, TokenScope> = {
  admin: 'admin',
  manager: 'admin',
  engineer: 'write',
  analyst: 'write',
  operator: 'write',
  'customer-admin': 'write',
  'customer-viewer': 'read',
  ciso: 'read',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleScope(role: Role): TokenScope {
  return ROLE_SCOPE[role];
}

export function roleParty(role: Role): Party {
  return (PROVIDER_ROLES as readonly string[]).includes(role) ? 'provider' : 'customer';
}

/**
 * The role a caller acts in. A token without a user (the local admin token of the data dir, tokens made by
 * scripts) has none, except that a provider-wide admin token acts as the admin it was created by.
 */
export function principalRole(p: Principal): Role | undefined {
  if (p.role && isRole(p.role)) return p.role;
  if (p.userId === null && p.scope === 'admin' && p.tenantId === null) return 'admin';
  return undefined;
}

/** For the few checks finer than a scope, e.g. only a manager or admin approves. */
export function requireRole(p: Principal, ...roles: Role[]): Role {
  const role = principalRole(p);
  if (!role || !roles.includes(role)) throw new NotAllowedError(`only ${roles.join(', ')} may do this`);
  return role;
}
