import type { DuckDBConnection } from '@duckdb/node-api';
import { BatchDigest, GENESIS_HASH, chainLink } from './batch-digest.ts';
import { text } from './duckdb-tables.ts';

export interface VerifyRange {
  from?: number;
  to?: number;
}

export interface VerifyReport {
  tenantId: number;
  intact: boolean;
  batchesInChain: number;
  batchesChecked: number;
  eventsChecked: number;
  /** Batches whose events were removed by retention or tenant operations; their links still count. */
  batchesRemoved: number;
  /** The last link: record it outside Mamori to prove later that no batch was cut from the end. */
  headSha256: string;
  firstProblem?: { batchId: number | null; chainSeq: number | null; problem: string };
}

interface BatchRecord {
  batchId: number;
  chainSeq: number;
  count: number;
  content: string;
  prev: string;
  chain: string;
  removed: boolean;
  minTs: number;
  maxTs: number;
}

const CONTENT_GROUP = 20;

/** Walks a tenant's chain from the genesis link, then re-hashes the stored lines of the batches in range. */
export async function verifyTenant(conn: DuckDBConnection, tenantId: number, range: VerifyRange): Promise<VerifyReport> {
  const rows = (
    await conn.runAndReadAll(
      `SELECT batch_id, chain_seq, event_count, content_sha256, prev_sha256, chain_sha256, removed_at IS NOT NULL, min_ts, max_ts
       FROM batches WHERE tenant_id = $1 ORDER BY chain_seq`,
      [tenantId],
    )
  ).getRowsJS();
  const batches: BatchRecord[] = rows.map((r) => ({
    batchId: Number(r[0]),
    chainSeq: Number(r[1]),
    count: Number(r[2]),
    content: text(r[3]),
    prev: text(r[4]),
    chain: text(r[5]),
    removed: Boolean(r[6]),
    minTs: Number(r[7]),
    maxTs: Number(r[8]),
  }));
  const report: VerifyReport = {
    tenantId,
    intact: true,
    batchesInChain: batches.length,
    batchesChecked: 0,
    eventsChecked: 0,
    batchesRemoved: 0,
    headSha256: batches.at(-1)?.chain ?? GENESIS_HASH,
  };
  const fail = (b: BatchRecord | null, problem: string): VerifyReport => {
    report.intact = false;
    report.firstProblem = { batchId: b?.batchId ?? null, chainSeq: b?.chainSeq ?? null, problem };
    return report;
  };

  let previous = GENESIS_HASH;
  const toCheck: BatchRecord[] = [];
  for (const [index, b] of batches.entries()) {
    if (b.chainSeq !== index + 1) return fail(b, `batch missing at chain position ${index + 1}`);
    if (b.prev !== previous) return fail(b, 'link does not follow the previous batch');
    const expected = chainLink({ previous, batchId: b.batchId, tenantId, chainSeq: b.chainSeq, count: b.count, contentSha256: b.content });
    if (expected !== b.chain) return fail(b, 'batch record altered');
    previous = b.chain;
    if (b.removed) report.batchesRemoved++;
    else if ((range.from === undefined || b.maxTs >= range.from) && (range.to === undefined || b.minTs <= range.to)) toCheck.push(b);
  }

  for (let i = 0; i < toCheck.length; i += CONTENT_GROUP) {
    const group = toCheck.slice(i, i + CONTENT_GROUP);
    const problem = await checkContent(conn, tenantId, group, report);
    if (problem) return fail(problem.batch, problem.message);
  }

  const strays = await conn.runAndReadAll(
    `SELECT min(batch_id) FROM events e WHERE tenant_id = $1
     AND NOT EXISTS (SELECT 1 FROM batches b WHERE b.batch_id = e.batch_id AND b.tenant_id = $1 AND b.removed_at IS NULL)`,
    [tenantId],
  );
  const stray = strays.getRowsJS()[0]![0];
  if (stray != null) return fail(null, `events stored outside the chain (batch ${Number(stray)})`);
  return report;
}

async function checkContent(
  conn: DuckDBConnection,
  tenantId: number,
  group: BatchRecord[],
  report: VerifyReport,
): Promise<{ batch: BatchRecord; message: string } | undefined> {
  const first = group[0]!.batchId;
  const last = group.at(-1)!.batchId;
  const reader = await conn.runAndReadAll(
    `SELECT batch_id, seq, received_at, raw, raw_bytes FROM events
     WHERE tenant_id = $1 AND batch_id BETWEEN $2 AND $3 ORDER BY batch_id, seq`,
    [tenantId, BigInt(first), BigInt(last)],
  );
  const byBatch = new Map<number, { digest: BatchDigest; count: number; seqOk: boolean }>();
  for (const [batchId, seq, receivedAt, raw, rawBytes] of reader.getRowsJS()) {
    const id = Number(batchId);
    let state = byBatch.get(id);
    if (!state) byBatch.set(id, (state = { digest: new BatchDigest(), count: 0, seqOk: true }));
    if (Number(seq) !== state.count) state.seqOk = false;
    const bytes = rawBytes != null ? toBytes(rawBytes) : Buffer.from(text(raw), 'utf8');
    state.digest.add(Number(receivedAt), bytes);
    state.count++;
  }
  for (const b of group) {
    const state = byBatch.get(b.batchId);
    const count = state?.count ?? 0;
    if (count !== b.count) return { batch: b, message: `batch holds ${count} events, its record says ${b.count}` };
    if (!state!.seqOk) return { batch: b, message: 'events reordered' };
    if (state!.digest.hex() !== b.content) return { batch: b, message: 'stored lines differ from what was received' };
    report.batchesChecked++;
    report.eventsChecked += count;
  }
  return undefined;
}

function toBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  const blob = value as { bytes?: Uint8Array };
  return blob.bytes ?? new Uint8Array();
}
