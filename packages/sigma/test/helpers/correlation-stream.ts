/** Feeds event streams through a rule set and its correlation engine, collecting correlation matches. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventFields } from '@mamori/schema';
import { compileRuleSet, loadRules, type CorrelationMatch, type RuleSet } from '../../src/index.ts';
import { SIGMA_CORPUS } from './corpus.ts';

export function specExample(path: string): { source: string; text: string } {
  return { source: path, text: readFileSync(join(SIGMA_CORPUS, 'spec-examples', path), 'utf8') };
}

export function ruleSetOf(texts: Array<string | { source: string; text: string }>): RuleSet {
  const loaded = loadRules(texts);
  if (loaded.unsupported.length > 0) {
    throw new Error(loaded.unsupported.map((u) => `${u.source}: ${u.reason}`).join('; '));
  }
  const set = compileRuleSet(loaded.rules);
  if (set.unsupported.length > 0) throw new Error(set.unsupported.map((u) => u.reason).join('; '));
  return set;
}

/** Runs `events` (each with @timestamp in ms) and returns every correlation match, flush included. */
export function correlate(set: RuleSet, events: EventFields[], maxGroupsPerRule?: number): CorrelationMatch[] {
  const engine = set.correlationEngine(maxGroupsPerRule ? { maxGroupsPerRule } : {});
  const out: CorrelationMatch[] = [];
  for (const e of events) out.push(...engine.process(e, set.match(e), e['@timestamp'] as number));
  out.push(...engine.flush());
  return out;
}

export const MINUTE = 60_000;
export const T0 = Date.UTC(2026, 0, 1);
