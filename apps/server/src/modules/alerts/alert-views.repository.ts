/** Saved queue views, owned by the actor who saved them. */
import type { ControlDb } from '../../stores/control/control-store.ts';

export class AlertViewsRepository {
  constructor(private readonly db: ControlDb) {}

  list(owner: string) {
    return this.db.selectFrom('alert_views').selectAll().where('owner', '=', owner).orderBy('name').execute();
  }

  create(owner: string, name: string, filters: Record<string, string>, now: number) {
    return this.db.insertInto('alert_views').values({ owner, name, filters: JSON.stringify(filters), created_at: now }).returningAll().executeTakeFirstOrThrow();
  }

  /** False when the view does not exist or belongs to someone else. */
  async remove(owner: string, id: number): Promise<boolean> {
    const gone = await this.db.deleteFrom('alert_views').where('id', '=', id).where('owner', '=', owner).executeTakeFirst();
    return Number(gone.numDeletedRows) > 0;
  }
}
