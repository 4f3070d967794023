import { Readable } from 'node:stream';
import type { z } from 'zod';
import { requirePrincipal, requireProviderStaff, type Principal } from '../../http/principal.ts';
import { requireRole } from '../identity/roles.ts';
import { scopeAllows } from '../tokens/token-secret.ts';
import type { TypedApp } from '../../http/typed.ts';
import { csvRow } from '../events/csv.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import type { AuditLog } from './audit-log.ts';
import { AuditRepository, type AuditFilter } from './audit.repository.ts';
import { auditPage, auditQuery, CSV_COLUMNS, exportQuery, toView, verifyView } from './audit.schemas.ts';

const EXPORT_PAGE = 1000;

/**
 * Reading the audit log: provider admins see everything, a customer admin only the entries of their own tenant
 * (a filter on another tenant answers 404 like any foreign tenant). Verification is the provider's.
 */
/** Provider admins and managers; on a tenant's side its customer-admins (or that tenant's admin-scope tokens). */
function requireAuditReader(p: Principal): void {
  if (p.tenantId !== null && p.userId === null && scopeAllows(p.scope, 'admin')) return;
  if (p.tenantId === null) requireRole(p, 'admin', 'manager');
  else requireRole(p, 'customer-admin');
}

export function auditRoutes(app: TypedApp, audit: AuditLog, repo: AuditRepository, tenants: TenantsService): void {
  const tags = ['audit'];

  const filterFor = async (p: Principal, q: z.infer<typeof exportQuery>): Promise<Omit<AuditFilter, 'limit'>> => {
    requireAuditReader(p);
    const tenantId = q.tenant !== undefined ? (await tenants.get(p, q.tenant)).id : (p.tenantId ?? undefined);
    return { from: q.from, to: q.to, actor: q.actor, action: q.action, target: q.target, tenantId };
  };

  app.get(
    '/api/v1/audit',
    {
      config: { scope: 'write' },
      schema: {
        tags,
        description: 'Audit entries, newest first; page with `before=<nextBefore>`.',
        querystring: auditQuery,
        response: { 200: auditPage },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const rows = await repo.list({
        ...(await filterFor(p, { ...req.query, format: 'ndjson' })),
        beforeSeq: req.query.before,
        limit: req.query.limit,
      });
      const last = rows[rows.length - 1];
      return {
        entries: rows.map((r) => toView(r, tenants.label)),
        nextBefore: rows.length === req.query.limit && last ? Number(last.seq) : null,
      };
    },
  );

  app.get(
    '/api/v1/audit/export',
    {
      config: { scope: 'write' },
      schema: {
        tags,
        description: 'The filtered audit log as CSV or NDJSON, oldest entries last.',
        querystring: exportQuery,
      },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const filter = await filterFor(p, req.query);
      const csv = req.query.format === 'csv';
      async function* lines(): AsyncGenerator<string> {
        if (csv) yield csvRow([...CSV_COLUMNS]);
        let beforeSeq: number | undefined;
        for (;;) {
          const rows = await repo.list({ ...filter, beforeSeq, limit: EXPORT_PAGE });
          for (const row of rows) {
            const v = toView(row, tenants.label);
            yield csv ? csvRow(CSV_COLUMNS.map((c) => v[c])) : JSON.stringify(v) + '\n';
          }
          if (rows.length < EXPORT_PAGE) return;
          beforeSeq = Number(rows[rows.length - 1]!.seq);
        }
      }
      const type = csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson';
      return reply
        .type(type)
        .header('content-disposition', `attachment; filename="audit.${req.query.format}"`)
        .send(Readable.from(lines()));
    },
  );

  app.get(
    '/api/v1/audit/verify',
    {
      config: { scope: 'admin' },
      schema: {
        tags,
        description: 'Recomputes the hash chain; names the first entry that does not fit.',
        response: { 200: verifyView },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      requireProviderStaff(p);
      requireAuditReader(p);
      return audit.verify();
    },
  );
}
