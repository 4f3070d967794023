import { z } from 'zod';
import { InputError } from '../../errors.ts';
import { requirePrincipal } from '../../http/principal.ts';
import type { TypedApp } from '../../http/typed.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import type { RulesService } from './rules.service.ts';

const slugParams = z.object({ slug: z.string().min(1).max(63) });
const ruleParams = slugParams.extend({ ruleId: z.string().min(1).max(300) });

const ruleView = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(['detection', 'correlation', 'filter']),
  level: z.string().nullable(),
  author: z.string().nullable(),
  tags: z.array(z.string()),
  description: z.string().nullable(),
  status: z.string().nullable(),
  owner: z.enum(['builtin', 'library', 'tenant']),
  source: z.string(),
  enabled: z.boolean(),
  params: z.object({ threshold: z.number().optional(), timespan: z.string().optional() }).nullable(),
  unsupported: z.string().nullable(),
});

const importBody = z.object({
  files: z.array(z.object({ name: z.string().min(1).max(500), text: z.string().max(1_000_000) })).min(1).max(10_000),
  /** Import as this tenant's own rules; absent: the provider library (staff only). */
  tenant: z.string().min(1).max(63).optional(),
  enabled: z.boolean().default(true),
});

const importResult = z.object({
  imported: z.array(z.object({ id: z.string(), title: z.string(), kind: z.string(), level: z.string().nullable(), replaced: z.boolean() })),
  rejected: z.array(z.object({ source: z.string(), id: z.string().optional(), reason: z.string() })),
});

const reasonBody = z.object({ reason: z.string().max(1000).optional() }).optional();

const testResult = z.object({
  id: z.string(),
  title: z.string(),
  passed: z.boolean(),
  error: z.string().optional(),
  cases: z.array(z.object({ expect: z.enum(['match', 'no-match']), index: z.number(), passed: z.boolean(), detail: z.string().optional() })),
});

export function rulesRoutes(app: TypedApp, tenants: TenantsService, rules: RulesService): void {
  app.get(
    '/api/v1/rules',
    { config: { scope: 'read' }, schema: { tags: ['detection'], response: { 200: z.array(ruleView) } } },
    () => rules.library(),
  );

  app.post(
    '/api/v1/rules/import',
    { config: { scope: 'admin' }, schema: { tags: ['detection'], body: importBody, response: { 200: importResult } } },
    async (req) => {
      const p = requirePrincipal(req);
      const tenant = req.body.tenant === undefined ? undefined : await tenants.get(p, req.body.tenant);
      const outcome = await rules.import(p, req.body.files, tenant, req.body.enabled);
      if (outcome.imported.length === 0) {
        const first = outcome.rejected[0];
        throw new InputError(first ? `no rule imported: ${first.source}: ${first.reason}` : 'no rule found in the files');
      }
      return { imported: outcome.imported, rejected: outcome.rejected.map((r) => ({ source: r.source, reason: r.reason, ...(r.id ? { id: r.id } : {}) })) };
    },
  );

  app.post(
    '/api/v1/rules/validate',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['detection'],
        body: importBody.pick({ files: true }),
        response: {
          200: z.object({
            rules: z.array(z.object({ id: z.string(), title: z.string(), kind: z.string(), level: z.string().nullable(), author: z.string().nullable() })),
            rejected: importResult.shape.rejected,
            tests: z.array(testResult),
          }),
        },
      },
    },
    (req) => {
      const r = rules.validate(req.body.files);
      return {
        rules: r.rules,
        rejected: r.rejected.map((x) => ({ source: x.source, reason: x.reason, ...(x.id ? { id: x.id } : {}) })),
        tests: r.tests.map((t) => ({ id: t.id, title: t.title, passed: t.passed, cases: t.cases, ...(t.error ? { error: t.error } : {}) })),
      };
    },
  );

  app.delete(
    '/api/v1/rules/:ruleId',
    { config: { scope: 'admin' }, schema: { tags: ['detection'], params: z.object({ ruleId: z.string().min(1).max(300) }) } },
    async (req, reply) => {
      await rules.remove(requirePrincipal(req), undefined, req.params.ruleId);
      return reply.status(204).send();
    },
  );

  app.delete(
    '/api/v1/tenants/:slug/rules/:ruleId',
    { config: { scope: 'admin' }, schema: { tags: ['detection'], params: ruleParams } },
    async (req, reply) => {
      const p = requirePrincipal(req);
      await rules.remove(p, await tenants.get(p, req.params.slug), req.params.ruleId);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/tenants/:slug/rules',
    { config: { scope: 'read' }, schema: { tags: ['detection'], params: slugParams, response: { 200: z.array(ruleView) } } },
    async (req) => rules.forTenant(await tenants.get(requirePrincipal(req), req.params.slug)),
  );

  for (const action of ['enable', 'disable'] as const) {
    app.post(
      `/api/v1/tenants/:slug/rules/:ruleId/${action}`,
      { config: { scope: 'admin' }, schema: { tags: ['detection'], params: ruleParams, body: reasonBody } },
      async (req, reply) => {
        const p = requirePrincipal(req);
        const tenant = await tenants.get(p, req.params.slug);
        await rules.setEnabled(p, tenant, req.params.ruleId, action === 'enable', req.body?.reason);
        return reply.status(204).send();
      },
    );
  }

  app.put(
    '/api/v1/tenants/:slug/rules/:ruleId/params',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['detection'],
        params: ruleParams,
        body: z.object({ threshold: z.number().int().min(1).max(10_000_000).optional(), timespan: z.string().max(10).optional(), reason: z.string().max(1000).optional() }),
      },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const tenant = await tenants.get(p, req.params.slug);
      const { reason, ...params } = req.body;
      await rules.setParams(p, tenant, req.params.ruleId, params, reason);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/tenants/:slug/rules/:ruleId/test',
    { config: { scope: 'read' }, schema: { tags: ['detection'], params: ruleParams, response: { 200: testResult } } },
    async (req) => {
      const r = rules.test(await tenants.get(requirePrincipal(req), req.params.slug), req.params.ruleId);
      return { id: r.id, title: r.title, passed: r.passed, cases: r.cases, ...(r.error ? { error: r.error } : {}) };
    },
  );

  app.get(
    '/api/v1/tenants/:slug/detection/report',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['detection'],
        params: slugParams,
        querystring: z.object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() }),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            neverFired: z.array(ruleView),
            mostFired: z.array(z.object({ id: z.string(), title: z.string(), hits: z.number() })),
          }),
        },
      },
    },
    async (req) => {
      const tenant = await tenants.get(requirePrincipal(req), req.params.slug);
      const to = req.query.to ? Date.parse(req.query.to) : Date.now();
      const from = req.query.from ? Date.parse(req.query.from) : to - 30 * 86_400_000;
      return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), ...(await rules.report(tenant, from, to)) };
    },
  );
}
