/**
 * PAR-4, static half: no regular expression in the parsers may backtrack catastrophically. Hot paths use
 * hand-written scanners; the few regex literals left must not quantify a group that itself holds a
 * quantifier (`(a+)+`, `(\d*)*`, `(x+){2,}`) nor put two unbounded quantifiers over the same characters
 * side by side (`\d+\d+`, `.*.*`). The fuzz test covers the dynamic half.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = fileURLToPath(new URL('../src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** Regex literals: a `/…/flags` that follows `(`, `,`, `=`, `:` or `return`. */
function regexLiterals(code: string): string[] {
  const out: string[] = [];
  const re = /(?:[(,=:]|return)\s*\/((?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n[])+)\/[dgimsuy]*/g;
  for (const m of code.matchAll(re)) out.push(m[1]!);
  return out;
}

const NESTED = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]/;
const ADJACENT = /(\\d|\\w|\\s|\.|\[[^\]]*\])[+*]\1[+*]/;

describe('regular expressions in packages/parsers/src', () => {
  const all = sources(srcDir).flatMap((f) => regexLiterals(readFileSync(f, 'utf8')).map((r) => ({ f, r })));

  it('finds the literals it is meant to check', () => {
    expect(all.length).toBeGreaterThan(3);
  });

  it.each(all.map(({ f, r }) => [f.slice(srcDir.length + 1), r]))('%s: /%s/ has no nested or adjacent unbounded quantifiers', (_file, r) => {
    expect(NESTED.test(r)).toBe(false);
    expect(ADJACENT.test(r)).toBe(false);
  });

  it('the checker itself flags the classic catastrophic shapes', () => {
    for (const bad of ['(a+)+$', '(\\d*)*x', '(x+){2,}', '\\d+\\d+x', '.*.*=']) expect(NESTED.test(bad) || ADJACENT.test(bad), bad).toBe(true);
  });
});
