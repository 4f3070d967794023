import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionClient, TEST_PASSWORD, userSession } from './helpers/identity-session.ts';
import { CONTROL_ENGINES, controlStoreFor } from './helpers/postgres.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

type User = { id: number; username: string; role: string; tenant: string | null; party: string };

describe.each(CONTROL_ENGINES)('roles, user administration and tenant boundaries on %s', (engine) => {
  let drop: () => Promise<void>;
  let t: TestServer;
  let adminA: SessionClient;
  let adminB: SessionClient;
  let viewerA: { client: SessionClient; id: number };
  let userOfB: number;

  beforeAll(async () => {
    const store = await controlStoreFor(engine);
    drop = store.drop;
    t = await startTestServer({ controlStore: store.controlStore });
    for (const slug of ['tenant-a', 'tenant-b']) expect((await t.api('POST', '/api/v1/tenants', { slug })).status).toBe(201);
    adminA = (await userSession(t, { username: 'a-admin', role: 'customer-admin', tenant: 'tenant-a' })).client;
    const b = await userSession(t, { username: 'b-admin', role: 'customer-admin', tenant: 'tenant-b' });
    adminB = b.client;
    userOfB = b.id;
    viewerA = await userSession(t, { username: 'a-viewer', role: 'customer-viewer', tenant: 'tenant-a' });
  });
  afterAll(async () => {
    await t.close();
    await drop();
  });

  it('lets a customer admin see and manage only their own tenant', async () => {
    const list = await adminA.request<User[]>('GET', '/api/v1/users');
    expect(list.status).toBe(200);
    expect(list.body.map((u) => u.username).sort()).toEqual(['a-admin', 'a-viewer']);
    // Tenant B's user is not found, whatever the method.
    expect((await adminA.request('GET', `/api/v1/users/${userOfB}`)).status).toBe(404);
    expect((await adminA.request('PATCH', `/api/v1/users/${userOfB}`, { displayName: 'pwned' })).status).toBe(404);
    expect((await adminA.request('POST', `/api/v1/users/${userOfB}/reset-password`)).status).toBe(404);
    expect((await adminA.request('DELETE', `/api/v1/users/${userOfB}`)).status).toBe(404);
    expect((await adminA.request('GET', '/api/v1/users?tenant=tenant-b')).status).toBe(404);
    expect((await adminA.request('POST', '/api/v1/users', { username: 'sneaky', role: 'customer-viewer', tenant: 'tenant-b', password: TEST_PASSWORD })).status).toBe(404);
    const b = await t.api<User>('GET', `/api/v1/users/${userOfB}`);
    expect(b.body.username).toBe('b-admin');

    const created = await adminA.request<User & { temporaryPassword: string }>('POST', '/api/v1/users', { username: 'a-ciso', role: 'ciso' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ tenant: 'tenant-a', party: 'customer', role: 'ciso', mustChangePassword: true });
    expect(created.body.temporaryPassword.length).toBeGreaterThanOrEqual(20);
    expect((await adminA.request('POST', '/api/v1/users', { username: 'a-analyst', role: 'analyst', password: TEST_PASSWORD })).status).toBe(403);
  });

  it('keeps viewers to reading and provider roles away from each other', async () => {
    expect((await viewerA.client.request('GET', '/api/v1/users')).status).toBe(403);
    expect((await viewerA.client.request('GET', '/api/v1/tenants')).status).toBe(200);
    expect((await viewerA.client.request('POST', '/api/v1/tenants', { slug: 'nope' })).status).toBe(403);
    const tenants = await viewerA.client.request<Array<{ slug: string }>>('GET', '/api/v1/tenants');
    expect(tenants.body.map((x) => x.slug)).toEqual(['tenant-a']);

    const manager = await userSession(t, { username: 'm-manager', role: 'manager' });
    expect((await manager.client.request('POST', '/api/v1/users', { username: 'x-admin', role: 'admin', password: TEST_PASSWORD })).status).toBe(403);
    const analyst = await manager.client.request<User>('POST', '/api/v1/users', { username: 'x-analyst', role: 'analyst', password: TEST_PASSWORD, mustChangePassword: false });
    expect(analyst.status).toBe(201);
    expect(analyst.body).toMatchObject({ party: 'provider', tenant: null });
    const a = new SessionClient(t.server.url);
    await a.login('x-analyst', TEST_PASSWORD);
    expect((await a.request('GET', '/api/v1/users')).status).toBe(403);
    expect((await a.request('POST', '/api/v1/tenants', { slug: 'by-analyst' })).status).toBe(403);
    expect((await a.request('GET', '/api/v1/tenants')).body).toHaveLength(2);
  });

  it('keeps customer sessions off provider-only routes, whatever their scope', async () => {
    const r = await adminA.request<{ detail: string }>('PUT', '/api/v1/playbooks/malware', { steps: [] });
    expect(r.status).toBe(403);
    expect(r.body.detail).toContain('provider');
  });

  it('ends every session of a user whose role changes, and audits the change without secrets', async () => {
    const { client, id } = await userSession(t, { username: 'e-engineer', role: 'engineer' });
    const changed = await t.api<User>('PATCH', `/api/v1/users/${id}`, { role: 'operator' });
    expect(changed.status).toBe(200);
    expect(changed.body.role).toBe('operator');
    expect((await client.request('GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await t.api('PATCH', `/api/v1/users/${id}`, { role: 'ciso' })).status).toBe(400);

    const rows = await t.server.control.db.selectFrom('audit_log').selectAll().where('action', 'in', ['user.create', 'user.update']).execute();
    const update = rows.find((r) => r.action === 'user.update' && r.target === `user:${id}`)!;
    expect(JSON.parse(update.before!)).toMatchObject({ role: 'engineer' });
    expect(JSON.parse(update.after!)).toMatchObject({ role: 'operator' });
    for (const r of rows) expect(`${r.before} ${r.after}`).not.toMatch(/argon2|password_hash|totp_secret|passphrase/);
  });

  it('deletes a user and their sessions, but nobody deletes themselves', async () => {
    const { client, id } = await userSession(t, { username: 'gone', role: 'customer-viewer', tenant: 'tenant-b' });
    expect((await adminB.request('DELETE', `/api/v1/users/${id}`)).status).toBe(204);
    expect((await client.request('GET', '/api/v1/auth/me')).status).toBe(401);
    const me = await adminB.request<{ user: { id: number } }>('GET', '/api/v1/auth/me');
    expect((await adminB.request('DELETE', `/api/v1/users/${me.body.user.id}`)).status).toBe(400);
  });

  it('lets a customer admin make read/write tokens for their own tenant only, never above their role', async () => {
    const token = await adminA.request<{ token: string; party: string; userId: number; tenantId: number }>('POST', '/api/v1/tokens', { tenant: 'tenant-a', scope: 'write' });
    expect(token.status).toBe(201);
    expect(token.body.party).toBe('customer');
    expect(token.body.userId).toBeGreaterThan(0);
    expect((await adminA.request('POST', '/api/v1/tokens', { tenant: 'tenant-a', scope: 'ingest' })).status).toBe(403);
    expect((await adminA.request('POST', '/api/v1/tokens', { tenant: 'tenant-a', scope: 'admin' })).status).toBe(403);
    expect((await adminA.request('POST', '/api/v1/tokens', { tenant: 'tenant-b', scope: 'read' })).status).toBe(404);
    expect((await viewerA.client.request('POST', '/api/v1/tokens', { tenant: 'tenant-a', scope: 'read' })).status).toBe(403);

    const asToken = await t.api<Array<{ slug: string }>>('GET', '/api/v1/tenants', undefined, token.body.token);
    expect(asToken.status).toBe(200);
    expect(asToken.body.map((x) => x.slug)).toEqual(['tenant-a']);
    // A token cannot manage tokens, even one of a customer admin.
    expect((await t.api('POST', '/api/v1/tokens', { tenant: 'tenant-a', scope: 'read' }, token.body.token)).status).toBe(403);
    // Lowering the owner's role below the token's scope stops the token.
    const me = await adminA.request<{ user: { id: number } }>('GET', '/api/v1/auth/me');
    expect((await t.api('PATCH', `/api/v1/users/${me.body.user.id}`, { role: 'customer-viewer' })).status).toBe(200);
    expect((await t.api('GET', '/api/v1/tenants', undefined, token.body.token)).status).toBe(401);
  });

  it('keeps tokens created before users existed working as before', async () => {
    const listed = await t.api<Array<{ party: string; userId: number | null; scope: string }>>('GET', '/api/v1/tokens');
    expect(listed.body.find((x) => x.scope === 'admin' && x.userId === null)?.party).toBe('provider');
    expect((await t.api('GET', '/api/v1/users')).status).toBe(200);
  });
});
