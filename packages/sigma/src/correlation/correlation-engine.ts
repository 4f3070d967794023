/**
 * Evaluates correlation rules on a stream: fed each event with the single-event rules it matched, it returns
 * the correlation matches that event completes. Chained correlations (a correlation over correlations) are
 * evaluated inner first within the same call. Memory is bounded per correlation (see GroupTable).
 */
import type { EventFields } from '@mamori/schema';
import { toMatchedRule } from '../compile/matched-rule.ts';
import { candidateKeys } from '../mapping/field-mapping.ts';
import type {
  CorrelationMatch,
  MatchedRule,
  SigmaCorrelationRule,
  SigmaDetectionRule,
  SigmaRule,
  UnsupportedRule,
} from '../types.ts';
import { AggregateCorrelation, type AggregateHit } from './aggregate-correlation.ts';
import { compileCondition } from './correlation-condition.ts';
import { TemporalCorrelation } from './temporal-correlation.ts';

export interface CorrelationEngineOptions {
  /** Most groups one correlation keeps; the least recently updated group is dropped beyond it. Default 10,000. */
  maxGroupsPerRule?: number;
}

interface Step {
  /** Canonical id of the referenced rule. */
  ruleId: string;
  /** group-by field → the field read from this rule's events (aliases applied). */
  groupFields: string[];
}

interface Runtime {
  rule: SigmaCorrelationRule;
  match: MatchedRule;
  steps: Step[];
  /** ruleId → indexes of the steps it fills. */
  stepsByRule: Map<string, number[]>;
  aggregate?: AggregateCorrelation;
  temporal?: TemporalCorrelation;
}

/** Reads a Sigma field from a normalised event with the same candidate keys the rules use. */
export function readField(event: EventFields, field: string): string | undefined {
  const rec = event as Record<string, unknown>;
  for (const key of candidateKeys(field, 'windows')) {
    const v = rec[key];
    if (v === undefined || v === null) continue;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return Array.isArray(v) ? v.join(',') : JSON.stringify(v);
  }
  return undefined;
}

/**
 * Resolves correlation references (by id or name) and orders correlations inner-first. Correlations whose
 * references do not resolve, or that form a cycle, are returned as unsupported.
 */
export function orderCorrelations(
  correlations: SigmaCorrelationRule[],
  detections: SigmaDetectionRule[],
): { ordered: SigmaCorrelationRule[]; unsupported: UnsupportedRule[]; canonical: Map<string, string> } {
  const canonical = new Map<string, string>();
  const all: SigmaRule[] = [...detections, ...correlations];
  for (const r of all) {
    canonical.set(r.id, r.id);
    if (r.name !== undefined) canonical.set(r.name, r.id);
  }
  const byId = new Map(correlations.map((c) => [c.id, c]));
  const ordered: SigmaCorrelationRule[] = [];
  const unsupported: UnsupportedRule[] = [];
  const state = new Map<string, 'visiting' | 'done' | 'bad'>();
  const visit = (c: SigmaCorrelationRule): boolean => {
    const s = state.get(c.id);
    if (s === 'done') return true;
    if (s === 'bad') return false;
    if (s === 'visiting') {
      unsupported.push({ id: c.id, source: c.source, reason: 'correlation references form a cycle' });
      state.set(c.id, 'bad');
      return false;
    }
    state.set(c.id, 'visiting');
    for (const ref of c.rules) {
      const id = canonical.get(ref);
      if (id === undefined) {
        unsupported.push({ id: c.id, source: c.source, reason: `correlation refers to "${ref}", which is not loaded` });
        state.set(c.id, 'bad');
        return false;
      }
      const inner = byId.get(id);
      if (inner && !visit(inner)) {
        if (state.get(c.id) !== 'bad') {
          unsupported.push({ id: c.id, source: c.source, reason: `correlation refers to unsupported "${ref}"` });
        }
        state.set(c.id, 'bad');
        return false;
      }
    }
    state.set(c.id, 'done');
    ordered.push(c);
    return true;
  };
  for (const c of correlations) visit(c);
  return { ordered, unsupported, canonical };
}

export class CorrelationEngine {
  private readonly runtimes: Runtime[] = [];
  private readonly canonical: Map<string, string>;
  private lastExpireMs = Number.NEGATIVE_INFINITY;

