/**
 * @mamori/sigma — Sigma rules (specification v2.1) for Mamori's normalised events: load YAML, compile to
 * predicates, match single events, correlate streams, and run each rule's own examples.
 */
export { loadRules, type RuleText } from './load/load-rules.ts';
export { RULE_TESTS_KEY } from './load/read-meta.ts';
export { compileRuleSet, RuleSet } from './compile/rule-set.ts';
export { CorrelationEngine, readField, type CorrelationEngineOptions } from './correlation/correlation-engine.ts';
export { candidateKeys, SIGMA_TO_ECS, type FieldContext } from './mapping/field-mapping.ts';
export { WINDOWS_CATEGORY_SOURCES, WINDOWS_SERVICE_CHANNELS } from './mapping/windows-logsources.ts';
export {
  testRule,
  testRules,
  type RuleTestCase,
  type RuleTestOptions,
  type RuleTestResult,
} from './testing/rule-tests.ts';
export { SigmaRuleError } from './errors.ts';
export type * from './types.ts';
