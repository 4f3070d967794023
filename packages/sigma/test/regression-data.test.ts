/**
 * SigmaHQ's regression tests: for each regression_data/**\/info.yml, the rule must match its own events
 * `match_count` times (README: exact everywhere except four tests where the correct count is higher).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileRuleSet } from '../src/index.ts';
import { SIGMA_CORPUS, loadCorpusRules, walk } from './helpers/corpus.ts';
import { parseJsonLog, splitConcatenatedJson } from './helpers/parse-events.ts';

/** README table: match_count is a lower bound and the correct engine finds this many. */
const HIGHER_THAN_MATCH_COUNT: Record<string, number> = {
  '0b9ad457-2554-44c1-82c2-d56a99c42377': 3,
  '8fbf3271-1ef6-4e94-8210-03c2317947f6': 3,
  '45e112d0-7759-4c2a-aa36-9f8fb79d3393': 3,
  'c7dcacd0-cc59-4004-b0a4-1d6cdebe6f3e': 2,
};

interface Info {
  rule_metadata: Array<{ id: string }>;
  regression_tests_info?: Array<{ type: string; match_count?: number; path: string }>;
}

const cases = walk(join(SIGMA_CORPUS, 'regression_data'), /^info\.yml$/).flatMap((file) => {
  const info = parse(readFileSync(file, 'utf8')) as Info;
  const id = info.rule_metadata[0]!.id;
  return (info.regression_tests_info ?? []).map((t) => ({
    id,
    expected: t.match_count,
    json: join(dirname(file), `${id}.json`),
    dir: dirname(file).slice(SIGMA_CORPUS.length),
  }));
});

describe('SigmaHQ regression_data', () => {
  const set = compileRuleSet(loadCorpusRules().rules);

  it('has the 202 active tests the README lists', () => {
    expect(cases).toHaveLength(202);
  });

  const results = cases.map((c) => {
    const events = splitConcatenatedJson(readFileSync(c.json, 'utf8')).map(parseJsonLog);
    const count = events.filter((e) => set.match(e).some((m) => m.id === c.id)).length;
    return { ...c, count };
  });

  it('gives every rule its expected match count on its own events', () => {
    const failures = results
      .filter((r) => {
        const want = HIGHER_THAN_MATCH_COUNT[r.id] ?? r.expected;
        return want === undefined ? r.count < 1 : r.count !== want;
      })
      .map((r) => `${r.dir}: ${r.count} (expected ${HIGHER_THAN_MATCH_COUNT[r.id] ?? r.expected ?? '≥1'})`);
    expect(failures).toEqual([]);
  });
});
