import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { GENESIS_HASH, chainLink } from './batch-digest.ts';
import { text } from './duckdb-tables.ts';
import type { BatchColumns, StoredBatchRef } from './event-batch.ts';
import { unpackString } from './packed-strings.ts';

interface ChainHead {
  chainSeq: number;
  hash: string;
}

/** One DuckDB row group: a transaction this large is written straight to the database file, not the WAL. */
export const GROUP_COMMIT_ROWS = 122_880;
/** Longest an appended batch waits for its commit under continuous load (bounds HTTP ingest latency). */
const GROUP_COMMIT_MAX_DELAY_MS = 1000;
/** Commit as soon as no further batch arrived for this long. */
const GROUP_COMMIT_IDLE_MS = 15;

interface Waiter {
  refs: StoredBatchRef[];
  resolve: (refs: StoredBatchRef[]) => void;
  reject: (err: Error) => void;
}

interface OpenTransaction {
  appender: DuckDBAppender;
  links: unknown[][];
  rows: number;
  openedAt: number;
  waiters: Waiter[];
  heads: Map<number, ChainHead>;
  nextBatchId: number;
}

/**
 * Appends batches with group commit: batches arriving close together share one transaction, so the
 * engine writes big row groups (half the cost per row of 5,000-row commits, measured). Each batch's
 * events and chain link commit together or not at all, and `append` resolves only after COMMIT, so an
 * acknowledged HTTP request is never half stored.
 */
export class DuckDbWriter {
  private nextBatchId = 1;
  private readonly heads = new Map<number, ChainHead>();
  private tx: OpenTransaction | undefined;
  private opening: Promise<OpenTransaction> | undefined;
  private committing: Promise<void> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | undefined;

  private constructor(private readonly conn: DuckDBConnection) {}

  static async open(conn: DuckDBConnection): Promise<DuckDbWriter> {
    const writer = new DuckDbWriter(conn);
    const max = await conn.runAndReadAll('SELECT coalesce(max(batch_id), 0) FROM batches');
    writer.nextBatchId = Number(max.getRowsJS()[0]![0]) + 1;
    const heads = await conn.runAndReadAll(
      `SELECT tenant_id, chain_seq, chain_sha256 FROM batches
       WHERE (tenant_id, chain_seq) IN (SELECT tenant_id, max(chain_seq) FROM batches GROUP BY tenant_id)`,
    );
    for (const [tenantId, chainSeq, hash] of heads.getRowsJS()) {
      writer.heads.set(Number(tenantId), { chainSeq: Number(chainSeq), hash: text(hash) });
    }
    return writer;
  }

  private head(tx: OpenTransaction | undefined, tenantId: number): ChainHead {
    return tx?.heads.get(tenantId) ?? this.heads.get(tenantId) ?? { chainSeq: 0, hash: GENESIS_HASH };
  }

  /**
   * Appends now and resolves when the rows are in the open transaction; `committed` resolves once the
   * group containing them is committed.
   */
  async append(batches: BatchColumns[]): Promise<{ committed: Promise<StoredBatchRef[]> }> {
    const tx = await this.openTransaction();
    const refs: StoredBatchRef[] = [];
    for (const batch of batches) {
      if (batch.count === 0) continue;
      const batchId = tx.nextBatchId++;
      appendRows(tx.appender, batch, batchId);
      const prev = this.head(tx, batch.tenantId);
      const chainSeq = prev.chainSeq + 1;
      const hash = chainLink({ previous: prev.hash, batchId, tenantId: batch.tenantId, chainSeq, count: batch.count, contentSha256: batch.contentSha256 });
      tx.heads.set(batch.tenantId, { chainSeq, hash });
      tx.links.push(batchRow(batch, batchId, chainSeq, prev.hash, hash));
      tx.rows += batch.count;
      refs.push({ batchId, tenantId: batch.tenantId, count: batch.count });
    }
    const committed = new Promise<StoredBatchRef[]>((resolve, reject) => tx.waiters.push({ refs, resolve, reject }));
    if (tx.rows >= GROUP_COMMIT_ROWS || Date.now() - tx.openedAt >= GROUP_COMMIT_MAX_DELAY_MS) void this.commit();
    else this.armIdleCommit();
    return { committed };
  }

