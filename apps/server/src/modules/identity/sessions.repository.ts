import type { Selectable } from 'kysely';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { SessionTable } from '../../stores/control/control-schema.ts';

export type SessionRow = Selectable<SessionTable>;

export class SessionsRepository {
  constructor(private readonly db: ControlDb) {}

  async insert(row: SessionRow): Promise<void> {
    await this.db.insertInto('sessions').values(row).execute();
  }

  byHash(idHash: string): Promise<SessionRow | undefined> {
    return this.db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
  }

  async touch(idHash: string, now: number): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
  }

  async delete(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  /** Ends every session of a user (password reset, role change, deletion). */
  async deleteForUser(userId: number): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async deleteForUserExcept(userId: number, keepHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).where('id_hash', '!=', keepHash).execute();
  }

  async deleteExpired(idleBefore: number, createdBefore: number): Promise<void> {
    await this.db
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('last_seen_at', '<', idleBefore), eb('created_at', '<', createdBefore)]))
      .execute();
  }
}
