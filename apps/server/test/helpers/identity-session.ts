import type { TestServer } from './test-server.ts';

export interface Answer<T = unknown> {
  status: number;
  body: T;
  setCookies: string[];
}

/** A browser-like client: keeps the session cookie it is given and sends the CSRF token on writes. */
export class SessionClient {
  readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(readonly baseUrl: string) {}

  get sessionId(): string | undefined {
    return this.cookies.get('mamori_session');
  }

  async request<T = unknown>(method: string, route: string, body?: unknown, opts: { csrf?: string | null } = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = opts.csrf === undefined ? this.csrfToken : opts.csrf;
    if (csrf && method !== 'GET') headers['x-csrf-token'] = csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.baseUrl + route, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
    const setCookies = res.headers.getSetCookie();
    for (const c of setCookies) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, setCookies };
  }

  async login(username: string, password: string, totp?: string): Promise<Answer<{ csrfToken: string; user: Record<string, unknown>; code?: string }>> {
    const r = await this.request<{ csrfToken: string; user: Record<string, unknown>; code?: string }>('POST', '/api/v1/auth/login', { username, password, ...(totp ? { totp } : {}) });
    if (r.status === 200) this.csrfToken = r.body.csrfToken;
    return r;
  }
}

export interface NewTestUser {
  username: string;
  role: string;
  tenant?: string;
  password?: string;
}

export const TEST_PASSWORD = 'a long test passphrase 2026';

/** Creates a user with the admin token (no forced change) and returns a signed-in client. */
export async function userSession(t: TestServer, user: NewTestUser): Promise<{ client: SessionClient; id: number }> {
  const password = user.password ?? TEST_PASSWORD;
  const created = await t.api<{ id: number }>('POST', '/api/v1/users', { ...user, password, mustChangePassword: false });
  if (created.status !== 201) throw new Error(`user ${user.username}: ${created.status} ${JSON.stringify(created.body)}`);
  const client = new SessionClient(t.server.url);
  const r = await client.login(user.username, password);
  if (r.status !== 200) throw new Error(`login ${user.username}: ${r.status} ${JSON.stringify(r.body)}`);
  return { client, id: created.body.id };
}
