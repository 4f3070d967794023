import { SigmaRuleError } from '../errors.ts';
import type {
  CorrelationCondition,
  CorrelationType,
  CountOperator,
  SigmaCorrelationRule,
  SigmaRuleMeta,
} from '../types.ts';
import { isRecord } from './read-meta.ts';

const TYPES = new Set<CorrelationType>([
  'event_count',
  'value_count',
  'temporal',
  'temporal_ordered',
  'value_sum',
  'value_avg',
]);
const OPERATORS = new Set<CountOperator>(['gt', 'gte', 'lt', 'lte', 'eq', 'neq']);
const NEEDS_FIELD = new Set<CorrelationType>(['value_count', 'value_sum', 'value_avg']);
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `timespan` is a number and one lower-case unit: 30s, 5m, 90m, 1h, 1d. */
export function parseTimespan(value: unknown): number {
  const match = typeof value === 'string' ? /^(\d+)([smhd])$/.exec(value.trim()) : null;
  if (!match) throw new SigmaRuleError(`"timespan" must look like 30s, 5m, 1h or 1d, not ${JSON.stringify(value)}`);
  const amount = Number(match[1]);
  if (amount <= 0) throw new SigmaRuleError('"timespan" must be greater than zero');
  return amount * (UNIT_MS[match[2] ?? 's'] ?? 1000);
}

function readCondition(raw: unknown, type: CorrelationType): CorrelationCondition | undefined {
  if (raw === undefined || raw === null) {
    if (type === 'temporal' || type === 'temporal_ordered') return undefined;
    throw new SigmaRuleError(`correlation type ${type} requires "condition"`);
  }
  if (!isRecord(raw)) throw new SigmaRuleError('correlation "condition" must be a map such as {gte: 10}');
  const condition: CorrelationCondition = { bounds: {} };
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'field') {
      const fields = Array.isArray(value) ? value : [value];
      if (fields.length === 0 || !fields.every((f) => typeof f === 'string' && f !== '')) {
        throw new SigmaRuleError('correlation "condition.field" must be a field name or a list of field names');
      }
      condition.field = fields as string[];
      continue;
    }
    if (!OPERATORS.has(key as CountOperator)) {
      throw new SigmaRuleError(`correlation condition operator "${key}" is not one of gt, gte, lt, lte, eq, neq`);
    }
    const n = Number(value);
    if (value === null || value === '' || !Number.isFinite(n)) {
      throw new SigmaRuleError(`correlation condition "${key}" needs a number, not ${JSON.stringify(value)}`);
    }
    condition.bounds[key as CountOperator] = n;
  }
  if (Object.keys(condition.bounds).length === 0) {
    throw new SigmaRuleError('correlation "condition" needs at least one of gt, gte, lt, lte, eq, neq');
  }
  if (NEEDS_FIELD.has(type) && condition.field === undefined) {
    throw new SigmaRuleError(`correlation type ${type} requires "condition.field"`);
  }
  return condition;
}

function readAliases(raw: unknown): Record<string, Record<string, string>> {
  if (raw === undefined || raw === null) return {};
  if (!isRecord(raw)) throw new SigmaRuleError('correlation "aliases" must map alias → {rule name: field}');
  const aliases: Record<string, Record<string, string>> = {};
  for (const [alias, perRule] of Object.entries(raw)) {
    if (!isRecord(perRule) || !Object.values(perRule).every((f) => typeof f === 'string')) {
      throw new SigmaRuleError(`correlation alias "${alias}" must map rule names to field names`);
    }
    aliases[alias] = perRule as Record<string, string>;
  }
  return aliases;
}

export function readCorrelation(doc: Record<string, unknown>, meta: SigmaRuleMeta): SigmaCorrelationRule {
  const raw = doc['correlation'];
  if (!isRecord(raw)) throw new SigmaRuleError('"correlation" must be a map');
  const type = raw['type'];
  if (typeof type !== 'string') throw new SigmaRuleError('correlation "type" is required');
  if (type === 'value_percentile') {
    throw new SigmaRuleError(
      'correlation type value_percentile is not supported (its percentile semantics are not defined precisely enough to evaluate on a stream)',
    );
  }
  if (!TYPES.has(type as CorrelationType)) throw new SigmaRuleError(`unknown correlation type "${type}"`);
  const ctype = type as CorrelationType;
  const rules = raw['rules'];
  const ruleList = typeof rules === 'string' ? [rules] : rules;
  if (!Array.isArray(ruleList) || ruleList.length === 0 || !ruleList.every((r) => typeof r === 'string')) {
    throw new SigmaRuleError('correlation "rules" must list the ids or names of the correlated rules');
  }
  if ((ctype === 'temporal' || ctype === 'temporal_ordered') && ruleList.length < 2) {
    throw new SigmaRuleError(`correlation type ${ctype} needs at least two rules`);
  }
  const groupByRaw = raw['group-by'];
  const groupBy =
    groupByRaw === undefined || groupByRaw === null ? [] : Array.isArray(groupByRaw) ? groupByRaw : [groupByRaw];
  if (!groupBy.every((g) => typeof g === 'string')) {
    throw new SigmaRuleError('correlation "group-by" must list field names');
  }
  const known = new Set(['type', 'rules', 'group-by', 'timespan', 'condition', 'aliases', 'generate']);
  const extra = Object.keys(raw).filter((k) => !known.has(k));
  if (extra.length > 0) throw new SigmaRuleError(`unknown correlation key(s): ${extra.join(', ')}`);
  const generate = raw['generate'] ?? doc['generate'];
  return {
    ...meta,
    kind: 'correlation',
    type: ctype,
    rules: ruleList,
    groupBy: groupBy,
    timespanMs: parseTimespan(raw['timespan']),
    ...(() => {
      const condition = readCondition(raw['condition'], ctype);
      return condition ? { condition } : {};
    })(),
    aliases: readAliases(raw['aliases']),
    generate: generate === true,
  };
}
