/**
 * Aho–Corasick as a full DFA over a compact alphabet: one pass over a field value finds every guard substring
 * it contains, at a couple of nanoseconds per character, however many rules contribute substrings.
 * Needles are lower-case and the scan folds case itself (upper-case letters share their lower-case class),
 * so values need not be lower-cased just to be scanned. The automaton covers ASCII needles only: SigmaHQ's
 * command-line rules carry hundreds of emoji and other non-ASCII needles, and one class per distinct
 * character would blow the transition table up a hundredfold. Those needles go through a case-insensitive
 * alternation regex and, when it hits, an `includes` per needle.
 */
export class SubstringAutomaton {
  private readonly ascii = new Int32Array(128);
  private readonly otherNeedles: string[] = [];
  private readonly otherIds: number[] = [];
  private readonly otherPrefilter: RegExp | undefined;
  private readonly alphabet: number;
  /**
   * Transitions: delta[state * alphabet + class] = next state, stored as `~next` (negative) when the next
   * state recognises a needle, so the scan loop tests a sign instead of loading output tables per character.
   */
  private readonly delta: Int32Array;
  /** Needle ids recognised on entering each state (own and via failure links), flattened: ids[start[s]..start[s+1]). */
  private readonly outStart: Int32Array;
  private readonly outIds: Int32Array;

  constructor(needles: readonly string[]) {
    // Class 0 = any character no needle uses: it always leads back to the root.
    let classes = 1;
    const classOf = (code: number): number => {
      if (this.ascii[code] === 0) {
        this.ascii[code] = classes++;
        if (code >= 97 && code <= 122) this.ascii[code - 32] = this.ascii[code]!;
      }
      return this.ascii[code]!;
    };
    const trie: Array<Map<number, number>> = [new Map<number, number>()];
    const own: Array<number[] | undefined> = [undefined];
    needles.forEach((needle, id) => {
      if (/[^\x00-\x7f]/.test(needle)) {
        this.otherNeedles.push(needle.toLowerCase());
        this.otherIds.push(id);
        return;
      }
      let state = 0;
      for (let i = 0; i < needle.length; i++) {
        const cls = classOf(needle.charCodeAt(i));
        let next = trie[state]!.get(cls);
        if (next === undefined) {
          next = trie.length;
          trie.push(new Map<number, number>());
          own.push(undefined);
          trie[state]!.set(cls, next);
        }
        state = next;
      }
      (own[state] ??= []).push(id);
    });
    this.alphabet = classes;
    this.otherPrefilter =
      this.otherNeedles.length === 0
        ? undefined
        : new RegExp(this.otherNeedles.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');
    const states = trie.length;
    const delta = new Int32Array(states * classes);
    const outputs = new Array<number[] | undefined>(states);
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (let cls = 0; cls < classes; cls++) {
      const next = trie[0]!.get(cls);
      if (next !== undefined) {
        delta[cls] = next;
        queue.push(next);
      }
    }
    outputs[0] = own[0];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      const f = fail[state]!;
      const inherited = outputs[f];
      const mine = own[state];
      outputs[state] = mine && inherited ? [...mine, ...inherited] : (mine ?? inherited);
      for (let cls = 0; cls < classes; cls++) {
        const next = trie[state]!.get(cls);
        if (next !== undefined) {
          fail[next] = delta[f * classes + cls]!;
          delta[state * classes + cls] = next;
          queue.push(next);
        } else {
          delta[state * classes + cls] = delta[f * classes + cls]!;
        }
      }
    }
    for (let i = 0; i < delta.length; i++) if (outputs[delta[i]!] !== undefined) delta[i] = ~delta[i]!;
    this.delta = delta;
    this.outStart = new Int32Array(states + 1);
    const ids: number[] = [];
    for (let st = 0; st < states; st++) {
      this.outStart[st] = ids.length;
      for (const id of outputs[st] ?? []) ids.push(id);
    }
    this.outStart[states] = ids.length;
    this.outIds = Int32Array.from(ids);
  }

  /** Appends to `found` the id of every needle in `text` (a needle may be listed more than once). */
  scan(text: string, found: number[]): void {
    const { ascii, delta, alphabet, outStart, outIds } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const next = delta[state * alphabet + (code < 128 ? ascii[code]! : 0)]!;
      if (next >= 0) {
        state = next;
        continue;
      }
      state = ~next;
      const end = outStart[state + 1]!;
      for (let j = outStart[state]!; j < end; j++) found.push(outIds[j]!);
    }
    if (this.otherPrefilter !== undefined && this.otherPrefilter.test(text)) {
      const lower = text.toLowerCase();
      for (let k = 0; k < this.otherNeedles.length; k++) {
        if (lower.includes(this.otherNeedles[k]!)) found.push(this.otherIds[k]!);
      }
    }
  }
}
