import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { GENESIS_HASH, chainLink } from './batch-digest.ts';
import type { BatchColumns, StoredBatchRef } from './event-batch.ts';

interface ChainHead {
  chainSeq: number;
  hash: string;
}

/**
 * Appends batches inside one transaction per call, so that a batch's events and its chain link are
 * stored together or not at all (an acknowledged HTTP request is never half stored).
 */
export class DuckDbWriter {
  private nextBatchId = 1;
  private readonly heads = new Map<number, ChainHead>();

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
      writer.heads.set(Number(tenantId), { chainSeq: Number(chainSeq), hash: String(hash) });
    }
    return writer;
  }

  head(tenantId: number): ChainHead {
    return this.heads.get(tenantId) ?? { chainSeq: 0, hash: GENESIS_HASH };
  }

  async append(batches: BatchColumns[]): Promise<StoredBatchRef[]> {
    const refs: StoredBatchRef[] = [];
    const newHeads = new Map<number, ChainHead>();
    const firstBatchId = this.nextBatchId;
    await this.conn.run('BEGIN TRANSACTION');
    try {
      const appender = await this.conn.createAppender('events');
      const links: unknown[][] = [];
      let batchId = firstBatchId;
      for (const batch of batches) {
        if (batch.count === 0) continue;
        appendRows(appender, batch, batchId);
        const prev = newHeads.get(batch.tenantId) ?? this.head(batch.tenantId);
        const chainSeq = prev.chainSeq + 1;
        const hash = chainLink({
          previous: prev.hash,
          batchId,
          tenantId: batch.tenantId,
          chainSeq,
          count: batch.count,
          contentSha256: batch.contentSha256,
        });
        newHeads.set(batch.tenantId, { chainSeq, hash });
        links.push(batchRow(batch, batchId, chainSeq, prev.hash, hash));
        refs.push({ batchId, tenantId: batch.tenantId, count: batch.count });
        batchId++;
      }
      appender.flushSync();
      appender.closeSync();
      for (const link of links) {
        await this.conn.run(
          'INSERT INTO batches VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, NULL, NULL)',
          link as never,
        );
      }
      await this.conn.run('COMMIT');
      this.nextBatchId = batchId;
      for (const [tenantId, head] of newHeads) this.heads.set(tenantId, head);
      return refs;
    } catch (err) {
      await this.conn.run('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  forgetTenant(tenantId: number): void {
    this.heads.delete(tenantId);
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
  return [
    big(batchId),
    b.tenantId,
    big(chainSeq),
    big(Date.now()),
    b.count,
    big(b.rawBytesTotal),
    big(minTs),
    big(maxTs),
    big(minRx),
    big(maxRx),
    b.contentSha256,
    prev,
    hash,
  ];
}

function appendRows(a: DuckDBAppender, b: BatchColumns, batchId: number): void {
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
    appendText(a, b.parseError[i]);
    a.appendVarchar(b.sender[i]!);
    a.appendVarchar(b.raw[i]!);
    const bytes = b.rawBytes[i];
    if (bytes == null) a.appendNull();
    else a.appendBlob(bytes);
    a.appendVarchar(b.doc[i]!);
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

function appendText(a: DuckDBAppender, v: string | null | undefined): void {
  if (v == null) a.appendNull();
  else a.appendVarchar(v);
}
