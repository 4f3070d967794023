import { z } from 'zod';
import { requirePrincipal, requireProviderStaff } from '../../http/principal.ts';
import type { TypedApp } from '../../http/typed.ts';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { ContractsService } from '../contracts/contracts.service.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { clocksAtRisk, slaMonthReport } from './sla-report.ts';

const complianceRow = z.object({
  severity: z.string(),
  clock: z.string(),
  count: z.number(),
  met: z.number(),
  breached: z.number(),
  running: z.number(),
  medianMinutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
});
const subject = z.object({ kind: z.string(), id: z.number() });
const breach = z.object({
  subject,
  clock: z.string(),
  severity: z.string(),
  startedAt: z.string(),
  dueAt: z.string(),
  stoppedAt: z.string().nullable(),
  elapsedMinutes: z.number().nullable(),
  targetMinutes: z.number(),
});

/** SLA compliance per tenant and month, and the provider's list of clocks at risk (INC-4). */
export function slaRoutes(app: TypedApp, db: ControlDb, tenants: TenantsService, contracts: ContractsService): void {
  app.get(
    '/api/v1/tenants/:slug/sla',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['sla'],
        params: z.object({ slug: z.string().min(1).max(63) }),
        querystring: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM') }),
        response: { 200: z.object({ tenant: z.string(), month: z.string(), compliance: z.array(complianceRow), breaches: z.array(breach) }) },
      },
    },
    async (req) => {
      const tenant = await tenants.get(requirePrincipal(req), req.params.slug);
      const report = await slaMonthReport(db, tenant.id, req.query.month, await contracts.contractOf(tenant.id));
      return { tenant: tenant.slug, month: req.query.month, ...report };
    },
  );

  app.get(
    '/api/v1/sla/at-risk',
    {
      config: { scope: 'read', party: 'provider' },
      schema: {
        tags: ['sla'],
        querystring: z.object({ minPercent: z.coerce.number().int().min(0).max(1000).default(50) }),
        response: { 200: z.array(z.object({ tenant: z.string(), subject, clock: z.string(), severity: z.string(), dueAt: z.string(), percent: z.number() })) },
      },
    },
    async (req) => {
      requireProviderStaff(requirePrincipal(req));
      const rows = await clocksAtRisk(db, (t) => contracts.contractOf(t), Date.now(), req.query.minPercent);
      return rows.map(({ tenantId, ...r }) => ({ tenant: tenants.label(tenantId), ...r }));
    },
  );
}
