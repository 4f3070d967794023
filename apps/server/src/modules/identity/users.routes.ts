import { z } from 'zod';
import { describeChange } from '../audit/audit-types.ts';
import { requirePrincipal } from '../../http/principal.ts';
import type { TypedApp } from '../../http/typed.ts';
import { ROLES } from './roles.ts';
import { adminUserView, toAdminUserView, toUserView } from './user-view.ts';
import type { UserRow } from './users.repository.ts';
import type { UsersService } from './users.service.ts';

const id = z.object({ id: z.coerce.number().int().positive() });
const withTemporary = adminUserView.extend({ temporaryPassword: z.string().optional() });

/** User administration: provider admins and managers over everyone, a customer admin over their own tenant. */
export function usersRoutes(app: TypedApp, users: UsersService, tenantSlug: (id: number) => string): void {
  const view = (u: UserRow) => toAdminUserView(u, tenantSlug);
  // What the audit log keeps of a user: never a password, hash or TOTP secret.
  const audited = (u: UserRow) => toUserView(u, tenantSlug);

  app.get(
    '/api/v1/users',
    { config: { scope: 'read' }, schema: { tags: ['users'], querystring: z.object({ tenant: z.string().min(1).max(63).optional() }), response: { 200: z.array(adminUserView) } } },
    async (req) => (await users.list(requirePrincipal(req), req.query.tenant)).map(view),
  );

  app.post(
    '/api/v1/users',
    {
      config: { scope: 'write' },
      schema: {
        tags: ['users'],
        body: z.object({
          username: z.string().min(1).max(128),
          displayName: z.string().min(1).max(200).optional(),
          role: z.enum(ROLES),
          tenant: z.string().min(1).max(63).optional(),
          password: z.string().min(1).max(1024).optional(),
          sso: z.boolean().optional(),
          mustChangePassword: z.boolean().optional(),
          locale: z.enum(['ja', 'en']).optional(),
          timezone: z.string().min(1).max(64).optional(),
        }),
        response: { 201: withTemporary },
      },
    },
    async (req, reply) => {
      const { row, temporaryPassword } = await users.create(requirePrincipal(req), req.body);
      describeChange(req, { action: 'user.create', target: `user:${row.id}`, tenantId: row.tenant_id, after: audited(row) });
      return reply.status(201).send({ ...view(row), ...(temporaryPassword ? { temporaryPassword } : {}) });
    },
  );

  app.get('/api/v1/users/:id', { config: { scope: 'read' }, schema: { tags: ['users'], params: id, response: { 200: adminUserView } } }, async (req) =>
    view(await users.get(requirePrincipal(req), req.params.id)),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { scope: 'write' },
      schema: {
        tags: ['users'],
        params: id,
        body: z.object({
          displayName: z.string().min(1).max(200).optional(),
          role: z.enum(ROLES).optional(),
          locale: z.enum(['ja', 'en']).optional(),
          timezone: z.string().min(1).max(64).optional(),
        }),
        response: { 200: adminUserView },
      },
    },
    async (req) => {
      const { before, after } = await users.update(requirePrincipal(req), req.params.id, req.body);
      describeChange(req, { action: 'user.update', target: `user:${after.id}`, tenantId: after.tenant_id, before: audited(before), after: audited(after) });
      return view(after);
    },
  );

  app.delete('/api/v1/users/:id', { config: { scope: 'write' }, schema: { tags: ['users'], params: id } }, async (req, reply) => {
    const row = await users.delete(requirePrincipal(req), req.params.id);
    describeChange(req, { action: 'user.delete', target: `user:${row.id}`, tenantId: row.tenant_id, before: audited(row) });
    return reply.status(204).send();
  });

  app.post(
    '/api/v1/users/:id/reset-password',
    { config: { scope: 'write' }, schema: { tags: ['users'], params: id, response: { 200: z.object({ temporaryPassword: z.string() }) } } },
    async (req) => {
      const { row, temporaryPassword } = await users.resetPassword(requirePrincipal(req), req.params.id);
      describeChange(req, { action: 'user.password_reset', target: `user:${row.id}`, tenantId: row.tenant_id });
      return { temporaryPassword };
    },
  );
}
