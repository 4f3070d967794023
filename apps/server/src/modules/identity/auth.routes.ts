import { z } from 'zod';
import { InputError } from '../../errors.ts';
import type { TypedApp } from '../../http/typed.ts';
import type { AuthService } from './auth.service.ts';
import type { OidcService } from './oidc.service.ts';
import { clearSessionCookie, requireSession, setSessionCookie } from './session-auth.ts';
import { csrfTokenFor, type SessionsService } from './sessions.service.ts';
import { toUserView, userView } from './user-view.ts';
import type { UserRow } from './users.repository.ts';

const signedIn = z.object({ user: userView, csrfToken: z.string() });
const OIDC_COOKIE = 'mamori_oidc';
const timezone = z.string().min(1).max(64).refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as Asia/Tokyo');

export interface AuthRouteDeps {
  auth: AuthService;
  sessions: SessionsService;
  oidc: OidcService | undefined;
  tenantSlug: (id: number) => string;
  /** Re-reads a user after a change so that answers show the new state. */
  reload: (id: number) => Promise<UserRow>;
}

/** Sign-in, sign-out and the signed-in user's own settings (the web console's contract, docs/identity.md). */
export function authRoutes(app: TypedApp, deps: AuthRouteDeps): void {
  const view = (u: UserRow) => toUserView(u, deps.tenantSlug);
  const maxAge = () => Math.ceil(deps.sessions.absoluteMs / 1000);

  app.post(
    '/api/v1/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        security: [],
        body: z.object({ username: z.string().min(1).max(128), password: z.string().min(1).max(1024), totp: z.string().min(1).max(64).optional() }),
        response: { 200: signedIn },
      },
    },
    async (req, reply) => {
      const s = await deps.auth.login(req.body, req.ip);
      setSessionCookie(reply, s.sessionId, maxAge());
      return { user: view(s.user), csrfToken: s.csrfToken };
    },
  );

  app.post('/api/v1/auth/logout', { config: { scope: 'read' }, schema: { tags: ['auth'] } }, async (req, reply) => {
    await deps.auth.logout(requireSession(req).sessionId);
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  app.get('/api/v1/auth/me', { config: { scope: 'read' }, schema: { tags: ['auth'], response: { 200: signedIn } } }, (req) => {
    const s = requireSession(req);
    return { user: view(s.user), csrfToken: csrfTokenFor(s.sessionId) };
  });

  app.put(
    '/api/v1/auth/me/preferences',
    {
      config: { scope: 'read' },
      schema: { tags: ['auth'], body: z.object({ locale: z.enum(['ja', 'en']).optional(), timezone: timezone.optional() }), response: { 200: userView } },
    },
    async (req) => {
      const { user } = requireSession(req);
      await deps.auth.setPreferences(user, req.body);
      return view(await deps.reload(user.id));
    },
  );

  app.post(
    '/api/v1/auth/me/password',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['auth'],
        body: z.object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(1).max(1024) }),
        response: { 200: userView },
      },
    },
    async (req) => {
      const s = requireSession(req);
      await deps.auth.changePassword(s.user, s.sessionId, req.body.currentPassword, req.body.newPassword, req.ip);
      return view(await deps.reload(s.user.id));
    },
  );

  app.post(
    '/api/v1/auth/me/totp',
    { config: { scope: 'read' }, schema: { tags: ['auth'], response: { 200: z.object({ secret: z.string(), otpauthUrl: z.string() }) } } },
    async (req) => {
      const { user } = requireSession(req);
      if (user.totp_secret !== null) throw new InputError('TOTP is already on for this account');
      return deps.auth.startTotp(user);
    },
  );

  app.post(
    '/api/v1/auth/me/totp/confirm',
    {
      config: { scope: 'read' },
      schema: { tags: ['auth'], body: z.object({ code: z.string().min(1).max(16) }), response: { 200: z.object({ recoveryCodes: z.array(z.string()) }) } },
    },
    async (req) => {
      const s = requireSession(req);
      return { recoveryCodes: await deps.auth.confirmTotp(s.user, s.sessionId, req.body.code, req.ip) };
    },
  );

  app.get('/api/v1/auth/oidc/login', { config: { public: true }, schema: { tags: ['auth'], security: [] } }, async (req, reply) => {
    if (!deps.oidc) throw new InputError('single sign-on is not configured');
    const { url, pendingId } = await deps.oidc.begin();
    // Lax, not Strict: the provider's redirect back to the callback is a cross-site navigation.
    void reply.setCookie(OIDC_COOKIE, pendingId, { path: '/api/v1/auth/oidc', httpOnly: true, secure: true, sameSite: 'lax', maxAge: 600 });
    return reply.redirect(url, 302);
  });

  app.get('/api/v1/auth/oidc/callback', { config: { public: true }, schema: { tags: ['auth'], security: [] } }, async (req, reply) => {
    if (!deps.oidc) throw new InputError('single sign-on is not configured');
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    const s = await deps.oidc.complete(req.cookies[OIDC_COOKIE], query, req.ip);
    void reply.clearCookie(OIDC_COOKIE, { path: '/api/v1/auth/oidc' });
    setSessionCookie(reply, s.sessionId, maxAge());
    // A page of our own, not a redirect: a Strict cookie is not sent on a navigation that began at another site.
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send('<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/"><title>Mamori</title><a href="/">サインインしました / Signed in — continue</a>');
  });
}