  constructor(
    correlations: SigmaCorrelationRule[],
    detections: SigmaDetectionRule[],
    options: CorrelationEngineOptions = {},
  ) {
    const maxGroups = options.maxGroupsPerRule ?? 10_000;
    const { ordered, canonical } = orderCorrelations(correlations, detections);
    this.canonical = canonical;
    const consumedByCorrelation = new Set<string>();
    for (const c of ordered) {
      if (!c.generate) for (const ref of c.rules) consumedByCorrelation.add(canonical.get(ref) ?? ref);
    }
    const names = new Map<string, string | undefined>([...detections, ...correlations].map((r) => [r.id, r.name]));
    for (const rule of ordered) {
      const steps: Step[] = rule.rules.map((ref) => {
        const ruleId = canonical.get(ref)!;
        const name = names.get(ruleId);
        const groupFields = rule.groupBy.map((g) => {
          const alias = rule.aliases[g];
          return (alias && ((name !== undefined ? alias[name] : undefined) ?? alias[ruleId] ?? alias[ref])) ?? g;
        });
        return { ruleId, groupFields };
      });
      const stepsByRule = new Map<string, number[]>();
      steps.forEach((s, i) => {
        const list = stepsByRule.get(s.ruleId);
        if (list) list.push(i);
        else stepsByRule.set(s.ruleId, [i]);
      });
      const runtime: Runtime = {
        rule,
        match: toMatchedRule(rule, consumedByCorrelation.has(rule.id)),
        steps,
        stepsByRule,
      };
      if (rule.type === 'temporal' || rule.type === 'temporal_ordered') {
        const condition = compileCondition(rule.condition, steps.length);
        runtime.temporal = new TemporalCorrelation(
          rule.type === 'temporal_ordered',
          steps.length,
          rule.timespanMs,
          condition,
          maxGroups,
        );
      } else {
        runtime.aggregate = new AggregateCorrelation(
          rule.type,
          rule.timespanMs,
          compileCondition(rule.condition, 1),
          maxGroups,
        );
      }
      this.runtimes.push(runtime);
    }
  }

  /** Feeds one event and the single-event rules it matched; returns the correlations it completes. */
  process(event: EventFields, matches: readonly MatchedRule[], timestampMs: number): CorrelationMatch[] {
    const out: CorrelationMatch[] = [];
    if (timestampMs - this.lastExpireMs >= 1000) this.expire(timestampMs, out);
    if (matches.length === 0 && out.length === 0) return out;
    const matchedIds = new Set<string>();
    for (const m of matches) matchedIds.add(this.canonical.get(m.id) ?? m.id);
    for (const rt of this.runtimes) {
      const stepIndexes: number[] = [];
      for (const id of matchedIds) {
        const idx = rt.stepsByRule.get(id);
        if (idx) stepIndexes.push(...idx);
      }
      if (stepIndexes.length === 0) continue;
      const hits: AggregateHit[] = [];
      // Group values come from the first matching step's fields (aliases may differ per rule).
      const step = rt.steps[stepIndexes[0]!]!;
      const groupValues = step.groupFields.map((f) => readField(event, f) ?? '');
      const key = groupValues.join('\u0000');
      if (rt.temporal) rt.temporal.add(key, timestampMs, stepIndexes, hits);
      else {
        const fields = rt.rule.condition?.field;
        const value = fields ? fields.map((f) => readField(event, f)) : undefined;
        const joined = value === undefined || value.some((v) => v === undefined) ? undefined : value.join('\u0000');
        rt.aggregate!.add(key, timestampMs, joined, hits);
      }
      for (const hit of hits) {
        out.push(this.toMatch(rt, hit, groupValues));
        matchedIds.add(rt.rule.id);
      }
    }
    return out;
  }

  /** End of stream (or a quiet moment): reports windows of upper-bound-only conditions that are still open. */
  flush(): CorrelationMatch[] {
    const out: CorrelationMatch[] = [];
    for (const rt of this.runtimes) {
      const hits: AggregateHit[] = [];
      rt.aggregate?.flush(hits);
      for (const hit of hits) out.push(this.toMatch(rt, hit, hit.key.split('\u0000')));
    }
    return out;
  }

  /** Groups held right now and groups dropped by the cap, for monitoring memory. */
  stats(): { groups: number; evicted: number } {
    let groups = 0;
    let evicted = 0;
    for (const rt of this.runtimes) {
      const part = rt.aggregate ?? rt.temporal!;
      groups += part.groups;
      evicted += part.evicted;
    }
    return { groups, evicted };
  }

  private expire(nowMs: number, out: CorrelationMatch[]): void {
    this.lastExpireMs = nowMs;
    for (const rt of this.runtimes) {
      const hits: AggregateHit[] = [];
      if (rt.aggregate) rt.aggregate.expire(nowMs, hits);
      else rt.temporal!.expire(nowMs);
      for (const hit of hits) out.push(this.toMatch(rt, hit, hit.key.split('\u0000')));
    }
  }

  private toMatch(rt: Runtime, hit: AggregateHit, values: string[]): CorrelationMatch {
    const group: Record<string, string> = {};
    rt.rule.groupBy.forEach((g, i) => (group[g] = values[i] ?? ''));
    return { rule: rt.match, type: rt.rule.type, group, value: hit.value, firstMs: hit.firstMs, lastMs: hit.lastMs };
  }
}
