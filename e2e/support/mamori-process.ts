import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startProcess, waitFor } from './processes.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A real `mamori serve` child process on a (temporary) data dir and free ports, for e2e tests and benchmarks. */
export class MamoriProcess {
  private constructor(
    readonly child: ChildProcess,
    readonly dataDir: string,
    readonly url: string,
    readonly syslogPort: number,
    readonly token: string,
  ) {}

  static async start(env: NodeJS.ProcessEnv = {}, options: { dataDir?: string } = {}): Promise<MamoriProcess> {
    const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'mamori-proc-'));
    const http = await freePort();
    const syslog = await freePort();
    const child = startProcess('node', [...(process.env.MAMORI_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', path.join(ROOT, 'apps/cli/src/main.ts'), 'serve'], {
      MAMORI_DATA_DIR: dataDir,
      MAMORI_HTTP_PORT: String(http),
      MAMORI_SYSLOG_UDP_PORT: '0',
      MAMORI_SYSLOG_TCP_PORT: String(syslog),
      MAMORI_SYSLOG_TLS_PORT: '0',
      MAMORI_LOG_LEVEL: 'warn',
      ...env,
    });
    const url = `http://127.0.0.1:${http}`;
    await waitFor(async () => (await fetch(`${url}/readyz`).catch(() => undefined))?.ok === true, 30_000, 'mamori serve');
    const token = readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim();
    return new MamoriProcess(child, dataDir, url, syslog, token);
  }

  async api(method: string, route: string, body?: unknown): Promise<unknown> {
    const res = await fetch(this.url + route, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? undefined : res.json();
  }

  /** Sum of a Prometheus counter over all its series. */
  async metric(name: string): Promise<number> {
    const text = await (await fetch(`${this.url}/metrics`)).text();
    let sum = 0;
    for (const line of text.split('\n')) if (line.startsWith(name)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
    return sum;
  }

  /** SIGTERM (graceful) or SIGKILL (crash); `keepData` leaves the data dir for a restart. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM', keepData = false): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill(signal);
      await exited;
    }
    if (!keepData) rmSync(this.dataDir, { recursive: true, force: true });
  }
}
