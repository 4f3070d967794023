import { parseQuery } from '@mamori/query';
import { z } from 'zod';
import { ConflictError, NotFoundError } from '../../errors.ts';
import { requirePrincipal } from '../../http/principal.ts';
import type { TypedApp } from '../../http/typed.ts';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { TenantRow } from '../tenants/tenants.repository.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { SavedSearchesRepository, type SavedSearchRow } from './saved-searches.repository.ts';
import { sendResult } from './search.format.ts';
import { answeringQueryErrors, formatParam, isoTime, logCrossTenant } from './search.http.ts';
import { resolveRange, type SearchService } from './search.service.ts';

const params = z.object({ slug: z.string().min(1).max(63) });
const idParams = params.extend({ id: z.coerce.number().int().positive() });
const body = z.object({
  name: z.string().trim().min(1).max(200),
  query: z.string().max(10_000),
  description: z.string().max(2000).nullable().optional(),
});

const view = (r: SavedSearchRow) => ({
  id: r.id,
  name: r.name,
  query: r.query,
  description: r.description,
  createdAt: new Date(Number(r.created_at)).toISOString(),
  updatedAt: new Date(Number(r.updated_at)).toISOString(),
});

/**
 * Saved searches per tenant. They need only the read scope: they change nothing that is stored or
 * detected, and the analysts who keep them hold read tokens.
 */
export function savedSearchesRoutes(app: TypedApp, tenants: TenantsService, db: ControlDb, search: SearchService): void {
  const repo = new SavedSearchesRepository(db);
  const base = '/api/v1/tenants/:slug/saved-searches';
  const tags = ['search'];

  const found = async (tenant: TenantRow, id: number): Promise<SavedSearchRow> => {
    const row = await repo.get(tenant.id, id);
    if (!row) throw new NotFoundError('no such saved search');
    return row;
  };
  const uniqueName = async (tenant: TenantRow, name: string, id?: number) => {
    const other = await repo.byName(tenant.id, name);
    if (other && other.id !== id) throw new ConflictError(`a saved search named '${name}' exists`);
  };

  app.get(base, { config: { scope: 'read' }, schema: { tags, params } }, async (req) => {
    const tenant = await tenants.get(requirePrincipal(req), req.params.slug);
    return (await repo.list(tenant.id)).map(view);
  });

  app.post(base, { config: { scope: 'read' }, schema: { tags, params, body } }, async (req, reply) =>
    answeringQueryErrors(reply, async () => {
      const p = requirePrincipal(req);
      const tenant = await tenants.get(p, req.params.slug);
      parseQuery(req.body.query); // a query that cannot run is refused now, with its position
      await uniqueName(tenant, req.body.name);
      const now = Date.now();
      const row = await repo.create({
        tenant_id: tenant.id,
        name: req.body.name,
        query: req.body.query,
        description: req.body.description ?? null,
        created_by_token: p.tokenId,
        created_at: now,
        updated_at: now,
      });
      return reply.status(201).send(view(row));
    }),
  );

  app.get(`${base}/:id`, { config: { scope: 'read' }, schema: { tags, params: idParams } }, async (req) => {
    const tenant = await tenants.get(requirePrincipal(req), req.params.slug);
    return view(await found(tenant, req.params.id));
  });

  app.patch(`${base}/:id`, { config: { scope: 'read' }, schema: { tags, params: idParams, body: body.partial() } }, async (req, reply) =>
    answeringQueryErrors(reply, async () => {
      const tenant = await tenants.get(requirePrincipal(req), req.params.slug);
      await found(tenant, req.params.id);
      if (req.body.query !== undefined) parseQuery(req.body.query);
      if (req.body.name !== undefined) await uniqueName(tenant, req.body.name, req.params.id);
      const row = await repo.update(tenant.id, req.params.id, req.body, Date.now());
      return reply.send(view(row!));
    }),
  );

  app.delete(`${base}/:id`, { config: { scope: 'read' }, schema: { tags, params: idParams } }, async (req, reply) => {
    const tenant = await tenants.get(requirePrincipal(req), req.params.slug);
    if (!(await repo.delete(tenant.id, req.params.id))) throw new NotFoundError('no such saved search');
    return reply.status(204).send();
  });

  app.get(
    `${base}/:id/results`,
    {
      config: { scope: 'read' },
      schema: {
        tags,
        description: 'Runs the saved search over from/to (default the last 24 hours).',
        params: idParams,
        querystring: z.object({ from: isoTime.optional(), to: isoTime.optional(), limit: z.coerce.number().int().min(1).max(100_000).optional(), format: formatParam }),
      },
    },
    async (req, reply) => {
      const tenant = await tenants.get(requirePrincipal(req), req.params.slug);
      const saved = await found(tenant, req.params.id);
      logCrossTenant(req, 'saved search', [tenant.slug]);
      const range = resolveRange(req.query);
      return answeringQueryErrors(reply, async () => {
        const limit = req.query.limit === undefined ? {} : { limit: req.query.limit };
        const result = await search.run(search.compile(saved.query, { tenantIds: [tenant.id], ...range, ...limit }));
        return sendResult(reply, result, req.query.format, { query: saved.query, name: saved.name });
      });
    },
  );
}

