import type { Selectable } from 'kysely';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { SavedSearchTable } from '../../stores/control/control-schema.ts';

export type SavedSearchRow = Selectable<SavedSearchTable>;

/** Every read and write names the tenant, so an id of another tenant simply is not found. */
export class SavedSearchesRepository {
  constructor(private readonly db: ControlDb) {}

  list(tenantId: number): Promise<SavedSearchRow[]> {
    return this.db.selectFrom('saved_searches').selectAll().where('tenant_id', '=', tenantId).orderBy('name').execute();
  }

  get(tenantId: number, id: number): Promise<SavedSearchRow | undefined> {
    return this.db.selectFrom('saved_searches').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }

  byName(tenantId: number, name: string): Promise<SavedSearchRow | undefined> {
    return this.db.selectFrom('saved_searches').selectAll().where('tenant_id', '=', tenantId).where('name', '=', name).executeTakeFirst();
  }

  async create(row: Omit<SavedSearchRow, 'id'>): Promise<SavedSearchRow> {
    return this.db.insertInto('saved_searches').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async update(tenantId: number, id: number, patch: { name?: string; query?: string; description?: string | null }, now: number): Promise<SavedSearchRow | undefined> {
    await this.db
      .updateTable('saved_searches')
      .set({ ...patch, updated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .execute();
    return this.get(tenantId, id);
  }

  async delete(tenantId: number, id: number): Promise<boolean> {
    const r = await this.db.deleteFrom('saved_searches').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
