import { duckdbEventTableDdl } from '@mamori/query';

/** One row per stored batch: the hash chain of STO-4 and the unit of retention. */
export const BATCHES_DDL = `CREATE TABLE IF NOT EXISTS batches (
  batch_id BIGINT PRIMARY KEY,
  tenant_id INTEGER NOT NULL,
  chain_seq BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  event_count INTEGER NOT NULL,
  raw_bytes_total BIGINT NOT NULL,
  min_ts BIGINT NOT NULL,
  max_ts BIGINT NOT NULL,
  min_received BIGINT NOT NULL,
  max_received BIGINT NOT NULL,
  content_sha256 VARCHAR NOT NULL,
  prev_sha256 VARCHAR NOT NULL,
  chain_sha256 VARCHAR NOT NULL,
  removed_at BIGINT,
  removed_reason VARCHAR
)`;

export const SCHEMA_STATEMENTS = [duckdbEventTableDdl('events'), BATCHES_DDL];

/** A VARCHAR value read back from DuckDB. */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'bigint' ? value.toString() : JSON.stringify(value);
}

/** DuckDB hands BIGINT back as bigint; everything we store fits in a double's exact range. */
export function toJsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  return value;
}

export function rowsToObjects(columns: string[], rows: unknown[][]): Array<Record<string, unknown>> {
  return rows.map((row) => {
    const obj: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) obj[columns[i]!] = toJsonSafe(row[i]);
    return obj;
  });
}
