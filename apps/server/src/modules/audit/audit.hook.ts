import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../http/principal.ts';
import type { TypedApp } from '../../http/typed.ts';
import { actionOf } from './audit-action.ts';
import type { AuditEntryInput, AuditLog } from './audit-log.ts';

/** Resolves a tenant slug named in a route to its id (undefined when there is no such tenant). */
export type TenantIdOf = (slug: string) => Promise<number | undefined>;

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Ingest is data, not configuration, and has its own metrics; push URLs carry their token in the path.
const NOT_AUDITED = ['/api/v1/ingest', '/api/v1/audit'];

/**
 * Writes every handled change request under /api/v1 to the audit log before the answer leaves (so a client that
 * saw the answer finds the entry), and every read of tenant data by provider staff as `tenant.access`.
 * Request bodies are never stored: only the before/after a service attached with `describeChange`.
 */
export function installAuditHook(app: TypedApp, audit: AuditLog, tenantIdOf: TenantIdOf): void {
  app.addHook('onSend', async (req, reply) => {
    const route = req.routeOptions.url;
    const principal = req.principal;
    if (!principal || !route?.startsWith('/api/v1/') || NOT_AUDITED.some((p) => route.startsWith(p))) return;
    const outcome = reply.statusCode < 400 ? 'success' : 'failure';
    const common = { actor: principal.actor, party: principal.party, ip: req.ip, outcome } as const;
    try {
      if (!READ_METHODS.has(req.method)) {
        await audit.record({
          ...common,
          ...(await describeWrite(req, route, principal, reply.statusCode, tenantIdOf)),
        });
      } else if (principal.tenantId === null && outcome === 'success') {
        for (const entry of await describeAccess(req, route, tenantIdOf)) await audit.record({ ...common, ...entry });
      }
    } catch (err) {
      req.log.error({ err, route }, 'audit entry could not be written');
    }
  });
}

type Described = Omit<AuditEntryInput, 'actor' | 'party' | 'ip' | 'outcome'>;

async function describeWrite(
  req: FastifyRequest,
  route: string,
  p: Principal,
  status: number,
  tenantIdOf: TenantIdOf,
): Promise<Described> {
  const params = req.params as Record<string, string> | undefined;
  const change = req.auditChange;
  const slug = params?.slug;
  const tenantId =
    change?.tenantId !== undefined
      ? change.tenantId
      : (p.tenantId ?? (slug ? ((await tenantIdOf(slug)) ?? null) : null));
  return {
    tenantId,
    action: change?.action ?? actionOf(req.method, route),
    target: change?.target ?? pathOf(req.url),
    before: change?.before,
    after: change?.after,
    details: { method: req.method, route, params, status, ...(p.tokenId !== null ? { tokenId: p.tokenId } : {}) },
  };
}

/** The tenants a provider read: named by the service (search), in the path (`:slug`) or in `?tenant=`. */
async function describeAccess(req: FastifyRequest, route: string, tenantIdOf: TenantIdOf): Promise<Described[]> {
  const params = req.params as Record<string, string> | undefined;
  const query = req.query as Record<string, unknown> | undefined;
  const named = typeof query?.tenant === 'string' ? [query.tenant] : [];
  const slugs =
    req.auditAccess?.tenants ?? (params?.slug && route.startsWith('/api/v1/tenants/:slug') ? [params.slug] : named);
  const out: Described[] = [];
  for (const slug of new Set(slugs)) {
    const tenantId = await tenantIdOf(slug);
    if (tenantId === undefined) continue;
    out.push({
      tenantId,
      action: 'tenant.access',
      target: `tenant:${slug}`,
      details: { method: req.method, route, what: req.auditAccess?.what ?? route },
    });
  }
  return out;
}

/** The request path without its query string: queries may carry confirmations and search text. */
function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}
