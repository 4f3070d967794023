import type { Insertable, Selectable, Updateable } from 'kysely';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { UserTable } from '../../stores/control/control-schema.ts';

export type UserRow = Selectable<UserTable>;

/** Users and their recovery codes. Tenant-scoped reads take the tenant: undefined means provider-wide. */
export class UsersRepository {
  constructor(private readonly db: ControlDb) {}

  byId(id: number, tenantId?: number): Promise<UserRow | undefined> {
    let q = this.db.selectFrom('users').selectAll().where('id', '=', id);
    if (tenantId !== undefined) q = q.where('tenant_id', '=', tenantId);
    return q.executeTakeFirst();
  }

  byUsername(username: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  byOidcSubject(subject: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('oidc_subject', '=', subject).executeTakeFirst();
  }

  list(tenantId?: number): Promise<UserRow[]> {
    let q = this.db.selectFrom('users').selectAll();
    if (tenantId !== undefined) q = q.where('tenant_id', '=', tenantId);
    return q.orderBy('id').execute();
  }

  async count(): Promise<number> {
    const r = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async insert(row: Insertable<UserTable>): Promise<UserRow> {
    return this.db.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
  }

  async update(id: number, patch: Updateable<UserTable>): Promise<void> {
    await this.db.updateTable('users').set(patch).where('id', '=', id).execute();
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('users').where('id', '=', id).execute();
  }

  /** A failed sign-in: counts up atomically, so parallel guesses cannot all see the same count. */
  async countFailure(id: number): Promise<number> {
    const r = await this.db
      .updateTable('users')
      .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
      .where('id', '=', id)
      .returning('failed_logins')
      .executeTakeFirstOrThrow();
    return r.failed_logins;
  }

  async replaceRecoveryCodes(userId: number, hashes: string[]): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
      await tx.insertInto('recovery_codes').values(hashes.map((code_hash) => ({ user_id: userId, code_hash, used_at: null }))).execute();
    });
  }

  /** Marks a recovery code used; true only for the one request that used it. */
  async useRecoveryCode(userId: number, hash: string, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('recovery_codes')
      .set({ used_at: now })
      .where('user_id', '=', userId)
      .where('code_hash', '=', hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
