/** SQL of the alert queue: keyset pages, counts, per-alert history and comments, saved views, criteria. */
import { sql, type ExpressionBuilder, type Insertable, type Selectable, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { AlertTable, ControlDatabase } from '../../stores/control/control-schema.ts';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { Cursor } from './alert-cursor.ts';
import type { QueueFilters } from './alerts.schemas.ts';

export type AlertRow = Selectable<AlertTable>;
type Db = ControlDb | Transaction<ControlDatabase>;
type AlertQuery = SelectQueryBuilder<ControlDatabase, 'alerts', object>;

const SORT_COLUMN = { priority: 'priority', lastSeen: 'last_seen_at', firstSeen: 'first_seen_at' } as const;

/** LIKE pattern for a literal substring: the analyst's %, _ and \ match only themselves. */
function likeLiteral(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class AlertsRepository {
  constructor(readonly db: ControlDb) {}

  private filtered(tenantId: number | null, f: Partial<QueueFilters>, actor: string): AlertQuery {
    let q = this.db.selectFrom('alerts') as AlertQuery;
    if (tenantId !== null) q = q.where('tenant_id', '=', tenantId);
    if (f.status) q = q.where('status', '=', f.status);
    if (f.triageStatus?.length) q = q.where('triage_status', 'in', f.triageStatus);
    if (f.priority?.length) q = q.where('priority_band', 'in', f.priority);
    if (f.severity?.length) q = q.where('severity', 'in', f.severity);
    if (f.verdict?.length) q = q.where('verdict', 'in', f.verdict);
    if (f.assignee === 'none') q = q.where('assignee', 'is', null);
    else if (f.assignee) q = q.where('assignee', '=', f.assignee === 'me' ? actor : f.assignee);
    if (f.kind) q = q.where('kind', '=', f.kind);
    if (f.rule) q = q.where('rule_id', '=', f.rule);
    if (f.device) q = q.where('device_id', '=', f.device);
    if (f.from) q = q.where('last_seen_at', '>=', Date.parse(f.from));
    if (f.to) q = q.where('first_seen_at', '<', Date.parse(f.to));
    if (f.text) {
      const like = likeLiteral(f.text);
      q = q.where((eb: ExpressionBuilder<ControlDatabase, 'alerts'>) =>
        eb.or([
          eb(sql`title`, 'like', sql`${like} escape '\\'`),
          eb(sql`source_observable`, 'like', sql`${like} escape '\\'`),
          eb(sql`target_observable`, 'like', sql`${like} escape '\\'`),
        ]),
      );
    }
    return q;
  }

  /** One page in the chosen order, id breaking ties, starting after the cursor. */
  async page(tenantId: number | null, f: QueueFilters, actor: string, limit: number, cursor: Cursor | undefined): Promise<AlertRow[]> {
    const col = SORT_COLUMN[f.sort];
    const dir = f.order;
    let q = this.filtered(tenantId, f, actor).selectAll();
    if (cursor) {
      // A row-value comparison walks the (…, sort column, id) index from the cursor on; OR-ed terms do not.
      const cmp = dir === 'desc' ? sql.raw('<') : sql.raw('>');
      q = q.where(sql<boolean>`(${sql.ref(col)}, id) ${cmp} (${cursor.value}, ${cursor.id})`);
    }
    return q.orderBy(col, dir).orderBy('id', dir).limit(limit).execute();
  }

  async counts(tenantId: number | null, f: Partial<QueueFilters>, actor: string): Promise<{ total: number; byTriageStatus: Record<string, number>; byPriority: Record<string, number> }> {
    const rows = await this.filtered(tenantId, f, actor)
      .select(['triage_status', 'priority_band', sql<number>`count(*)`.as('n')])
      .groupBy(['triage_status', 'priority_band'])
      .execute();
    const out = { total: 0, byTriageStatus: {} as Record<string, number>, byPriority: {} as Record<string, number> };
    for (const r of rows) {
      const n = Number(r.n);
      out.total += n;
      out.byTriageStatus[r.triage_status] = (out.byTriageStatus[r.triage_status] ?? 0) + n;
      const band = r.priority_band ?? 'unscored';
      out.byPriority[band] = (out.byPriority[band] ?? 0) + n;
    }
    return out;
  }

  byId(tenantId: number, id: number, db: Db = this.db): Promise<AlertRow | undefined> {
    return db.selectFrom('alerts').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }

  byIds(tenantId: number, ids: readonly number[], db: Db = this.db): Promise<AlertRow[]> {
    return db.selectFrom('alerts').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
  }

  async insert(db: Db, row: Insertable<AlertTable>): Promise<number> {
    return (await db.insertInto('alerts').values(row).returning('id').executeTakeFirstOrThrow()).id;
  }

  async addHistory(db: Db, entries: ReadonlyArray<{ tenantId: number; alertId: number; at: number; actor: string; action: string; details: unknown }>): Promise<void> {
    for (let i = 0; i < entries.length; i += 200) {
      await db
        .insertInto('alert_history')
        .values(entries.slice(i, i + 200).map((e) => ({ tenant_id: e.tenantId, alert_id: e.alertId, at: e.at, actor: e.actor, action: e.action, details: JSON.stringify(e.details) })))
        .execute();
    }
  }

  async addComments(db: Db, entries: ReadonlyArray<{ tenantId: number; alertId: number; at: number; author: string; body: string }>): Promise<void> {
    for (let i = 0; i < entries.length; i += 200) {
      await db
        .insertInto('alert_comments')
        .values(entries.slice(i, i + 200).map((e) => ({ tenant_id: e.tenantId, alert_id: e.alertId, at: e.at, author: e.author, body: e.body })))
        .execute();
    }
  }

  history(tenantId: number, alertId: number) {
    return this.db.selectFrom('alert_history').selectAll().where('tenant_id', '=', tenantId).where('alert_id', '=', alertId).orderBy('id').execute();
  }

  comments(tenantId: number, alertId: number) {
    return this.db.selectFrom('alert_comments').selectAll().where('tenant_id', '=', tenantId).where('alert_id', '=', alertId).orderBy('id').execute();
  }

  async criteria(tenantId: number): Promise<string | undefined> {
    return (await this.db.selectFrom('triage_criteria').select('criteria').where('tenant_id', '=', tenantId).executeTakeFirst())?.criteria;
  }

  async saveCriteria(tenantId: number, criteria: string, actor: string, now: number): Promise<void> {
    await this.db
      .insertInto('triage_criteria')
      .values({ tenant_id: tenantId, criteria, updated_at: now, updated_by: actor })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ criteria, updated_at: now, updated_by: actor }))
      .execute();
  }
}
