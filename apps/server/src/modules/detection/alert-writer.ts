/**
 * Turns detections into alert rows off the hot path: the detection stage only queues them (with their event
 * ids once the batch is stored); this writer groups them (alert-grouping.ts), merges each group into the open
 * alert of the same rule, source and target when it is recent enough, and counts hits per rule and day for
 * the tuning report. One write transaction at a time; the queue is bounded so a slow store costs alerts
 * (counted), never memory.
 */
import { sql } from 'kysely';
import type { ControlDb } from '../../stores/control/control-store.ts';
import { groupDetections, joinsOpenAlert, mergeEventIds, type AlertGroup, type PendingDetection } from './alert-grouping.ts';
import type { AlertSeverity, Detection } from './detection-types.ts';
import { maxSeverity } from './severity.ts';

export interface AlertWriterOptions {
  /** Repeats within this long of an open alert's last sighting join it. */
  groupWindowMs: number;
  maxQueue: number;
}

const DAY_MS = 86_400_000;

export class AlertWriter {
  private queue: PendingDetection[] = [];
  private running: Promise<void> | undefined;
  /** Detections lost because the queue was full or a write failed. */
  dropped = 0;

  constructor(
    private readonly db: ControlDb,
    private readonly options: AlertWriterOptions,
    private readonly onError: (err: unknown) => void,
  ) {}

  enqueue(tenantId: number, detections: readonly Detection[], batchId: number): void {
    for (const detection of detections) {
      if (this.queue.length >= this.options.maxQueue) {
        this.dropped++;
        continue;
      }
      this.queue.push({ tenantId, detection, eventId: `${batchId}:${detection.eventIndex}` });
    }
    this.running ??= this.drain().finally(() => (this.running = undefined));
  }

  /** Resolves when everything queued so far is written (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const taken = this.queue;
      this.queue = [];
      try {
        await this.write(groupDetections(taken), taken);
      } catch (err) {
        this.dropped += taken.length;
        this.onError(err);
      }
    }
  }

  private async write(groups: AlertGroup[], taken: PendingDetection[]): Promise<void> {
    const hits = new Map<string, { tenantId: number; rule: string; day: number; hits: number }>();
    for (const { tenantId, detection } of taken) {
      const day = Math.floor(detection.ts / DAY_MS);
      const key = `${tenantId}\u0000${detection.ruleId}\u0000${day}`;
      const h = hits.get(key);
      if (h) h.hits++;
      else hits.set(key, { tenantId, rule: detection.ruleId, day, hits: 1 });
    }
    // A tenant deleted while its detections waited here takes them along (its alerts are gone too).
    const tenantIds = [...new Set(groups.map((g) => g.tenantId))];
    const live = new Set((await this.db.selectFrom('tenants').select('id').where('id', 'in', tenantIds).execute()).map((t) => t.id));
    groups = groups.filter((g) => live.has(g.tenantId));
    for (const [key, h] of hits) if (!live.has(h.tenantId)) hits.delete(key);
    await this.db.transaction().execute(async (trx) => {
      for (const g of groups) {
        const open = await trx
          .selectFrom('alerts')
          .select(['id', 'first_seen_at', 'last_seen_at', 'occurrences', 'event_ids', 'severity'])
          .where('tenant_id', '=', g.tenantId)
          .where('group_key', '=', g.groupKey)
          .where('status', '=', 'open')
          .orderBy('last_seen_at', 'desc')
          .limit(1)
          .executeTakeFirst();
        const details = JSON.stringify({ ...g.details, kind: g.kind });
        if (open && joinsOpenAlert(Number(open.last_seen_at), g.firstSeen, this.options.groupWindowMs)) {
          const ids = mergeEventIds(JSON.parse(open.event_ids ?? '[]') as string[], g.eventIds);
          await trx
            .updateTable('alerts')
            .set({
              occurrences: open.occurrences + g.occurrences,
              first_seen_at: Math.min(Number(open.first_seen_at), g.firstSeen),
              last_seen_at: Math.max(Number(open.last_seen_at), g.lastSeen),
              severity: maxSeverity(open.severity as AlertSeverity, g.severity),
              event_ids: JSON.stringify(ids),
              details,
            })
            .where('id', '=', open.id)
            .execute();
          continue;
        }
        await trx
          .insertInto('alerts')
          .values({
            tenant_id: g.tenantId,
            device_id: g.deviceId,
            kind: g.kind,
            severity: g.severity,
            status: 'open',
            title: g.title,
            details,
            first_seen_at: g.firstSeen,
            last_seen_at: g.lastSeen,
            occurrences: g.occurrences,
            resolved_at: null,
            rule_id: g.ruleId,
            rule_title: g.title,
            rule_level: g.level ?? null,
            rule_author: g.author ?? null,
            rule_tags: JSON.stringify(g.tags),
            event_ids: JSON.stringify(g.eventIds),
            source_observable: g.source,
            target_observable: g.target,
            group_key: g.groupKey,
          })
          .execute();
      }
      for (const h of hits.values()) {
        await trx
          .insertInto('detection_hits')
          .values({ tenant_id: h.tenantId, rule_uid: h.rule, day: h.day, hits: h.hits })
          .onConflict((oc) =>
            oc.columns(['tenant_id', 'rule_uid', 'day']).doUpdateSet({ hits: sql<number>`detection_hits.hits + excluded.hits` }),
          )
          .execute();
      }
    });
  }
}
