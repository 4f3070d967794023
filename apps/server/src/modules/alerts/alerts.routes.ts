/** The queue (ALR-3): per tenant and across tenants for provider staff, with counts and one alert's detail. */
import { z } from 'zod';
import { requirePrincipal, type Principal } from '../../http/principal.ts';
import type { TypedApp } from '../../http/typed.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { alertDetailView, alertView, countsView, providerQueueQuery, queueQuery } from './alerts.schemas.ts';
import type { AlertsService } from './alerts.service.ts';

export const slugParams = z.object({ slug: z.string().min(1).max(63) });
export const alertParams = slugParams.extend({ id: z.coerce.number().int().positive() });
const NEXT = 'x-next-cursor';

export function alertsRoutes(app: TypedApp, tenants: TenantsService, alerts: AlertsService): void {
  /** Provider staff see every tenant (or one with ?tenant=); a tenant-bound caller sees only its own. */
  const scopeOf = async (p: Principal, slug: string | undefined): Promise<number | null> =>
    slug !== undefined ? (await tenants.get(p, slug)).id : p.tenantId;

  app.get(
    '/api/v1/alerts',
    { config: { scope: 'read' }, schema: { tags: ['alerts'], querystring: providerQueueQuery, response: { 200: z.array(alertView) } } },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const page = await alerts.page(p, await scopeOf(p, req.query.tenant), req.query);
      if (page.nextCursor) void reply.header(NEXT, page.nextCursor);
      return page.alerts;
    },
  );

  app.get(
    '/api/v1/alerts/counts',
    { config: { scope: 'read' }, schema: { tags: ['alerts'], querystring: providerQueueQuery, response: { 200: countsView } } },
    async (req) => {
      const p = requirePrincipal(req);
      return alerts.counts(p, await scopeOf(p, req.query.tenant), req.query);
    },
  );

  app.get(
    '/api/v1/tenants/:slug/alerts',
    { config: { scope: 'read' }, schema: { tags: ['alerts'], params: slugParams, querystring: queueQuery, response: { 200: z.array(alertView) } } },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const tenant = await tenants.get(p, req.params.slug);
      const page = await alerts.page(p, tenant.id, req.query);
      if (page.nextCursor) void reply.header(NEXT, page.nextCursor);
      return page.alerts;
    },
  );

  app.get(
    '/api/v1/tenants/:slug/alerts/counts',
    { config: { scope: 'read' }, schema: { tags: ['alerts'], params: slugParams, querystring: queueQuery, response: { 200: countsView } } },
    async (req) => {
      const p = requirePrincipal(req);
      return alerts.counts(p, (await tenants.get(p, req.params.slug)).id, req.query);
    },
  );

  app.get(
    '/api/v1/tenants/:slug/alerts/:id',
    { config: { scope: 'read' }, schema: { tags: ['alerts'], params: alertParams, response: { 200: alertDetailView } } },
    async (req) => alerts.detail(await tenants.get(requirePrincipal(req), req.params.slug), req.params.id),
  );
}
