import { z } from 'zod';
import type { TypedApp } from '../../http/typed.ts';
import { requirePrincipal } from '../../http/principal.ts';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';

const alertView = z.object({
  id: z.number(),
  kind: z.string(),
  severity: z.string(),
  status: z.string(),
  title: z.string(),
  deviceId: z.number().nullable(),
  details: z.record(z.string(), z.unknown()),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  occurrences: z.number(),
  resolvedAt: z.string().nullable(),
});

const iso = (ms: number | null) => (ms == null ? null : new Date(Number(ms)).toISOString());

export function alertsRoutes(app: TypedApp, db: ControlDb, tenants: TenantsService): void {
  app.get(
    '/api/v1/tenants/:slug/alerts',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['alerts'],
        params: z.object({ slug: z.string().min(1).max(63) }),
        querystring: z.object({ status: z.enum(['open', 'resolved']).optional() }),
        response: { 200: z.array(alertView) },
      },
    },
    async (req) => {
      const tenant = await tenants.get(requirePrincipal(req), req.params.slug);
      let q = db.selectFrom('alerts').selectAll().where('tenant_id', '=', tenant.id);
      if (req.query.status) q = q.where('status', '=', req.query.status);
      const rows = await q.orderBy('last_seen_at', 'desc').limit(1000).execute();
      return rows.map((a) => ({
        id: a.id,
        kind: a.kind,
        severity: a.severity,
        status: a.status,
        title: a.title,
        deviceId: a.device_id,
        details: JSON.parse(a.details) as Record<string, unknown>,
        firstSeenAt: iso(a.first_seen_at)!,
        lastSeenAt: iso(a.last_seen_at)!,
        occurrences: a.occurrences,
        resolvedAt: iso(a.resolved_at),
      }));
    },
  );
}
