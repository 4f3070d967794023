// The thread that owns the DuckDB database. DuckDB's Appender is synchronous, so every write runs here,
// keeping the main event loop (listeners, HTTP) free; reads run here too on their own connections.
import { parentPort, workerData } from 'node:worker_threads';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { SCHEMA_STATEMENTS, toJsonSafe } from './duckdb-tables.ts';
import { DuckDbWriter } from './duckdb-writer.ts';
import { applyRetention, backupTo, purgeTenant, tenantUsage } from './duckdb-maintenance.ts';
import { refileUnassigned } from './duckdb-refile.ts';
import { verifyTenant } from './duckdb-verify.ts';
import type { OpName, QueryResult, StoreOps, WorkerInit, WorkerRequest, WorkerResponse } from './duckdb-protocol.ts';

const init = workerData as WorkerInit;
const port = parentPort!;

const instance = await DuckDBInstance.create(init.file, {
  memory_limit: init.memoryLimit,
  threads: String(init.threads),
});
const writeConn = await instance.connect();
for (const statement of SCHEMA_STATEMENTS) await writeConn.run(statement);
const writer = await DuckDbWriter.open(writeConn);
const idleReaders: DuckDBConnection[] = [];

async function withReader<T>(work: (conn: DuckDBConnection) => Promise<T>, timeoutMs?: number): Promise<T> {
  const conn = idleReaders.pop() ?? (await instance.connect());
  const timer = timeoutMs ? setTimeout(() => conn.interrupt(), timeoutMs) : undefined;
  try {
    return await work(conn);
  } finally {
    if (timer) clearTimeout(timer);
    idleReaders.push(conn);
  }
}

// Writes run one after another on the write connection, in the order they were sent.
let writeChain: Promise<unknown> = Promise.resolve();
function serialWrite<T>(work: () => Promise<T>): Promise<T> {
  const next = writeChain.then(work, work);
  writeChain = next.catch(() => undefined);
  return next;
}

type Handlers = { [K in OpName]: (args: StoreOps[K]['args']) => Promise<StoreOps[K]['result']> };

const handlers: Handlers = {
  // Appends share the open group-commit transaction; they are not serialised behind each other's commits.
  append: ({ batches }) => serialWrite(() => writer.append(batches)).then((r) => r.committed),
  query: ({ sql, params, timeoutMs }) =>
    withReader(async (conn): Promise<QueryResult> => {
      const reader = await conn.runAndReadAll(sql, params as never);
      return { columns: reader.columnNames(), rows: reader.getRowsJS().map((r) => r.map(toJsonSafe)) };
    }, timeoutMs),
  verify: ({ tenantId, range }) => withReader((conn) => verifyTenant(conn, tenantId, range)),
  retention: (req) => serialWrite(async () => (await writer.flush(), applyRetention(writeConn, req))),
  purgeTenant: ({ tenantId }) =>
    serialWrite(async () => {
      await writer.flush();
      const outcome = await purgeTenant(writeConn, tenantId);
      writer.forgetTenant(tenantId);
      return outcome;
    }),
  refile: (req) => serialWrite(async () => (await writer.flush(), refileUnassigned(writeConn, writer, req))),
  usage: () => withReader((conn) => tenantUsage(conn)),
  backup: ({ file }) => serialWrite(async () => (await writer.flush(), await backupTo(writeConn, file), null)),
  interrupt: () => Promise.resolve(null),
  close: () =>
    serialWrite(async () => {
      await writer.flush();
      await writeConn.run('CHECKPOINT');
      for (const conn of idleReaders) conn.closeSync();
      writeConn.closeSync();
      instance.closeSync();
      return null;
    }),
};

port.on('message', (req: WorkerRequest) => {
  const handler = handlers[req.op] as (args: unknown) => Promise<unknown>;
  handler(req.args).then(
    (result) => port.postMessage({ id: req.id, ok: true, result } satisfies WorkerResponse),
    (err: unknown) =>
      port.postMessage({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies WorkerResponse),
  );
});
port.postMessage({ ready: true });
