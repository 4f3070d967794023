import type { ControlDb } from '../../stores/control/control-store.ts';
import { playbookSchema, PLAYBOOK_TYPES, SEED_PLAYBOOKS, type Playbook, type PlaybookType } from './playbook-seeds.ts';

/** Playbooks as the provider edited them, falling back to the seeded lists. */
export class PlaybooksService {
  constructor(private readonly db: ControlDb) {}

  async get(type: PlaybookType): Promise<{ type: PlaybookType; playbook: Playbook; edited: boolean }> {
    const row = await this.db.selectFrom('playbooks').select('definition').where('type', '=', type).executeTakeFirst();
    if (!row) return { type, playbook: SEED_PLAYBOOKS[type], edited: false };
    return { type, playbook: playbookSchema.parse(JSON.parse(row.definition)), edited: true };
  }

  async list(): Promise<{ type: PlaybookType; playbook: Playbook; edited: boolean }[]> {
    return Promise.all(PLAYBOOK_TYPES.map((t) => this.get(t)));
  }

  async put(type: PlaybookType, playbook: Playbook, actor: string, now = Date.now()): Promise<void> {
    const values = { definition: JSON.stringify(playbook), updated_at: now, updated_by: actor };
    await this.db
      .insertInto('playbooks')
      .values({ type, ...values })
      .onConflict((oc) => oc.column('type').doUpdateSet(values))
      .execute();
  }
}
