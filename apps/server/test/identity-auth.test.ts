import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../src/modules/identity/totp.ts';
import { SessionClient, TEST_PASSWORD, userSession } from './helpers/identity-session.ts';
import { CONTROL_ENGINES, controlStoreFor } from './helpers/postgres.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

type Problem = { status: number; code?: string; detail: string };

async function auditActions(t: TestServer, action: string): Promise<Array<{ actor: string; outcome: string; target: string | null }>> {
  return t.server.control.db.selectFrom('audit_log').select(['actor', 'outcome', 'target']).where('action', '=', action).orderBy('seq').execute();
}

describe.each(CONTROL_ENGINES)('sign-in, sessions and CSRF on %s', (engine) => {
  let t: TestServer;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const store = await controlStoreFor(engine);
    drop = store.drop;
    t = await startTestServer({ controlStore: store.controlStore, identity: { session: { idleMinutes: 30, absoluteHours: 12 }, lockout: { maxFailures: 3, lockMinutes: 15, maxFailuresPerIp: 1000 } } });
  });
  afterAll(async () => {
    await t.close();
    await drop();
  });

  it('answers the login contract and sets a Secure, HttpOnly, SameSite=Strict session cookie', async () => {
    await userSession(t, { username: 'alice', role: 'analyst' });
    const c = new SessionClient(t.server.url);
    const r = await c.login('alice', TEST_PASSWORD);
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ username: 'alice', displayName: 'alice', role: 'analyst', party: 'provider', tenant: null, locale: 'ja', timezone: 'Asia/Tokyo', totpEnabled: false });
    expect(r.body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const cookie = r.setCookies.find((s) => s.startsWith('mamori_session='))!;
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
    const me = await c.request<{ user: { username: string }; csrfToken: string }>('GET', '/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('alice');
    expect(me.body.csrfToken).toBe(r.body.csrfToken);
    // The session id is stored only as its hash.
    const stored = await t.server.control.db.selectFrom('sessions').select('id_hash').execute();
    expect(stored.map((s) => s.id_hash)).not.toContain(c.sessionId);
  });

  it('gives a new session id at every sign-in, ignoring any id the browser already had (session fixation)', async () => {
    const c = new SessionClient(t.server.url);
    c.cookies.set('mamori_session', 'attacker-chosen-id');
    expect((await c.request('GET', '/api/v1/auth/me')).status).toBe(401);
    await c.login('alice', TEST_PASSWORD);
    const first = c.sessionId;
    expect(first).not.toBe('attacker-chosen-id');
    await c.login('alice', TEST_PASSWORD);
    expect(c.sessionId).not.toBe(first);
  });

  it('ends the session at logout', async () => {
    const c = new SessionClient(t.server.url);
    await c.login('alice', TEST_PASSWORD);
    const id = c.sessionId!;
    expect((await c.request('POST', '/api/v1/auth/logout')).status).toBe(204);
    c.cookies.set('mamori_session', id);
    expect((await c.request('GET', '/api/v1/auth/me')).status).toBe(401);
  });

  it('refuses cookie writes without the CSRF header or with a wrong one; bearer tokens need none', async () => {
    const { client } = await userSession(t, { username: 'csrf-admin', role: 'admin' });
    const missing = await client.request<Problem>('POST', '/api/v1/tenants', { slug: 'csrf-a' }, { csrf: null });
    expect(missing.status).toBe(403);
    expect(missing.body.code).toBe('csrf');
    const wrong = await client.request<Problem>('POST', '/api/v1/tenants', { slug: 'csrf-a' }, { csrf: 'x'.repeat(43) });
    expect(wrong.status).toBe(403);
    expect((await t.api('GET', '/api/v1/tenants')).body).not.toContainEqual(expect.objectContaining({ slug: 'csrf-a' }));
    expect((await client.request('POST', '/api/v1/tenants', { slug: 'csrf-a' })).status).toBe(201);
    expect((await t.api('POST', '/api/v1/tenants', { slug: 'csrf-b' })).status).toBe(201);
  });

  it('says 401 for a wrong password and for an unknown user alike', async () => {
    const c = new SessionClient(t.server.url);
    const wrong = await c.login('alice', 'not the password at all');
    const unknown = await c.login('nobody-here', 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((wrong.body as unknown as Problem).detail).toBe((unknown.body as unknown as Problem).detail);
  });

  it('locks an account after repeated failures, audits it, and an admin reset lifts it and forces a change', async () => {
    const { id } = await userSession(t, { username: 'bob', role: 'operator' });
    const c = new SessionClient(t.server.url);
    for (let i = 0; i < 3; i++) expect((await c.login('bob', `wrong password ${i}`)).status).toBe(401);
    const locked = await c.login('bob', TEST_PASSWORD);
    expect(locked.status).toBe(423);
    expect(locked.body).toMatchObject({ code: 'locked' });
    expect(await auditActions(t, 'auth.lockout')).toContainEqual(expect.objectContaining({ target: `user:${id}` }));
    expect((await auditActions(t, 'auth.login')).filter((a) => a.actor === 'user:bob' && a.outcome === 'failure').length).toBeGreaterThanOrEqual(4);

    const reset = await t.api<{ temporaryPassword: string }>('POST', `/api/v1/users/${id}/reset-password`);
    expect(reset.status).toBe(200);
    const signedIn = await c.login('bob', reset.body.temporaryPassword);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.mustChangePassword).toBe(true);
    const blocked = await c.request<Problem>('GET', '/api/v1/tenants');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('password_change_required');
    const weak = await c.request<Problem>('POST', '/api/v1/auth/me/password', { currentPassword: reset.body.temporaryPassword, newPassword: 'short' });
    expect(weak.status).toBe(400);
    const changed = await c.request('POST', '/api/v1/auth/me/password', { currentPassword: reset.body.temporaryPassword, newPassword: 'bobs new long passphrase' });
    expect(changed.status).toBe(200);
    expect((await c.request('GET', '/api/v1/tenants')).status).toBe(200);
    expect((await auditActions(t, 'user.password_reset')).length).toBe(1);
  });

  it('lets users set their own preferences', async () => {
    const c = new SessionClient(t.server.url);
    await c.login('alice', TEST_PASSWORD);
    const r = await c.request<{ locale: string; timezone: string }>('PUT', '/api/v1/auth/me/preferences', { locale: 'en', timezone: 'Europe/Berlin' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ locale: 'en', timezone: 'Europe/Berlin' });
    expect((await c.request('PUT', '/api/v1/auth/me/preferences', { timezone: 'Mars/Olympus' })).status).toBe(400);
  });

  it('enrols TOTP, then asks for it, refuses a replayed code and accepts each recovery code once', async () => {
    await userSession(t, { username: 'carol', role: 'engineer' });
    const c = new SessionClient(t.server.url);
    await c.login('carol', TEST_PASSWORD);
    const start = await c.request<{ secret: string; otpauthUrl: string }>('POST', '/api/v1/auth/me/totp');
    expect(start.status).toBe(200);
    expect(start.body.otpauthUrl).toContain('secret=');
    expect((await c.request('POST', '/api/v1/auth/me/totp/confirm', { code: '000000' === totpCode(start.body.secret) ? '111111' : '000000' })).status).toBe(400);
    const confirm = await c.request<{ recoveryCodes: string[] }>('POST', '/api/v1/auth/me/totp/confirm', { code: totpCode(start.body.secret) });
    expect(confirm.status).toBe(200);
    expect(confirm.body.recoveryCodes).toHaveLength(10);
    expect(await auditActions(t, 'auth.totp_enrol')).toHaveLength(1);

    const d = new SessionClient(t.server.url);
    const needed = await d.login('carol', TEST_PASSWORD);
    expect(needed.status).toBe(401);
    expect(needed.body.code).toBe('totp_required');
    // The enrolment code's time step was used: the next step's code is fresh.
    const next = totpCode(start.body.secret, Date.now() + 30_000);
    const ok = await d.login('carol', TEST_PASSWORD, next);
    expect(ok.status).toBe(200);
    expect(ok.body.user.totpEnabled).toBe(true);
    const replay = await new SessionClient(t.server.url).login('carol', TEST_PASSWORD, next);
    expect(replay.status).toBe(401);

    const recovery = confirm.body.recoveryCodes[3]!;
    expect((await new SessionClient(t.server.url).login('carol', TEST_PASSWORD, recovery)).status).toBe(200);
    expect((await new SessionClient(t.server.url).login('carol', TEST_PASSWORD, recovery)).status).toBe(401);
    const stored = await t.server.control.db.selectFrom('recovery_codes').select('code_hash').execute();
    expect(stored.map((s) => s.code_hash)).not.toContain(recovery);
  });

  it('lists the sign-in and user routes in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${t.server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, unknown> };
    for (const p of ['/api/v1/auth/login', '/api/v1/auth/me', '/api/v1/auth/me/totp/confirm', '/api/v1/auth/oidc/callback', '/api/v1/users', '/api/v1/users/{id}/reset-password']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
  });
});

