/** Workflow changes (ALR-3), enrichment on demand (ALR-4), escalation (ALR-6) and the tenant's triage criteria (ALR-2). */
import { z } from 'zod';
import { requirePrincipal } from '../../http/principal.ts';
import type { TypedApp } from '../../http/typed.ts';
import { describeChange } from '../audit/audit-types.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { alertParams, slugParams } from './alerts.routes.ts';
import { alertChange, bulkChange, escalateInput } from './alerts.schemas.ts';
import type { AlertsService } from './alerts.service.ts';
import { triageCriteriaSchema } from './triage-criteria.ts';

/** Triage is the SOC's work: customers read their queue (and reply through notifications) but do not change it. */
export const SOC_WRITE = { scope: 'write', party: 'provider' } as const;

const changeResult = z.object({ changed: z.number(), ids: z.array(z.number()) });

export function alertWorkflowRoutes(app: TypedApp, tenants: TenantsService, alerts: AlertsService): void {
  app.patch(
    '/api/v1/tenants/:slug/alerts/:id',
    { config: SOC_WRITE, schema: { tags: ['alerts'], params: alertParams, body: alertChange, response: { 200: changeResult } } },
    async (req) => {
      const p = requirePrincipal(req);
      const tenant = await tenants.get(p, req.params.slug);
      const s = await alerts.change(p, tenant, [req.params.id], req.body);
      describeChange(req, { action: 'alert.update', target: `alert:${req.params.id}`, tenantId: tenant.id, before: s.before[0], after: s.after[0] ?? req.body });
      return { changed: s.after.length, ids: s.ids };
    },
  );

  app.post(
    '/api/v1/tenants/:slug/alerts/bulk',
    { config: SOC_WRITE, schema: { tags: ['alerts'], params: slugParams, body: bulkChange, response: { 200: changeResult } } },
    async (req) => {
      const p = requirePrincipal(req);
      const tenant = await tenants.get(p, req.params.slug);
      const { ids, ...change } = req.body;
      const s = await alerts.change(p, tenant, ids, change);
      describeChange(req, { action: 'alert.bulk_update', target: `alerts:${s.ids.join(',')}`.slice(0, 2000), tenantId: tenant.id, before: s.before, after: s.after });
      return { changed: s.after.length, ids: s.ids };
    },
  );

  app.post(
    '/api/v1/tenants/:slug/alerts/:id/comments',
    { config: SOC_WRITE, schema: { tags: ['alerts'], params: alertParams, body: z.object({ body: z.string().min(1).max(20_000) }), response: { 201: changeResult } } },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const tenant = await tenants.get(p, req.params.slug);
      const s = await alerts.change(p, tenant, [req.params.id], { comment: req.body.body });
      describeChange(req, { action: 'alert.comment', target: `alert:${req.params.id}`, tenantId: tenant.id, after: { comment: req.body.body } });
      return reply.status(201).send({ changed: 0, ids: s.ids });
    },
  );

  app.post(
    '/api/v1/tenants/:slug/alerts/:id/enrich',
    { config: SOC_WRITE, schema: { tags: ['alerts'], params: alertParams, response: { 200: z.record(z.string(), z.unknown()) } } },
    async (req) => {
      const p = requirePrincipal(req);
      const tenant = await tenants.get(p, req.params.slug);
      const enrichment = await alerts.enrich(p, tenant, req.params.id);
      describeChange(req, { action: 'alert.enrich', target: `alert:${req.params.id}`, tenantId: tenant.id });
      return enrichment;
    },
  );

  app.post(
    '/api/v1/tenants/:slug/alerts/escalate',
    {
      config: SOC_WRITE,
      schema: { tags: ['alerts'], params: slugParams, body: escalateInput, response: { 201: z.object({ incidentId: z.number(), alertIds: z.array(z.number()) }) } },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const tenant = await tenants.get(p, req.params.slug);
      const out = await alerts.escalate(p, tenant, req.body);
      describeChange(req, { action: 'alert.escalate', target: `incident:${out.incidentId}`, tenantId: tenant.id, after: { alertIds: out.alertIds, title: req.body.title } });
      return reply.status(201).send(out);
    },
  );

  app.get(
    '/api/v1/tenants/:slug/triage-criteria',
    { config: { scope: 'read' }, schema: { tags: ['alerts'], params: slugParams, response: { 200: triageCriteriaSchema } } },
    async (req) => alerts.criteria(await tenants.get(requirePrincipal(req), req.params.slug)),
  );

  app.put(
    '/api/v1/tenants/:slug/triage-criteria',
    {
      config: SOC_WRITE,
      schema: { tags: ['alerts'], params: slugParams, body: triageCriteriaSchema, response: { 200: triageCriteriaSchema.extend({ recomputed: z.number() }) } },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const tenant = await tenants.get(p, req.params.slug);
      const out = await alerts.saveCriteria(p, tenant, req.body);
      describeChange(req, { action: 'triage_criteria.update', target: `tenant:${tenant.slug}`, tenantId: tenant.id, before: out.before, after: out.after });
      return { ...out.after, recomputed: out.recomputed };
    },
  );
}
