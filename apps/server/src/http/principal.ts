import type { FastifyRequest } from 'fastify';
import { AuthenticationError, NotAllowedError, NotFoundError } from '../errors.ts';
import { scopeAllows, type TokenScope } from '../modules/tokens/token-secret.ts';

/** Who is calling. A null tenantId means provider staff: allowed across tenants. */
export interface Principal {
  tokenId: number;
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

export function requireProviderStaff(p: Principal): void {
  if (p.tenantId !== null) throw new NotAllowedError('only provider staff may do this');
}
