import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { configSchema, type MamoriConfig } from '../../src/config/config.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { freePort } from '../../../../e2e/support/processes.ts';

export { freePort };

export interface TestServer {
  server: RunningServer;
  config: MamoriConfig;
  token: string;
  /** JSON API call with the admin token unless another is given. */
  api<T = unknown>(method: string, route: string, body?: unknown, token?: string): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/** A real server on a temporary data dir, with every listener on a free loopback port. */
export async function startTestServer(overrides: Partial<MamoriConfig> = {}, dataDir?: string): Promise<TestServer> {
  const dir = dataDir ?? mkdtempSync(path.join(tmpdir(), 'mamori-test-'));
  const config = configSchema.parse({
    dataDir: dir,
    logLevel: 'silent',
    http: { host: '127.0.0.1', port: await freePort() },
    syslog: { host: '127.0.0.1', udpPort: await freePort(), tcpPort: await freePort(), tlsPort: await freePort() },
    pipeline: { flushIntervalMs: 20 },
    ...overrides,
  });
  const server = await startServer(config, pino({ level: 'silent' }));
  const { readAdminToken } = await import('../../src/server.ts');
  const token = (await readAdminToken(dir))!;
  const api = async <T>(method: string, route: string, body?: unknown, auth = token) => {
    const res = await fetch(server.url + route, {
      method,
      headers: { ...(auth ? { authorization: `Bearer ${auth}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* plain text */
    }
    return { status: res.status, body: parsed as T };
  };
  return {
    server,
    config,
    token,
    api,
    close: async () => {
      await server.close();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates a tenant and a device claiming 127.0.0.1, returns an ingest token for it. */
export async function tenantWithDevice(
  t: TestServer,
  slug: string,
  device: Record<string, unknown> = {},
): Promise<{ ingestToken: string }> {
  const created = await t.api('POST', '/api/v1/tenants', { slug });
  if (created.status !== 201) throw new Error(`tenant: ${JSON.stringify(created.body)}`);
  const d = await t.api('POST', `/api/v1/tenants/${slug}/devices`, { name: 'fw1', format: 'auto', ...device });
  if (d.status !== 201) throw new Error(`device: ${JSON.stringify(d.body)}`);
  const tok = await t.api<{ token: string }>('POST', '/api/v1/tokens', { tenant: slug, device: (device.name as string) ?? 'fw1', scope: 'ingest' });
  return { ingestToken: tok.body.token };
}

export async function exportRaw(t: TestServer, slug: string, token = t.token): Promise<Buffer> {
  const res = await fetch(`${t.server.url}/api/v1/tenants/${slug}/export?format=raw`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`export ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

export async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}
