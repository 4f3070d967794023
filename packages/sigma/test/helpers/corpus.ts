/** Paths into the shared test corpus (never copied into the repository) and rule-file loading. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRules, type LoadResult } from '../../src/index.ts';

export const CORPUS = fileURLToPath(new URL('../../../../../shared/corpus/', import.meta.url));
export const SIGMA_CORPUS = join(CORPUS, 'sigma');
export const RULE_DIRS = ['rules', 'rules-emerging-threats', 'rules-threat-hunting'];

export function walk(dir: string, pattern: RegExp, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, pattern, out);
    else if (pattern.test(name)) out.push(path);
  }
  return out;
}

let cached: LoadResult | undefined;

/** Every SigmaHQ rule in the corpus, loaded once per test file. */
export function loadCorpusRules(): LoadResult {
  if (cached) return cached;
  const files = RULE_DIRS.flatMap((d) => walk(join(SIGMA_CORPUS, d), /\.ya?ml$/));
  cached = loadRules(files.map((f) => ({ source: relative(SIGMA_CORPUS, f), text: readFileSync(f, 'utf8') })));
  return cached;
}
