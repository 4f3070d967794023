import type { ControlDb } from '../../stores/control/control-store.ts';
import { contractSchema, DEFAULT_CONTRACT, type Contract } from './contract-schema.ts';

/** Per-tenant contracts (TEN-2); a tenant without one runs on DEFAULT_CONTRACT. */
export class ContractsService {
  constructor(private readonly db: ControlDb) {}

  async get(tenantId: number): Promise<{ contract: Contract; isDefault: boolean; updatedAt: number | null; updatedBy: string | null }> {
    const row = await this.db.selectFrom('contracts').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
    if (!row) return { contract: DEFAULT_CONTRACT, isDefault: true, updatedAt: null, updatedBy: null };
    return { contract: contractSchema.parse(JSON.parse(row.contract)), isDefault: false, updatedAt: Number(row.updated_at), updatedBy: row.updated_by };
  }

  async contractOf(tenantId: number): Promise<Contract> {
    return (await this.get(tenantId)).contract;
  }

  async put(tenantId: number, contract: Contract, actor: string, now = Date.now()): Promise<void> {
    const values = { contract: JSON.stringify(contract), updated_at: now, updated_by: actor };
    await this.db
      .insertInto('contracts')
      .values({ tenant_id: tenantId, ...values })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
      .execute();
  }
}
