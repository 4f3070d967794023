import type { FastifyRequest } from 'fastify';

/**
 * The audit log's contract with the rest of the server. Every write request is recorded by the HTTP layer
 * (who, what, when, from where, outcome); a service that knows the object's state before and after the
 * change attaches it to the request with `describeChange`, and events that are not requests of their own
 * (sign-in, lockout, a scheduled job acting) go through `AuditRecorder.record`.
 */
export interface AuditEvent {
  /** `user:<name>`, `token:<id>` or `system:<job>`. */
  actor: string;
  tenantId: number | null;
  /** Dotted verb, e.g. `auth.login`, `incident.update`, `alert.assign`. */
  action: string;
  /** What was acted on, e.g. `incident:42`. */
  target?: string;
  ip?: string | null;
  outcome: 'success' | 'failure';
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

export interface AuditRecorder {
  record(event: AuditEvent): Promise<void>;
}

export interface AuditChange {
  action?: string;
  target: string;
  tenantId?: number | null;
  before?: unknown;
  after?: unknown;
}

/** Provider staff reading tenant data through a route that does not name the tenant in its path (search). */
export interface AuditAccess {
  what: string;
  tenants: string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    auditChange?: AuditChange;
    auditAccess?: AuditAccess;
  }
}

/** Attach the before/after of the change this request makes; the audit hook writes it with the request. */
export function describeChange(req: FastifyRequest, change: AuditChange): void {
  req.auditChange = change;
}

/** Name the tenants a provider principal read in this request; the audit hook writes one `tenant.access` each. */
export function noteTenantAccess(req: FastifyRequest, what: string, tenants: string[]): void {
  req.auditAccess = { what, tenants };
}
