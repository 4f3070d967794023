import { z } from 'zod';
import type { TypedApp } from '../../http/typed.ts';
import { requirePrincipal, requireProviderStaff } from '../../http/principal.ts';
import type { MetricsRegistry } from '../../metrics/prometheus.ts';
import type { ControlStore } from '../../stores/control/control-store.ts';
import type { EventStore } from '../../stores/events/event-store.ts';
import { runRetention, type RetentionDefaults } from '../../jobs/retention.job.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { backupData } from './backup.ts';

export interface SystemDeps {
  control: ControlStore;
  events: EventStore;
  metrics: MetricsRegistry;
  tenants: TenantsService;
  dataDir: string;
  retention: RetentionDefaults;
  /** False while starting or shutting down. */
  ready: () => boolean;
}

export function systemRoutes(app: TypedApp, deps: SystemDeps): void {
  app.get('/healthz', { schema: { tags: ['system'], hide: false } }, () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { tags: ['system'] } }, async (_req, reply) => {
    if (!deps.ready()) return reply.status(503).send({ status: 'starting or stopping' });
    await deps.control.db.selectFrom('tenants').select('id').limit(1).execute();
    await deps.events.query('SELECT 1', []);
    return { status: 'ready' };
  });

  app.get('/metrics', { schema: { tags: ['system'] } }, (_req, reply) =>
    reply.type('text/plain; version=0.0.4').send(deps.metrics.render()),
  );

  app.post(
    '/api/v1/admin/backup',
    {
      config: { scope: 'admin' },
      schema: { tags: ['system'], body: z.object({ dir: z.string().min(1).max(4096) }) },
    },
    async (req) => {
      requireProviderStaff(requirePrincipal(req));
      const manifest = await backupData({ control: deps.control, events: deps.events }, deps.dataDir, req.body.dir);
      return { dir: req.body.dir, ...manifest };
    },
  );

  app.post('/api/v1/admin/retention/run', { config: { scope: 'admin' }, schema: { tags: ['retention'] } }, async (req) => {
    requireProviderStaff(requirePrincipal(req));
    const outcomes = await runRetention(deps.control.db, deps.events, deps.retention, Date.now());
    return outcomes.map((o) => ({ ...o, tenant: deps.tenants.label(o.tenantId) }));
  });

  app.get(
    '/api/v1/tenants/:slug/retention/runs',
    { config: { scope: 'read' }, schema: { tags: ['retention'], params: z.object({ slug: z.string().min(1).max(63) }) } },
    async (req) => {
      const tenant = await deps.tenants.get(requirePrincipal(req), req.params.slug);
      const rows = await deps.control.db
        .selectFrom('retention_runs')
        .selectAll()
        .where('tenant_id', '=', tenant.id)
        .orderBy('ran_at', 'desc')
        .limit(500)
        .execute();
      return rows.map((r) => ({
        ranAt: new Date(Number(r.ran_at)).toISOString(),
        reason: r.reason,
        removedBatches: r.removed_batches,
        removedEvents: Number(r.removed_events),
        removedBytes: Number(r.removed_bytes),
        oldestKeptAt: r.oldest_kept_at == null ? null : new Date(Number(r.oldest_kept_at)).toISOString(),
      }));
    },
  );
}
