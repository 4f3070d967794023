import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A PostgreSQL server for the tests (CI starts one in `.ci/run`); unset locally means SQLite only. */
export const TEST_POSTGRES_URL = process.env.MAMORI_TEST_POSTGRES_URL || undefined;

export type ControlEngine = 'sqlite' | 'postgres';

/** The engines a control-store test runs on: SQLite always, PostgreSQL when the CI provides one. */
export const CONTROL_ENGINES: ControlEngine[] = TEST_POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase {
  url: string;
  drop: () => Promise<void>;
}

/** A database of its own for one test file, so that files run in parallel; dropped (connections and all) after. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!TEST_POSTGRES_URL) throw new Error('MAMORI_TEST_POSTGRES_URL is not set');
  const name = `mamori_test_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Server config overrides for an engine: nothing for SQLite, a fresh database for PostgreSQL. */
export async function controlStoreFor(
  engine: ControlEngine,
): Promise<{ controlStore: { url?: string }; drop: () => Promise<void> }> {
  if (engine === 'sqlite') return { controlStore: {}, drop: () => Promise.resolve() };
  const db = await createTestDatabase();
  return { controlStore: { url: db.url }, drop: db.drop };
}
