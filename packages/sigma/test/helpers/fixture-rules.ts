/** Small rules built in tests: a detection section (as YAML text) over a generic or Windows logsource. */
import type { EventFields } from '@mamori/schema';
import { compileRuleSet, loadRules, type CompileOptions } from '../../src/index.ts';

export function ruleYaml(detection: string, logsource = 'logsource:\n  category: test'): string {
  const body = detection
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  return `title: fixture\nid: fixture-rule\n${logsource}\ndetection:\n${body}\n`;
}

/** Compiles one fixture rule and returns a matcher; throws with the loader's reason if it does not load. */
export function matcher(detection: string, options: CompileOptions = {}): (event: EventFields) => boolean {
  const loaded = loadRules([ruleYaml(detection)]);
  if (loaded.unsupported.length > 0) throw new Error(loaded.unsupported[0]!.reason);
  const set = compileRuleSet(loaded.rules, options);
  if (set.unsupported.length > 0) throw new Error(set.unsupported[0]!.reason);
  // The generic test logsource accepts events that say they are "test" events.
  return (event) => set.match({ 'event.category': 'test', ...event }).length > 0;
}

/** The loader's reason for rejecting a fixture rule, or undefined when it loads. */
export function rejection(detection: string): string | undefined {
  return loadRules([ruleYaml(detection)]).unsupported[0]?.reason;
}
