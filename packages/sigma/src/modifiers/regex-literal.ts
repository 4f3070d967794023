/**
 * The longest literal text a regular expression cannot match without. Used twice: as a cheap `includes`
 * check before running the regex (a long value without it never reaches a backtracking-prone pattern — e.g.
 * `\w+`…` over 200k word characters), and as the rule's guard so the rule index can skip it entirely.
 * Conservative: returns undefined whenever the pattern has a top-level alternation or nothing certain.
 */
const QUANTIFIER = /^\{\d+(,\d*)?\}/;
const CLASS_ESCAPES = new Set([...'dDwWsSbBnrtfv0123456789']);

function skipGroup(source: string, start: number): number {
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') i = skipClass(source, i);
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return source.length;
}

function skipClass(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']' && i > start + 1) return i;
  }
  return source.length;
}

function hasTopLevelAlternation(source: string): boolean {
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') i = skipClass(source, i);
    else if (c === '(') i = skipGroup(source, i);
    else if (c === '|') return true;
  }
  return false;
}

export function requiredLiteral(source: string): string | undefined {
  if (hasTopLevelAlternation(source)) return undefined;
  const runs: string[] = [];
  let run = '';
  const breakRun = (): void => {
    if (run !== '') runs.push(run);
    run = '';
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    let literal: string | undefined;
    if (c === '\\') {
      const next = source[i + 1];
      i++;
      if (next === undefined || CLASS_ESCAPES.has(next) || /[xucpPkK]/.test(next)) {
        breakRun();
        // \xHH, \uHHHH, \p{…}: skip their payload.
        if (next === 'x') i += 2;
        else if (next === 'u') i += source[i + 1] === '{' ? source.indexOf('}', i) - i : 4;
        else if (next === 'p' || next === 'P' || next === 'k') i = Math.max(i, source.indexOf('}', i));
        continue;
      }
      literal = next;
    } else if (c === '(') {
      breakRun();
      i = skipGroup(source, i);
      continue;
    } else if (c === '[') {
      breakRun();
      i = skipClass(source, i);
      continue;
    } else if (c === '.' || c === '^' || c === '$') {
      breakRun();
      continue;
    } else if (c === '*' || c === '+' || c === '?') {
      // A quantifier after a group, class or escape: the run is already broken.
      continue;
    } else if (c === '{' && QUANTIFIER.test(source.slice(i))) {
      breakRun();
      i = source.indexOf('}', i);
      continue;
    } else {
      literal = c;
    }
    const q = source[i + 1];
    const braced = q === '{' && QUANTIFIER.test(source.slice(i + 1));
    if (q === '*' || q === '?' || (braced && /^\{0[,}]/.test(source.slice(i + 1)))) {
      breakRun(); // optional: not required
      continue;
    }
    run += literal;
    if (q === '+' || braced) breakRun(); // repeated: required once, but what follows is not adjacent
  }
  breakRun();
  let best = '';
  for (const r of runs) if (r.length > best.length) best = r;
  return best === '' ? undefined : best;
}
