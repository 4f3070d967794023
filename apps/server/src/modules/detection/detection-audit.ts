/** A record of every detection tuning change: who (token), what, when, why. The full audit log comes later. */
import type { ControlDb } from '../../stores/control/control-store.ts';

export interface AuditEntry {
  tenantId: number | null;
  tokenId: number | null;
  action: string;
  target: string;
  details: Record<string, unknown>;
}

export async function recordAudit(db: ControlDb, e: AuditEntry): Promise<void> {
  await db
    .insertInto('detection_audit')
    .values({ tenant_id: e.tenantId, at: Date.now(), token_id: e.tokenId, action: e.action, target: e.target, details: JSON.stringify(e.details) })
    .execute();
}
