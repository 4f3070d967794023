import { z } from 'zod';
import { requirePrincipal } from '../../http/principal.ts';
import type { TypedApp } from '../../http/typed.ts';
import type { SlaService } from '../sla/sla.service.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { renderIncidentReport } from './incident-report.ts';
import { detailView } from './incident-views.ts';
import { incidentParams } from './incidents.schemas.ts';
import type { IncidentsService } from './incidents.service.ts';

/** INC-5: the incident report as one HTML file the customer or management can keep, print or forward. */
export function incidentReportRoutes(app: TypedApp, tenants: TenantsService, incidents: IncidentsService, sla: SlaService): void {
  app.get(
    '/api/v1/tenants/:slug/incidents/:id/report',
    {
      config: { scope: 'read' },
      schema: { tags: ['incidents'], params: incidentParams, querystring: z.object({ lang: z.enum(['ja', 'en']).default('ja') }) },
    },
    async (req, reply) => {
      const tenant = await tenants.get(requirePrincipal(req), req.params.slug);
      const detail = detailView(await incidents.get(tenant.id, req.params.id), await sla.clocksOf({ kind: 'incident', id: req.params.id }));
      const html = renderIncidentReport(detail, tenant.name, req.query.lang, new Date());
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'")
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `inline; filename="incident-${detail.id}-${req.query.lang}.html"`)
        .send(html);
    },
  );
}
