/**
 * YAML texts → validated rules. Every document is read on its own; a bad one lands in `unsupported` with the
 * reason and never stops the others. Detection rules are test-compiled here, so "loaded" means "will run".
 */
import { compileDetection } from '../compile/detection-compiler.ts';
import { FieldSlots } from '../compile/event-view.ts';
import { SigmaRuleError } from '../errors.ts';
import { candidateKeys } from '../mapping/field-mapping.ts';
import { planLogsource } from '../mapping/logsource-matching.ts';
import type { LoadResult, SigmaDetectionRule, SigmaFilterRule, SigmaLogsource, SigmaRule } from '../types.ts';
import { parseYamlDocuments } from './parse-yaml.ts';
import { readCorrelation } from './read-correlation.ts';
import { isRecord, readMeta } from './read-meta.ts';

export interface RuleText {
  /** Where the text came from (file path, database id); used in messages and as a fallback id. */
  source: string;
  text: string;
}

function readLogsource(doc: Record<string, unknown>): SigmaLogsource {
  const raw = doc['logsource'];
  if (!isRecord(raw)) {
    throw new SigmaRuleError('"logsource" is required and must be a map (product / category / service)');
  }
  const ls: SigmaLogsource = {};
  for (const key of ['product', 'category', 'service', 'definition'] as const) {
    const v = raw[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') throw new SigmaRuleError(`logsource.${key} must be a string`);
    ls[key] = v;
  }
  return ls;
}

function readDetection(doc: Record<string, unknown>, source: string, fallbackId: string): SigmaDetectionRule {
  const meta = readMeta(doc, source, fallbackId);
  const detection = doc['detection'];
  if (!isRecord(detection)) throw new SigmaRuleError('"detection" must be a map of search identifiers and a condition');
  const condition = detection['condition'];
  const conditions = typeof condition === 'string' ? [condition] : condition;
  if (!Array.isArray(conditions) || conditions.length === 0 || !conditions.every((c) => typeof c === 'string')) {
    throw new SigmaRuleError('"detection.condition" is required (a string or a list of strings)');
  }
  return { ...meta, kind: 'detection', logsource: readLogsource(doc), detection, conditions: conditions };
}

/** Compiles once with default options to surface every modifier, condition and logsource error at load time. */
export function checkDetection(rule: SigmaDetectionRule): void {
  const plan = planLogsource(rule.logsource);
  const slots = new FieldSlots();
  compileDetection(rule.detection, rule.conditions, {
    slot: (field) => slots.slotFor(candidateKeys(field, plan.context)),
    placeholders: {},
    unknownPlaceholder: 'match-nothing',
  });
}

function readFilter(doc: Record<string, unknown>, source: string): SigmaFilterRule {
  const meta = readMeta(doc, source, source);
  const raw = doc['filter'];
  if (!isRecord(raw)) throw new SigmaRuleError('"filter" must be a map with rules, search identifiers and a condition');
  const refs = typeof raw['rules'] === 'string' ? [raw['rules']] : raw['rules'];
  if (!Array.isArray(refs) || refs.length === 0 || !refs.every((r) => typeof r === 'string')) {
    throw new SigmaRuleError('"filter.rules" must list the ids or names of the rules to filter');
  }
  const condition = raw['condition'];
  const conditions = typeof condition === 'string' ? [condition] : condition;
  if (!Array.isArray(conditions) || conditions.length === 0 || !conditions.every((c) => typeof c === 'string')) {
    throw new SigmaRuleError('"filter.condition" is required (a string or a list of strings)');
  }
  const detection = Object.fromEntries(Object.entries(raw).filter(([k]) => k !== 'rules' && k !== 'condition'));
  return {
    ...meta,
    kind: 'filter',
    logsource: readLogsource(doc),
    rules: refs,
    detection,
    conditions: conditions,
  };
}

function checkFilter(filter: SigmaFilterRule): void {
  const plan = planLogsource(filter.logsource);
  const slots = new FieldSlots();
  compileDetection(filter.detection, filter.conditions, {
    slot: (field) => slots.slotFor(candidateKeys(field, plan.context)),
    placeholders: {},
    unknownPlaceholder: 'match-nothing',
  });
}

export function loadRules(inputs: ReadonlyArray<RuleText | string>): LoadResult {
  const result: LoadResult = { rules: [], unsupported: [] };
  inputs.forEach((input, n) => {
    const { source, text } = typeof input === 'string' ? { source: `rule-${n}`, text: input } : input;
    const docs = parseYamlDocuments(text);
    for (const doc of docs) {
      const where = docs.length > 1 ? `${source}#${doc.index}` : source;
      if (doc.error !== undefined) {
        result.unsupported.push({ id: where, source: where, reason: doc.error });
        continue;
      }
      if (doc.value === null || doc.value === undefined) continue;
      const value = doc.value;
      const id = isRecord(value) && typeof value['id'] === 'string' ? value['id'] : where;
      try {
        if (!isRecord(value)) throw new SigmaRuleError('a rule document must be a YAML map');
        let rule: SigmaRule;
        if ('correlation' in value) rule = readCorrelation(value, readMeta(value, where, where));
        else if ('detection' in value) {
          rule = readDetection(value, where, where);
          checkDetection(rule);
        } else if ('filter' in value) {
          rule = readFilter(value, where);
          checkFilter(rule);
        } else if (value['action'] === 'global' || value['action'] === 'reset' || value['action'] === 'repeat') {
          throw new SigmaRuleError(
            '"action: global/reset/repeat" collections are Sigma 1 syntax; split them into rules',
          );
        } else throw new SigmaRuleError('neither "detection" nor "correlation": this is not a Sigma rule');
        result.rules.push(rule);
      } catch (e) {
        const reason = e instanceof SigmaRuleError ? e.message : `internal error: ${String(e)}`;
        result.unsupported.push({ id, source: where, reason });
      }
    }
  });
  return result;
}
