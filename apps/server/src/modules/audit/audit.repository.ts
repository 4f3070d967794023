import type { ControlDb } from '../../stores/control/control-store.ts';
import type { AuditRow } from './audit-log.ts';

export interface AuditFilter {
  from?: number;
  to?: number;
  actor?: string;
  action?: string;
  /** Only this tenant's entries; customers are always held to their own. */
  tenantId?: number;
  target?: string;
  /** Paging backwards from the newest: entries with a smaller seq than this. */
  beforeSeq?: number;
  limit: number;
}

/** Reads of the audit log, newest first; writes go only through AuditLog (the chain). */
export class AuditRepository {
  constructor(private readonly db: ControlDb) {}

  list(f: AuditFilter): Promise<AuditRow[]> {
    let q = this.db.selectFrom('audit_log').selectAll();
    if (f.from !== undefined) q = q.where('at', '>=', f.from);
    if (f.to !== undefined) q = q.where('at', '<', f.to);
    if (f.actor !== undefined) q = q.where('actor', '=', f.actor);
    // `incident` finds incident.update, incident.close …; a full name finds itself.
    // A range rather than LIKE: '/' sorts right after '.', and no escaping rules differ between engines.
    const action = f.action;
    if (action !== undefined) {
      q = q.where((eb) =>
        eb.or([eb('action', '=', action), eb.and([eb('action', '>=', `${action}.`), eb('action', '<', `${action}/`)])]),
      );
    }
    if (f.tenantId !== undefined) q = q.where('tenant_id', '=', f.tenantId);
    if (f.target !== undefined) q = q.where('target', '=', f.target);
    if (f.beforeSeq !== undefined) q = q.where('seq', '<', f.beforeSeq);
    return q.orderBy('seq', 'desc').limit(f.limit).execute();
  }
}
