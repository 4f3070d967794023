import type { Selectable } from 'kysely';
import type {
  IncidentAssetTable,
  IncidentEvidenceTable,
  IncidentObservableTable,
  IncidentTable,
  IncidentTaskTable,
  IncidentTimelineTable,
} from '../../stores/control/control-schema.ts';
import type { ControlDb } from '../../stores/control/control-store.ts';

export type IncidentRow = Selectable<IncidentTable>;

export interface IncidentRecord {
  incident: IncidentRow;
  tasks: Selectable<IncidentTaskTable>[];
  timeline: Selectable<IncidentTimelineTable>[];
  observables: Selectable<IncidentObservableTable>[];
  alerts: { id: number; title: string; severity: string; kind: string; firstSeenAt: number; source: string | null; target: string | null }[];
  events: string[];
  assets: Selectable<IncidentAssetTable>[];
  evidence: Selectable<IncidentEvidenceTable>[];
}

/** Reads of an incident and everything hanging off it; every query is bounded by the tenant. */
export class IncidentsRepository {
  constructor(private readonly db: ControlDb) {}

  byId(tenantId: number, id: number): Promise<IncidentRow | undefined> {
    return this.db.selectFrom('incidents').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  }

  list(tenantId: number, status: string | undefined, limit: number): Promise<IncidentRow[]> {
    let q = this.db.selectFrom('incidents').selectAll().where('tenant_id', '=', tenantId);
    if (status === 'open') q = q.where('status', '!=', 'closed');
    else if (status) q = q.where('status', '=', status);
    return q.orderBy('id', 'desc').limit(limit).execute();
  }

  async record(incident: IncidentRow): Promise<IncidentRecord> {
    const t = incident.tenant_id;
    const id = incident.id;
    const [tasks, timeline, observables, alerts, events, assets, evidence] = await Promise.all([
      this.db.selectFrom('incident_tasks').selectAll().where('tenant_id', '=', t).where('incident_id', '=', id).orderBy('position').execute(),
      this.db.selectFrom('incident_timeline').selectAll().where('tenant_id', '=', t).where('incident_id', '=', id).orderBy('at').orderBy('id').execute(),
      this.db.selectFrom('incident_observables').selectAll().where('tenant_id', '=', t).where('incident_id', '=', id).orderBy('id').execute(),
      this.db
        .selectFrom('incident_alerts as ia')
        .innerJoin('alerts as a', 'a.id', 'ia.alert_id')
        .select(['a.id', 'a.title', 'a.severity', 'a.kind', 'a.first_seen_at', 'a.source_observable', 'a.target_observable'])
        .where('ia.tenant_id', '=', t)
        .where('a.tenant_id', '=', t)
        .where('ia.incident_id', '=', id)
        .orderBy('a.first_seen_at')
        .execute(),
      this.db.selectFrom('incident_events').select('ref').where('tenant_id', '=', t).where('incident_id', '=', id).orderBy('ref').execute(),
      this.db.selectFrom('incident_assets').selectAll().where('tenant_id', '=', t).where('incident_id', '=', id).orderBy('id').execute(),
      this.db.selectFrom('incident_evidence').selectAll().where('tenant_id', '=', t).where('incident_id', '=', id).orderBy('id').execute(),
    ]);
    return {
      incident,
      tasks,
      timeline,
      observables,
      alerts: alerts.map((a) => ({
        id: a.id,
        title: a.title,
        severity: a.severity,
        kind: a.kind,
        firstSeenAt: Number(a.first_seen_at),
        source: a.source_observable,
        target: a.target_observable,
      })),
      events: events.map((e) => e.ref),
      assets,
      evidence,
    };
  }
}
