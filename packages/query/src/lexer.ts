/**
 * A hand-written, mode-driven lexer. The same characters mean different things in different places:
 * `2001:db8::1` after `source.ip:` is one value, while `:` right after a field name is the operator. The
 * parser therefore asks for the next token in the mode it expects, and the lexer scans from an offset
 * without state of its own. No regular expressions: every scan is one linear pass.
 */
import type { ValuePart } from './ast.ts';
import { QueryError } from './errors.ts';

export type LexMode = 'term' | 'value' | 'range' | 'pipe';

export type TokenKind =
  | 'eof'
  | 'lparen'
  | 'rparen'
  | 'lbracket'
  | 'rbracket'
  | 'pipe'
  | 'comma'
  | 'minus'
  | 'plus'
  | 'op'
  | 'string'
  | 'word';

export interface Token {
  kind: TokenKind;
  /** The characters as typed. */
  raw: string;
  /** Escapes resolved (strings, words). */
  text: string;
  /** Literal runs and wildcards of a word; a string is one literal run. */
  parts: ValuePart[];
  start: number;
  end: number;
}

const MAX_QUERY_LENGTH = 20_000;

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v' || ch === '\u3000';
}

/** Characters of a field name or pipe word: letters, digits, `_ . @ -`. */
export function isNameChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 64 || c === 45
  );
}

export function isValidFieldName(name: string): boolean {
  if (name.length === 0 || name.length > 128) return false;
  for (const ch of name) if (!isNameChar(ch)) return false;
  return name[0] !== '-' && name[0] !== '.';
}

/** Characters that end a word in each mode (whitespace always does). */
function endsWord(mode: LexMode, input: string, i: number): boolean {
  const ch = input[i] ?? '';
  if (isSpace(ch) || ch === '(' || ch === ')' || ch === '"' || ch === '|') return true;
  switch (mode) {
    case 'term':
      return ch === ':' || ch === '=' || ch === '<' || ch === '>' || (ch === '!' && input[i + 1] === '=');
    case 'range':
      return ch === ']';
    case 'value':
      return false;
    case 'pipe':
      return !isNameChar(ch);
  }
}

export class Lexer {
  readonly input: string;

  constructor(input: string) {
    if (input.length > MAX_QUERY_LENGTH) {
      throw new QueryError('too_complex', MAX_QUERY_LENGTH, `the query is longer than ${MAX_QUERY_LENGTH} characters`);
    }
    this.input = input;
  }

  /** The token starting at or after `at` (whitespace skipped) when reading in `mode`. */
  scan(at: number, mode: LexMode): Token {
    const input = this.input;
    let i = at;
    while (i < input.length && isSpace(input[i] ?? '')) i++;
    const start = i;
    const tok = (kind: TokenKind, end: number, text?: string, parts?: ValuePart[]): Token => {
      const raw = input.slice(start, end);
      return { kind, raw, text: text ?? raw, parts: parts ?? [text ?? raw], start, end };
    };
    if (i >= input.length) return tok('eof', i);
    const ch = input[i] ?? '';
    switch (ch) {
      case '(':
        return tok('lparen', i + 1);
      case ')':
        return tok('rparen', i + 1);
      case '|':
        return tok('pipe', i + 1);
      case '"':
        return this.scanString(start);
      default:
        break;
    }
    if (mode === 'range') {
      if (ch === ']') return tok('rbracket', i + 1);
    }
    if (mode === 'value' && ch === '[') return tok('lbracket', i + 1);
    if (mode === 'term' || mode === 'value') {
      if (ch === '<' || ch === '>') return tok('op', input[i + 1] === '=' ? i + 2 : i + 1);
    }
    if (mode === 'term') {
      if (ch === ':' || ch === '=') return tok('op', i + 1);
      if (ch === '!' && input[i + 1] === '=') return tok('op', i + 2);
    }
    if (mode === 'pipe') {
      if (ch === ',') return tok('comma', i + 1);
      if (ch === '=') return tok('op', i + 1);
      if (ch === '-') return tok('minus', i + 1);
      if (ch === '+') return tok('plus', i + 1);
      if (!isNameChar(ch)) {
        throw new QueryError('unexpected_token', i, `unexpected character '${ch}'`);
      }
    }
    return this.scanWord(start, mode);
  }

  private scanString(start: number): Token {
    const input = this.input;
    let text = '';
    let i = start + 1;
    while (i < input.length) {
      const ch = input[i] ?? '';
      if (ch === '\\' && i + 1 < input.length) {
        text += input[i + 1];
        i += 2;
        continue;
      }
      if (ch === '"') {
        return { kind: 'string', raw: input.slice(start, i + 1), text, parts: [text], start, end: i + 1 };
      }
      text += ch;
      i++;
    }
    throw new QueryError('unterminated_string', start, 'the quoted string is not closed: expected \'"\'', '"');
  }

  private scanWord(start: number, mode: LexMode): Token {
    const input = this.input;
    const parts: ValuePart[] = [];
    let literal = '';
    let text = '';
    let i = start;
    while (i < input.length && !endsWord(mode, input, i)) {
      const ch = input[i] ?? '';
      if (ch === '\\' && mode !== 'pipe' && i + 1 < input.length) {
        literal += input[i + 1];
        text += input[i + 1];
        i += 2;
        continue;
      }
      if (ch === '*' && mode !== 'pipe') {
        if (literal !== '') parts.push(literal);
        literal = '';
        if (!(parts.length > 0 && typeof parts[parts.length - 1] !== 'string')) parts.push({ wildcard: true });
        text += '*';
        i++;
        continue;
      }
      literal += ch;
      text += ch;
      i++;
    }
    if (literal !== '') parts.push(literal);
    return { kind: 'word', raw: input.slice(start, i), text, parts, start, end: i };
  }
}
