/** The first admin of a fresh install, and user administration, from the command line of the same machine. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionClient } from './helpers/identity-session.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

const BIN = path.resolve(import.meta.dirname, '../../cli/bin/mamori.js');

describe('mamori user', () => {
  let t: TestServer;
  let env: NodeJS.ProcessEnv;
  const mamori = (args: string[], stdin = ''): Promise<{ stdout: string; stderr: string; code: number }> =>
    new Promise((resolve) => {
      const child = execFile('node', [BIN, ...args], { env }, (err, stdout, stderr) => resolve({ stdout, stderr, code: err ? Number(err.code ?? 1) : 0 }));
      child.stdin!.end(stdin);
    });

  beforeAll(async () => {
    t = await startTestServer();
    // No MAMORI_URL or MAMORI_TOKEN: on the server's machine the CLI finds both from the configuration and data dir.
    env = { ...process.env, MAMORI_DATA_DIR: t.config.dataDir, MAMORI_HTTP_PORT: String(t.config.http.port), MAMORI_HTTP_HOST: '127.0.0.1' };
    delete env.MAMORI_URL;
    delete env.MAMORI_TOKEN;
    expect((await t.api('POST', '/api/v1/tenants', { slug: 'acme' })).status).toBe(201);
  });
  afterAll(() => t.close());

  it('creates the first admin of a fresh install with a password read from stdin', async () => {
    expect(await t.server.control.db.selectFrom('users').select('id').execute()).toHaveLength(0);
    const r = await mamori(['user', 'create', 'first-admin', '--role', 'admin', '--password-stdin'], 'first admin long passphrase\n');
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('user first-admin created (admin)');
    const c = new SessionClient(t.server.url);
    const signedIn = await c.login('first-admin', 'first admin long passphrase');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({ role: 'admin', mustChangePassword: false });
  }, 120_000);

  it('creates a customer user with a temporary password, lists, resets and deletes', async () => {
    const created = await mamori(['user', 'create', 'yamada', '--role', 'customer-viewer', '--tenant', 'acme']);
    expect(created.code).toBe(0);
    const temporary = created.stdout.trim().split('\n').at(-1)!;
    const c = new SessionClient(t.server.url);
    expect((await c.login('yamada', temporary)).body.user.mustChangePassword).toBe(true);

    const list = JSON.parse((await mamori(['user', 'list', '--json'])).stdout) as Array<{ username: string; tenant: string | null }>;
    expect(list.map((u) => [u.username, u.tenant])).toEqual([
      ['first-admin', null],
      ['yamada', 'acme'],
    ]);
    const reset = await mamori(['user', 'reset-password', 'yamada']);
    const next = reset.stdout.trim().split('\n').at(-1)!;
    expect(next).not.toBe(temporary);
    expect((await new SessionClient(t.server.url).login('yamada', temporary)).status).toBe(401);
    expect((await new SessionClient(t.server.url).login('yamada', next)).status).toBe(200);

    expect((await mamori(['user', 'delete', 'yamada'])).stdout).toContain('deleted');
    const refused = await mamori(['user', 'create', 'bad', '--role', 'customer-viewer']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('tenant');
    // Seven CLI starts: on a loaded two-core machine each takes several seconds.
  }, 240_000);
});
