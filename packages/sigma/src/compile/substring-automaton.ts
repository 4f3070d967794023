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
  private readonly delta: Int32Array;
  /** Needle ids recognised on entering each state (own and via failure links). */
  private readonly outputs: Array<number[] | undefined>;

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
    this.delta = new Int32Array(states * classes);
    this.outputs = new Array<number[] | undefined>(states);
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (let cls = 0; cls < classes; cls++) {
      const next = trie[0]!.get(cls);
      if (next !== undefined) {
        this.delta[cls] = next;
        queue.push(next);
      }
    }
    this.outputs[0] = own[0];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      const f = fail[state]!;
      const inherited = this.outputs[f];
      const mine = own[state];
      this.outputs[state] = mine && inherited ? [...mine, ...inherited] : (mine ?? inherited);
      for (let cls = 0; cls < classes; cls++) {
        const next = trie[state]!.get(cls);
        if (next !== undefined) {
          fail[next] = this.delta[f * classes + cls]!;
          this.delta[state * classes + cls] = next;
          queue.push(next);
        } else {
          this.delta[state * classes + cls] = this.delta[f * classes + cls]!;
        }
      }
    }
  }

  /** Appends to `found` the id of every needle in `text` (a needle may be listed more than once). */
  scan(text: string, found: number[]): void {
    const { ascii, wide, delta, alphabet, outputs } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      const cls = code < 128 ? ascii[code]! : (wide.get(code) ?? 0);
      state = delta[state * alphabet + cls]!;
      const out = outputs[state];
      if (out !== undefined) for (let j = 0; j < out.length; j++) found.push(out[j]!);
    }
  }
}
