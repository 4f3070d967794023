import * as OTPAuth from 'otpauth';
import type { ConsoleServer } from './console-server.ts';

export interface TestUser {
  username: string;
  password: string;
  tenant?: string;
  role: string;
  locale?: 'ja' | 'en';
  /** Set once two-step sign-in is on: a code the server has not seen yet. */
  totp?: () => Promise<string>;
}

/** Creates a user through the admin API with a password they need not change (a test shortcut, not a default). */
export async function createUser(server: ConsoleServer, u: TestUser): Promise<TestUser> {
  await server.api('POST', '/api/v1/users', {
    username: u.username,
    displayName: u.username,
    role: u.role,
    password: u.password,
    mustChangePassword: false,
    ...(u.tenant ? { tenant: u.tenant } : {}),
    ...(u.locale ? { locale: u.locale } : {}),
  });
  return u;
}

/** A cookie session over plain HTTP, as the browser would hold it. */
export async function apiSession(server: ConsoleServer, u: TestUser): Promise<{ call: <T>(method: string, path: string, body?: unknown) => Promise<T> }> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: u.username, password: u.password, ...(u.totp ? { totp: await u.totp() } : {}) }),
  });
  if (!res.ok) throw new Error(`login ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    call: async <T>(method: string, path: string, body?: unknown) => {
      const r = await fetch(server.url + path, {
        method,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
      return (r.status === 204 ? undefined : await r.json()) as T;
    },
  };
}

/** Turns on TOTP for the user the way the account screen does, and returns a code generator for them. */
export async function enrolTotp(server: ConsoleServer, u: TestUser): Promise<TestUser> {
  const session = await apiSession(server, u);
  const { secret } = await session.call<{ secret: string }>('POST', '/api/v1/auth/me/totp');
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
  let lastCounter = totp.counter();
  await session.call('POST', '/api/v1/auth/me/totp/confirm', { code: totp.generate() });
  // A code works once: the next sign-in waits for the next 30-second step, as a person would.
  const fresh = async () => {
    if (totp.counter() === lastCounter) await new Promise((r) => setTimeout(r, totp.remaining() + 100));
    lastCounter = totp.counter();
    return totp.generate();
  };
  return { ...u, totp: fresh };
}
