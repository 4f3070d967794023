import { describe, expect, it } from 'vitest';
import { RULE_TESTS_KEY, loadRules, testRule, testRules } from '../src/index.ts';

const detection = `title: Whoami run by a web server
id: 11111111-2222-3333-4444-555555555555
level: high
logsource: {product: windows, category: process_creation}
detection:
  selection:
    Image|endswith: '\\whoami.exe'
    ParentImage|endswith: '\\w3wp.exe'
  condition: selection
x-mamori-tests:
  match:
    - winlog.channel: Microsoft-Windows-Sysmon/Operational
      winlog.event_id: '1'
      winlog.event_data.Image: C:\\Windows\\System32\\whoami.exe
      winlog.event_data.ParentImage: C:\\Windows\\System32\\inetsrv\\w3wp.exe
  no-match:
    - winlog.channel: Microsoft-Windows-Sysmon/Operational
      winlog.event_id: '1'
      winlog.event_data.Image: C:\\Windows\\System32\\whoami.exe
      winlog.event_data.ParentImage: C:\\Windows\\explorer.exe
`;

describe('rule examples (DET-6)', () => {
  it(`reads examples from ${RULE_TESTS_KEY} and checks must-match and must-not-match`, () => {
    const { rules } = loadRules([detection]);
    expect(rules[0]!.tests).toMatchObject({ match: [expect.any(Object)], noMatch: [expect.any(Object)] });
    const result = testRule(rules[0]!);
    expect(result.passed).toBe(true);
    expect(result.cases.map((c) => [c.expect, c.passed])).toEqual([
      ['match', true],
      ['no-match', true],
    ]);
  });

  it('fails a case with a reason when the rule disagrees with its example', () => {
    const wrong = detection.replace("ParentImage|endswith: '\\w3wp.exe'", "ParentImage|endswith: '\\httpd.exe'");
    const result = testRule(loadRules([wrong]).rules[0]!);
    expect(result.passed).toBe(false);
    expect(result.cases[0]).toMatchObject({
      expect: 'match',
      passed: false,
      detail: 'the rule did not match this example',
    });
  });

  it('tests a correlation on event sequences, with the referenced rules from the same set', () => {
    const texts = [
      'title: failed\nname: failed\nlogsource: {category: test}\ndetection: {s: {action: failed}, condition: s}\n',
      `title: burst
correlation: {type: event_count, rules: [failed], group-by: [user.name], timespan: 1m, condition: {gte: 3}}
x-mamori-tests:
  match:
    - - {event.category: test, action: failed, user.name: a, '@timestamp': 1000}
      - {event.category: test, action: failed, user.name: a, '@timestamp': 2000}
      - {event.category: test, action: failed, user.name: a, '@timestamp': 3000}
  no-match:
    - - {event.category: test, action: failed, user.name: a, '@timestamp': 1000}
      - {event.category: test, action: failed, user.name: b, '@timestamp': 2000}
      - {event.category: test, action: failed, user.name: a, '@timestamp': 300000}
`,
    ];
    const results = testRules(loadRules(texts).rules);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ title: 'burst', passed: true });
  });

  it('rejects a malformed examples block at load time', () => {
    const bad = detection.replace('  no-match:', '  nomatch:');
    expect(loadRules([bad]).unsupported[0]?.reason).toMatch(/allows only "match" and "no-match"/);
  });
});
