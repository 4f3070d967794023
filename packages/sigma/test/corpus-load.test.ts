import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../src/index.ts';
import { loadCorpusRules } from './helpers/corpus.ts';

describe('SigmaHQ corpus', () => {
  it('loads every rule in rules/, rules-emerging-threats/ and rules-threat-hunting/ without an unsupported one', () => {
    const { rules, unsupported } = loadCorpusRules();
    expect(unsupported).toEqual([]);
    expect(rules).toHaveLength(3754);
    expect(new Set(rules.map((r) => r.id)).size).toBe(3754);
  });

  it('compiles the whole corpus into one rule set, keeping author and ATT&CK tags', () => {
    const { rules } = loadCorpusRules();
    const set = compileRuleSet(rules);
    expect(set.unsupported).toEqual([]);
    expect(set.detectionRules).toHaveLength(3754);
    const withAuthor = rules.filter((r) => r.author !== undefined).length;
    expect(withAuthor).toBeGreaterThan(3700);
    expect(rules.some((r) => r.tags.includes('attack.t1059.001'))).toBe(true);
  });
});
