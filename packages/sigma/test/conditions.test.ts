import { describe, expect, it } from 'vitest';
import { compileRuleSet, loadRules } from '../src/index.ts';
import { matcher, rejection } from './helpers/fixture-rules.ts';

const three = 'selection_a:\n  A: 1\nselection_b:\n  B: 1\nfilter_c:\n  C: 1\n';

describe('condition forms', () => {
  it('and / or / not with the specified precedence (not > and > or)', () => {
    const m = matcher(`${three}condition: selection_a or selection_b and not filter_c`);
    expect(m({ A: '1', C: '1' })).toBe(true);
    expect(m({ B: '1', C: '1' })).toBe(false);
    expect(m({ B: '1' })).toBe(true);
  });

  it('parentheses override precedence', () => {
    const m = matcher(`${three}condition: (selection_a or selection_b) and not filter_c`);
    expect(m({ A: '1', C: '1' })).toBe(false);
  });

  it('1 of / all of a pattern, and 1 of / all of them (identifiers starting with _ excluded)', () => {
    expect(matcher(`${three}condition: 1 of selection_*`)({ B: '1' })).toBe(true);
    expect(matcher(`${three}condition: all of selection_*`)({ B: '1' })).toBe(false);
    expect(matcher(`${three}condition: all of selection_*`)({ A: '1', B: '1' })).toBe(true);
    expect(matcher(`${three}condition: 1 of them`)({ C: '1' })).toBe(true);
    expect(matcher(`${three}condition: all of them`)({ A: '1', B: '1' })).toBe(false);
    expect(matcher('s:\n  A: 1\n_aux:\n  Z: 1\ncondition: all of them')({ A: '1' })).toBe(true);
    expect(matcher(`${three}condition: selection_a and not 1 of filter_*`)({ A: '1', C: '1' })).toBe(false);
  });

  it('a list of conditions is OR-ed', () => {
    const m = matcher(`${three}condition:\n  - selection_a\n  - selection_b`);
    expect(m({ B: '1' })).toBe(true);
  });

  it('a list of maps is OR-ed, a map is AND-ed', () => {
    const m = matcher('s:\n  - A: 1\n    B: 2\n  - C: 3\ncondition: s');
    expect(m({ A: '1' })).toBe(false);
    expect(m({ A: '1', B: '2' })).toBe(true);
    expect(m({ C: '3' })).toBe(true);
  });

  it('keyword lists search every value of the event, as substrings', () => {
    const m = matcher("keywords:\n  - 'sekurlsa::'\n  - 'event::clear'\ncondition: keywords");
    expect(m({ message: 'ran SEKURLSA::logonpasswords' })).toBe(true);
    expect(m({ other: 'nothing' })).toBe(false);
    const all = matcher("keywords:\n  '|all':\n    - OabVirtualDirectory\n    - ' -ExternalUrl '\ncondition: keywords");
    expect(all({ a: 'Set-OabVirtualDirectory', b: 'x -ExternalUrl y' })).toBe(true);
    expect(all({ a: 'Set-OabVirtualDirectory' })).toBe(false);
  });

  it('reports unknown identifiers, empty patterns and obsolete aggregations clearly', () => {
    expect(rejection('s:\n  A: 1\ncondition: s and missing')).toMatch(/"missing", which the detection does not define/);
    expect(rejection('s:\n  A: 1\ncondition: 1 of filter_*')).toMatch(/matches no search identifier/);
    expect(rejection('s:\n  A: 1\ncondition: s | count() by B > 5')).toMatch(/obsolete Sigma 1/);
    expect(rejection('s:\n  A: 1\ncondition: (s')).toMatch(/missing "\)"/);
    expect(rejection('s:\n  A: 1')).toMatch(/condition/);
  });
});

describe('rule documents', () => {
  it('keeps id, title, level, author, tags, falsepositives and references', () => {
    const { rules } = loadRules([
      'title: T\nid: 1\nlevel: high\nauthor: Someone\ntags: [attack.execution, attack.t1059]\nfalsepositives: [admins]\nreferences: [https://x]\nlogsource: {category: test}\ndetection: {s: {A: 1}, condition: s}\n',
    ]);
    expect(rules[0]).toMatchObject({
      id: '1',
      title: 'T',
      level: 'high',
      author: 'Someone',
      tags: ['attack.execution', 'attack.t1059'],
      falsepositives: ['admins'],
      references: ['https://x'],
    });
    const [match] = compileRuleSet(rules).match({ 'event.category': 'test', A: '1' });
    expect(match).toMatchObject({ id: '1', title: 'T', level: 'high', author: 'Someone' });
  });

  it('reports YAML errors, missing title and bad level per document without stopping the others', () => {
    const r = loadRules([
      { source: 'a.yml', text: 'title: [unclosed\n' },
      { source: 'b.yml', text: 'logsource: {category: test}\ndetection: {s: {A: 1}, condition: s}\n' },
      {
        source: 'c.yml',
        text: 'title: c\nlevel: severe\nlogsource: {category: test}\ndetection: {s: {A: 1}, condition: s}\n',
      },
      { source: 'd.yml', text: 'title: d\nlogsource: {category: test}\ndetection: {s: {A: 1}, condition: s}\n' },
    ]);
    expect(r.rules.map((x) => x.title)).toEqual(['d']);
    expect(r.unsupported.map((u) => [u.source, u.reason.split(':')[0]])).toEqual([
      ['a.yml', 'YAML syntax'],
      ['b.yml', '"title" is required'],
      ['c.yml', '"level" must be one of informational, low, medium, high, critical, not "severe"'],
    ]);
  });
});
