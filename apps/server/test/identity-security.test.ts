import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../src/config/config.ts';
import { totpCode } from '../src/modules/identity/totp.ts';
import { readAdminToken, startServer, type RunningServer } from '../src/server.ts';
import { SessionClient } from './helpers/identity-session.ts';
import { freePort } from './helpers/test-server.ts';

/** ASVS level-2 checks that need a whole server: what reaches its log, and what timing reveals. */
describe('identity secrets stay out of the log; timing does not reveal users', () => {
  const logged: string[] = [];
  let dir: string;
  let server: RunningServer;
  let admin: string;
  const api = (method: string, route: string, body?: unknown, token = admin) =>
    fetch(server.url + route, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mamori-identity-log-'));
    const config = configSchema.parse({
      dataDir: dir,
      logLevel: 'trace',
      http: { host: '127.0.0.1', port: await freePort() },
      syslog: { host: '127.0.0.1', udpPort: 0, tcpPort: 0, tlsPort: 0 },
    });
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logged.push(chunk.toString());
        done();
      },
    });
    server = await startServer(config, pino({ level: 'trace' }, sink));
    admin = (await readAdminToken(dir))!;
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs no password, session id, CSRF token, API token, TOTP secret or recovery code', async () => {
    const password = 'Secret-Passphrase-For-Log-Test';
    expect((await api('POST', '/api/v1/users', { username: 'logged', role: 'admin', password, mustChangePassword: false })).status).toBe(201);
    const c = new SessionClient(server.url);
    expect((await c.login('logged', 'Wrong-Passphrase-For-Log-Test')).status).toBe(401);
    expect((await c.login('logged', password)).status).toBe(200);
    const enrol = await c.request<{ secret: string }>('POST', '/api/v1/auth/me/totp');
    const codes = await c.request<{ recoveryCodes: string[] }>('POST', '/api/v1/auth/me/totp/confirm', { code: totpCode(enrol.body.secret) });
    const token = await c.request<{ token: string }>('POST', '/api/v1/tokens', { scope: 'read' });
    expect(token.status).toBe(201);
    expect((await api('GET', '/api/v1/tenants', undefined, token.body.token)).status).toBe(200);
    expect((await api('GET', '/api/v1/tenants', undefined, token.body.token + 'x')).status).toBe(401);
    const d = new SessionClient(server.url);
    expect((await d.login('logged', password, codes.body.recoveryCodes[0])).status).toBe(200);
    // Malformed input reaches the error handler too.
    expect((await d.request('POST', '/api/v1/auth/me/password', { currentPassword: password, newPassword: 7 })).status).toBe(400);
    expect((await d.request('POST', '/api/v1/auth/me/password', { currentPassword: password, newPassword: 'logged' })).status).toBe(400);

    const log = logged.join('');
    // The fresh install said how to create its first admin: the log was really captured.
    expect(log).toContain('mamori user create');
    const secrets = [password, 'Wrong-Passphrase-For-Log-Test', c.sessionId!, d.sessionId!, c.csrfToken!, token.body.token, admin, enrol.body.secret, ...codes.body.recoveryCodes];
    for (const s of secrets) expect(log).not.toContain(s);
  });

  it('spends an argon2 verify on an unknown username, so its answer takes as long as a wrong password', async () => {
    const time = async (username: string) => {
      const t0 = performance.now();
      const r = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'a wrong password for timing' }),
      });
      expect(r.status).toBe(401);
      return performance.now() - t0;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    await time('nobody');
    const known: number[] = [];
    const unknown: number[] = [];
    // Four failures stay below the lockout threshold (5); interleaved, so other load hits both sides alike.
    expect((await api('POST', '/api/v1/users', { username: 'timed', role: 'analyst', password: 'a real password for this' })).status).toBe(201);
    for (let i = 0; i < 4; i++) {
      known.push(await time('timed'));
      unknown.push(await time(`nobody-${i}`));
    }
    expect(median(unknown)).toBeGreaterThan(median(known) / 3);
    // argon2id at 19 MiB takes milliseconds, not the microseconds of a skipped verify.
    expect(median(unknown)).toBeGreaterThan(3);
  });
});
