/** ALR-5 routes: anomaly type definitions (provider library) and each alert's anomaly triage. */
import { z } from 'zod';
import { requirePrincipal, requireProviderStaff } from '../../http/principal.ts';
import type { TypedApp } from '../../http/typed.ts';
import { SOC_WRITE } from '../alerts/alert-workflow.routes.ts';
import { alertParams } from '../alerts/alerts.routes.ts';
import { describeChange } from '../audit/audit-types.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { anomalyKey, anomalyTypeDefinition, anomalyTypeView, triageResult, triageUpdate, triageView } from './anomaly-types.schemas.ts';
import type { TriageService } from './triage.service.ts';

export function triageRoutes(app: TypedApp, tenants: TenantsService, triage: TriageService): void {
  app.get('/api/v1/anomaly-types', { config: { scope: 'read' }, schema: { tags: ['triage'], response: { 200: z.array(anomalyTypeView) } } }, async () => triage.types());

  app.put(
    '/api/v1/anomaly-types/:key',
    { config: { scope: 'admin' }, schema: { tags: ['triage'], params: z.object({ key: anomalyKey }), body: anomalyTypeDefinition, response: { 200: anomalyTypeDefinition } } },
    async (req) => {
      const p = requirePrincipal(req);
      // One library for every tenant: only the provider's staff shape it.
      requireProviderStaff(p);
      const out = await triage.saveType(p, req.params.key, req.body);
      describeChange(req, { action: 'anomaly_type.update', target: `anomaly_type:${req.params.key}`, tenantId: null, before: out.before, after: out.after });
      return out.after;
    },
  );

  app.get(
    '/api/v1/tenants/:slug/alerts/:id/triage',
    { config: { scope: 'read' }, schema: { tags: ['triage'], params: alertParams, response: { 200: triageView } } },
    async (req) => triage.view(await tenants.get(requirePrincipal(req), req.params.slug), req.params.id),
  );

  app.put(
    '/api/v1/tenants/:slug/alerts/:id/triage',
    { config: SOC_WRITE, schema: { tags: ['triage'], params: alertParams, body: triageUpdate, response: { 200: triageResult } } },
    async (req) => {
      const p = requirePrincipal(req);
      const tenant = await tenants.get(p, req.params.slug);
      const out = await triage.update(p, tenant, req.params.id, req.body);
      describeChange(req, {
        action: 'alert.triage',
        target: `alert:${req.params.id}`,
        tenantId: tenant.id,
        before: out.before,
        after: { anomalyType: out.view.anomalyType, outcome: out.view.outcome, watchUntil: out.view.watchUntil, incidentId: out.view.incidentId },
      });
      return out.view;
    },
  );
}
