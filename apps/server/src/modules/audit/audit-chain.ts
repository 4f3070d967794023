import { createHash } from 'node:crypto';
import type { AuditLogTable } from '../../stores/control/control-schema.ts';

/** The chain starts from this hash; the first entry's prev_hash. */
export const GENESIS_HASH = '0'.repeat(64);

/** One stored entry as the chain sees it: JSON columns are already canonical text. */
export type ChainRow = Omit<AuditLogTable, 'hash'>;

/** JSON with object keys sorted at every depth, so the same value always gives the same text (and hash). */
export function canonicalJson(value: unknown): string | null {
  if (value === undefined) return null;
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** SHA-256 over every column in a fixed order, prev_hash included, so editing, inserting or reordering shows. */
export function entryHash(row: ChainRow): string {
  const fields = [
    row.seq,
    row.at,
    row.actor,
    row.party,
    row.tenant_id,
    row.action,
    row.target,
    row.ip,
    row.outcome,
    row.before,
    row.after,
    row.details,
    row.prev_hash,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

export interface ChainBreak {
  seq: number;
  reason: string;
}

/**
 * Checks one page of rows (ascending seq) continuing from the previous page's last seq and hash.
 * Returns the first break, or the new position to continue from.
 */
export function verifyPage(
  rows: Array<ChainRow & { hash: string }>,
  from: { seq: number; hash: string },
): { broken: ChainBreak } | { seq: number; hash: string } {
  let { seq, hash } = from;
  for (const row of rows) {
    if (row.seq !== seq + 1) {
      return { broken: { seq: seq + 1, reason: `entry ${seq + 1} is missing (next is ${row.seq})` } };
    }
    if (row.prev_hash !== hash) {
      return { broken: { seq: row.seq, reason: 'prev_hash does not match the previous entry' } };
    }
    if (entryHash(row) !== row.hash) return { broken: { seq: row.seq, reason: 'content does not match its hash' } };
    seq = row.seq;
    hash = row.hash;
  }
  return { seq, hash };
}
