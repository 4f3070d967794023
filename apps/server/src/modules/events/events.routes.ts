import { Readable } from 'node:stream';
import { z } from 'zod';
import type { TypedApp } from '../../http/typed.ts';
import { requirePrincipal } from '../../http/principal.ts';
import type { EventStore } from '../../stores/events/event-store.ts';
import type { DevicesService } from '../devices/devices.service.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { EventsRepository } from './events.repository.ts';
import { exportEvents } from './events.service.ts';

const isoTime = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));

const CONTENT_TYPES = { raw: 'text/plain; charset=utf-8', ndjson: 'application/x-ndjson', csv: 'text/csv; charset=utf-8' };

export function eventsRoutes(app: TypedApp, store: EventStore, tenants: TenantsService, devices: DevicesService): void {
  const repo = new EventsRepository(store);
  const params = z.object({ slug: z.string().min(1).max(63) });

  app.get(
    '/api/v1/tenants/:slug/export',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['events'],
        description: 'raw: the lines exactly as received (evidence); ndjson: ECS documents; csv: spreadsheet-safe.',
        params,
        querystring: z.object({
          format: z.enum(['raw', 'ndjson', 'csv']).default('ndjson'),
          device: z.string().min(1).max(63).optional(),
          from: isoTime.optional(),
          to: isoTime.optional(),
        }),
      },
    },
    async (req, reply) => {
      const tenant = await tenants.get(requirePrincipal(req), req.params.slug);
      const deviceList = await devices.list(tenant);
      const deviceId = req.query.device ? (await devices.get(tenant, req.query.device)).id : undefined;
      const stream = Readable.from(
        exportEvents(repo, { tenantId: tenant.id, deviceId, from: req.query.from, to: req.query.to }, req.query.format, {
          tenantSlug: tenant.slug,
          deviceNames: new Map(deviceList.map((d) => [d.id, d.name])),
        }),
      );
      const ext = req.query.format === 'raw' ? 'log' : req.query.format;
      return reply
        .type(CONTENT_TYPES[req.query.format])
        .header('content-disposition', `attachment; filename="${tenant.slug}-events.${ext}"`)
        .send(stream);
    },
  );

  app.get(
    '/api/v1/tenants/:slug/verify',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['events'],
        description: 'Re-hashes the stored lines and walks the SHA-256 chain of batches (STO-4).',
        params,
        querystring: z.object({ from: isoTime.optional(), to: isoTime.optional() }),
      },
    },
    async (req) => {
      const tenant = await tenants.get(requirePrincipal(req), req.params.slug);
      const report = await store.verify(tenant.id, { from: req.query.from, to: req.query.to });
      return { tenant: tenant.slug, ...report };
    },
  );
}
