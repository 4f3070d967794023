import type { MatchedRule, SigmaRule } from '../types.ts';

export function toMatchedRule(rule: SigmaRule, correlationOnly: boolean): MatchedRule {
  const m: MatchedRule = { id: rule.id, title: rule.title, tags: rule.tags, correlationOnly };
  if (rule.level !== undefined) m.level = rule.level;
  if (rule.author !== undefined) m.author = rule.author;
  if (rule.name !== undefined) m.name = rule.name;
  return m;
}
