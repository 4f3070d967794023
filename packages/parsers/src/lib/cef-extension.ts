/**
 * CEF extension `k1=v1 k2=v with spaces k3=v3`: a value runs until the next ` key=`. `\=`, `\\`, `\n`, `\r`
 * are unescaped. A `=` whose preceding word is not a plain key (`?a=b` inside a URL) stays in the value,
 * because many vendors do not escape it. One pass, no regular expressions.
 */
function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 91 || c === 93 || c === 45;
}

function unescapeCef(v: string): string {
  if (!v.includes('\\')) return v;
  let out = '';
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!;
    if (c === '\\' && i + 1 < v.length) {
      const d = v[++i]!;
      out += d === 'n' ? '\n' : d === 'r' ? '\r' : d;
    } else out += c;
  }
  return out;
}

export function scanCefExtension<T>(s: string, start: number, onPair: (state: T, key: string, value: string) => void, state: T): void {
  const n = s.length;
  let key: string | undefined;
  let valueStart = start;
  let wordStart = start;
  // Position of the last character that cannot be part of a key: a word is a key iff none lies inside it.
  // Tracking it as we go keeps the scan linear (re-checking each word at every `=` would be quadratic).
  let lastNonKey = start - 1;
  for (let i = start; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 92) {
      lastNonKey = i + 1;
      i++;
      continue;
    }
    if (c === 32) {
      wordStart = i + 1;
      continue;
    }
    if (c !== 61) {
      if (!isKeyChar(c)) lastNonKey = i;
      continue;
    }
    const ok = i > wordStart && lastNonKey < wordStart;
    lastNonKey = i;
    if (!ok) continue;
    if (key !== undefined) onPair(state, key, unescapeCef(s.slice(valueStart, Math.max(valueStart, wordStart - 1)).trimEnd()));
    key = s.slice(wordStart, i);
    valueStart = i + 1;
  }
  if (key !== undefined) onPair(state, key, unescapeCef(s.slice(valueStart).trimEnd()));
}

/** Splits `a|b\|c|d` into at most `count` pipe-separated header fields; returns them and the rest's start. */
export function splitPipes(s: string, start: number, count: number): { parts: string[]; rest: number } {
  const parts: string[] = [];
  let i = start;
  let from = start;
  let cur = '';
  while (i < s.length && parts.length < count) {
    const c = s.charCodeAt(i);
    if (c === 92 && i + 1 < s.length) {
      cur += s.slice(from, i);
      from = i + 1;
      i += 2;
      continue;
    }
    if (c === 124) {
      parts.push(cur + s.slice(from, i));
      cur = '';
      from = i + 1;
    }
    i++;
  }
  return { parts, rest: parts.length === count ? from : s.length };
}
