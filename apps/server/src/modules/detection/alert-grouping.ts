/**
 * ALR-1 grouping: detections of the same rule with the same source and target observables within a window
 * make one alert, with occurrences, first/last seen and the first event ids (capped). This file merges what
 * one flush received; the writer then merges each group into the open alert of its key, if recent enough.
 */
import { createHash } from 'node:crypto';
import type { AlertSeverity, Detection, DetectionKind } from './detection-types.ts';
import { maxSeverity } from './severity.ts';

export const MAX_EVENT_IDS = 50;

export interface PendingDetection {
  tenantId: number;
  detection: Detection;
  /** `batchId:seq` of the event, once stored. */
  eventId: string;
}

export interface AlertGroup {
  tenantId: number;
  groupKey: string;
  kind: DetectionKind;
  ruleId: string;
  title: string;
  severity: AlertSeverity;
  level: string | undefined;
  author: string | undefined;
  tags: readonly string[];
  source: string;
  target: string;
  deviceId: number | null;
  firstSeen: number;
  lastSeen: number;
  occurrences: number;
  eventIds: string[];
  /** Details of the latest detection. */
  details: Record<string, unknown>;
}

export function groupKeyOf(ruleId: string, source: string, target: string): string {
  return createHash('sha256').update(`${ruleId}\u0000${source}\u0000${target}`).digest('base64url').slice(0, 22);
}

export function groupDetections(pending: readonly PendingDetection[]): AlertGroup[] {
  const groups = new Map<string, AlertGroup>();
  for (const { tenantId, detection: d, eventId } of pending) {
    const groupKey = groupKeyOf(d.ruleId, d.source, d.target);
    const mapKey = `${tenantId}\u0000${groupKey}`;
    const g = groups.get(mapKey);
    if (!g) {
      groups.set(mapKey, {
        tenantId,
        groupKey,
        kind: d.kind,
        ruleId: d.ruleId,
        title: d.title,
        severity: d.severity,
        level: d.level,
        author: d.author,
        tags: d.tags,
        source: d.source,
        target: d.target,
        deviceId: d.deviceId,
        firstSeen: d.ts,
        lastSeen: d.ts,
        occurrences: 1,
        eventIds: [eventId],
        details: d.details,
      });
      continue;
    }
    g.occurrences++;
    g.severity = maxSeverity(g.severity, d.severity);
    if (d.ts < g.firstSeen) g.firstSeen = d.ts;
    if (d.ts >= g.lastSeen) {
      g.lastSeen = d.ts;
      g.details = d.details;
    }
    if (g.eventIds.length < MAX_EVENT_IDS) g.eventIds.push(eventId);
  }
  return [...groups.values()];
}

/** An open alert takes a new group when the group starts within `windowMs` of the alert's last sighting. */
export function joinsOpenAlert(alertLastSeen: number, groupFirstSeen: number, windowMs: number): boolean {
  return groupFirstSeen - alertLastSeen <= windowMs;
}

export function mergeEventIds(existing: readonly string[], added: readonly string[]): string[] {
  if (existing.length >= MAX_EVENT_IDS) return [...existing];
  return [...existing, ...added.slice(0, MAX_EVENT_IDS - existing.length)];
}
