import type { Kysely } from 'kysely';
import { autoId } from './auto-id.ts';

/** Saved searches (SRC-1): an analyst's query text kept per tenant under a name, to run again. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('saved_searches')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_by_token', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // One name per tenant, so the CLI and UI can refer to a saved search by name.
  await db.schema.createIndex('saved_searches_name').unique().on('saved_searches').columns(['tenant_id', 'name']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('saved_searches').execute();
}
