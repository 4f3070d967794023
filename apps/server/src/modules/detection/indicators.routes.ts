import { z } from 'zod';
import { requirePrincipal, requireProviderStaff } from '../../http/principal.ts';
import type { TypedApp } from '../../http/typed.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { ALERT_SEVERITIES } from './detection-types.ts';
import { INDICATOR_TYPES } from './indicator-values.ts';
import type { IndicatorsService } from './indicators.service.ts';

const slugParams = z.object({ slug: z.string().min(1).max(63) });
const idParam = z.object({ id: z.coerce.number().int().positive() });

const indicatorView = z.object({
  id: z.number(),
  scope: z.enum(['tenant', 'global']),
  type: z.string(),
  value: z.string(),
  severity: z.string(),
  description: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
});

const indicatorBody = z.object({
  type: z.enum(INDICATOR_TYPES),
  value: z.string().min(1).max(2000),
  severity: z.enum(ALERT_SEVERITIES as [string, ...string[]]).optional(),
  description: z.string().max(2000).optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  retroHuntDays: z.number().int().min(0).max(3650).optional(),
});

const bulkBody = z.object({
  indicators: z.array(indicatorBody.omit({ retroHuntDays: true })).min(1).max(100_000),
  retroHuntDays: z.number().int().min(0).max(3650).optional(),
});

const bulkCreated = z.object({
  created: z.number(),
  rejected: z.array(z.object({ value: z.string(), reason: z.string() })),
  retroHunt: z.object({ events: z.number(), truncated: z.boolean() }),
});

type Severity = 'low' | 'medium' | 'high' | 'critical';

const created = z.object({ indicator: indicatorView, retroHunt: z.object({ events: z.number(), truncated: z.boolean() }) });

export function indicatorsRoutes(app: TypedApp, tenants: TenantsService, indicators: IndicatorsService): void {
  app.get(
    '/api/v1/tenants/:slug/indicators',
    { config: { scope: 'read' }, schema: { tags: ['detection'], params: slugParams, response: { 200: z.array(indicatorView) } } },
    async (req) => {
      const p = requirePrincipal(req);
      return indicators.list(await tenants.get(p, req.params.slug), p.tenantId === null);
    },
  );

  app.post(
    '/api/v1/tenants/:slug/indicators',
    { config: { scope: 'admin' }, schema: { tags: ['detection'], params: slugParams, body: indicatorBody, response: { 201: created } } },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const body = { ...req.body, severity: req.body.severity as Severity | undefined };
      return reply.status(201).send(await indicators.create(p, await tenants.get(p, req.params.slug), body));
    },
  );

  app.post(
    '/api/v1/tenants/:slug/indicators/bulk',
    { config: { scope: 'admin' }, schema: { tags: ['detection'], params: slugParams, body: bulkBody, response: { 200: bulkCreated } } },
    async (req) => {
      const p = requirePrincipal(req);
      const inputs = req.body.indicators.map((i) => ({ ...i, severity: i.severity as Severity | undefined }));
      const r = await indicators.createMany(p, await tenants.get(p, req.params.slug), inputs, req.body.retroHuntDays);
      return { created: r.created.length, rejected: r.rejected, retroHunt: r.retroHunt };
    },
  );

  app.delete(
    '/api/v1/tenants/:slug/indicators/:id',
    { config: { scope: 'admin' }, schema: { tags: ['detection'], params: slugParams.merge(idParam) } },
    async (req, reply) => {
      const p = requirePrincipal(req);
      await indicators.remove(p, await tenants.get(p, req.params.slug), req.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/indicators',
    { config: { scope: 'read' }, schema: { tags: ['detection'], response: { 200: z.array(indicatorView) } } },
    (req) => {
      // Provider-wide threat intelligence is the provider's; customers see it only as matches in their alerts.
      requireProviderStaff(requirePrincipal(req));
      return indicators.list(undefined, true);
    },
  );

  app.post(
    '/api/v1/indicators',
    { config: { scope: 'admin' }, schema: { tags: ['detection'], body: indicatorBody, response: { 201: created } } },
    async (req, reply) => {
      const body = { ...req.body, severity: req.body.severity as Severity | undefined };
      return reply.status(201).send(await indicators.create(requirePrincipal(req), undefined, body));
    },
  );

  app.post(
    '/api/v1/indicators/bulk',
    { config: { scope: 'admin' }, schema: { tags: ['detection'], body: bulkBody, response: { 200: bulkCreated } } },
    async (req) => {
      const inputs = req.body.indicators.map((i) => ({ ...i, severity: i.severity as Severity | undefined }));
      const r = await indicators.createMany(requirePrincipal(req), undefined, inputs, req.body.retroHuntDays);
      return { created: r.created.length, rejected: r.rejected, retroHunt: r.retroHunt };
    },
  );

  app.delete(
    '/api/v1/indicators/:id',
    { config: { scope: 'admin' }, schema: { tags: ['detection'], params: idParam } },
    async (req, reply) => {
      await indicators.remove(requirePrincipal(req), undefined, req.params.id);
      return reply.status(204).send();
    },
  );
}
