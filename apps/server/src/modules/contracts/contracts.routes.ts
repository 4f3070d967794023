import { z } from 'zod';
import { describeChange } from '../audit/audit-types.ts';
import { requirePrincipal, requireProviderStaff } from '../../http/principal.ts';
import type { TypedApp } from '../../http/typed.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { contractSchema } from './contract-schema.ts';
import type { ContractsService } from './contracts.service.ts';

const params = z.object({ slug: z.string().min(1).max(63) });
const contractView = z.object({
  tenant: z.string(),
  /** True while the tenant has no contract of its own and runs on the documented default. */
  isDefault: z.boolean(),
  contract: contractSchema,
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});

export function contractsRoutes(app: TypedApp, tenants: TenantsService, contracts: ContractsService): void {
  const view = async (tenantId: number, slug: string): Promise<z.infer<typeof contractView>> => {
    const c = await contracts.get(tenantId);
    return { tenant: slug, isDefault: c.isDefault, contract: c.contract, updatedAt: c.updatedAt === null ? null : new Date(c.updatedAt).toISOString(), updatedBy: c.updatedBy };
  };

  app.get(
    '/api/v1/tenants/:slug/contract',
    { config: { scope: 'read' }, schema: { tags: ['contracts'], params, response: { 200: contractView } } },
    async (req) => {
      const tenant = await tenants.get(requirePrincipal(req), req.params.slug);
      return view(tenant.id, tenant.slug);
    },
  );

  app.put(
    '/api/v1/tenants/:slug/contract',
    { config: { scope: 'write', party: 'provider' }, schema: { tags: ['contracts'], params, body: contractSchema, response: { 200: contractView } } },
    async (req) => {
      const p = requirePrincipal(req);
      requireProviderStaff(p);
      const tenant = await tenants.get(p, req.params.slug);
      const before = await contracts.get(tenant.id);
      await contracts.put(tenant.id, req.body, p.actor);
      describeChange(req, { action: 'contract.update', target: `tenant:${tenant.slug}`, tenantId: tenant.id, before: before.contract, after: req.body });
      return view(tenant.id, tenant.slug);
    },
  );
}
