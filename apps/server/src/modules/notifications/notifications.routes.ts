import { z } from 'zod';
import { requirePrincipal } from '../../http/principal.ts';
import type { TypedApp } from '../../http/typed.ts';
import { describeChange } from '../audit/audit-types.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import type { ContactsService } from './contacts.service.ts';
import type { NotificationsService } from './notifications.service.ts';
import {
  contactBody,
  contactView,
  draftBody,
  idParams,
  notificationView,
  policyBody,
  previewQuery,
  previewView,
  slugParams,
  updateBody,
} from './notifications.schemas.ts';

export interface NotificationsRouteDeps {
  tenants: TenantsService;
  contacts: ContactsService;
  notifications: NotificationsService;
}

/** Contacts, routing policy and notifications of one tenant. The SOC writes; customers read what was sent. */
export function notificationsRoutes(app: TypedApp, { tenants, contacts, notifications }: NotificationsRouteDeps): void {
  const tags = ['notifications'];
  const admin = { scope: 'admin', party: 'provider' } as const;
  const write = { scope: 'write', party: 'provider' } as const;
  const base = '/api/v1/tenants/:slug';

  app.get(`${base}/contacts`, { config: { scope: 'read' }, schema: { tags, params: slugParams, response: { 200: z.array(contactView) } } }, async (req) =>
    contacts.list(await tenants.get(requirePrincipal(req), req.params.slug)),
  );

  app.post(`${base}/contacts`, { config: admin, schema: { tags, params: slugParams, body: contactBody, response: { 201: contactView } } }, async (req, reply) => {
    const tenant = await tenants.get(requirePrincipal(req), req.params.slug);
    const created = await contacts.create(tenant, req.body);
    describeChange(req, { action: 'notification.contact.create', target: `contact:${created.id}`, tenantId: tenant.id, after: created });
    return reply.status(201).send(created);
  });

  app.put(`${base}/contacts/:id`, { config: admin, schema: { tags, params: idParams, body: contactBody, response: { 200: contactView } } }, async (req) => {
    const tenant = await tenants.get(requirePrincipal(req), req.params.slug);
    const { before, after } = await contacts.replace(tenant, req.params.id, req.body);
    describeChange(req, { action: 'notification.contact.update', target: `contact:${after.id}`, tenantId: tenant.id, before, after });
    return after;
  });

  app.delete(`${base}/contacts/:id`, { config: admin, schema: { tags, params: idParams } }, async (req, reply) => {
    const tenant = await tenants.get(requirePrincipal(req), req.params.slug);
    const before = await contacts.remove(tenant, req.params.id);
    describeChange(req, { action: 'notification.contact.delete', target: `contact:${before.id}`, tenantId: tenant.id, before });
    return reply.status(204).send();
  });

  app.get(`${base}/notification-policy`, { config: { scope: 'read' }, schema: { tags, params: slugParams, response: { 200: policyBody } } }, async (req) =>
    contacts.policy(await tenants.get(requirePrincipal(req), req.params.slug)),
  );

  app.put(`${base}/notification-policy`, { config: admin, schema: { tags, params: slugParams, body: policyBody, response: { 200: policyBody } } }, async (req) => {
    const tenant = await tenants.get(requirePrincipal(req), req.params.slug);
    const { before, after } = await contacts.savePolicy(tenant, req.body);
    describeChange(req, { action: 'notification.policy.update', target: `tenant:${tenant.slug}`, tenantId: tenant.id, before, after });
    return after;
  });

  app.post(`${base}/notifications/draft`, { config: write, schema: { tags, params: slugParams, body: draftBody, response: { 201: notificationView } } }, async (req, reply) => {
    const p = requirePrincipal(req);
    const tenant = await tenants.get(p, req.params.slug);
    const created = await notifications.draft(p, tenant, req.body);
    describeChange(req, { action: 'notification.draft', target: `notification:${created.id}`, tenantId: tenant.id, after: created });
    return reply.status(201).send(created);
  });

  app.get(
    `${base}/notifications`,
    {
      config: { scope: 'read' },
      schema: { tags, params: slugParams, querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }), response: { 200: z.array(notificationView) } },
    },
    async (req) => {
      const p = requirePrincipal(req);
      return notifications.list(p, await tenants.get(p, req.params.slug), req.query.limit);
    },
  );

  app.get(`${base}/notifications/:id`, { config: { scope: 'read' }, schema: { tags, params: idParams, response: { 200: notificationView } } }, async (req) => {
    const p = requirePrincipal(req);
    return notifications.get(p, await tenants.get(p, req.params.slug), req.params.id);
  });

  app.put(`${base}/notifications/:id`, { config: write, schema: { tags, params: idParams, body: updateBody, response: { 200: notificationView } } }, async (req) => {
    const tenant = await tenants.get(requirePrincipal(req), req.params.slug);
    const { before, after } = await notifications.update(tenant, req.params.id, req.body);
    describeChange(req, { action: 'notification.update', target: `notification:${after.id}`, tenantId: tenant.id, before, after });
    return after;
  });

  app.get(
    `${base}/notifications/:id/preview`,
    { config: { scope: 'read' }, schema: { tags, params: idParams, querystring: previewQuery, response: { 200: previewView } } },
    async (req) => {
      const p = requirePrincipal(req);
      return notifications.preview(p, await tenants.get(p, req.params.slug), req.params.id, req.query.channel, req.query.lang);
    },
  );

  app.post(`${base}/notifications/:id/send`, { config: write, schema: { tags, params: idParams, response: { 200: notificationView } } }, async (req) => {
    const tenant = await tenants.get(requirePrincipal(req), req.params.slug);
    const { before, after } = await notifications.send(tenant, req.params.id);
    describeChange(req, { action: 'notification.send', target: `notification:${after.id}`, tenantId: tenant.id, before: { status: before.status }, after: { status: after.status, deliveries: after.deliveries } });
    return after;
  });
}
