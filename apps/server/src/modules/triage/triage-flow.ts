/** ALR-5 pure parts: which anomaly types fit an alert, and the evidence checklist filled in for it. */
import { quoteValue } from '@mamori/query';
import type { AnomalyTypeDefinition } from './anomaly-types.schemas.ts';

export interface AlertFacts {
  id: number;
  kind: string;
  ruleId: string | null;
  title: string;
  source: string | null;
  target: string | null;
  firstSeenAt: number;
  lastSeenAt: number;
}

export interface ChecklistState {
  id: string;
  done: boolean;
  note: string | null;
  by: string | null;
  at: number | null;
}

const HOUR = 3_600_000;

/** Keys of the types that fit, strongest evidence first: rule id, then kind, then a word in the title. */
export function suggestTypes(alert: AlertFacts, types: ReadonlyArray<{ key: string; definition: AnomalyTypeDefinition }>): string[] {
  const title = alert.title.toLowerCase();
  const scored = types
    .map(({ key, definition: { appliesTo } }) => ({
      key,
      score:
        (alert.ruleId !== null && appliesTo.rules.includes(alert.ruleId) ? 4 : 0) +
        (appliesTo.kinds.includes(alert.kind) ? 2 : 0) +
        (appliesTo.titleWords.some((w) => title.includes(w.toLowerCase())) ? 1 : 0),
    }))
    .filter((s) => s.score > 0);
  return scored.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key)).map((s) => s.key);
}

/** The first of several observables (correlations join them with ","), quoted so log content stays a value. */
function placeholder(value: string | null): string {
  const first = (value ?? '').split(',')[0]!.trim();
  return quoteValue(first);
}

export function fillQuery(template: string, alert: Pick<AlertFacts, 'source' | 'target'>): string {
  return template.replace(/\{(source|target)\}/g, (_, which: 'source' | 'target') => placeholder(alert[which]));
}

/** A search around the alert: a day before its first sighting to an hour after its last. */
export function searchPath(tenantSlug: string, query: string, alert: Pick<AlertFacts, 'firstSeenAt' | 'lastSeenAt'>): string {
  const params = new URLSearchParams({
    tenant: tenantSlug,
    q: query,
    from: new Date(alert.firstSeenAt - 24 * HOUR).toISOString(),
    to: new Date(alert.lastSeenAt + HOUR).toISOString(),
  });
  return `/api/v1/search?${params.toString()}`;
}

/** Checklist updates merged into the stored state; ids the definition does not have are refused. */
export function mergeChecklist(
  definition: AnomalyTypeDefinition,
  stored: readonly ChecklistState[],
  updates: ReadonlyArray<{ id: string; done: boolean; note?: string | undefined }>,
  actor: string,
  now: number,
): ChecklistState[] | { error: string } {
  const known = new Set(definition.checklist.map((i) => i.id));
  const unknown = updates.find((u) => !known.has(u.id));
  if (unknown) return { error: `the checklist has no item ${unknown.id}` };
  const byId = new Map(stored.map((s) => [s.id, s]));
  for (const u of updates) {
    const before = byId.get(u.id);
    const noteChanged = u.note !== undefined && u.note !== before?.note;
    if (before && before.done === u.done && !noteChanged) continue;
    byId.set(u.id, { id: u.id, done: u.done, note: u.note ?? before?.note ?? null, by: actor, at: now });
  }
  return definition.checklist.map((i) => byId.get(i.id) ?? { id: i.id, done: false, note: null, by: null, at: null });
}
