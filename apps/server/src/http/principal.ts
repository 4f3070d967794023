import type { FastifyRequest } from 'fastify';
import { AuthenticationError, NotAllowedError, NotFoundError } from '../errors.ts';
import { scopeAllows, type TokenScope } from '../modules/tokens/token-secret.ts';

/** Which side of the service contract a caller is on: the SOC provider's staff or a customer tenant's people. */
export type Party = 'provider' | 'customer';

/** Who is calling. A null tenantId means provider staff: allowed across tenants. */
export interface Principal {
  /** The API token used, or null for a signed-in user's session. */
  tokenId: number | null;
  /** The signed-in user (or the user a token belongs to), if any. */
  userId: number | null;
  /** Stable display of who acted, for audit, assignment and comments: `user:<name>` or `token:<id>`. */
  actor: string;
  party: Party;
  /** The user's role (identity/roles.ts); absent for tokens that belong to no user. */
  role?: string | undefined;
  scope: string;
  tenantId: number | null;
  deviceId: number | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** The scope a route needs; routes without one are public (health, metrics, OpenAPI). */
    scope?: TokenScope;
    /** 'provider' keeps the route to the SOC's own staff (triage, incidents work); customers get 403. */
    party?: Party;
    /** Open without credentials (sign-in, OIDC redirects); the handler itself decides what it reveals. */
    public?: boolean;
  }
}

export function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw new AuthenticationError('a bearer token is required');
  return req.principal;
}

export function requireScope(p: Principal, scope: TokenScope): void {
  if (!scopeAllows(p.scope, scope)) throw new NotAllowedError(`this token lacks the ${scope} scope`);
}

/** Tenant-bound callers reach only their own tenant; a foreign tenant looks like one that does not exist. */
export function assertTenantAccess(p: Principal, tenantId: number): void {
  if (p.tenantId !== null && p.tenantId !== tenantId) throw new NotFoundError('no such tenant');
}

export function requireParty(p: Principal, party: Party): void {
  if (p.party !== party) throw new NotAllowedError(`only ${party} staff may do this`);
}

export function requireProviderStaff(p: Principal): void {
  if (p.tenantId !== null) throw new NotAllowedError('only provider staff may do this');
}

export { requireRole } from '../modules/identity/roles.ts';
