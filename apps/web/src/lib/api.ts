/** The one way the console talks to the server: same-origin JSON, problem+json errors, CSRF on writes. */

export interface Problem {
  status: number;
  title: string;
  detail: string;
  code?: string;
  position?: number;
  expected?: string[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
}

const TOKEN_KEY = 'mamori.apiToken';
let csrfToken: string | undefined;

/** Cookie sessions send the CSRF token on every non-GET request; the server hands it out at sign-in. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** An API token instead of a session (automation, or before user accounts exist); kept for this tab only. */
export function setApiToken(token: string | undefined): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export function apiToken(): string | undefined {
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

async function toProblem(res: Response): Promise<Problem> {
  const body = (await res.json().catch(() => ({}))) as Partial<Problem>;
  return { ...body, status: res.status, title: body.title ?? res.statusText, detail: body.detail ?? '' };
}

export async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  return (await requestWithHeaders<T>(method, path, body, signal)).body;
}

/** Like request, with the response headers (paged lists put the next cursor in one). */
export async function requestWithHeaders<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<{ body: T; headers: Headers }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = apiToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    ...(signal ? { signal } : {}),
  });
  if (!res.ok) throw new ApiError(await toProblem(res));
  if (res.status === 204) return { body: undefined as T, headers: res.headers };
  return { body: (await res.json()) as T, headers: res.headers };
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {}),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/** Builds `path?a=1&b=2`, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export const enc = encodeURIComponent;
