import type { BatchColumns, StoredBatchRef } from './event-batch.ts';
import type { RetentionOutcome, RetentionRequest, TenantPurgeOutcome, TenantUsage } from './duckdb-maintenance.ts';
import type { QueryParams, QueryResult } from './duckdb-protocol.ts';
import type { RefileRequest } from './duckdb-refile.ts';
import type { VerifyRange, VerifyReport } from './duckdb-verify.ts';

export type { RetentionOutcome, RetentionRequest, TenantPurgeOutcome, TenantUsage, VerifyRange, VerifyReport, RefileRequest };
export type { QueryParams, QueryResult };

/**
 * The event store: DuckDB embedded today, a ClickHouse server for scale-out later.
 * Every method is asynchronous and never blocks the caller's event loop.
 */
export interface EventStore {
  readonly engine: 'duckdb';
  /** Resolves once the batches are committed (durable); only then may ingest acknowledge them. */
  append(batches: BatchColumns[]): Promise<StoredBatchRef[]>;
  query(sql: string, params: QueryParams, options?: { timeoutMs?: number }): Promise<QueryResult>;
  verify(tenantId: number, range: VerifyRange): Promise<VerifyReport>;
  applyRetention(req: RetentionRequest): Promise<RetentionOutcome>;
  purgeTenant(tenantId: number): Promise<TenantPurgeOutcome>;
  refile(req: RefileRequest): Promise<number>;
  usage(): Promise<TenantUsage[]>;
  backupTo(file: string): Promise<void>;
  close(): Promise<void>;
}
