/**
 * key=value scanner for FortiGate, LEEF, NetScreen-style payloads: `k=v k2="quoted value" k3=`.
 * One pass with indexOf/charCodeAt; no regular expressions, linear in the line length.
 * `onPair` receives the caller's state, each key and value (a module-level function, so no closure per line); quotes are removed, `\"` inside quotes is unescaped.
 */
export function scanKeyValues<T>(s: string, start: number, sep: number, onPair: (state: T, key: string, value: string) => void, state: T): number {
  const n = s.length;
  let i = start;
  let pairs = 0;
  while (i < n) {
    while (i < n && (s.charCodeAt(i) === sep || s.charCodeAt(i) === 32)) i++;
    const keyStart = i;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c === 61 || c === sep || c === 32) break;
      i++;
    }
    if (i >= n || s.charCodeAt(i) !== 61) {
      // A word without `=`: skip it (FortiGate never emits these; other senders put prose in between).
      continue;
    }
    const key = s.slice(keyStart, i);
    i++;
    let value: string;
    if (s.charCodeAt(i) === 34) {
      const vStart = i + 1;
      let j = vStart;
      let escaped = false;
      while (j < n) {
        const c = s.charCodeAt(j);
        if (c === 92) {
          escaped = true;
          j += 2;
          continue;
        }
        if (c === 34) break;
        j++;
      }
      if (j > n) j = n;
      value = s.slice(vStart, j);
      if (escaped) value = value.replace(/\\(["\\])/g, '$1');
      i = j + 1;
    } else {
      const vStart = i;
      while (i < n && s.charCodeAt(i) !== sep) i++;
      value = s.slice(vStart, i);
    }
    if (key !== '') {
      onPair(state, key, value);
      pairs++;
    }
  }
  return pairs;
}
