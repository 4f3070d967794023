import { ipNumberColumns, promotedColumns } from '@mamori/schema';

export type Dialect = 'duckdb' | 'clickhouse';

/** Quotes an identifier for the dialect; column names such as "source.ip" contain dots. */
export function quoteIdent(dialect: Dialect, name: string): string {
  return dialect === 'duckdb' ? `"${name.replaceAll('"', '""')}"` : `\`${name.replaceAll('`', '``')}\``;
}

/** The events table of the embedded DuckDB store. ClickHouse DDL joins here with the scale-out store. */
export function duckdbEventTableDdl(table = 'events'): string {
  const q = (n: string) => quoteIdent('duckdb', n);
  const promoted = promotedColumns.map((c) => `${q(c.field)} ${c.type === 'integer' ? 'BIGINT' : 'VARCHAR'}`);
  const ipNumbers = Object.values(ipNumberColumns).map((c) => `${q(c)} UHUGEINT`);
  return [
    `CREATE TABLE IF NOT EXISTS ${q(table)} (`,
    [
      'tenant_id INTEGER NOT NULL',
      'device_id INTEGER',
      'batch_id BIGINT NOT NULL',
      'seq INTEGER NOT NULL',
      'received_at BIGINT NOT NULL',
      'ts BIGINT NOT NULL',
      'format VARCHAR NOT NULL',
      'parse_error VARCHAR',
      'sender VARCHAR',
      'raw VARCHAR NOT NULL',
      'raw_bytes BLOB',
      'doc JSON NOT NULL',
      ...promoted,
      ...ipNumbers,
    ]
      .map((c) => `  ${c}`)
      .join(',\n'),
    ')',
  ].join('\n');
}
