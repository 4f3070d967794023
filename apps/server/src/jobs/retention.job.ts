import type { ControlDb } from '../stores/control/control-store.ts';
import type { EventStore, RetentionOutcome } from '../stores/events/event-store.ts';
import { UNASSIGNED_TENANT_ID } from '../ingest/router.ts';

export interface RetentionDefaults {
  defaultDays: number;
  unassignedDays: number;
}

const DAY = 86_400_000;

/** STO-2: each tenant's age and size limits, enforced batch by batch, each removal recorded with its reason. */
export async function runRetention(db: ControlDb, store: EventStore, defaults: RetentionDefaults, now: number): Promise<RetentionOutcome[]> {
  const tenants = await db.selectFrom('tenants').selectAll().execute();
  const plans = [
    ...tenants.map((t) => ({ id: t.id, days: t.retention_days ?? defaults.defaultDays, bytes: t.retention_bytes })),
    { id: UNASSIGNED_TENANT_ID, days: defaults.unassignedDays, bytes: null },
  ];
  const outcomes: RetentionOutcome[] = [];
  for (const plan of plans) {
    const receivedBefore = plan.days > 0 ? now - plan.days * DAY : null;
    const maxBytes = plan.bytes == null ? null : Number(plan.bytes);
    if (receivedBefore === null && maxBytes === null) continue;
    const reason = [receivedBefore !== null ? `older than ${plan.days} days` : null, maxBytes !== null ? `over ${maxBytes} bytes` : null]
      .filter(Boolean)
      .join(' or ');
    const outcome = await store.applyRetention({ tenantId: plan.id, receivedBefore, maxBytes, reason: `retention: ${reason}`, now });
    if (outcome.removedBatches > 0) {
      await db
        .insertInto('retention_runs')
        .values({
          tenant_id: plan.id,
          ran_at: now,
          reason: outcome.reason,
          removed_batches: outcome.removedBatches,
          removed_events: outcome.removedEvents,
          removed_bytes: outcome.removedBytes,
          oldest_kept_at: outcome.oldestKeptAt,
        })
        .execute();
    }
    outcomes.push(outcome);
  }
  return outcomes;
}
