/**
 * What the rule set knows about a compiled predicate besides its result: how costly it is (to order AND / OR
 * operands) and its guard (to index rules by the values they need).
 */
import type { Part, StringTest } from '../modifiers/sigma-string.ts';
import type { EventView } from './event-view.ts';

export type Predicate = (view: EventView) => boolean;

/**
 * Rough relative cost of evaluating a predicate, so that AND/OR operands run cheapest first: a failing
 * `Image|endswith` then spares the `CommandLine|contains` scan of a long command line.
 */
const costs = new WeakMap<Predicate, number>();

export function costOf(p: Predicate): number {
  return costs.get(p) ?? 10;
}

export function withCost(p: Predicate, cost: number): Predicate {
  costs.set(p, cost);
  return p;
}

/**
 * A guard is a necessary condition of a predicate: a list of atoms of which at least one holds whenever the
 * predicate does. RuleSet indexes rules by their guard's atoms, so an event only evaluates the rules whose
 * guard one of its values satisfies (e.g. only the rules about `\\schtasks.exe` for a schtasks process).
 */
export interface GuardAtom {
  slot: number;
  /**
   * eq: the lower-cased value equals `text`; base: its last `\\` segment equals `text`; sub: it contains `text`.
   */
  kind: 'eq' | 'base' | 'sub';
  text: string;
}

const guards = new WeakMap<Predicate, GuardAtom[]>();

export function guardOf(p: Predicate): GuardAtom[] | undefined {
  return guards.get(p);
}

export function withGuard(p: Predicate, guard: GuardAtom[] | undefined): Predicate {
  if (guard !== undefined && guard.length > 0) guards.set(p, guard);
  return p;
}

export function atomFor(slot: number, parts: Part[], test: StringTest): GuardAtom | undefined {
  if (test.kind === 'equals') return { slot, kind: 'eq', text: test.text.toLowerCase() };
  if (test.kind === 'endswith') {
    const cut = test.text.lastIndexOf('\\');
    if (cut >= 0 && cut < test.text.length - 1) {
      return { slot, kind: 'base', text: test.text.slice(cut + 1).toLowerCase() };
    }
  }
  // Any other shape still needs its longest literal piece somewhere in the value.
  let longest = '';
  for (const p of parts) if (typeof p === 'string' && p.length > longest.length) longest = p;
  return longest === '' ? undefined : { slot, kind: 'sub', text: longest.toLowerCase() };
}

/** How much a guard narrows: exact and file-name atoms are sharp, short substrings barely filter. */
export function guardScore(guard: GuardAtom[]): number {
  let score = 0;
  for (const a of guard) score += a.kind === 'sub' ? (a.text.length < 4 ? 12 : 3) : 1;
  return score;
}

/** Fields that hold long free text; scanning them costs more than a path or a name. */
export const LONG_TEXT_FIELD = /commandline|scriptblock|payload|details|message|data|contextinfo|hostapplication/i;

export function patternCost(kind: StringTest['kind']): number {
  return kind === 'equals' || kind === 'any'
    ? 1
    : kind === 'startswith' || kind === 'endswith'
      ? 1.5
      : kind === 'contains'
        ? 4
        : 15;
}
