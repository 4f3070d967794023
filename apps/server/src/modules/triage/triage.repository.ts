/** SQL of the anomaly triage flow: type definitions, per-alert triage state, due watch periods. */
import type { Selectable, Transaction } from 'kysely';
import type { AlertTriageTable, ControlDatabase } from '../../stores/control/control-schema.ts';
import type { ControlDb } from '../../stores/control/control-store.ts';
import { anomalyTypeDefinition, type AnomalyTypeDefinition } from './anomaly-types.schemas.ts';

export type TriageRow = Selectable<AlertTriageTable>;
export interface AnomalyTypeRow {
  key: string;
  definition: AnomalyTypeDefinition;
  updatedAt: number;
  updatedBy: string;
}

export class TriageRepository {
  constructor(readonly db: ControlDb) {}

  /** Adds the seeded types whose key is missing; edited ones stay as edited. */
  async seed(types: Record<string, AnomalyTypeDefinition>, now: number): Promise<void> {
    const have = new Set((await this.db.selectFrom('anomaly_types').select('key').execute()).map((r) => r.key));
    const missing = Object.entries(types).filter(([key]) => !have.has(key));
    if (missing.length === 0) return;
    await this.db
      .insertInto('anomaly_types')
      .values(missing.map(([key, d]) => ({ key, definition: JSON.stringify(d), updated_at: now, updated_by: 'system:seed' })))
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }

  async types(): Promise<AnomalyTypeRow[]> {
    const rows = await this.db.selectFrom('anomaly_types').selectAll().orderBy('key').execute();
    return rows.map((r) => ({ key: r.key, definition: anomalyTypeDefinition.parse(JSON.parse(r.definition)), updatedAt: Number(r.updated_at), updatedBy: r.updated_by }));
  }

  async saveType(key: string, definition: AnomalyTypeDefinition, actor: string, now: number): Promise<void> {
    const json = JSON.stringify(definition);
    await this.db
      .insertInto('anomaly_types')
      .values({ key, definition: json, updated_at: now, updated_by: actor })
      .onConflict((oc) => oc.column('key').doUpdateSet({ definition: json, updated_at: now, updated_by: actor }))
      .execute();
  }

  state(tenantId: number, alertId: number): Promise<TriageRow | undefined> {
    return this.db.selectFrom('alert_triage').selectAll().where('tenant_id', '=', tenantId).where('alert_id', '=', alertId).executeTakeFirst();
  }

  async saveState(row: TriageRow): Promise<void> {
    const { alert_id: _id, ...rest } = row;
    await this.db
      .insertInto('alert_triage')
      .values(row)
      .onConflict((oc) => oc.column('alert_id').doUpdateSet(rest))
      .execute();
  }

  /** The watch period is over: with the reminder's id, or with none when the alert is gone. */
  async markReminded(db: ControlDb | Transaction<ControlDatabase>, alertId: number, reminderId: number | null): Promise<void> {
    await db
      .updateTable('alert_triage')
      .set(reminderId === null ? { watch_until: null } : { reminder_alert_id: reminderId })
      .where('alert_id', '=', alertId)
      .execute();
  }

  /** Watch periods that ended and have not reminded yet. */
  due(now: number, limit: number): Promise<TriageRow[]> {
    return this.db
      .selectFrom('alert_triage')
      .selectAll()
      .where('watch_until', '<=', now)
      .where('reminder_alert_id', 'is', null)
      .orderBy('watch_until')
      .limit(limit)
      .execute();
  }
}