  /** Commits whatever is open; other writes (retention, purge, refile) call this first. */
  async flush(): Promise<void> {
    await this.commit();
    await this.committing;
  }

  forgetTenant(tenantId: number): void {
    this.heads.delete(tenantId);
  }

  private async openTransaction(): Promise<OpenTransaction> {
    if (this.tx) return this.tx;
    this.opening ??= (async () => {
      await this.committing;
      try {
        await this.conn.run('BEGIN TRANSACTION');
      } catch (err) {
        this.opening = undefined; // let the next append try again rather than fail forever
        throw err;
      }
      const tx: OpenTransaction = {
        appender: await this.conn.createAppender('events'),
        links: [],
        rows: 0,
        openedAt: Date.now(),
        waiters: [],
        heads: new Map(),
        nextBatchId: this.nextBatchId,
      };
      this.tx = tx;
      this.opening = undefined;
      return tx;
    })();
    return this.opening;
  }

  private armIdleCommit(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.commit(), GROUP_COMMIT_IDLE_MS);
  }

  private commit(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const tx = this.tx;
    if (!tx) return this.committing;
    this.tx = undefined;
    this.committing = (async () => {
      try {
        tx.appender.flushSync();
        tx.appender.closeSync();
        for (const link of tx.links) {
          await this.conn.run(
            'INSERT INTO batches VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, NULL, NULL)',
            link as never,
          );
        }
        await this.conn.run('COMMIT');
        this.nextBatchId = tx.nextBatchId;
        for (const [tenantId, head] of tx.heads) this.heads.set(tenantId, head);
        for (const w of tx.waiters) w.resolve(w.refs);
      } catch (err) {
        await this.conn.run('ROLLBACK').catch(() => undefined);
        for (const w of tx.waiters) w.reject(err as Error);
      }
    })();
    return this.committing;
  }
}

function batchRow(b: BatchColumns, batchId: number, chainSeq: number, prev: string, hash: string): unknown[] {
  let minTs = Infinity;
  let maxTs = -Infinity;
  let minRx = Infinity;
  let maxRx = -Infinity;
  for (let i = 0; i < b.count; i++) {
    const ts = b.ts[i]!;
    const rx = b.receivedAt[i]!;
    if (ts < minTs) minTs = ts;
    if (ts > maxTs) maxTs = ts;
    if (rx < minRx) minRx = rx;
    if (rx > maxRx) maxRx = rx;
  }
  const big = (n: number) => BigInt(Math.trunc(n));
  return [big(batchId), b.tenantId, big(chainSeq), big(Date.now()), b.count, big(b.rawBytesTotal), big(minTs), big(maxTs), big(minRx), big(maxRx), b.contentSha256, prev, hash];
}

export function appendRows(a: DuckDBAppender, b: BatchColumns, batchId: number): void {
  const batchIdBig = BigInt(batchId);
  for (let i = 0; i < b.count; i++) {
    a.appendInteger(b.tenantId);
    const device = b.deviceId[i];
    if (device == null) a.appendNull();
    else a.appendInteger(device);
    a.appendBigInt(batchIdBig);
    a.appendInteger(i);
    a.appendBigInt(BigInt(b.receivedAt[i]!));
    a.appendBigInt(BigInt(b.ts[i]!));
    a.appendVarchar(b.format[i]!);
    const parseError = b.parseError[i];
    if (parseError == null) a.appendNull();
    else a.appendVarchar(parseError);
    a.appendVarchar(b.sender[i]!);
    a.appendVarchar(unpackString(b.raw, i));
    const bytes = b.rawBytes[i];
    if (bytes == null) a.appendNull();
    else a.appendBlob(bytes);
    a.appendVarchar(unpackString(b.doc, i));
    for (const column of b.promoted) {
      const v = column[i];
      if (v == null) a.appendNull();
      else if (typeof v === 'number') a.appendBigInt(BigInt(v));
      else a.appendVarchar(v);
    }
    for (const column of b.ipNumbers) {
      const v = column[i];
      if (v == null) a.appendNull();
      else a.appendUHugeInt(v);
    }
    a.endRow();
  }
}
