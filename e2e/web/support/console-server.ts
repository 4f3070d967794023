import { MamoriProcess } from '../../support/mamori-process.ts';
import { ensureConsoleBuilt } from './build.ts';

/** A real `mamori serve` with the current console build, plus the API calls the tests use to set up data. */
export class ConsoleServer {
  private constructor(readonly proc: MamoriProcess) {}

  static async start(env: NodeJS.ProcessEnv = {}, options: { dataDir?: string } = {}): Promise<ConsoleServer> {
    ensureConsoleBuilt();
    return new ConsoleServer(await MamoriProcess.start(env, options));
  }

  get url(): string {
    return this.proc.url;
  }

  get adminToken(): string {
    return this.proc.token;
  }

  async api<T>(method: string, route: string, body?: unknown, token = this.proc.token): Promise<T> {
    const res = await fetch(this.url + route, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  }

  /** A tenant with one device and an ingest token bound to it. */
  async tenantWithDevice(slug: string, device = 'sensor1'): Promise<string> {
    await this.api('POST', '/api/v1/tenants', { slug, name: `${slug} Corp` });
    await this.api('POST', `/api/v1/tenants/${slug}/devices`, { name: device, format: 'auto', expectedIntervalSeconds: 3600 });
    return (await this.api<{ token: string }>('POST', '/api/v1/tokens', { tenant: slug, device, scope: 'ingest' })).token;
  }

  async ingest(token: string, lines: string[]): Promise<void> {
    const res = await fetch(`${this.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      body: lines.join('\n'),
    });
    if (!res.ok) throw new Error(`ingest: ${res.status} ${await res.text()}`);
  }

  async waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  stop(): Promise<void> {
    return this.proc.stop();
  }
}