describe('session expiry and source throttling', () => {
  let t: TestServer;
  beforeAll(async () => {
    // 0.005 min idle = 300 ms; 0.0002 h absolute = 720 ms.
    t = await startTestServer({ identity: { session: { idleMinutes: 0.005, absoluteHours: 0.0002 }, lockout: { maxFailures: 100, lockMinutes: 1, maxFailuresPerIp: 4 } } });
  });
  afterAll(() => t.close());

  it('ends a session left idle, and one past its absolute lifetime however active', async () => {
    const { client } = await userSession(t, { username: 'dave', role: 'analyst' });
    await new Promise((r) => setTimeout(r, 450));
    expect((await client.request('GET', '/api/v1/auth/me')).status).toBe(401);

    expect((await client.login('dave', TEST_PASSWORD)).status).toBe(200);
    const start = Date.now();
    const deadline = start + 1500;
    let last = 200;
    // Kept busy every 150 ms (well inside the idle limit) it still ends at the absolute limit.
    while (Date.now() < deadline && last === 200) {
      last = (await client.request('GET', '/api/v1/auth/me')).status;
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(last).toBe(401);
    expect(Date.now() - start).toBeGreaterThan(600);
  });

  it('makes a source address wait after too many failed sign-ins, whatever the usernames', async () => {
    const c = new SessionClient(t.server.url);
    for (let i = 0; i < 4; i++) expect((await c.login(`guess${i}`, 'password guess')).status).toBe(401);
    const throttled = await c.login('dave', TEST_PASSWORD);
    expect(throttled.status).toBe(429);
    expect(throttled.body.code).toBe('locked');
  });
});
