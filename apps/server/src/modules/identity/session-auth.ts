import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticationError } from '../../errors.ts';
import type { Principal } from '../../http/principal.ts';
import { CsrfError, PasswordChangeRequiredError } from './auth-errors.ts';
import { principalOf } from './auth.service.ts';
import { csrfTokenFor, type SessionsService } from './sessions.service.ts';
import { safeEqual } from './totp.ts';
import type { UserRow, UsersRepository } from './users.repository.ts';

export const SESSION_COOKIE = 'mamori_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    /** The raw session id of a cookie-authenticated request (never logged, never stored). */
    sessionId?: string;
    sessionUser?: UserRow;
  }
}

/** Cookie authentication for /api/v1: the session must be live, and every write must carry its CSRF token. */
export class SessionRequestAuth {
  constructor(
    private readonly sessions: SessionsService,
    private readonly users: UsersRepository,
  ) {}

  /** undefined when the request carries no session cookie at all. */
  async authenticate(req: FastifyRequest): Promise<Principal | undefined> {
    const sessionId = req.cookies[SESSION_COOKIE];
    if (!sessionId) return undefined;
    const session = await this.sessions.resolve(sessionId);
    const user = session ? await this.users.byId(session.userId) : undefined;
    if (!user) throw new AuthenticationError('the session has ended; sign in again');
    if (!SAFE_METHODS.has(req.method)) {
      const header = req.headers['x-csrf-token'];
      if (typeof header !== 'string' || !safeEqual(header, csrfTokenFor(sessionId))) throw new CsrfError('the x-csrf-token header is missing or wrong');
    }
    if (user.must_change_password === 1 && !req.url.startsWith('/api/v1/auth/')) {
      throw new PasswordChangeRequiredError('change the temporary password first (POST /api/v1/auth/me/password)');
    }
    req.sessionId = sessionId;
    req.sessionUser = user;
    return principalOf(user);
  }
}

export function setSessionCookie(reply: FastifyReply, sessionId: string, maxAgeSeconds: number): void {
  void reply.setCookie(SESSION_COOKIE, sessionId, { path: '/', httpOnly: true, secure: true, sameSite: 'strict', maxAge: maxAgeSeconds });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, secure: true, sameSite: 'strict' });
}

/** The signed-in user of a cookie request; bearer tokens cannot manage a person's own sign-in. */
export function requireSession(req: FastifyRequest): { sessionId: string; user: UserRow } {
  if (!req.sessionId || !req.sessionUser) throw new AuthenticationError('sign in first: this route needs a session');
  return { sessionId: req.sessionId, user: req.sessionUser };
}
