/**
 * Public shapes of the Sigma engine: loaded rules, matches and options.
 * A loaded rule keeps the YAML's detection tree as data; `compileRuleSet` turns it into predicates.
 */
import type { EventFields } from '@mamori/schema';

export type SigmaLevel = 'informational' | 'low' | 'medium' | 'high' | 'critical';

export interface SigmaLogsource {
  product?: string;
  category?: string;
  service?: string;
  definition?: string;
}

/** A rule's own examples (DET-6), from the `x-mamori-tests:` key. */
export interface RuleTests {
  /** Events (flat normalised, or raw JSON logs the caller knows how to normalise) that must match. */
  match: unknown[];
  /** Events that must not match. */
  noMatch: unknown[];
}

/** Metadata shared by detection and correlation rules. */
export interface SigmaRuleMeta {
  /** Rule id; the file path stands in when the rule has none (correlation fragments, named sub-rules). */
  id: string;
  /** `name:` — how correlation rules refer to a rule besides its id. */
  name?: string;
  title: string;
  level?: SigmaLevel;
  status?: string;
  description?: string;
  /** DRL 1.1 requires alerts raised by SigmaHQ rules to show the author. */
  author?: string;
  tags: string[];
  falsepositives: string[];
  references: string[];
  /** Where the rule came from (file path or caller-supplied label). */
  source: string;
  tests?: RuleTests;
}

export interface SigmaDetectionRule extends SigmaRuleMeta {
  kind: 'detection';
  logsource: SigmaLogsource;
  /** Search identifiers exactly as in YAML (maps, lists of maps, keyword lists). */
  detection: Record<string, unknown>;
  /** The condition(s); a list is OR-ed, as the specification says. */
  conditions: string[];
}

export type CorrelationType =
  'event_count' | 'value_count' | 'temporal' | 'temporal_ordered' | 'value_sum' | 'value_avg';

export type CountOperator = 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq';

export interface CorrelationCondition {
  /** Operator → threshold; several operators are AND-ed (`gt: 100, lte: 200`). */
  bounds: Partial<Record<CountOperator, number>>;
  /** value_count / value_sum / value_avg: the field(s) whose values are counted or aggregated. */
  field?: string[];
}

export interface SigmaCorrelationRule extends SigmaRuleMeta {
  kind: 'correlation';
  type: CorrelationType;
  /** Referenced rules by id or name. */
  rules: string[];
  groupBy: string[];
  timespanMs: number;
  /** Absent for temporal types without a condition (= all referenced rules). */
  condition?: CorrelationCondition;
  /** alias → (referenced rule name or id → field). */
  aliases: Record<string, Record<string, string>>;
  /** When true, the referenced rules also raise their own matches. */
  generate: boolean;
}

/**
 * A Sigma meta-filter: extra search identifiers and a condition AND-ed onto the listed rules (by id or name),
 * e.g. `condition: not selection` to drop a known-good account from several rules at once.
 */
export interface SigmaFilterRule extends SigmaRuleMeta {
  kind: 'filter';
  logsource: SigmaLogsource;
  /** Rules the filter applies to. */
  rules: string[];
  /** Search identifiers of the filter (everything under `filter:` except `rules` and `condition`). */
  detection: Record<string, unknown>;
  conditions: string[];
}

export type SigmaRule = SigmaDetectionRule | SigmaCorrelationRule | SigmaFilterRule;

export interface UnsupportedRule {
  /** Rule id when it could be read, else the source path (with `#n` for the n-th YAML document). */
  id: string;
  source: string;
  reason: string;
}

export interface LoadResult {
  rules: SigmaRule[];
  unsupported: UnsupportedRule[];
}

/** What callers know about a matched rule: enough to raise an alert without another lookup. */
export interface MatchedRule {
  id: string;
  title: string;
  level?: SigmaLevel;
  author?: string;
  tags: string[];
  /** The rule's name, when correlation rules refer to it by name. */
  name?: string;
  /** True when the rule is only referenced by correlations (no `generate: true`): no standalone alert. */
  correlationOnly: boolean;
}

export interface CorrelationMatch {
  rule: MatchedRule;
  type: CorrelationType;
  /** group-by field → value of the group that fired. */
  group: Record<string, string>;
  /** The aggregated figure that met the condition (count, distinct values, sum, average, rules seen). */
  value: number;
  firstMs: number;
  lastMs: number;
}

export interface CompileOptions {
  /** Values for `|expand` placeholders, e.g. `{ Administrators: ['admin*', 'root'] }` (name without `%`). */
  placeholders?: Record<string, string[]>;
  /**
   * What an `|expand` value whose placeholder has no configured values does: `match-nothing` (default)
   * makes that value match no event — so a filter built on it excludes nothing and the rule stays loud —,
   * `reject` reports the rule as unsupported.
   */
  unknownPlaceholder?: 'match-nothing' | 'reject';
}

export type { EventFields };
