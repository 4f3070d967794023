import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionClient, TEST_PASSWORD } from './helpers/identity-session.ts';
import { signInThroughProvider, startOidcProvider, type TestOidcProvider } from './helpers/oidc-provider.ts';
import { freePort, startTestServer, type TestServer } from './helpers/test-server.ts';

describe('OpenID Connect single sign-on against a real provider', () => {
  let idp: TestOidcProvider;
  let t: TestServer;

  beforeAll(async () => {
    const port = await freePort();
    const redirectUri = `http://127.0.0.1:${port}/api/v1/auth/oidc/callback`;
    idp = await startOidcProvider(redirectUri, {
      'sub-kenji': { email: 'kenji@example.jp', email_verified: true, name: '佐藤 健二' },
      'sub-existing': { email: 'existing@example.jp', email_verified: true, name: 'Existing' },
      'sub-unverified': { email: 'unverified@example.jp', email_verified: false },
    });
    t = await startTestServer({
      http: { host: '127.0.0.1', port, bodyLimitBytes: 1024 * 1024 },
      identity: {
        session: { idleMinutes: 30, absoluteHours: 12 },
        lockout: { maxFailures: 5, lockMinutes: 15, maxFailuresPerIp: 50 },
        oidc: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, redirectUri, scopes: 'openid email profile', usernameClaim: 'email', defaultRole: 'analyst' },
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  it('redirects to the provider with PKCE (S256), state and nonce', async () => {
    const res = await fetch(`${t.server.url}/api/v1/auth/oidc/login`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(idp.issuer);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    for (const p of ['code_challenge', 'state', 'nonce']) expect(to.searchParams.get(p)?.length).toBeGreaterThan(20);
    expect(res.headers.getSetCookie().join()).toMatch(/mamori_oidc=.*HttpOnly/);
  });

  it('signs a new user in through the provider and provisions them with the default role', async () => {
    const browser = new SessionClient(t.server.url);
    const done = await signInThroughProvider(browser, 'sub-kenji');
    expect(done.status).toBe(200);
    expect(browser.sessionId).toBeDefined();
    const me = await browser.request<{ user: Record<string, unknown>; csrfToken: string }>('GET', '/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ username: 'kenji@example.jp', displayName: '佐藤 健二', role: 'analyst', party: 'provider', totpEnabled: false });
    // The same person again is the same user, found by issuer and subject.
    const again = new SessionClient(t.server.url);
    await signInThroughProvider(again, 'sub-kenji');
    const users = await t.api<Array<{ username: string; sso: boolean }>>('GET', '/api/v1/users');
    expect(users.body.filter((u) => u.username === 'kenji@example.jp')).toEqual([expect.objectContaining({ sso: true })]);
    const audit = await t.server.control.db.selectFrom('audit_log').select(['action', 'outcome', 'details']).where('action', '=', 'auth.login').execute();
    expect(audit.filter((a) => a.outcome === 'success' && a.details?.includes('oidc'))).toHaveLength(2);
  });

  it('links an existing user by the configured claim, keeping their role', async () => {
    expect((await t.api('POST', '/api/v1/users', { username: 'existing@example.jp', role: 'engineer', password: TEST_PASSWORD })).status).toBe(201);
    const browser = new SessionClient(t.server.url);
    await signInThroughProvider(browser, 'sub-existing');
    const me = await browser.request<{ user: { role: string } }>('GET', '/api/v1/auth/me');
    expect(me.body.user.role).toBe('engineer');
  });

  it('refuses an unverified e-mail address and a callback that was not started here', async () => {
    const browser = new SessionClient(t.server.url);
    const refused = await signInThroughProvider(browser, 'sub-unverified');
    expect(refused.status).toBe(401);
    expect(browser.sessionId).toBeUndefined();
    const forged = await fetch(`${t.server.url}/api/v1/auth/oidc/callback?code=abc&state=def`);
    expect(forged.status).toBe(401);
  });
});
