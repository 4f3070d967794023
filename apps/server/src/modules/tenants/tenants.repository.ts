import type { Selectable } from 'kysely';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { TenantTable } from '../../stores/control/control-schema.ts';

export type TenantRow = Selectable<TenantTable>;

export class TenantsRepository {
  constructor(private readonly db: ControlDb) {}

  async insert(row: Omit<TenantRow, 'id'>): Promise<TenantRow> {
    return this.db.insertInto('tenants').values(row).returningAll().executeTakeFirstOrThrow();
  }

  list(): Promise<TenantRow[]> {
    return this.db.selectFrom('tenants').selectAll().orderBy('slug').execute();
  }

  bySlug(slug: string): Promise<TenantRow | undefined> {
    return this.db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst();
  }

  async updateRetention(id: number, days: number | null, bytes: number | null): Promise<TenantRow> {
    return this.db
      .updateTable('tenants')
      .set({ retention_days: days, retention_bytes: bytes })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async delete(id: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('device_addresses').where('tenant_id', '=', id).execute();
      await trx.deleteFrom('tenants').where('id', '=', id).execute();
    });
  }
}
