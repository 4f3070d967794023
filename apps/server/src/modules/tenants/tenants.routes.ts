import { z } from 'zod';
import { InputError } from '../../errors.ts';
import type { TypedApp } from '../../http/typed.ts';
import { requirePrincipal, requireProviderStaff } from '../../http/principal.ts';
import type { TenantsService } from './tenants.service.ts';
import type { TenantRow } from './tenants.repository.ts';

const tenantView = z.object({
  id: z.number(),
  slug: z.string(),
  name: z.string(),
  createdAt: z.string(),
  retentionDays: z.number().nullable(),
  retentionBytes: z.number().nullable(),
});

export const slugParams = z.object({ slug: z.string().min(1).max(63) });

export function tenantToView(t: TenantRow): z.infer<typeof tenantView> {
  return {
    id: t.id,
    slug: t.slug,
    name: t.name,
    createdAt: new Date(Number(t.created_at)).toISOString(),
    retentionDays: t.retention_days,
    retentionBytes: t.retention_bytes == null ? null : Number(t.retention_bytes),
  };
}

export function tenantsRoutes(app: TypedApp, tenants: TenantsService): void {
  app.get(
    '/api/v1/tenants',
    { config: { scope: 'read' }, schema: { tags: ['tenants'], response: { 200: z.array(tenantView) } } },
    async (req) => (await tenants.list(requirePrincipal(req))).map(tenantToView),
  );

  app.post(
    '/api/v1/tenants',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['tenants'],
        body: z.object({ slug: z.string(), name: z.string().min(1).max(200).optional() }),
        response: { 201: tenantView },
      },
    },
    async (req, reply) => {
      requireProviderStaff(requirePrincipal(req));
      const t = await tenants.create(req.body.slug, req.body.name);
      return reply.status(201).send(tenantToView(t));
    },
  );

  app.get(
    '/api/v1/tenants/:slug',
    { config: { scope: 'read' }, schema: { tags: ['tenants'], params: slugParams, response: { 200: tenantView } } },
    async (req) => tenantToView(await tenants.get(requirePrincipal(req), req.params.slug)),
  );

  app.patch(
    '/api/v1/tenants/:slug/retention',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['tenants'],
        params: slugParams,
        body: z.object({
          days: z.number().int().min(0).max(36500).nullable(),
          bytes: z.number().int().min(0).nullable(),
        }),
        response: { 200: tenantView },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      requireProviderStaff(p);
      const t = await tenants.get(p, req.params.slug);
      return tenantToView(await tenants.repo.updateRetention(t.id, req.body.days, req.body.bytes));
    },
  );

  app.delete(
    '/api/v1/tenants/:slug',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['tenants'],
        params: slugParams,
        querystring: z.object({ confirm: z.string() }),
        response: {
          200: z.object({
            tenant: z.object({ slug: z.string(), name: z.string() }),
            deletedAt: z.string(),
            events: z.number(),
            batches: z.number(),
            rawBytes: z.number(),
            lastChainSha256: z.string(),
            statement: z.string(),
            sha256: z.string(),
          }),
        },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      requireProviderStaff(p);
      if (req.query.confirm !== req.params.slug) {
        throw new InputError('confirm must repeat the tenant slug');
      }
      return tenants.delete(p, req.params.slug);
    },
  );
}
