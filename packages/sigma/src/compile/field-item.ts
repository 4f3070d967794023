/**
 * One detection item — `Field|mod1|mod2: value(s)` or a keyword list — compiled to a predicate over an
 * EventView. All value preparation (wildcards, lower-casing, encodings, regexes, networks) happens here,
 * once per rule; the returned closure only reads the event.
 */
import { SigmaRuleError } from '../errors.ts';
import { compileCidr } from '../modifiers/cidr-modifier.ts';
import { base64, base64offset, utf16, windash, type TransformValue } from '../modifiers/encoding-modifiers.ts';
import { requiredLiteral } from '../modifiers/regex-literal.ts';
import { applyPosition, compilePattern, parseWildcards, type Position } from '../modifiers/sigma-string.ts';
import {
  NUMERIC_OPERATORS,
  REGEX_FLAGS,
  TIME_PARTS,
  compareNumber,
  compileRegex,
  expandPlaceholders,
  parseNumber,
  timePart,
  type NumericOperator,
  type TimePart,
} from '../modifiers/typed-modifiers.ts';
import { KEYWORD_SLOT, type EventView, type Resolved } from './event-view.ts';
import {
  LONG_TEXT_FIELD,
  atomFor,
  patternCost,
  withCost,
  withGuard,
  type GuardAtom,
  type Predicate,
} from './predicate-metadata.ts';
import { anyOfTests, singleTest, type TextTest } from './string-tests.ts';

export type { Predicate } from './predicate-metadata.ts';

export interface ItemContext {
  /** Slot for a Sigma field name in this rule's logsource context. */
  slot(field: string): number;
  placeholders: Record<string, string[]>;
  unknownPlaceholder: 'match-nothing' | 'reject';
}

const TRANSFORMS = new Set(['windash', 'base64', 'base64offset', 'utf16le', 'utf16be', 'utf16', 'wide']);
const POSITIONS = new Set(['contains', 'startswith', 'endswith']);
const FLAGS = new Set(['all', 'cased', 'neq', 'expand']);
const TYPES = new Set(['re', 'cidr', 'exists', 'fieldref', ...NUMERIC_OPERATORS, ...TIME_PARTS]);

interface Modifiers {
  position: Position;
  transforms: string[];
  all: boolean;
  cased: boolean;
  neq: boolean;
  expand: boolean;
  type?: string;
  regexFlags: Set<string>;
  numeric?: NumericOperator;
  time?: TimePart;
}

function readModifiers(names: string[]): Modifiers {
  const m: Modifiers = {
    position: 'exact',
    transforms: [],
    all: false,
    cased: false,
    neq: false,
    expand: false,
    regexFlags: new Set(),
  };
  for (const name of names) {
    if (POSITIONS.has(name)) {
      if (m.position !== 'exact') throw new SigmaRuleError(`modifiers |${m.position} and |${name} cannot be combined`);
      m.position = name as Position;
    } else if (TRANSFORMS.has(name)) m.transforms.push(name);
    else if (FLAGS.has(name)) m[name as 'all' | 'cased' | 'neq' | 'expand'] = true;
    else if (name in REGEX_FLAGS && m.type === 're') m.regexFlags.add(name);
    else if (TIME_PARTS.has(name)) {
      if (m.time !== undefined) {
        throw new SigmaRuleError(`only one time modifier per field, got |${m.time} and |${name}`);
      }
      m.time = name as TimePart;
    } else if (NUMERIC_OPERATORS.has(name)) {
      if (m.numeric !== undefined) {
        throw new SigmaRuleError(`only one of lt/lte/gt/gte per field, got |${m.numeric} and |${name}`);
      }
      m.numeric = name as NumericOperator;
    } else if (TYPES.has(name)) {
      if (m.type !== undefined) throw new SigmaRuleError(`modifiers |${m.type} and |${name} cannot be combined`);
      m.type = name;
    } else if (name in REGEX_FLAGS) throw new SigmaRuleError(`modifier |${name} is a regex flag and must follow |re`);
    else throw new SigmaRuleError(`unknown modifier |${name}`);
  }
  if (
    (m.type === 're' || m.type === 'cidr' || m.type === 'exists') &&
    (m.position !== 'exact' || m.transforms.length > 0)
  ) {
    throw new SigmaRuleError(`|${m.type} cannot be combined with contains/startswith/endswith or encodings`);
  }
  return m;
}

function toValueList(value: unknown): unknown[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new SigmaRuleError('a field must have at least one value');
  for (const v of list) {
    if (v !== null && typeof v === 'object') {
      throw new SigmaRuleError('field values must be strings, numbers, booleans or null');
    }
  }
  return list;
}

