import { MAX_LIMIT } from '@mamori/query';
import { z } from 'zod';
import { InputError } from '../../errors.ts';
import { requirePrincipal } from '../../http/principal.ts';
import type { TypedApp } from '../../http/typed.ts';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { EventStore } from '../../stores/events/event-store.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { analysesRoutes } from './analyses.routes.ts';
import { savedSearchesRoutes } from './saved-searches.routes.ts';
import { sendResult } from './search.format.ts';
import { answeringQueryErrors, formatParam, isoTime, logCrossTenant } from './search.http.ts';
import { DEFAULT_TIMEOUT_MS, resolveRange, SearchService } from './search.service.ts';

export interface SearchRoutesOptions {
  /** Time budget of one query; MAMORI_SEARCH_TIMEOUT_MS, else 30 s. */
  timeoutMs?: number;
}

/** Search (SRC-1), saved searches, canned analyses (SRC-2) and pivots (SRC-3). */
export function searchRoutes(app: TypedApp, store: EventStore, tenants: TenantsService, db: ControlDb, options: SearchRoutesOptions = {}): void {
  const timeoutMs = options.timeoutMs ?? (Number(process.env.MAMORI_SEARCH_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS);
  const search = new SearchService(store, tenants, timeoutMs);

  app.get(
    '/api/v1/search',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['search'],
        description:
          'Runs a query-language search (docs/query-language.md) over one tenant, or for provider staff a list of tenants. ' +
          'from/to default to the last 24 hours; a query past the time budget answers 504.',
        querystring: z.object({
          q: z.string().max(10_000).default(''),
          tenant: z.string().min(1).max(63).optional(),
          tenants: z.string().min(1).max(4000).optional(),
          from: isoTime.optional(),
          to: isoTime.optional(),
          limit: z.coerce.number().int().min(1).max(MAX_LIMIT).optional(),
          format: formatParam,
        }),
      },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const { tenant, tenants: list } = req.query;
      if ((tenant === undefined) === (list === undefined)) throw new InputError('name one tenant (tenant=<slug>) or a list (tenants=a,b)');
      const slugs = tenant !== undefined ? [tenant] : list!.split(',').map((s) => s.trim()).filter(Boolean);
      const rows = await search.resolveTenants(p, slugs);
      logCrossTenant(req, 'search', rows.map((t) => t.slug));
      const range = resolveRange(req.query);
      return answeringQueryErrors(reply, async () => {
        const compiled = search.compile(req.query.q, {
          tenantIds: rows.map((t) => t.id),
          ...range,
          ...(req.query.limit === undefined ? {} : { limit: req.query.limit }),
        });
        const result = await search.run(compiled);
        const scope = { tenants: rows.map((t) => t.slug), from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() };
        return sendResult(reply, result, req.query.format, { query: req.query.q, scope });
      });
    },
  );

  savedSearchesRoutes(app, tenants, db, search);
  analysesRoutes(app, tenants, search);
}
