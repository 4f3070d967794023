import { z } from 'zod';
import { requirePrincipal } from '../../http/principal.ts';
import type { TypedApp } from '../../http/typed.ts';
import { describeChange } from '../audit/audit-types.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { INCIDENT_STATUSES } from './incident-lifecycle.ts';
import { detailView, summaryView } from './incident-views.ts';
import {
  alertsBody,
  assetBody,
  eventsBody,
  incidentDetail,
  incidentParams,
  incidentSummary,
  noteBody,
  observablesBody,
  openIncidentBody,
  patchIncidentBody,
  slugParams,
  taskBody,
  transitionBody,
} from './incidents.schemas.ts';
import type { IncidentsService } from './incidents.service.ts';
import type { SlaService } from '../sla/sla.service.ts';

const SOC_WRITE = { scope: 'write', party: 'provider' } as const;
const ok = z.object({ ok: z.literal(true) });

/** Incidents: customers read their own; only the SOC's staff change them. */
export function incidentsRoutes(app: TypedApp, tenants: TenantsService, incidents: IncidentsService, sla: SlaService): void {
  const tenantOf = async (req: Parameters<typeof requirePrincipal>[0], slug: string) => {
    const p = requirePrincipal(req);
    return { p, tenant: await tenants.get(p, slug) };
  };
  const detail = async (tenantId: number, id: number) => detailView(await incidents.get(tenantId, id), await sla.clocksOf({ kind: 'incident', id }));

  app.get(
    '/api/v1/tenants/:slug/incidents',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['incidents'],
        params: slugParams,
        querystring: z.object({ status: z.enum([...INCIDENT_STATUSES, 'open']).optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }),
        response: { 200: z.array(incidentSummary) },
      },
    },
    async (req) => {
      const { tenant } = await tenantOf(req, req.params.slug);
      return (await incidents.repo.list(tenant.id, req.query.status, req.query.limit)).map(summaryView);
    },
  );

  app.post(
    '/api/v1/tenants/:slug/incidents',
    { config: SOC_WRITE, schema: { tags: ['incidents'], params: slugParams, body: openIncidentBody, response: { 201: incidentDetail } } },
    async (req, reply) => {
      const { p, tenant } = await tenantOf(req, req.params.slug);
      const { id } = await incidents.openFromAlerts(p, tenant.id, req.body);
      describeChange(req, { action: 'incident.create', target: `incident:${id}`, tenantId: tenant.id, after: req.body });
      return reply.code(201).send(await detail(tenant.id, id));
    },
  );

  app.get(
    '/api/v1/tenants/:slug/incidents/:id',
    { config: { scope: 'read' }, schema: { tags: ['incidents'], params: incidentParams, response: { 200: incidentDetail } } },
    async (req) => {
      const { tenant } = await tenantOf(req, req.params.slug);
      return detail(tenant.id, req.params.id);
    },
  );

  app.patch(
    '/api/v1/tenants/:slug/incidents/:id',
    { config: SOC_WRITE, schema: { tags: ['incidents'], params: incidentParams, body: patchIncidentBody, response: { 200: incidentDetail } } },
    async (req) => {
      const { p, tenant } = await tenantOf(req, req.params.slug);
      const before = await incidents.row(tenant.id, req.params.id);
      await incidents.update(p, tenant.id, req.params.id, req.body);
      describeChange(req, { action: 'incident.update', target: `incident:${req.params.id}`, tenantId: tenant.id, before: summaryView(before), after: req.body });
      return detail(tenant.id, req.params.id);
    },
  );

  app.post(
    '/api/v1/tenants/:slug/incidents/:id/transitions',
    { config: SOC_WRITE, schema: { tags: ['incidents'], params: incidentParams, body: transitionBody, response: { 200: incidentDetail } } },
    async (req) => {
      const { p, tenant } = await tenantOf(req, req.params.slug);
      await incidents.transition(p, tenant.id, req.params.id, req.body.to, req.body.note);
      describeChange(req, { action: 'incident.transition', target: `incident:${req.params.id}`, tenantId: tenant.id, after: req.body });
      return detail(tenant.id, req.params.id);
    },
  );

  app.patch(
    '/api/v1/tenants/:slug/incidents/:id/tasks/:taskId',
    {
      config: SOC_WRITE,
      schema: { tags: ['incidents'], params: incidentParams.extend({ taskId: z.coerce.number().int().positive() }), body: taskBody, response: { 200: ok } },
    },
    async (req) => {
      const { p, tenant } = await tenantOf(req, req.params.slug);
      await incidents.updateTask(p, tenant.id, req.params.id, req.params.taskId, req.body);
      return { ok: true as const };
    },
  );

  const addition = <B extends z.ZodType>(suffix: string, body: B, apply: (p: ReturnType<typeof requirePrincipal>, tenantId: number, id: number, body: z.infer<B>) => Promise<void>) =>
    app.post(
      `/api/v1/tenants/:slug/incidents/:id/${suffix}`,
      { config: SOC_WRITE, schema: { tags: ['incidents'], params: incidentParams, body, response: { 201: ok } } },
      async (req, reply) => {
        const { p, tenant } = await tenantOf(req, req.params.slug);
        await apply(p, tenant.id, req.params.id, req.body as z.infer<B>);
        return reply.code(201).send({ ok: true as const });
      },
    );
  addition('timeline', noteBody, (p, t, id, b) => incidents.addNote(p, t, id, b.text, b.at === undefined ? undefined : Date.parse(b.at)));
  addition('observables', observablesBody, (p, t, id, b) => incidents.addObservables(p, t, id, b.items));
  addition('alerts', alertsBody, (p, t, id, b) => incidents.linkAlerts(p, t, id, b.alertIds));
  addition('events', eventsBody, (p, t, id, b) => incidents.linkEvents(p, t, id, b.refs));
  addition('assets', assetBody, (p, t, id, b) => incidents.addAsset(p, t, id, b));
}
