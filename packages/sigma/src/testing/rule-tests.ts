/**
 * DET-6: a rule's own examples. Under `x-mamori-tests:` a rule lists events that must match (`match`) and
 * events that must not (`no-match`). For a detection rule each item is one event; for a correlation rule each
 * item is a list of events (a sequence, fed in order, times from `@timestamp`), and the correlation must fire
 * (or not) on that sequence. Events are flat normalised events unless the caller passes `normalise`.
 */
import type { EventFields } from '@mamori/schema';
import { compileRuleSet } from '../compile/rule-set.ts';
import type { CompileOptions, SigmaRule } from '../types.ts';

export interface RuleTestCase {
  expect: 'match' | 'no-match';
  /** Position in the rule's `match` or `no-match` list. */
  index: number;
  passed: boolean;
  /** Why it failed. */
  detail?: string;
}

export interface RuleTestResult {
  id: string;
  title: string;
  source: string;
  passed: boolean;
  cases: RuleTestCase[];
  /** Set when the rule could not be tested at all (it did not compile, or a referenced rule is missing). */
  error?: string;
}

export interface RuleTestOptions extends CompileOptions {
  /** The other loaded rules (a correlation's referenced rules are looked up here). */
  rules?: SigmaRule[];
  /** Turns an example into a normalised event (e.g. a raw Windows JSON log through the parsers). */
  normalise?: (example: unknown) => EventFields;
}

function defaultNormalise(example: unknown): EventFields {
  if (typeof example !== 'object' || example === null || Array.isArray(example)) {
    throw new Error('an example event must be a map of field → value');
  }
  return example as EventFields;
}

function timestampOf(event: EventFields, fallback: number): number {
  const t = (event as Record<string, unknown>)['@timestamp'];
  if (typeof t === 'number') return t;
  if (typeof t === 'string') {
    // YAML examples keep numbers as text (see parse-yaml.ts): epoch milliseconds arrive as digits.
    if (/^\d+$/.test(t)) return Number(t);
    const ms = Date.parse(t);
    if (Number.isFinite(ms)) return ms;
  }
  return fallback;
}

export function testRule(rule: SigmaRule, options: RuleTestOptions = {}): RuleTestResult {
  const result: RuleTestResult = { id: rule.id, title: rule.title, source: rule.source, passed: true, cases: [] };
  const tests = rule.tests;
  if (!tests) return result;
  const normalise = options.normalise ?? defaultNormalise;
  const others = (options.rules ?? []).filter((r) => r.id !== rule.id);
  // A detection rule is tested with the meta-filters that apply to it; a correlation with everything it may refer to.
  const set = compileRuleSet(
    rule.kind === 'correlation' ? [rule, ...others] : [rule, ...others.filter((r) => r.kind === 'filter')],
    options,
  );
  const problem =
    set.unsupported.find((u) => u.id === rule.id) ?? (rule.kind === 'correlation' ? set.unsupported[0] : undefined);
  if (problem) {
    result.passed = false;
    result.error = problem.reason;
    return result;
  }
  const fires = (example: unknown): boolean => {
    if (rule.kind === 'detection') return set.match(normalise(example)).some((m) => m.id === rule.id);
    if (!Array.isArray(example)) throw new Error('a correlation example must be a list of events');
    const engine = set.correlationEngine();
    let fired = false;
    example.forEach((raw, i) => {
      const event = normalise(raw);
      const hits = engine.process(event, set.match(event), timestampOf(event, i * 1000));
      if (hits.some((h) => h.rule.id === rule.id)) fired = true;
    });
    if (engine.flush().some((h) => h.rule.id === rule.id)) fired = true;
    return fired;
  };
  const run = (examples: unknown[], expect: 'match' | 'no-match'): void => {
    examples.forEach((example, index) => {
      const c: RuleTestCase = { expect, index, passed: false };
      try {
        const fired = fires(example);
        c.passed = fired === (expect === 'match');
        if (!c.passed) {
          c.detail = expect === 'match' ? 'the rule did not match this example' : 'the rule matched this example';
        }
      } catch (e) {
        c.detail = (e as Error).message;
      }
      if (!c.passed) result.passed = false;
      result.cases.push(c);
    });
  };
  run(tests.match, 'match');
  run(tests.noMatch, 'no-match');
  return result;
}

/** Tests every rule that carries examples; rules without examples are left out. */
export function testRules(rules: SigmaRule[], options: Omit<RuleTestOptions, 'rules'> = {}): RuleTestResult[] {
  return rules
    .filter((r) => r.tests !== undefined && r.kind !== 'filter')
    .map((r) => testRule(r, { ...options, rules }));
}
