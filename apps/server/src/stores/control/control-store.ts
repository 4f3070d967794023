import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration, type MigrationProvider } from 'kysely';
import type { CustomTypesConfig } from 'pg';
import type { ControlDatabase } from './control-schema.ts';
import * as initial from './migrations/0001-initial.ts';
import * as savedSearches from './migrations/0002-saved-searches.ts';
import * as monitors from './migrations/0003-monitors.ts';
import * as detection from './migrations/0004-detection.ts';
import * as identity from './migrations/0005-identity.ts';
import * as audit from './migrations/0006-audit.ts';
import * as incidents from './migrations/0007-incidents.ts';
import * as triage from './migrations/0008-triage.ts';
import * as notifications from './migrations/0009-notifications.ts';

export type ControlDb = Kysely<ControlDatabase>;

const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-saved-searches': savedSearches,
  '0003-monitors': monitors,
  '0004-detection': detection,
  '0005-identity': identity,
  '0006-audit': audit,
  '0007-incidents': incidents,
  '0008-triage': triage,
  '0009-notifications': notifications,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

export interface ControlStore {
  db: ControlDb;
  engine: 'sqlite' | 'postgres';
  /** Online copy of the whole control store to a file (SQLite) — used by `mamori backup`. */
  backupTo(file: string): Promise<void>;
  close(): Promise<void>;
}

// Unordered: issues land migrations with reserved numbers (0002, 0003) after 0004 already ran in data dirs.
async function migrate(db: ControlDb): Promise<void> {
  const { error, results } = await new Migrator({ db, provider, allowUnorderedMigrations: true }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`control store migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

const INT8_OID = 20;

/** The configured control store: PostgreSQL when a URL is given (several nodes), else the SQLite file in the data dir. */
export function openControlStore(opts: { sqliteFile: string; postgresUrl?: string | undefined }): Promise<ControlStore> {
  return opts.postgresUrl ? openPostgresControlStore(opts.postgresUrl) : openSqliteControlStore(opts.sqliteFile);
}

export async function openSqliteControlStore(file: string): Promise<ControlStore> {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<ControlDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(db);
  return {
    db,
    engine: 'sqlite',
    backupTo: async (target) => {
      await sqlite.backup(target);
    },
    close: () => db.destroy(),
  };
}

export async function openPostgresControlStore(connectionString: string): Promise<ControlStore> {
  const { default: pg } = await import('pg');
  // Epoch-ms times, ids and counts are bigint columns; pg hands int8 back as text unless told otherwise. Every
  // value Mamori stores stays below 2^53, and the code on SQLite already sees numbers.
  const types: CustomTypesConfig = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID ? Number : (pg.types.getTypeParser(oid, format) as (value: string) => unknown)) as CustomTypesConfig['getTypeParser'],
  };
  const pool = new pg.Pool({ connectionString, max: 10, types });
  // The server may end an idle pooled connection (restart, failover, an admin's terminate): pg reports it on the
  // pool, and unhandled that would crash the process. The pool opens a fresh connection for the next query, and
  // errors of running queries still reach their callers.
  pool.on('error', () => undefined);
  const db = new Kysely<ControlDatabase>({ dialect: new PostgresDialect({ pool }) });
  await migrate(db);
  return {
    db,
    engine: 'postgres',
    backupTo: () => Promise.reject(new Error('back up PostgreSQL with pg_dump; mamori backup covers the embedded store')),
    close: () => db.destroy(),
  };
}
