import { z } from 'zod';
import type { TypedApp } from '../../http/typed.ts';
import { requirePrincipal, requireScope } from '../../http/principal.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import type { DevicesService } from './devices.service.ts';
import { toView } from './devices.service.ts';
import { createDeviceBody, deviceView, updateDeviceBody } from './devices.schemas.ts';

const params = z.object({ slug: z.string().min(1).max(63) });
const deviceParams = params.extend({ name: z.string().min(1).max(63) });

export function devicesRoutes(app: TypedApp, tenants: TenantsService, devices: DevicesService): void {
  app.get(
    '/api/v1/tenants/:slug/devices',
    { config: { scope: 'read' }, schema: { tags: ['devices'], params, response: { 200: z.array(deviceView) } } },
    async (req) => devices.list(await tenants.get(requirePrincipal(req), req.params.slug)),
  );

  app.post(
    '/api/v1/tenants/:slug/devices',
    {
      config: { scope: 'admin' },
      schema: { tags: ['devices'], params, body: createDeviceBody, response: { 201: deviceView } },
    },
    async (req, reply) => {
      const tenant = await tenants.get(requirePrincipal(req), req.params.slug);
      return reply.status(201).send(await devices.create(tenant, req.body));
    },
  );

  app.get(
    '/api/v1/tenants/:slug/devices/:name',
    { config: { scope: 'read' }, schema: { tags: ['devices'], params: deviceParams, response: { 200: deviceView } } },
    async (req) => toView(await devices.get(await tenants.get(requirePrincipal(req), req.params.slug), req.params.name)),
  );

  app.patch(
    '/api/v1/tenants/:slug/devices/:name',
    {
      config: { scope: 'admin' },
      schema: { tags: ['devices'], params: deviceParams, body: updateDeviceBody, response: { 200: deviceView } },
    },
    async (req) => {
      const p = requirePrincipal(req);
      requireScope(p, 'admin');
      return devices.update(await tenants.get(p, req.params.slug), req.params.name, req.body);
    },
  );

  app.delete(
    '/api/v1/tenants/:slug/devices/:name',
    { config: { scope: 'admin' }, schema: { tags: ['devices'], params: deviceParams } },
    async (req, reply) => {
      await devices.delete(await tenants.get(requirePrincipal(req), req.params.slug), req.params.name);
      return reply.status(204).send();
    },
  );
}
