/** Turns compiled string patterns into one fast `(text) => boolean`, grouped by kind. */
import type { StringTest } from '../modifiers/sigma-string.ts';

export type TextTest = (text: string) => boolean;

export function singleTest(test: StringTest): TextTest {
  switch (test.kind) {
    case 'equals': {
      const t = test.text;
      return (s) => s === t;
    }
    case 'contains': {
      const t = test.text;
      return (s) => s.includes(t);
    }
    case 'startswith': {
      const t = test.text;
      return (s) => s.startsWith(t);
    }
    case 'endswith': {
      const t = test.text;
      return (s) => s.endsWith(t);
    }
    case 'any':
      return () => true;
    case 'regex': {
      const re = test.re;
      return (s) => re.test(s);
    }
  }
}

/** OR of many patterns: equality through a Set, the rest as tight loops over precomputed needles. */
export function anyOfTests(tests: StringTest[]): TextTest {
  if (tests.length === 1) return singleTest(tests[0]!);
  const equals = new Set<string>();
  const contains: string[] = [];
  const starts: string[] = [];
  const ends: string[] = [];
  const others: TextTest[] = [];
  for (const t of tests) {
    switch (t.kind) {
      case 'equals':
        equals.add(t.text);
        break;
      case 'contains':
        contains.push(t.text);
        break;
      case 'startswith':
        starts.push(t.text);
        break;
      case 'endswith':
        ends.push(t.text);
        break;
      case 'any':
        return () => true;
      case 'regex':
        others.push(singleTest(t));
        break;
    }
  }
  const checks: TextTest[] = [];
  if (equals.size === 1) {
    const only = [...equals][0]!;
    checks.push((s) => s === only);
  } else if (equals.size > 1) checks.push((s) => equals.has(s));
  if (contains.length > 0) checks.push(loop(contains, (s, n) => s.includes(n)));
  if (starts.length > 0) checks.push(loop(starts, (s, n) => s.startsWith(n)));
  if (ends.length > 0) checks.push(loop(ends, (s, n) => s.endsWith(n)));
  checks.push(...others);
  if (checks.length === 1) return checks[0]!;
  return (s) => {
    for (const c of checks) if (c(s)) return true;
    return false;
  };
}

function loop(needles: string[], hit: (s: string, needle: string) => boolean): TextTest {
  if (needles.length === 1) {
    const n = needles[0]!;
    return (s) => hit(s, n);
  }
  return (s) => {
    for (const n of needles) if (hit(s, n)) return true;
    return false;
  };
}
