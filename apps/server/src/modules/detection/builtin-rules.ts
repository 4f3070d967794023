/** DET-3 built-in rules: Sigma files shipped beside this module (builtin/*.yml), read once at start. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { splitRuleFile, type RejectedDocument, type RuleDocument } from './rule-documents.ts';

export const BUILTIN_DIR = fileURLToPath(new URL('./builtin/', import.meta.url));

export function loadBuiltinRules(dir = BUILTIN_DIR): { documents: RuleDocument[]; rejected: RejectedDocument[] } {
  const documents: RuleDocument[] = [];
  const rejected: RejectedDocument[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!/\.ya?ml$/.test(name)) continue;
    const split = splitRuleFile({ name: `builtin/${name}`, text: readFileSync(dir + name, 'utf8') });
    documents.push(...split.documents);
    rejected.push(...split.rejected);
  }
  return { documents, rejected };
}
