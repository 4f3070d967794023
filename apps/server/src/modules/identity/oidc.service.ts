import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import { AuthenticationError, InputError, NotFoundError } from '../../errors.ts';
import type { AuditRecorder } from '../audit/audit-types.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { isRole, roleParty } from './roles.ts';
import type { SessionsService } from './sessions.service.ts';
import type { UserRow, UsersRepository } from './users.repository.ts';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string | undefined;
  redirectUri: string;
  scopes: string;
  usernameClaim: string;
  defaultRole?: string | undefined;
  defaultTenant?: string | undefined;
}

interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  expiresAt: number;
}

const PENDING_TTL_MS = 10 * 60_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * OpenID Connect sign-in as a relying party: authorization code with PKCE, state and nonce. The pending
 * login (verifier, state, nonce) stays in server memory, keyed by a random id in a short-lived cookie, so
 * nothing the browser holds lets it forge them.
 */
export class OidcService {
  private config: Promise<client.Configuration> | undefined;
  private readonly pending = new Map<string, PendingLogin>();

  constructor(
    private readonly settings: OidcSettings,
    private readonly users: UsersRepository,
    private readonly tenants: TenantsService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditRecorder,
  ) {
    if (settings.defaultRole !== undefined && !isRole(settings.defaultRole)) throw new Error(`identity.oidc.defaultRole: unknown role ${settings.defaultRole}`);
  }

  private configuration(): Promise<client.Configuration> {
    // Plain HTTP only towards a provider on this machine (tests, a local IdP); anything else needs TLS.
    const insecure = LOOPBACK.has(new URL(this.settings.issuer).hostname);
    this.config ??= client
      .discovery(new URL(this.settings.issuer), this.settings.clientId, this.settings.clientSecret, undefined, insecure ? { execute: [client.allowInsecureRequests] } : {})
      .catch((err: unknown) => {
        this.config = undefined;
        throw err;
      });
    return this.config;
  }

  /** Where to send the browser, and the id of the pending login for the cookie. */
  async begin(now = Date.now()): Promise<{ url: string; pendingId: string }> {
    const config = await this.configuration();
    for (const [id, p] of this.pending) if (p.expiresAt < now) this.pending.delete(id);
    const codeVerifier = client.randomPKCECodeVerifier();
    const pending: PendingLogin = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier, expiresAt: now + PENDING_TTL_MS };
    const pendingId = randomBytes(24).toString('base64url');
    this.pending.set(pendingId, pending);
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pendingId };
  }

  /** The provider's answer: code exchanged, ID token checked, the user found or provisioned, a session started. */
  async complete(pendingId: string | undefined, query: string, ip: string): Promise<{ user: UserRow; sessionId: string; csrfToken: string }> {
    const pending = pendingId ? this.pending.get(pendingId) : undefined;
    if (pendingId) this.pending.delete(pendingId);
    if (!pending || pending.expiresAt < Date.now()) throw new AuthenticationError('the single sign-on attempt expired or was not started here');
    const config = await this.configuration();
    const callback = new URL(this.settings.redirectUri);
    callback.search = query;
    let claims: Record<string, unknown> & { iss: string; sub: string };
    try {
      const tokens = await client.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims()!;
      claims = idToken;
      // Providers that keep profile claims out of the ID token (oidc-provider's default) give them at userinfo.
      if (claims[this.settings.usernameClaim] === undefined) {
        claims = { ...(await client.fetchUserInfo(config, tokens.access_token, idToken.sub)), iss: idToken.iss, sub: idToken.sub };
      }
    } catch (err) {
      await this.audit.record({ actor: 'oidc:unknown', tenantId: null, action: 'auth.login', ip, outcome: 'failure', details: { method: 'oidc', reason: (err as Error).message } });
      throw new AuthenticationError('the identity provider did not confirm the sign-in');
    }
    const user = await this.userFor(claims, ip);
    const now = Date.now();
    await this.users.update(user.id, { last_login_at: now });
    const session = await this.sessions.start(user.id, ip, now);
    await this.audit.record({ actor: `user:${user.username}`, tenantId: user.tenant_id, action: 'auth.login', target: `user:${user.id}`, ip, outcome: 'success', details: { method: 'oidc' } });
    return { user, ...session };
  }

  private async userFor(claims: Record<string, unknown> & { iss: string; sub: string }, ip: string): Promise<UserRow> {
    const subject = `${claims.iss} ${claims.sub}`;
    const known = await this.users.byOidcSubject(subject);
    if (known) return known;
    const name = claims[this.settings.usernameClaim];
    if (typeof name !== 'string' || name === '') throw new InputError(`the ID token has no ${this.settings.usernameClaim} claim`);
    // An address the provider has not verified must not take over an account of that name.
    if (this.settings.usernameClaim === 'email' && claims.email_verified === false) throw new AuthenticationError('the e-mail address is not verified');
    const existing = await this.users.byUsername(name);
    if (existing) {
      await this.users.update(existing.id, { oidc_subject: subject, updated_at: Date.now() });
      return existing;
    }
    const role = this.settings.defaultRole;
    if (!role || !isRole(role)) {
      await this.audit.record({ actor: `user:${name}`, tenantId: null, action: 'auth.login', ip, outcome: 'failure', details: { method: 'oidc', reason: 'no such user' } });
      throw new AuthenticationError('no Mamori user for this identity; ask an admin to create one');
    }
    let tenantId: number | null = null;
    if (roleParty(role) === 'customer') {
      const tenant = this.settings.defaultTenant ? await this.tenants.repo.bySlug(this.settings.defaultTenant) : undefined;
      if (!tenant) throw new NotFoundError('identity.oidc.defaultTenant names no tenant');
      tenantId = tenant.id;
    }
    const now = Date.now();
    const displayName = typeof claims.name === 'string' ? claims.name : name;
    const row = await this.users.insert({
      username: name,
      display_name: displayName,
      role,
      tenant_id: tenantId,
      password_hash: null,
      must_change_password: 0,
      totp_secret: null,
      totp_pending_secret: null,
      locale: 'ja',
      timezone: 'Asia/Tokyo',
      failed_logins: 0,
      locked_until: null,
      oidc_subject: subject,
      created_at: now,
      updated_at: now,
      last_login_at: null,
    });
    await this.audit.record({ actor: 'system:oidc', tenantId, action: 'user.create', target: `user:${row.id}`, ip, outcome: 'success', after: { username: name, role, method: 'oidc' } });
    return row;
  }
}
