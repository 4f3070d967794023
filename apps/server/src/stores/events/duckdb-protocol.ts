import type { BatchColumns, StoredBatchRef } from './event-batch.ts';
import type { RetentionOutcome, RetentionRequest, TenantPurgeOutcome, TenantUsage } from './duckdb-maintenance.ts';
import type { RefileRequest } from './duckdb-refile.ts';
import type { VerifyRange, VerifyReport } from './duckdb-verify.ts';

export type QueryParams = unknown[] | Record<string, unknown>;

export interface QueryResult {
  columns: string[];
  rows: unknown[][];
}

/** Requests the main thread sends to the DuckDB thread, with the answer type each one gets. */
export interface StoreOps {
  append: { args: { batches: BatchColumns[] }; result: StoredBatchRef[] };
  query: { args: { sql: string; params: QueryParams; timeoutMs?: number }; result: QueryResult };
  verify: { args: { tenantId: number; range: VerifyRange }; result: VerifyReport };
  retention: { args: RetentionRequest; result: RetentionOutcome };
  purgeTenant: { args: { tenantId: number }; result: TenantPurgeOutcome };
  refile: { args: RefileRequest; result: number };
  usage: { args: Record<string, never>; result: TenantUsage[] };
  backup: { args: { file: string }; result: null };
  interrupt: { args: Record<string, never>; result: null };
  close: { args: Record<string, never>; result: null };
}

export type OpName = keyof StoreOps;

export interface WorkerRequest {
  id: number;
  op: OpName;
  args: unknown;
}

export type WorkerResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export interface WorkerInit {
  file: string;
  memoryLimit: string;
  threads: number;
}
