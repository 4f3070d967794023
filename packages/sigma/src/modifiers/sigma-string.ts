/**
 * Sigma string values: `*` and `?` wildcards, `\` escapes (spec "Escape Character", pySigma semantics:
 * a backslash escapes a following wildcard or backslash and is literal before anything else).
 */
export const STAR = 0;
export const ONE = 1;
export type Part = string | typeof STAR | typeof ONE;

export function parseWildcards(text: string): Part[] {
  const parts: Part[] = [];
  let literal = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      const next = text[i + 1];
      if (next === '*' || next === '?' || next === '\\') {
        literal += next;
        i++;
      } else {
        literal += c;
      }
    } else if (c === '*' || c === '?') {
      if (literal !== '') parts.push(literal);
      literal = '';
      parts.push(c === '*' ? STAR : ONE);
    } else {
      literal += c;
    }
  }
  if (literal !== '') parts.push(literal);
  return parts;
}

export function literalParts(text: string): Part[] {
  return text === '' ? [] : [text];
}

export function hasWildcards(parts: Part[]): boolean {
  return parts.some((p) => typeof p !== 'string');
}

/** The plain text of a wildcard-free value. */
export function plainText(parts: Part[]): string {
  return parts.join('');
}

export type Position = 'exact' | 'contains' | 'startswith' | 'endswith';

export function applyPosition(parts: Part[], position: Position): Part[] {
  const out = [...parts];
  if ((position === 'contains' || position === 'endswith') && out[0] !== STAR) out.unshift(STAR);
  if ((position === 'contains' || position === 'startswith') && out[out.length - 1] !== STAR) out.push(STAR);
  return out;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A compiled string pattern. Most Sigma values are `*x*`, `x*`, `*x` or exact: those become
 * indexOf/startsWith/endsWith/equality, and only other wildcard shapes fall back to a regex.
 */
export type StringTest =
  | { kind: 'equals'; text: string }
  | { kind: 'contains'; text: string }
  | { kind: 'startswith'; text: string }
  | { kind: 'endswith'; text: string }
  | { kind: 'any' }
  | { kind: 'regex'; re: RegExp };

export function compilePattern(parts: Part[], lowercase: boolean): StringTest {
  const norm = parts.map((p) => (typeof p === 'string' && lowercase ? p.toLowerCase() : p));
  // Collapse runs of `*` so `**x` keeps the fast path.
  const merged: Part[] = [];
  for (const p of norm) {
    if (p === STAR && merged[merged.length - 1] === STAR) continue;
    if (typeof p === 'string' && typeof merged[merged.length - 1] === 'string') {
      merged[merged.length - 1] = (merged[merged.length - 1] as string) + p;
      continue;
    }
    merged.push(p);
  }
  if (merged.length === 1 && merged[0] === STAR) return { kind: 'any' };
  const inner = merged.filter((p) => p !== STAR);
  if (inner.length <= 1 && (inner.length === 0 || typeof inner[0] === 'string')) {
    const text = (inner[0] as string | undefined) ?? '';
    const starStart = merged[0] === STAR;
    const starEnd = merged[merged.length - 1] === STAR;
    if (starStart && starEnd) return { kind: 'contains', text };
    if (starStart) return { kind: 'endswith', text };
    if (starEnd) return { kind: 'startswith', text };
    return { kind: 'equals', text };
  }
  const source = merged.map((p) => (p === STAR ? '.*' : p === ONE ? '.' : escapeRegex(p))).join('');
  return { kind: 'regex', re: new RegExp(`^${source}$`, 's') };
}
