/**
 * Aho–Corasick as a full DFA over a compact alphabet: one pass over a field value finds every guard substring
 * it contains, at a couple of nanoseconds per character, however many rules contribute substrings.
 * Needles are lower-case and the scan folds case itself (upper-case letters share their lower-case class),
 * so values need not be lower-cased just to be scanned.
 */
export class SubstringAutomaton {
  private readonly ascii = new Int32Array(128);
  private readonly wide = new Map<number, number>();
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
      if (code < 128) {
        if (this.ascii[code] === 0) {
          this.ascii[code] = classes++;
          if (code >= 97 && code <= 122) this.ascii[code - 32] = this.ascii[code]!;
        }
        return this.ascii[code]!;
      }
      let c = this.wide.get(code);
      if (c === undefined) {
        c = classes++;
        this.wide.set(code, c);
        const upper = String.fromCharCode(code).toUpperCase();
        if (upper.length === 1 && upper.charCodeAt(0) !== code) this.wide.set(upper.charCodeAt(0), c);
      }
      return c;
    };
    const trie: Array<Map<number, number>> = [new Map<number, number>()];
    const own: Array<number[] | undefined> = [undefined];
    needles.forEach((needle, id) => {
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
    const { ascii, wide, delta, alphabet, outStart, outIds } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const next = delta[state * alphabet + (code < 128 ? ascii[code]! : (wide.get(code) ?? 0))]!;
      if (next >= 0) {
        state = next;
        continue;
      }
      state = ~next;
      const end = outStart[state + 1]!;
      for (let j = outStart[state]!; j < end; j++) found.push(outIds[j]!);
    }
  }
}
