import type { Selectable } from 'kysely';
import type { Party } from '../../http/principal.ts';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { ApiTokenTable } from '../../stores/control/control-schema.ts';

export type TokenRow = Selectable<ApiTokenTable>;

/** The creator's party; rows from before migration 0005 have none, and a tenant's token is the customer's. */
export function partyOf(row: TokenRow): Party {
  if (row.party === 'provider' || row.party === 'customer') return row.party;
  return row.tenant_id === null ? 'provider' : 'customer';
}

export class TokensRepository {
  constructor(private readonly db: ControlDb) {}

  findActiveByHash(hash: string, now: number): Promise<TokenRow | undefined> {
    return this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('token_hash', '=', hash)
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .executeTakeFirst();
  }

  async insert(row: Omit<TokenRow, 'id' | 'last_used_at' | 'revoked_at'>): Promise<number> {
    const r = await this.db.insertInto('api_tokens').values(row).returning('id').executeTakeFirstOrThrow();
    return r.id;
  }

  /** tenantId undefined lists every token (provider staff); a number lists one tenant's. */
  list(tenantId: number | undefined): Promise<TokenRow[]> {
    let q = this.db.selectFrom('api_tokens').selectAll().where('revoked_at', 'is', null);
    if (tenantId !== undefined) q = q.where('tenant_id', '=', tenantId);
    return q.orderBy('id').execute();
  }

  async revoke(id: number, tenantId: number | undefined, now: number): Promise<boolean> {
    let q = this.db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null);
    if (tenantId !== undefined) q = q.where('tenant_id', '=', tenantId);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async touch(id: number, now: number): Promise<void> {
    await this.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
  }
}
