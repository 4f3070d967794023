import { z } from 'zod';
import { requirePrincipal } from '../../http/principal.ts';
import type { TypedApp } from '../../http/typed.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import type { TuningService } from './tuning.service.ts';

const slugParams = z.object({ slug: z.string().min(1).max(63) });

const suppressionView = z.object({
  id: z.number(),
  rule: z.string().nullable(),
  conditions: z.record(z.string(), z.array(z.string())),
  reason: z.string(),
  status: z.string(),
  requestedBy: z.string().nullable(),
  createdByToken: z.number().nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  active: z.boolean(),
  hits: z.number(),
});

const suppressionBody = z.object({
  rule: z.string().min(1).max(300).optional(),
  conditions: z.record(z.string().min(1).max(200), z.union([z.string().max(1000), z.array(z.string().max(1000)).min(1).max(1000)])).default({}),
  reason: z.string().min(1).max(2000),
  requestedBy: z.string().max(200).optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});

export function tuningRoutes(app: TypedApp, tenants: TenantsService, tuning: TuningService): void {
  app.get(
    '/api/v1/tenants/:slug/suppressions',
    { config: { scope: 'read' }, schema: { tags: ['detection'], params: slugParams, response: { 200: z.array(suppressionView) } } },
    async (req) => tuning.listSuppressions(await tenants.get(requirePrincipal(req), req.params.slug)),
  );

  app.post(
    '/api/v1/tenants/:slug/suppressions',
    { config: { scope: 'admin' }, schema: { tags: ['detection'], params: slugParams, body: suppressionBody, response: { 201: suppressionView } } },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const created = await tuning.createSuppression(p, await tenants.get(p, req.params.slug), req.body);
      return reply.status(201).send(created);
    },
  );

  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/api/v1/tenants/:slug/suppressions/:id/${decision}`,
      {
        config: { scope: 'admin' },
        schema: {
          tags: ['detection'],
          params: slugParams.extend({ id: z.coerce.number().int().positive() }),
          body: z.object({ reason: z.string().max(1000).optional() }).optional(),
          response: { 200: suppressionView },
        },
      },
      async (req) => {
        const p = requirePrincipal(req);
        return tuning.decide(p, await tenants.get(p, req.params.slug), req.params.id, decision === 'approve', req.body?.reason);
      },
    );
  }

  app.delete(
    '/api/v1/tenants/:slug/suppressions/:id',
    {
      config: { scope: 'admin' },
      schema: { tags: ['detection'], params: slugParams.extend({ id: z.coerce.number().int().positive() }), querystring: z.object({ reason: z.string().max(1000).optional() }) },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      await tuning.removeSuppression(p, await tenants.get(p, req.params.slug), req.params.id, req.query.reason);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/tenants/:slug/detection/audit',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['detection'],
        params: slugParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
        response: {
          200: z.array(z.object({ at: z.string(), tokenId: z.number().nullable(), action: z.string(), target: z.string(), details: z.record(z.string(), z.unknown()) })),
        },
      },
    },
    async (req) => tuning.audit(await tenants.get(requirePrincipal(req), req.params.slug), req.query.limit),
  );
}
