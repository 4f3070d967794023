import type { DuckDBConnection } from '@duckdb/node-api';
import { GENESIS_HASH } from './batch-digest.ts';
import { text } from './duckdb-tables.ts';

export interface RetentionRequest {
  tenantId: number;
  /** Batches whose newest event was received before this are removed. */
  receivedBefore: number | null;
  /** Oldest batches are removed until what is kept fits. */
  maxBytes: number | null;
  reason: string;
  now: number;
}

export interface RetentionOutcome {
  tenantId: number;
  removedBatches: number;
  removedEvents: number;
  removedBytes: number;
  oldestKeptAt: number | null;
  reason: string;
}

/**
 * Removes whole batches, oldest first. Their chain records stay, marked removed with the reason, so that
 * `verify` still proves the rest and the removal itself is on record (STO-2, STO-4).
 */
export async function applyRetention(conn: DuckDBConnection, req: RetentionRequest): Promise<RetentionOutcome> {
  const live = (
    await conn.runAndReadAll(
      `SELECT batch_id, event_count, raw_bytes_total, max_received, min_received FROM batches
       WHERE tenant_id = $1 AND removed_at IS NULL ORDER BY batch_id`,
      [req.tenantId],
    )
  ).getRowsJS();
  let keptBytes = live.reduce((sum, r) => sum + Number(r[2]), 0);
  let lastRemoved = -1;
  let events = 0;
  let bytes = 0;
  let batches = 0;
  for (const [batchId, count, size, maxReceived] of live) {
    const expired = req.receivedBefore !== null && Number(maxReceived) < req.receivedBefore;
    const oversize = req.maxBytes !== null && keptBytes > req.maxBytes;
    if (!expired && !oversize) break;
    lastRemoved = Number(batchId);
    events += Number(count);
    bytes += Number(size);
    keptBytes -= Number(size);
    batches++;
  }
  const outcome: RetentionOutcome = {
    tenantId: req.tenantId,
    removedBatches: batches,
    removedEvents: events,
    removedBytes: bytes,
    oldestKeptAt: null,
    reason: req.reason,
  };
  const firstKept = live.find((r) => Number(r[0]) > lastRemoved);
  outcome.oldestKeptAt = firstKept ? Number(firstKept[4]) : null;
  if (batches === 0) return outcome;
  await inTransaction(conn, async () => {
    await conn.run('DELETE FROM events WHERE tenant_id = $1 AND batch_id <= $2', [req.tenantId, BigInt(lastRemoved)]);
    await conn.run(
      `UPDATE batches SET removed_at = $1, removed_reason = $2
       WHERE tenant_id = $3 AND batch_id <= $4 AND removed_at IS NULL`,
      [BigInt(req.now), req.reason, req.tenantId, BigInt(lastRemoved)],
    );
  });
  return outcome;
}

export interface TenantPurgeOutcome {
  tenantId: number;
  events: number;
  batches: number;
  rawBytes: number;
  /** The chain head at the moment of deletion, quoted in the certificate of deletion. */
  headSha256: string;
}

/** Deletes every stored event and chain record of a tenant (contract end, STO-3). */
export async function purgeTenant(conn: DuckDBConnection, tenantId: number): Promise<TenantPurgeOutcome> {
  const summary = (
    await conn.runAndReadAll(
      `SELECT count(*), coalesce(sum(raw_bytes_total) FILTER (WHERE removed_at IS NULL), 0),
              arg_max(chain_sha256, chain_seq)
       FROM batches WHERE tenant_id = $1`,
      [tenantId],
    )
  ).getRowsJS()[0]!;
  const eventCount = (
    await conn.runAndReadAll('SELECT count(*) FROM events WHERE tenant_id = $1', [tenantId])
  ).getRowsJS()[0]![0];
  await inTransaction(conn, async () => {
    await conn.run('DELETE FROM events WHERE tenant_id = $1', [tenantId]);
    await conn.run('DELETE FROM batches WHERE tenant_id = $1', [tenantId]);
  });
  return {
    tenantId,
    events: Number(eventCount),
    batches: Number(summary[0]),
    rawBytes: Number(summary[1]),
    headSha256: summary[2] == null ? GENESIS_HASH : text(summary[2]),
  };
}

/** An online, consistent copy of the event store into a new DuckDB file. */
export async function backupTo(conn: DuckDBConnection, file: string): Promise<void> {
  const name = text((await conn.runAndReadAll('SELECT current_database()')).getRowsJS()[0]![0]);
  const literal = `'${file.replaceAll("'", "''")}'`;
  const ident = `"${name.replaceAll('"', '""')}"`;
  await conn.run('CHECKPOINT');
  await conn.run(`ATTACH ${literal} AS mamori_backup`);
  try {
    await conn.run(`COPY FROM DATABASE ${ident} TO mamori_backup`);
  } finally {
    await conn.run('DETACH mamori_backup');
  }
}

export interface TenantUsage {
  tenantId: number;
  events: number;
  rawBytes: number;
  batches: number;
  oldestReceivedAt: number | null;
  newestReceivedAt: number | null;
}

export async function tenantUsage(conn: DuckDBConnection): Promise<TenantUsage[]> {
  const rows = (
    await conn.runAndReadAll(
      `SELECT tenant_id, sum(event_count), sum(raw_bytes_total), count(*), min(min_received), max(max_received)
       FROM batches WHERE removed_at IS NULL GROUP BY tenant_id ORDER BY tenant_id`,
    )
  ).getRowsJS();
  return rows.map((r) => ({
    tenantId: Number(r[0]),
    events: Number(r[1]),
    rawBytes: Number(r[2]),
    batches: Number(r[3]),
    oldestReceivedAt: r[4] == null ? null : Number(r[4]),
    newestReceivedAt: r[5] == null ? null : Number(r[5]),
  }));
}

export async function inTransaction(conn: DuckDBConnection, work: () => Promise<void>): Promise<void> {
  await conn.run('BEGIN TRANSACTION');
  try {
    await work();
    await conn.run('COMMIT');
  } catch (err) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
