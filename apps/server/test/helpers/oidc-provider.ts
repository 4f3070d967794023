import type { Server } from 'node:http';
import Provider, { type Account } from 'oidc-provider';
import { freePort } from './test-server.ts';
import type { SessionClient } from './identity-session.ts';

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

/** A real OpenID provider (the `oidc-provider` package) on loopback, with its development login forms. */
export async function startOidcProvider(redirectUri: string, accounts: Record<string, Record<string, unknown>>): Promise<TestOidcProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'mamori';
  const clientSecret = 'test-client-secret-that-is-long-enough-0123456789';
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], response_types: ['code'], grant_types: ['authorization_code'] }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['test-cookie-key-0123456789'] },
    pkce: { required: () => true },
    findAccount: (_ctx: unknown, id: string): Account => ({ accountId: id, claims: () => Promise.resolve({ sub: id, ...accounts[id] }) }),
  });
  const server: Server = await new Promise((resolve) => {
    const s = provider.listen(port, '127.0.0.1', () => resolve(s));
  });
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function formOf(html: string): { action: string; fields: Record<string, string> } | undefined {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) return undefined;
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields[m[1]!] = m[2]!;
  return { action: action.replace(/&amp;/g, '&'), fields };
}

/**
 * Drives the browser side of an OIDC sign-in with plain HTTP: Mamori's login redirect, the provider's login
 * and consent forms, and back to Mamori's callback. Cookies of both sides live in the client's jar (one
 * host, as in a browser), so the Mamori session ends up in `client`.
 */
export async function signInThroughProvider(client: SessionClient, login: string): Promise<{ status: number; body: string }> {
  let url = `${client.baseUrl}/api/v1/auth/oidc/login`;
  let method = 'GET';
  let body: string | undefined;
  for (let step = 0; step < 20; step++) {
    const headers: Record<string, string> = {};
    if (client.cookies.size > 0) headers.cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(url, { method, headers, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      const value = pair!.slice(eq + 1);
      if (value === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)) client.cookies.delete(pair!.slice(0, eq));
      else client.cookies.set(pair!.slice(0, eq), value);
    }
    const text = await res.text();
    const location = res.headers.get('location');
    method = 'GET';
    body = undefined;
    if (location) {
      url = new URL(location, url).href;
      continue;
    }
    const form = res.status === 200 ? formOf(text) : undefined;
    if (!form || url.startsWith(client.baseUrl)) return { status: res.status, body: text };
    const fields = form.fields.prompt === 'login' ? { ...form.fields, login, password: 'any password the dev form accepts' } : form.fields;
    url = new URL(form.action, url).href;
    method = 'POST';
    body = new URLSearchParams(fields).toString();
  }
  throw new Error('the sign-in did not finish in 20 steps');
}
