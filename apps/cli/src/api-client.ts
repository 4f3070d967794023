import { loadConfig, readAdminToken } from '@mamori/server';

export class CliError extends Error {}

export interface ApiTarget {
  url: string;
  token: string | undefined;
}

/** MAMORI_URL / MAMORI_TOKEN, else the local server of this machine's configuration and its admin token. */
export async function apiTarget(): Promise<ApiTarget> {
  const config = loadConfig();
  const host = config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host === '::' ? '::1' : config.http.host;
  const url = process.env.MAMORI_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${config.http.port}`;
  const token = process.env.MAMORI_TOKEN ?? (await readAdminToken(config.dataDir));
  return { url: url.replace(/\/$/, ''), token };
}

export interface RequestOptions {
  method?: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  rawBody?: Buffer;
  contentType?: string;
}

export async function apiRequest(path: string, opts: RequestOptions = {}): Promise<Response> {
  const target = await apiTarget();
  const url = new URL(target.url + path);
  for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
  const headers: Record<string, string> = {};
  if (target.token) headers.authorization = `Bearer ${target.token}`;
  let body: RequestInit['body'];
  if (opts.rawBody) {
    body = opts.rawBody;
    headers['content-type'] = opts.contentType ?? 'text/plain';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(url, { method: opts.method ?? 'GET', headers, body });
  } catch {
    throw new CliError(`cannot reach Mamori at ${target.url}: is \`mamori serve\` running? (set MAMORI_URL to use another server)`);
  }
  if (!res.ok) {
    const text = await res.text();
    let detail = text;
    try {
      const problem = JSON.parse(text) as { detail?: string; title?: string };
      detail = problem.detail ?? problem.title ?? text;
    } catch {
      /* not problem+json: show the text */
    }
    throw new CliError(`${res.status} ${detail}`);
  }
  return res;
}

export async function apiJson<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  return (await (await apiRequest(path, opts)).json()) as T;
}
