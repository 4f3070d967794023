import { describe, expect, it } from 'vitest';
import { compileRuleSet, loadRules } from '../src/index.ts';
import { specExample } from './helpers/correlation-stream.ts';

const rar = `title: Data compressed with rar
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
logsource: {product: windows, category: process_creation}
detection:
  selection: {Image|endswith: '\\rar.exe'}
  condition: selection
`;
const event = (user: string): Record<string, string> => ({
  'winlog.channel': 'Microsoft-Windows-Sysmon/Operational',
  'winlog.event_id': '1',
  'winlog.event_data.Image': 'C:\\Tools\\rar.exe',
  'winlog.event_data.User': user,
});

describe('Sigma meta-filters', () => {
  it('AND the filter condition onto the rules it names (not selection drops the known-good account)', () => {
    const filter = `title: Filter admin accounts
logsource: {product: windows, category: process_creation}
filter:
  rules: [6f3e2987-db24-4c78-a860-b4f4095a7095]
  selection: {User|startswith: 'adm_'}
  condition: not selection
`;
    const set = compileRuleSet(loadRules([rar, filter]).rules);
    expect(set.match(event('adm_backup'))).toHaveLength(0);
    expect(set.match(event('alice'))).toHaveLength(1);
    expect(set.filterRules).toHaveLength(1);
  });

  it('loads the specification example filter and leaves rules it does not name alone', () => {
    const loaded = loadRules([rar, specExample('tests/schema/filter/filter_1.yml')]);
    expect(loaded.unsupported).toEqual([]);
    const set = compileRuleSet(loaded.rules);
    // The example's condition is `selection`: the rule now only matches adm_ accounts.
    expect(set.match(event('adm_x'))).toHaveLength(1);
    expect(set.match(event('alice'))).toHaveLength(0);
  });

  it('reports a filter without rules or condition', () => {
    const bad = 'title: f\nlogsource: {product: windows}\nfilter: {selection: {A: 1}, condition: selection}\n';
    expect(loadRules([bad]).unsupported[0]?.reason).toMatch(/filter.rules/);
  });
});
