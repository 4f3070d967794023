import { z } from 'zod';
import type { TypedApp } from '../../http/typed.ts';
import { requirePrincipal } from '../../http/principal.ts';
import { TOKEN_SCOPES } from './token-secret.ts';
import type { TokensService } from './tokens.service.ts';
import { partyOf, type TokenRow } from './tokens.repository.ts';

const tokenView = z.object({
  id: z.number(),
  name: z.string(),
  scope: z.string(),
  prefix: z.string(),
  tenantId: z.number().nullable(),
  deviceId: z.number().nullable(),
  userId: z.number().nullable(),
  party: z.enum(['provider', 'customer']),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});

const iso = (ms: number | null) => (ms == null ? null : new Date(Number(ms)).toISOString());

function toView(r: TokenRow): z.infer<typeof tokenView> {
  return {
    id: r.id,
    name: r.name,
    scope: r.scope,
    prefix: r.prefix,
    tenantId: r.tenant_id,
    deviceId: r.device_id,
    userId: r.user_id,
    party: partyOf(r),
    createdAt: iso(r.created_at)!,
    expiresAt: iso(r.expires_at),
    lastUsedAt: iso(r.last_used_at),
  };
}

export function tokensRoutes(app: TypedApp, tokens: TokensService): void {
  app.post(
    '/api/v1/tokens',
    {
      config: { scope: 'write' },
      schema: {
        tags: ['tokens'],
        body: z.object({
          name: z.string().min(1).max(200).default('api token'),
          scope: z.enum(TOKEN_SCOPES),
          tenant: z.string().min(1).max(63).optional(),
          device: z.string().min(1).max(63).optional(),
          expiresAt: z.iso.datetime().optional(),
        }),
        response: { 201: tokenView.extend({ token: z.string() }) },
      },
    },
    async (req, reply) => {
      const { token, row } = await tokens.create(requirePrincipal(req), {
        ...req.body,
        expiresAt: req.body.expiresAt ? Date.parse(req.body.expiresAt) : undefined,
      });
      return reply.status(201).send({ ...toView(row), token });
    },
  );

  app.get(
    '/api/v1/tokens',
    {
      config: { scope: 'write' },
      schema: {
        tags: ['tokens'],
        querystring: z.object({ tenant: z.string().min(1).max(63).optional() }),
        response: { 200: z.array(tokenView) },
      },
    },
    async (req) => (await tokens.list(requirePrincipal(req), req.query.tenant)).map(toView),
  );

  app.delete(
    '/api/v1/tokens/:id',
    { config: { scope: 'write' }, schema: { tags: ['tokens'], params: z.object({ id: z.coerce.number().int().positive() }) } },
    async (req, reply) => {
      await tokens.revoke(requirePrincipal(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
