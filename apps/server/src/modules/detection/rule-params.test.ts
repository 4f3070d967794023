import { loadRules, testRules, type SigmaCorrelationRule } from '@mamori/sigma';
import { describe, expect, it } from 'vitest';
import { loadBuiltinRules } from './builtin-rules.ts';
import { applyParams, checkParams, parseTimespan } from './rule-params.ts';
import { splitRuleFile } from './rule-documents.ts';

describe('built-in rules and per-tenant thresholds', () => {
  const builtin = loadBuiltinRules();
  const byTitle = (prefix: string) => builtin.documents.find((d) => d.rule.title.startsWith(prefix))!.rule;

  it('ships every built-in rule loadable, with an id and the Mamori author', () => {
    expect(builtin.rejected).toEqual([]);
    const titles = builtin.documents.map((d) => d.rule.title).join('\n');
    for (const t of ['Port scan', 'ICMP flood', 'SYN flood', 'Brute force', 'Password spraying', 'mining pool', 'worm-like']) expect(titles).toContain(t);
    for (const d of builtin.documents) expect(d.rule.author).toBe('Mamori');
  });

  it("passes every built-in rule's own examples (DET-6)", () => {
    const results = testRules(builtin.documents.map((d) => d.rule));
    expect(results.length).toBeGreaterThanOrEqual(7);
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });

  it('replaces the lower bound and the timespan of a correlation, leaving the loaded rule alone', () => {
    const scan = byTitle('Port scan') as SigmaCorrelationRule;
    const tuned = applyParams(scan, { threshold: 5, timespan: '2m' }) as SigmaCorrelationRule;
    expect(tuned.condition?.bounds).toEqual({ gte: 5 });
    expect(tuned.timespanMs).toBe(120_000);
    expect(scan.condition?.bounds).toEqual({ gte: 25 });
  });

  it('refuses thresholds on single-event rules and bad timespans', () => {
    expect(checkParams(byTitle('Communication with a cryptocurrency'), { threshold: 3 })).toMatch(/correlation rules only/);
    expect(checkParams(byTitle('Port scan'), { timespan: '5 minutes' })).toMatch(/timespan/);
    expect(parseTimespan('30s')).toBe(30_000);
  });

  it('splits a multi-rule file into stored documents that load on their own', () => {
    const { documents, rejected } = splitRuleFile({ name: 'f.yml', text: 'title: a\nid: a-1\nlogsource: {category: dns}\ndetection: {s: {dns.question.name: x}, condition: s}\n---\ntitle: no id\nlogsource: {}\ndetection: {s: {a: 1}, condition: s}\n' });
    expect(documents.map((d) => d.uid)).toEqual(['a-1']);
    expect(loadRules([{ source: 'a-1', text: documents[0]!.text }]).rules).toHaveLength(1);
    expect(rejected).toEqual([{ source: 'f.yml#1', id: undefined, reason: 'a stored rule needs an "id" (a UUID) or a "name"' }]);
  });
});