function asText(v: unknown): string {
  return typeof v === 'string' ? v : String(v);
}

/** Applies a text test to a resolved value: a list value matches when any element does. */
function onValue(value: Resolved, test: TextTest): boolean {
  if (value === undefined) return false;
  if (typeof value === 'string') return test(value);
  for (const v of value) if (test(v)) return true;
  return false;
}

/** Builds the per-value string tests (after transforms, expansion and position). Empty = matches nothing. */
function stringTests(
  values: string[],
  m: Modifiers,
  ctx: ItemContext,
  keyword: boolean,
  slot: number,
): { tests: TextTest[]; cost: number; guard?: GuardAtom[] } | 'unknown-placeholder' {
  let texts = values;
  if (m.expand) {
    const expanded: string[] = [];
    for (const t of texts) {
      const e = expandPlaceholders(t, ctx.placeholders);
      if (e === undefined) {
        if (ctx.unknownPlaceholder === 'reject') {
          throw new SigmaRuleError(`|expand: no values configured for the placeholder(s) in "${t}"`);
        }
        continue;
      }
      expanded.push(...e);
    }
    texts = expanded;
    if (texts.length === 0) return 'unknown-placeholder';
  }
  let items: TransformValue[] = texts.map((t) => ({ parts: parseWildcards(t), binary: false }));
  for (const name of m.transforms) {
    if (name === 'windash') items = items.flatMap(windash);
    else if (name === 'base64') items = items.map(base64);
    else if (name === 'base64offset') items = items.flatMap(base64offset);
    else items = items.map((v) => utf16(v, name as 'utf16le' | 'utf16be' | 'utf16' | 'wide'));
  }
  const position: Position = m.position === 'exact' && keyword ? 'contains' : m.position;
  const positioned = items.map((v) => applyPosition(v.parts, position));
  const patterns = positioned.map((parts) => compilePattern(parts, !m.cased));
  const equalities = patterns.filter((p) => p.kind === 'equals').length;
  const cost =
    (equalities > 0 ? 1 : 0) + patterns.reduce((sum, p) => sum + (p.kind === 'equals' ? 0 : patternCost(p.kind)), 0);
  const atoms = m.neq
    ? []
    : keyword
      ? positioned.map((parts, i) => {
          const a = atomFor(KEYWORD_SLOT, parts, patterns[i]!);
          return a && a.kind === 'sub' ? a : undefined;
        })
      : patterns.map((p, i) => atomFor(slot, positioned[i]!, p));
  const indexable = atoms.filter((a): a is GuardAtom => a !== undefined);
  if (m.all) {
    return { tests: patterns.map(singleTest), cost, ...(indexable.length > 0 ? { guard: [indexable[0]!] } : {}) };
  }
  const guard = indexable.length === patterns.length && indexable.length > 0 ? indexable : undefined;
  return { tests: [anyOfTests(patterns)], cost, ...(guard ? { guard } : {}) };
}

