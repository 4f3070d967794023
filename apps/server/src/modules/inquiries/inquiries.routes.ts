import { z } from 'zod';
import { requirePrincipal } from '../../http/principal.ts';
import type { TypedApp } from '../../http/typed.ts';
import { describeChange } from '../audit/audit-types.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import type { InquiriesService } from './inquiries.service.ts';
import { approveBody, createBody, idParams, inquiryView, listQuery, messageBody, providerListQuery, rejectBody, slugParams, updateBody } from './inquiries.schemas.ts';

/** Customers open and follow their inquiries; the SOC's staff answer, assign and decide them. */
export function inquiriesRoutes(app: TypedApp, tenants: TenantsService, inquiries: InquiriesService): void {
  const tags = ['inquiries'];
  const base = '/api/v1/tenants/:slug/inquiries';
  const staff = { scope: 'write', party: 'provider' } as const;

  app.get('/api/v1/inquiries', { config: { scope: 'read', party: 'provider' }, schema: { tags, querystring: providerListQuery, response: { 200: z.array(inquiryView) } } }, async (req) => {
    const p = requirePrincipal(req);
    const tenant = req.query.tenant === undefined ? undefined : await tenants.get(p, req.query.tenant);
    // A tenant-bound staff token sees its own tenant only.
    const tenantId = tenant?.id ?? p.tenantId ?? undefined;
    return inquiries.listAll(tenantId, req.query.status, req.query.limit);
  });

  app.get(base, { config: { scope: 'read' }, schema: { tags, params: slugParams, querystring: listQuery, response: { 200: z.array(inquiryView) } } }, async (req) =>
    inquiries.list(await tenants.get(requirePrincipal(req), req.params.slug), req.query.status, req.query.limit),
  );

  app.post(base, { config: { scope: 'write' }, schema: { tags, params: slugParams, body: createBody, response: { 201: inquiryView } } }, async (req, reply) => {
    const p = requirePrincipal(req);
    const tenant = await tenants.get(p, req.params.slug);
    const created = await inquiries.create(p, tenant, req.body);
    describeChange(req, { action: `inquiry.${created.kind}`, target: `inquiry:${created.id}`, tenantId: tenant.id, after: created });
    return reply.status(201).send(created);
  });

  app.get(`${base}/:id`, { config: { scope: 'read' }, schema: { tags, params: idParams, response: { 200: inquiryView } } }, async (req) => {
    const p = requirePrincipal(req);
    return inquiries.get(p, await tenants.get(p, req.params.slug), req.params.id);
  });

  app.post(`${base}/:id/messages`, { config: { scope: 'write' }, schema: { tags, params: idParams, body: messageBody, response: { 200: inquiryView } } }, async (req) => {
    const p = requirePrincipal(req);
    const tenant = await tenants.get(p, req.params.slug);
    const { before, after } = await inquiries.reply(p, tenant, req.params.id, req.body.body);
    describeChange(req, { action: 'inquiry.reply', target: `inquiry:${after.id}`, tenantId: tenant.id, before: { status: before.status }, after: { status: after.status, message: req.body.body } });
    return after;
  });

  app.patch(`${base}/:id`, { config: staff, schema: { tags, params: idParams, body: updateBody, response: { 200: inquiryView } } }, async (req) => {
    const p = requirePrincipal(req);
    const tenant = await tenants.get(p, req.params.slug);
    const { before, after } = await inquiries.update(p, tenant, req.params.id, req.body);
    describeChange(req, { action: 'inquiry.update', target: `inquiry:${after.id}`, tenantId: tenant.id, before: { status: before.status, assignee: before.assignee }, after: { status: after.status, assignee: after.assignee } });
    return after;
  });

  app.post(`${base}/:id/approve`, { config: staff, schema: { tags, params: idParams, body: approveBody, response: { 200: inquiryView } } }, async (req) => {
    const p = requirePrincipal(req);
    const tenant = await tenants.get(p, req.params.slug);
    const { before, after } = await inquiries.approve(p, tenant, req.params.id, req.body);
    describeChange(req, { action: 'inquiry.approve', target: `inquiry:${after.id}`, tenantId: tenant.id, before: { status: before.status }, after: { status: after.status, tuningRef: after.tuningRef } });
    return after;
  });

  app.post(`${base}/:id/reject`, { config: staff, schema: { tags, params: idParams, body: rejectBody, response: { 200: inquiryView } } }, async (req) => {
    const p = requirePrincipal(req);
    const tenant = await tenants.get(p, req.params.slug);
    const { before, after } = await inquiries.reject(p, tenant, req.params.id, req.body.reason);
    describeChange(req, { action: 'inquiry.reject', target: `inquiry:${after.id}`, tenantId: tenant.id, before: { status: before.status }, after: { status: after.status } });
    return after;
  });
}

