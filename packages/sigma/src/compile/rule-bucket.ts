/**
 * The rules that share one index position (a Windows channel + EventID, or one non-Windows logsource),
 * split by guard: unguarded rules always run, guarded rules only when one of the event's values hits their
 * guard (see GuardAtom). Candidates found through several atoms run once (per-rule generation stamp).
 */
import type { MatchedRule } from '../types.ts';
import { KEYWORD_SLOT, type EventView } from './event-view.ts';
import type { GuardAtom, Predicate } from './predicate-metadata.ts';
import { SubstringAutomaton } from './substring-automaton.ts';

export interface IndexedRule {
  predicate: Predicate;
  match: MatchedRule;
  guard?: GuardAtom[];
  /** Lower-cased EventType the event must carry (Sysmon 12 registry_add / registry_delete). */
  eventType?: string;
  /** Generation of the last event this rule was considered for (dedupes multi-atom hits). */
  seen: number;
}

interface Probe {
  slot: number;
  kind: GuardAtom['kind'];
  rules: Map<string, IndexedRule[]>;
  /** For `sub` probes: built on first use over the keys of `rules`, with their rule lists by needle id. */
  automaton?: SubstringAutomaton;
  byNeedle?: IndexedRule[][];
  /**
   * For `sub` probes with few needles: one case-insensitive alternation regex. V8's regex engine rejects a value
   * several times faster than a JavaScript automaton can walk it, and most values contain no needle at all.
   */
  prefilter?: RegExp;
  /** Length of the shortest needle: shorter values cannot contain any and skip the scan. */
  minLength?: number;
  /** Lengths of the needles (exact probes skip values of other lengths without lower-casing them). */
  lengths?: Set<number>;
}

/** Above this many needles an alternation regex stops paying for itself; the automaton scans directly. */
const PREFILTER_MAX_NEEDLES = 300;

interface SubstringMatcher {
  automaton: SubstringAutomaton;
  prefilter?: RegExp;
}

/**
 * Automata shared by needle set across the buckets of one rule set: process_creation rules sit in both the
 * Sysmon 1 and the Security 4688 bucket with the same substrings, and an automaton's tables are the largest
 * thing the engine holds.
 */
export class SubstringMatcherCache {
  private readonly bySignature = new Map<string, SubstringMatcher>();

  get(needles: string[]): SubstringMatcher {
    const signature = needles.join('\u0000');
    let m = this.bySignature.get(signature);
    if (!m) {
      m = { automaton: new SubstringAutomaton(needles) };
      if (needles.length <= PREFILTER_MAX_NEEDLES) {
        m.prefilter = new RegExp(needles.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');
      }
      this.bySignature.set(signature, m);
    }
    return m;
  }
}

export class RuleBucket {
  private readonly always: IndexedRule[] = [];
  private readonly probes: Probe[] = [];

  constructor(private readonly matchers: SubstringMatcherCache) {}

  add(rule: IndexedRule): void {
    if (!rule.guard) {
      this.always.push(rule);
      return;
    }
    for (const atom of rule.guard) {
      let probe = this.probes.find((p) => p.slot === atom.slot && p.kind === atom.kind);
      if (!probe) {
        probe = { slot: atom.slot, kind: atom.kind, rules: new Map() };
        this.probes.push(probe);
      }
      const list = probe.rules.get(atom.text);
      if (list) {
        if (!list.includes(rule)) list.push(rule);
      } else probe.rules.set(atom.text, [rule]);
      delete probe.automaton;
      delete probe.prefilter;
      delete probe.lengths;
    }
  }

  get size(): number {
    const guarded = new Set<IndexedRule>();
    for (const p of this.probes) for (const list of p.rules.values()) for (const r of list) guarded.add(r);
    return this.always.length + guarded.size;
  }

  /** Appends to `out` every rule this event has to be evaluated against (closure-free: this runs per event). */
  candidates(view: EventView, generation: number, out: IndexedRule[]): void {
    for (let i = 0; i < this.always.length; i++) out.push(this.always[i]!);
    for (let i = 0; i < this.probes.length; i++) {
      const probe = this.probes[i]!;
      if (probe.slot === KEYWORD_SLOT) {
        this.prepare(probe);
        if (probe.prefilter !== undefined && !view.someKeywordValue(probe.prefilter, probe.minLength ?? 0)) continue;
      }
      // Probes read raw values: the automaton and the prefilter fold case themselves, and exact probes
      // lower-case only values whose length can match (or only the file name, for `base`).
      const value = probe.slot === KEYWORD_SLOT ? view.keywordValues() : view.raw(probe.slot);
      if (value === undefined) continue;
      if (typeof value === 'string') this.hit(probe, value, generation, out);
      else for (const v of value) this.hit(probe, v, generation, out);
    }
  }

  private prepare(probe: Probe): void {
    if (probe.lengths) return;
    // Sorted, so that buckets with the same needles share one automaton.
    const needles = [...probe.rules.keys()].sort();
    probe.lengths = new Set(needles.map((n) => n.length));
    if (probe.kind !== 'sub') return;
    const matcher = this.matchers.get(needles);
    probe.automaton = matcher.automaton;
    probe.byNeedle = needles.map((n) => probe.rules.get(n)!);
    probe.minLength = Math.min(...needles.map((n) => n.length));
    if (matcher.prefilter) probe.prefilter = matcher.prefilter;
  }

  private hit(probe: Probe, value: string, generation: number, out: IndexedRule[]): void {
    if (probe.kind === 'sub') {
      this.prepare(probe);
      if (value.length < probe.minLength! || (probe.prefilter !== undefined && !probe.prefilter.test(value))) return;
      const found = scratch;
      found.length = 0;
      probe.automaton!.scan(value, found);
      for (let i = 0; i < found.length; i++) emit(probe.byNeedle![found[i]!]!, generation, out);
      return;
    }
    this.prepare(probe);
    const text = probe.kind === 'eq' ? value : value.slice(value.lastIndexOf('\\') + 1);
    // Lower-casing keeps the length except for U+0130 (İ → i̇), so other lengths cannot match.
    if (!probe.lengths!.has(text.length) && !text.includes('\u0130')) return;
    const list = probe.rules.get(text.toLowerCase());
    if (list !== undefined) emit(list, generation, out);
  }
}

const scratch: number[] = [];

function emit(list: IndexedRule[], generation: number, out: IndexedRule[]): void {
  for (let i = 0; i < list.length; i++) {
    const r = list[i]!;
    if (r.seen === generation) continue;
    r.seen = generation;
    out.push(r);
  }
}
