import { Worker } from 'node:worker_threads';
import type { EventStore } from './event-store.ts';
import type { OpName, StoreOps, WorkerInit, WorkerResponse } from './duckdb-protocol.ts';

export interface DuckDbOptions {
  file: string;
  memoryLimit?: string;
  threads?: number;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/** Main-thread face of the DuckDB thread (duckdb.worker.ts): every call is a message and a promise. */
export class DuckDbEventStore implements EventStore {
  readonly engine = 'duckdb' as const;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private failure: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (msg: WorkerResponse) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(msg.error));
    });
    const failAll = (err: Error) => {
      this.failure = err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`event store thread exited (${code})`)));
  }

  static async open(options: DuckDbOptions): Promise<DuckDbEventStore> {
    const url = new URL('./duckdb.worker.ts', import.meta.url);
    const init: WorkerInit = {
      file: options.file,
      memoryLimit: options.memoryLimit ?? '1GB',
      threads: options.threads ?? 2,
    };
    // The worker is TypeScript, and Node 20 does not carry the parent's tsx loader into threads:
    // a small bootstrap registers tsx inside the thread first.
    const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
      .then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
    const worker = new Worker(bootstrap, { eval: true, workerData: init });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (msg: { ready?: boolean }) => {
        if (msg.ready) {
          worker.off('error', reject);
          worker.off('message', onMessage);
          resolve();
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`event store could not open ${options.file} (exit ${code})`)));
    });
    return new DuckDbEventStore(worker);
  }

  private call<K extends OpName>(op: K, args: StoreOps[K]['args']): Promise<StoreOps[K]['result']> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, op, args });
    });
  }

  append: EventStore['append'] = (batches) => this.call('append', { batches });
  query: EventStore['query'] = (sql, params, options) =>
    this.call('query', { sql, params, ...(options?.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
  verify: EventStore['verify'] = (tenantId, range) => this.call('verify', { tenantId, range });
  applyRetention: EventStore['applyRetention'] = (req) => this.call('retention', req);
  purgeTenant: EventStore['purgeTenant'] = (tenantId) => this.call('purgeTenant', { tenantId });
  refile: EventStore['refile'] = (req) => this.call('refile', req);
  usage: EventStore['usage'] = () => this.call('usage', {});
  backupTo: EventStore['backupTo'] = async (file) => {
    await this.call('backup', { file });
  };

  async close(): Promise<void> {
    if (this.failure) return;
    await this.call('close', {});
    await this.worker.terminate();
  }
}
