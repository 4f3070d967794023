/** Word-level helpers for prose-style vendor messages (Cisco, NetScreen, sshd). No regular expressions. */

/** The word following the first occurrence of `marker` (which should end with a space), without trailing `,.;:`. */
export function wordAfter(s: string, marker: string, from = 0): string | undefined {
  const i = s.indexOf(marker, from);
  if (i < 0) return undefined;
  let start = i + marker.length;
  while (s.charCodeAt(start) === 32) start++;
  let end = start;
  while (end < s.length && s.charCodeAt(end) !== 32) end++;
  let w = s.slice(start, end);
  while (w.length > 0 && ',.;'.includes(w[w.length - 1]!)) w = w.slice(0, -1);
  if (w.endsWith(':') && !w.endsWith('::')) w = w.slice(0, -1);
  return w === '' ? undefined : w;
}

/** Text between the first `open` after `from` and the next `close`. */
export function between(s: string, open: string, close: string, from = 0): string | undefined {
  const i = s.indexOf(open, from);
  if (i < 0) return undefined;
  const j = s.indexOf(close, i + open.length);
  return j < 0 ? undefined : s.slice(i + open.length, j);
}

/** Splits `ip:port` / `[v6]:port` / `ip/port`; IPv6 without brackets keeps its colons. */
export function splitHostPort(v: string, sep: ':' | '/'): { ip: string; port?: string } {
  if (v.startsWith('[')) {
    const close = v.indexOf(']');
    if (close > 0) return { ip: v.slice(1, close), port: v.charCodeAt(close + 1) === sep.charCodeAt(0) ? v.slice(close + 2) : undefined };
  }
  const i = v.lastIndexOf(sep);
  if (i < 0) return { ip: v };
  if (sep === ':' && v.indexOf(':') !== i) return { ip: v }; // bare IPv6
  return { ip: v.slice(0, i), port: v.slice(i + 1) };
}

/**
 * Index of `needle` in `s` at or after `from` (and starting no later than `limit`), or -1. V8's multi-character
 * indexOf/includes cost about 2 ns per character scanned, its single-character indexOf is a fast memchr; so
 * jump between occurrences of one character of the needle (`anchor`, its offset in the needle — pick a rare
 * one) and compare the rest by hand. Detectors run on every line in auto mode, this keeps them cheap.
 */
export function findStr(s: string, needle: string, anchor = 0, from = 0, limit = Infinity): number {
  const a = needle.charAt(anchor);
  const m = needle.length;
  let i = s.indexOf(a, from + anchor);
  while (i >= 0) {
    const start = i - anchor;
    if (start > limit) return -1;
    if (start + m <= s.length) {
      let k = 0;
      while (k < m && s.charCodeAt(start + k) === needle.charCodeAt(k)) k++;
      if (k === m) return start;
    }
    i = s.indexOf(a, i + 1);
  }
  return -1;
}
