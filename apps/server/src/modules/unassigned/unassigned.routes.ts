import { z } from 'zod';
import type { TypedApp } from '../../http/typed.ts';
import { requirePrincipal, requireProviderStaff } from '../../http/principal.ts';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { EventStore } from '../../stores/events/event-store.ts';
import type { DevicesService } from '../devices/devices.service.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { ipAddress } from '../devices/devices.schemas.ts';

/**
 * Messages from senders no device claims are kept, never dropped (TEN-3). Provider staff see them here
 * and assign a sender to a device: future messages route to it and the stored ones are re-filed.
 */
export function unassignedRoutes(app: TypedApp, db: ControlDb, store: EventStore, tenants: TenantsService, devices: DevicesService): void {
  app.get(
    '/api/v1/unassigned',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['unassigned'],
        response: {
          200: z.array(
            z.object({
              sender: z.string(),
              hostname: z.string(),
              firstSeenAt: z.string(),
              lastSeenAt: z.string(),
              messages: z.number(),
            }),
          ),
        },
      },
    },
    async (req) => {
      requireProviderStaff(requirePrincipal(req));
      const rows = await db
        .selectFrom('unassigned_sources')
        .selectAll()
        .where('assigned_device_id', 'is', null)
        .orderBy('last_seen_at', 'desc')
        .execute();
      return rows.map((r) => ({
        sender: r.sender,
        hostname: r.hostname,
        firstSeenAt: new Date(Number(r.first_seen_at)).toISOString(),
        lastSeenAt: new Date(Number(r.last_seen_at)).toISOString(),
        messages: Number(r.message_count),
      }));
    },
  );

  app.post(
    '/api/v1/unassigned/assign',
    {
      config: { scope: 'admin' },
      schema: {
        tags: ['unassigned'],
        body: z.object({
          sender: ipAddress,
          hostname: z.string().max(255).default(''),
          tenant: z.string().min(1).max(63),
          device: z.string().min(1).max(63),
        }),
        response: { 200: z.object({ refiled: z.number() }) },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      requireProviderStaff(p);
      const tenant = await tenants.get(p, req.body.tenant);
      const device = await devices.get(tenant, req.body.device);
      // Route first, so lines arriving from now on go straight to the device.
      if (req.body.hostname) await devices.update(tenant, device.name, { hostname: req.body.hostname });
      else await devices.update(tenant, device.name, { addresses: [...new Set([...device.addresses, req.body.sender])] });
      const refiled = await store.refile({ sender: req.body.sender, hostname: req.body.hostname, tenantId: tenant.id, deviceId: device.id });
      await db
        .updateTable('unassigned_sources')
        .set({ assigned_device_id: device.id })
        .where('sender', '=', req.body.sender)
        .where('hostname', '=', req.body.hostname)
        .execute();
      return { refiled };
    },
  );
}
