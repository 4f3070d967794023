/**
 * Per-tenant threshold overrides for correlation rules (DET-3: "thresholds overridable per tenant"): the
 * lower bound of the condition and the timespan. The loaded rule is copied, never changed in place.
 */
import type { SigmaRule } from '@mamori/sigma';

export interface RuleParams {
  /** New lower bound (`gte`) of the correlation condition. */
  threshold?: number | undefined;
  /** New window, e.g. "5m", "30s", "1h". */
  timespan?: string | undefined;
}

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseTimespan(text: string): number | undefined {
  const m = /^(\d{1,6})([smhd])$/.exec(text.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2]!]! : undefined;
}

/** Why these params cannot apply to this rule, or undefined when they can. */
export function checkParams(rule: SigmaRule, params: RuleParams): string | undefined {
  if (params.threshold === undefined && params.timespan === undefined) return undefined;
  if (rule.kind !== 'correlation') return 'thresholds apply to correlation rules only';
  if (params.threshold !== undefined && (rule.type === 'temporal' || rule.type === 'temporal_ordered')) {
    return 'temporal correlations have no count threshold';
  }
  if (params.timespan !== undefined && parseTimespan(params.timespan) === undefined) {
    return 'timespan: a number and s, m, h or d (e.g. "5m")';
  }
  return undefined;
}

export function applyParams(rule: SigmaRule, params: RuleParams | undefined): SigmaRule {
  if (!params || rule.kind !== 'correlation' || checkParams(rule, params) !== undefined) return rule;
  const timespanMs = params.timespan !== undefined ? parseTimespan(params.timespan)! : rule.timespanMs;
  let condition = rule.condition;
  if (params.threshold !== undefined && condition) {
    const { gt: _gt, gte: _gte, eq: _eq, ...rest } = condition.bounds;
    condition = { ...condition, bounds: { ...rest, gte: params.threshold } };
  }
  return { ...rule, timespanMs, ...(condition ? { condition } : {}) };
}
