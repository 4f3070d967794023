/** Alert rows as the API shows them. */
import type { AlertRow } from './alerts.repository.ts';
import type { AlertView } from './alerts.schemas.ts';

export const iso = (ms: number | null): string | null => (ms == null ? null : new Date(Number(ms)).toISOString());

export function toAlertView(a: AlertRow, tenant: string): AlertView {
  return {
    id: a.id,
    tenant,
    kind: a.kind,
    severity: a.severity,
    status: a.status,
    triageStatus: a.triage_status,
    priority: a.priority,
    priorityBand: a.priority_band,
    priorityReasons: JSON.parse(a.priority_reasons ?? '[]') as string[],
    assignee: a.assignee,
    verdict: a.verdict,
    duplicateOf: a.duplicate_of,
    title: a.title,
    deviceId: a.device_id,
    rule:
      a.rule_id == null
        ? null
        : { id: a.rule_id, title: a.rule_title ?? a.title, level: a.rule_level, author: a.rule_author, tags: JSON.parse(a.rule_tags ?? '[]') as string[] },
    source: a.source_observable || null,
    target: a.target_observable || null,
    eventIds: JSON.parse(a.event_ids ?? '[]') as string[],
    details: JSON.parse(a.details) as Record<string, unknown>,
    firstSeenAt: iso(a.first_seen_at)!,
    lastSeenAt: iso(a.last_seen_at)!,
    occurrences: a.occurrences,
    resolvedAt: iso(a.resolved_at),
    updatedAt: iso(a.updated_at),
  };
}
