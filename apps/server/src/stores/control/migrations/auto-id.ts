import { SqliteAdapter, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

/** An auto-numbered primary key: SQLite and PostgreSQL spell it differently, and every migration runs on both. */
export function autoId(db: Kysely<unknown>): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  return (c) => (sqlite ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity());
}
