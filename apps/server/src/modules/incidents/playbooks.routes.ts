import { z } from 'zod';
import { requirePrincipal, requireProviderStaff } from '../../http/principal.ts';
import type { TypedApp } from '../../http/typed.ts';
import { describeChange } from '../audit/audit-types.ts';
import { playbookSchema, PLAYBOOK_TYPES } from './playbook-seeds.ts';
import type { PlaybooksService } from './playbooks.service.ts';

const view = z.object({ type: z.enum(PLAYBOOK_TYPES), playbook: playbookSchema, edited: z.boolean() });
const params = z.object({ type: z.enum(PLAYBOOK_TYPES) });

/** The provider's playbooks (INC-2): one task list per incident type, read by anyone, edited by SOC staff. */
export function playbooksRoutes(app: TypedApp, playbooks: PlaybooksService): void {
  app.get('/api/v1/playbooks', { config: { scope: 'read' }, schema: { tags: ['incidents'], response: { 200: z.array(view) } } }, () => playbooks.list());

  app.get('/api/v1/playbooks/:type', { config: { scope: 'read' }, schema: { tags: ['incidents'], params, response: { 200: view } } }, (req) =>
    playbooks.get(req.params.type),
  );

  app.put(
    '/api/v1/playbooks/:type',
    { config: { scope: 'write', party: 'provider' }, schema: { tags: ['incidents'], params, body: playbookSchema, response: { 200: view } } },
    async (req) => {
      const p = requirePrincipal(req);
      requireProviderStaff(p);
      const before = await playbooks.get(req.params.type);
      await playbooks.put(req.params.type, req.body, p.actor);
      describeChange(req, { action: 'playbook.update', target: `playbook:${req.params.type}`, tenantId: null, before: before.playbook, after: req.body });
      return playbooks.get(req.params.type);
    },
  );
}
