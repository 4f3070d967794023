import { z } from 'zod';
import type { TypedApp } from '../../http/typed.ts';
import { requirePrincipal } from '../../http/principal.ts';
import type { Selectable } from 'kysely';
import type { AlertTable } from '../../stores/control/control-schema.ts';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { NotFoundError } from '../../errors.ts';

const ruleView = z
  .object({
    id: z.string(),
    title: z.string(),
    level: z.string().nullable(),
    /** Sigma rules: shown with the alert, as the Detection Rule License requires. */
    author: z.string().nullable(),
    tags: z.array(z.string()),
  })
  .nullable();

const alertView = z.object({
  id: z.number(),
  kind: z.string(),
  severity: z.string(),
  status: z.string(),
  title: z.string(),
  deviceId: z.number().nullable(),
  rule: ruleView,
  source: z.string().nullable(),
  target: z.string().nullable(),
  /** Events behind the alert as "batchId:seq" (the first ones; `occurrences` counts all). */
  eventIds: z.array(z.string()),
  details: z.record(z.string(), z.unknown()),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  occurrences: z.number(),
  resolvedAt: z.string().nullable(),
});

const iso = (ms: number | null) => (ms == null ? null : new Date(Number(ms)).toISOString());

type AlertRow = Selectable<AlertTable>;

function toView(a: AlertRow): z.infer<typeof alertView> {
  return {
    id: a.id,
    kind: a.kind,
    severity: a.severity,
    status: a.status,
    title: a.title,
    deviceId: a.device_id,
    rule:
      a.rule_id == null
        ? null
        : { id: a.rule_id, title: a.rule_title ?? a.title, level: a.rule_level, author: a.rule_author, tags: JSON.parse(a.rule_tags ?? '[]') as string[] },
    source: a.source_observable || null,
    target: a.target_observable || null,
    eventIds: JSON.parse(a.event_ids ?? '[]') as string[],
    details: JSON.parse(a.details) as Record<string, unknown>,
    firstSeenAt: iso(a.first_seen_at)!,
    lastSeenAt: iso(a.last_seen_at)!,
    occurrences: a.occurrences,
    resolvedAt: iso(a.resolved_at),
  };
}

const params = z.object({ slug: z.string().min(1).max(63) });

export function alertsRoutes(app: TypedApp, db: ControlDb, tenants: TenantsService): void {
  app.get(
    '/api/v1/tenants/:slug/alerts',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['alerts'],
        params,
        querystring: z.object({
          status: z.enum(['open', 'resolved']).optional(),
          /** log_silence, availability, sigma, correlation, device, indicator */
          kind: z.string().max(40).optional(),
          severity: z.enum(['low', 'medium', 'high', 'critical']).optional(),
          rule: z.string().max(300).optional(),
        }),
        response: { 200: z.array(alertView) },
      },
    },
    async (req) => {
      const tenant = await tenants.get(requirePrincipal(req), req.params.slug);
      let q = db.selectFrom('alerts').selectAll().where('tenant_id', '=', tenant.id);
      if (req.query.status) q = q.where('status', '=', req.query.status);
      if (req.query.kind) q = q.where('kind', '=', req.query.kind);
      if (req.query.severity) q = q.where('severity', '=', req.query.severity);
      if (req.query.rule) q = q.where('rule_id', '=', req.query.rule);
      const rows = await q.orderBy('last_seen_at', 'desc').limit(1000).execute();
      return rows.map(toView);
    },
  );

  app.get(
    '/api/v1/tenants/:slug/alerts/:id',
    {
      config: { scope: 'read' },
      schema: { tags: ['alerts'], params: params.extend({ id: z.coerce.number().int().positive() }), response: { 200: alertView } },
    },
    async (req) => {
      const tenant = await tenants.get(requirePrincipal(req), req.params.slug);
      const row = await db.selectFrom('alerts').selectAll().where('tenant_id', '=', tenant.id).where('id', '=', req.params.id).executeTakeFirst();
      if (!row) throw new NotFoundError(`no alert ${req.params.id}`);
      return toView(row);
    },
  );
}
