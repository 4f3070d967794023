/** Saved queue views per user (the caller's actor): a name and the queue's query string. */
import { z } from 'zod';
import { NotFoundError } from '../../errors.ts';
import { requirePrincipal } from '../../http/principal.ts';
import type { TypedApp } from '../../http/typed.ts';
import { describeChange } from '../audit/audit-types.ts';
import { iso } from './alert-view.ts';
import type { AlertViewsRepository } from './alert-views.repository.ts';
import { savedView, viewInput } from './alerts.schemas.ts';

const toView = (r: { id: number; name: string; filters: string; created_at: number }) => ({
  id: r.id,
  name: r.name,
  filters: JSON.parse(r.filters) as Record<string, string>,
  createdAt: iso(r.created_at)!,
});

export function alertViewsRoutes(app: TypedApp, views: AlertViewsRepository): void {
  app.get('/api/v1/alert-views', { config: { scope: 'read' }, schema: { tags: ['alerts'], response: { 200: z.array(savedView) } } }, async (req) => {
    return (await views.list(requirePrincipal(req).actor)).map(toView);
  });

  app.post('/api/v1/alert-views', { config: { scope: 'read' }, schema: { tags: ['alerts'], body: viewInput, response: { 201: savedView } } }, async (req, reply) => {
    const p = requirePrincipal(req);
    const row = await views.create(p.actor, req.body.name, req.body.filters, Date.now());
    describeChange(req, { action: 'alert_view.create', target: `alert_view:${row.id}`, tenantId: p.tenantId, after: req.body });
    return reply.status(201).send(toView(row));
  });

  app.delete(
    '/api/v1/alert-views/:id',
    { config: { scope: 'read' }, schema: { tags: ['alerts'], params: z.object({ id: z.coerce.number().int().positive() }) } },
    async (req, reply) => {
      const p = requirePrincipal(req);
      if (!(await views.remove(p.actor, req.params.id))) throw new NotFoundError(`no view ${req.params.id}`);
      describeChange(req, { action: 'alert_view.delete', target: `alert_view:${req.params.id}`, tenantId: p.tenantId });
      return reply.status(204).send();
    },
  );
}
