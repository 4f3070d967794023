/**
 * Imported YAML files → one stored document per rule. Sigma files may bundle several rules with `---`
 * (a correlation and the rules it counts); each is kept as its own text so it can be enabled, replaced and
 * shown on its own, and re-read with `loadRules` when a tenant's rule set is compiled.
 */
import { loadRules, type SigmaRule } from '@mamori/sigma';
import { parseAllDocuments } from 'yaml';

export interface RuleFile {
  /** File name (for messages). */
  name: string;
  text: string;
}

export interface RuleDocument {
  /** Sigma `id`, else `name`: what the API, tuning and alerts call the rule. */
  uid: string;
  source: string;
  text: string;
  rule: SigmaRule;
}

export interface RejectedDocument {
  source: string;
  id: string | undefined;
  reason: string;
}

/** Reads one stored (or built-in) rule text; the uid is the source label so that id-less rules keep their name. */
export function loadRuleDocument(uid: string, text: string): SigmaRule | { error: string } {
  const loaded = loadRules([{ source: uid, text }]);
  const first = loaded.unsupported[0];
  if (first) return { error: first.reason };
  const rule = loaded.rules[0];
  if (!rule || loaded.rules.length > 1) return { error: 'expected exactly one rule in the document' };
  return rule;
}

export function splitRuleFile(file: RuleFile): { documents: RuleDocument[]; rejected: RejectedDocument[] } {
  const documents: RuleDocument[] = [];
  const rejected: RejectedDocument[] = [];
  const docs = parseAllDocuments(file.text);
  const list = Array.isArray(docs) ? docs : [docs];
  list.forEach((doc, index) => {
    const source = list.length > 1 ? `${file.name}#${index}` : file.name;
    const text = file.text.slice(doc.range[0], doc.range[2]).replace(/^---[^\n]*\n/, '');
    if (text.trim() === '' || doc.contents === null) return;
    if (doc.errors.length > 0) {
      rejected.push({ source, id: undefined, reason: `YAML syntax: ${doc.errors[0]!.message.split('\n')[0]!}` });
      return;
    }
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    const map = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
    const uid = typeof map['id'] === 'string' ? map['id'] : typeof map['name'] === 'string' ? map['name'] : undefined;
    if (uid === undefined) {
      rejected.push({ source, id: undefined, reason: 'a stored rule needs an "id" (a UUID) or a "name"' });
      return;
    }
    if (uid.length > 200 || /[\s/?#]/.test(uid)) {
      rejected.push({ source, id: uid, reason: 'the rule id must be at most 200 characters, without spaces, "/", "?" or "#"' });
      return;
    }
    const rule = loadRuleDocument(uid, text);
    if ('error' in rule) rejected.push({ source, id: uid, reason: rule.error });
    else documents.push({ uid, source, text, rule });
  });
  return { documents, rejected };
}
