/** A rule's `detection:` section → one predicate: search identifiers compiled once, condition wired over them. */
import { identifiersForPattern, parseCondition, type ConditionNode } from '../condition/condition-parser.ts';
import { SigmaRuleError } from '../errors.ts';
import { isRecord } from '../load/read-meta.ts';
import { compileFieldItem, type ItemContext } from './field-item.ts';
import {
  costOf,
  guardOf,
  guardScore,
  withCost,
  withGuard,
  type GuardAtom,
  type Predicate,
} from './predicate-metadata.ts';

const totalCost = (preds: Predicate[]): number => preds.reduce((sum, p) => sum + costOf(p), 0);
const cheapestFirst = (preds: Predicate[]): Predicate[] => [...preds].sort((a, b) => costOf(a) - costOf(b));

/** Any operand's guard is necessary for an AND: take the narrowest. */
function andGuard(operands: Predicate[]): GuardAtom[] | undefined {
  let best: GuardAtom[] | undefined;
  for (const p of operands) {
    const g = guardOf(p);
    if (g && (!best || guardScore(g) < guardScore(best))) best = g;
  }
  return best;
}

/** An OR is guarded only when every operand is. */
function orGuard(operands: Predicate[]): GuardAtom[] | undefined {
  const all: GuardAtom[] = [];
  for (const p of operands) {
    const g = guardOf(p);
    if (!g) return undefined;
    all.push(...g);
  }
  return all;
}

/** AND/OR are pure, so operands may run in any order: cheapest first. */
function and(operands: Predicate[]): Predicate {
  if (operands.length === 1) return operands[0]!;
  return withGuard(withCost(andInOrder(cheapestFirst(operands)), totalCost(operands)), andGuard(operands));
}

function or(operands: Predicate[]): Predicate {
  if (operands.length === 1) return operands[0]!;
  return withGuard(withCost(orInOrder(cheapestFirst(operands)), totalCost(operands)), orGuard(operands));
}

function andInOrder(preds: Predicate[]): Predicate {
  if (preds.length === 2) {
    const [a, b] = preds as [Predicate, Predicate];
    return (v) => a(v) && b(v);
  }
  return (v) => {
    for (const p of preds) if (!p(v)) return false;
    return true;
  };
}

function orInOrder(preds: Predicate[]): Predicate {
  if (preds.length === 2) {
    const [a, b] = preds as [Predicate, Predicate];
    return (v) => a(v) || b(v);
  }
  return (v) => {
    for (const p of preds) if (p(v)) return true;
    return false;
  };
}

function compileMap(map: Record<string, unknown>, ctx: ItemContext, name: string): Predicate {
  const entries = Object.entries(map);
  if (entries.length === 0) throw new SigmaRuleError(`search identifier "${name}" is an empty map`);
  return and(
    entries.map(([key, value]) => {
      try {
        return compileFieldItem(key, value, ctx);
      } catch (e) {
        if (e instanceof SigmaRuleError) throw new SigmaRuleError(`${name}.${key}: ${e.message}`);
        throw e;
      }
    }),
  );
}

function compileSearchIdentifier(name: string, body: unknown, ctx: ItemContext): Predicate {
  if (isRecord(body)) return compileMap(body, ctx, name);
  if (Array.isArray(body)) {
    if (body.length === 0) throw new SigmaRuleError(`search identifier "${name}" is an empty list`);
    const keywords = body.filter((item) => !isRecord(item));
    const maps = body.filter(isRecord);
    const preds = maps.map((m) => compileMap(m, ctx, name));
    if (keywords.length > 0) {
      if (keywords.some((k) => k === null || typeof k === 'object')) {
        throw new SigmaRuleError(`search identifier "${name}": a keyword list holds strings or numbers only`);
      }
      preds.push(compileFieldItem('', keywords, ctx));
    }
    return or(preds);
  }
  if (typeof body === 'string' || typeof body === 'number') return compileFieldItem('', [body], ctx);
  throw new SigmaRuleError(`search identifier "${name}" must be a map, a list of maps or a list of keywords`);
}

export function compileDetection(
  detection: Record<string, unknown>,
  conditions: string[],
  ctx: ItemContext,
): Predicate {
  const identifiers = Object.keys(detection).filter((k) => k !== 'condition');
  if (identifiers.includes('timeframe')) {
    throw new SigmaRuleError(
      '"timeframe" belongs to the obsolete aggregation syntax; write a correlation rule instead',
    );
  }
  const compiled = new Map<string, Predicate>();
  const get = (name: string): Predicate => {
    let p = compiled.get(name);
    if (!p) {
      if (!(name in detection) || name === 'condition') {
        throw new SigmaRuleError(`condition refers to "${name}", which the detection does not define`);
      }
      p = compileSearchIdentifier(name, detection[name], ctx);
      compiled.set(name, p);
    }
    return p;
  };
  const build = (node: ConditionNode): Predicate => {
    switch (node.kind) {
      case 'ref':
        return get(node.name);
      case 'not': {
        const inner = build(node.operand);
        return withCost((v) => !inner(v), costOf(inner));
      }
      case 'and':
        return and(node.operands.map(build));
      case 'or':
        return or(node.operands.map(build));
      case 'of': {
        const names = identifiersForPattern(node.pattern, identifiers);
        if (names.length === 0) {
          throw new SigmaRuleError(`"${node.count} of ${node.pattern}" matches no search identifier`);
        }
        const preds = names.map(get);
        if (node.count === 'all') return and(preds);
        if (node.count === 1) return or(preds);
        const need = node.count;
        const guarded = withGuard((v: Parameters<Predicate>[0]) => {
          let hits = 0;
          for (const p of preds) if (p(v) && ++hits >= need) return true;
          return false;
        }, orGuard(preds));
        return withCost(guarded, totalCost(preds));
      }
    }
  };
  const roots = conditions.map((c) => build(parseCondition(c)));
  // Identifiers the condition never names are still checked, so that a typo in them is reported.
  for (const name of identifiers) get(name);
  return or(roots);
}
