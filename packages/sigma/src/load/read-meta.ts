import { SigmaRuleError } from '../errors.ts';
import type { RuleTests, SigmaLevel, SigmaRuleMeta } from '../types.ts';

const LEVELS = new Set<SigmaLevel>(['informational', 'low', 'medium', 'high', 'critical']);

/** The key under which a rule carries its own must-match / must-not-match examples (DET-6). */
export const RULE_TESTS_KEY = 'x-mamori-tests';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(doc: Record<string, unknown>, key: string): string | undefined {
  const value = doc[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new SigmaRuleError(`"${key}" must be a string`);
  return value;
}

function stringList(doc: Record<string, unknown>, key: string): string[] {
  const value = doc[key];
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) throw new SigmaRuleError(`"${key}" must be a list`);
  return value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
}

function readTests(doc: Record<string, unknown>): RuleTests | undefined {
  const raw = doc[RULE_TESTS_KEY];
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw)) {
    throw new SigmaRuleError(`"${RULE_TESTS_KEY}" must be a map with "match" and/or "no-match" lists`);
  }
  const unknownKeys = Object.keys(raw).filter((k) => k !== 'match' && k !== 'no-match');
  if (unknownKeys.length > 0) {
    throw new SigmaRuleError(
      `"${RULE_TESTS_KEY}" allows only "match" and "no-match", not "${unknownKeys.join('", "')}"`,
    );
  }
  const list = (key: string): unknown[] => {
    const v = raw[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) throw new SigmaRuleError(`"${RULE_TESTS_KEY}.${key}" must be a list of events`);
    return v;
  };
  return { match: list('match'), noMatch: list('no-match') };
}

/** Metadata common to detection and correlation rules. `fallbackId` names rules that carry no id. */
export function readMeta(doc: Record<string, unknown>, source: string, fallbackId: string): SigmaRuleMeta {
  const title = optionalString(doc, 'title');
  if (title === undefined || title.trim() === '') throw new SigmaRuleError('"title" is required');
  const id = optionalString(doc, 'id') ?? fallbackId;
  const level = optionalString(doc, 'level');
  if (level !== undefined && !LEVELS.has(level as SigmaLevel)) {
    throw new SigmaRuleError(`"level" must be one of ${[...LEVELS].join(', ')}, not "${level}"`);
  }
  const meta: SigmaRuleMeta = {
    id,
    title,
    tags: stringList(doc, 'tags'),
    falsepositives: stringList(doc, 'falsepositives'),
    references: stringList(doc, 'references'),
    source,
  };
  const name = optionalString(doc, 'name');
  if (name !== undefined) meta.name = name;
  if (level !== undefined) meta.level = level as SigmaLevel;
  const status = optionalString(doc, 'status');
  if (status !== undefined) meta.status = status;
  const description = optionalString(doc, 'description');
  if (description !== undefined) meta.description = description;
  const author = optionalString(doc, 'author');
  if (author !== undefined) meta.author = author;
  const tests = readTests(doc);
  if (tests !== undefined) meta.tests = tests;
  return meta;
}