export function compileFieldItem(key: string, value: unknown, ctx: ItemContext): Predicate {
  const [field = '', ...modifierNames] = key.split('|');
  const m = readModifiers(modifierNames);
  const keyword = field === '';
  const values = toValueList(value);
  if (keyword && (m.type !== undefined || m.numeric || m.time)) {
    throw new SigmaRuleError(`keyword searches support only string modifiers, not |${m.type ?? m.numeric ?? m.time}`);
  }
  const slot = keyword ? -1 : ctx.slot(field);
  const read = (view: EventView): Resolved =>
    m.cased || m.type === 're' || m.type === 'cidr' ? view.raw(slot) : view.lower(slot);

  if (m.type === 'exists') {
    const expect = values[0];
    if (values.length !== 1 || (expect !== true && expect !== false && expect !== 'true' && expect !== 'false')) {
      throw new SigmaRuleError(`${field}|exists needs exactly one value, true or false`);
    }
    const want = expect === true || expect === 'true';
    return withCost((view) => view.exists(slot) === want, 0.5);
  }

  const nullWanted = values.includes(null);
  const nonNull = values.filter((v) => v !== null);
  if (nullWanted && keyword) throw new SigmaRuleError('a keyword list cannot contain null');
  const missing: Predicate = (view) => !view.exists(slot);
  if (nonNull.length === 0) return withCost(m.neq ? (view) => view.exists(slot) : missing, 0.5);

  let tests: TextTest[];
  let cost = 3;
  let guard: GuardAtom[] | undefined;
  let valueReader: (view: EventView) => Resolved = read;
  if (m.type === 'fieldref') {
    const refSlots = nonNull.map((v) => ctx.slot(asText(v)));
    const pos = m.position;
    const check = (a: string, b: string): boolean =>
      pos === 'contains'
        ? a.includes(b)
        : pos === 'startswith'
          ? a.startsWith(b)
          : pos === 'endswith'
            ? a.endsWith(b)
            : a === b;
    const perRef: Predicate[] = refSlots.map((refSlot) => (view) => {
      const other = m.cased ? view.raw(refSlot) : view.lower(refSlot);
      if (other === undefined) return false;
      const others = typeof other === 'string' ? [other] : other;
      return onValue(read(view), (s) => others.some((o) => check(s, o)));
    });
    const matched: Predicate = m.all ? (view) => perRef.every((p) => p(view)) : (view) => perRef.some((p) => p(view));
    return withCost(m.neq ? (view) => view.exists(slot) && !matched(view) : matched, 3 * refSlots.length);
  } else if (m.type === 're') {
    const atoms: Array<GuardAtom | undefined> = [];
    tests = nonNull.map((v) => {
      const re = compileRegex(asText(v), m.regexFlags);
      const literal = requiredLiteral(re.source);
      atoms.push(literal === undefined ? undefined : { slot, kind: 'sub', text: literal.toLowerCase() });
      // A value without the literal cannot match: skip the regex (and its backtracking) altogether.
      if (literal === undefined || (re.flags.includes('i') && literal.toLowerCase() !== literal.toUpperCase())) {
        return (s: string) => re.test(s);
      }
      return (s: string) => s.includes(literal) && re.test(s);
    });
    cost = 15 * tests.length;
    const known = atoms.filter((a): a is GuardAtom => a !== undefined);
    if (!m.neq && !nullWanted && known.length > 0 && (m.all || known.length === atoms.length)) {
      guard = m.all ? [known[0]!] : known;
    }
  } else if (m.type === 'cidr') {
    tests = nonNull.map((v) => compileCidr(asText(v)));
    cost = 4 * tests.length;
  } else if (m.numeric !== undefined || m.time !== undefined) {
    const numbers = nonNull.map((v) => {
      const n = parseNumber(asText(v));
      if (n === undefined) throw new SigmaRuleError(`${field}: "${asText(v)}" is not a number`);
      return n;
    });
    const time = m.time;
    const op = m.numeric;
    const toNumber = time ? (s: string) => timePart(s, time) : parseNumber;
    valueReader = (view) => view.raw(slot);
    tests = numbers.map((limit) => {
      const cmp = op ? compareNumber(op, limit) : (n: number) => n === limit;
      return (s: string) => {
        const n = toNumber(s);
        return n !== undefined && cmp(n);
      };
    });
  } else {
    const result = stringTests(nonNull.map(asText), m, ctx, keyword, slot);
    if (result === 'unknown-placeholder') return withCost(() => false, 0);
    tests = result.tests;
    cost = result.cost;
    if (!nullWanted) guard = result.guard;
  }
  if (keyword) cost *= 20;
  else if (LONG_TEXT_FIELD.test(field)) cost *= 3;

  let matched: Predicate;
  if (keyword) {
    const cased = m.cased;
    const one =
      (test: TextTest): Predicate =>
      (view) => {
        for (const text of view.keywords(cased)) if (test(text)) return true;
        return false;
      };
    const preds = tests.map(one);
    matched =
      preds.length === 1
        ? preds[0]!
        : m.all
          ? (view) => preds.every((p) => p(view))
          : (view) => preds.some((p) => p(view));
    return withGuard(withCost(m.neq ? (view) => !matched(view) : matched, cost), m.neq ? undefined : guard);
  }
  if (tests.length === 1 && valueReader === read && !m.cased && m.type === undefined) {
    // The common case, kept free of indirections: one lower-cased field, one combined test.
    const test = tests[0]!;
    matched = (view) => {
      const v = view.lower(slot);
      if (typeof v === 'string') return test(v);
      return v !== undefined && onValue(v, test);
    };
  } else if (tests.length === 1) {
    const test = tests[0]!;
    matched = (view) => onValue(valueReader(view), test);
  } else if (m.all) {
    matched = (view) => {
      const v = valueReader(view);
      for (const t of tests) if (!onValue(v, t)) return false;
      return true;
    };
  } else {
    matched = (view) => {
      const v = valueReader(view);
      for (const t of tests) if (onValue(v, t)) return true;
      return false;
    };
  }
  if (nullWanted) {
    const inner = matched;
    matched = (view) => missing(view) || inner(view);
  }
  if (m.neq) {
    const inner = matched;
    return withCost((view) => view.exists(slot) && !inner(view), cost);
  }
  return withGuard(withCost(matched, cost), guard);
}
