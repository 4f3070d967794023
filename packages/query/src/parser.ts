/**
 * Recursive-descent parser for the search part of a query (boolean logic over field filters and full
 * text). Pipes are parsed by pipe-parser.ts with the same token stream.
 *
 *   query   := search? ('|' pipe)*
 *   search  := or
 *   or      := and ('OR' and)*
 *   and     := unary (('AND')? unary)*
 *   unary   := 'NOT' unary | '(' or ')' | STRING | WORD | WORD op value
 *   op      := ':' | '=' | '!=' | '<' | '<=' | '>' | '>='
 *   value   := WORD | STRING | '(' value ('OR' value)* ')' | '[' bound 'TO' bound ']' | ('<'|'<='|'>'|'>=') value
 */
import type { CompareOp, FieldRef, Pipe, Query, SearchExpr, Value } from './ast.ts';
import { QueryError } from './errors.ts';
import { isValidFieldName, Lexer, type LexMode, type Token } from './lexer.ts';
import { parsePipe } from './pipe-parser.ts';

const MAX_DEPTH = 64;

export function describeToken(t: Token): string {
  return t.kind === 'eof' ? 'the end of the query' : `'${t.raw.length > 40 ? `${t.raw.slice(0, 40)}…` : t.raw}'`;
}

export class Parser {
  private pos = 0;
  private depth = 0;
  readonly lexer: Lexer;

  constructor(input: string) {
    this.lexer = new Lexer(input);
  }

  peek(mode: LexMode): Token {
    return this.lexer.scan(this.pos, mode);
  }

  next(mode: LexMode): Token {
    const t = this.lexer.scan(this.pos, mode);
    this.pos = t.end;
    return t;
  }

  fail(t: Token, expected: string, after?: string): never {
    const what = after === undefined ? `expected ${expected}` : `expected ${expected} after ${after}`;
    throw new QueryError('expected_value', t.start, `${what}, found ${describeToken(t)}`, expected);
  }

  parseQuery(): Query {
    const first = this.peek('term');
    let search: SearchExpr;
    if (first.kind === 'eof' || first.kind === 'pipe') {
      search = { type: 'all', span: { start: first.start, end: first.start } };
    } else {
      search = this.parseOr();
    }
    const pipes: Pipe[] = [];
    for (;;) {
      const t = this.peek('term');
      if (t.kind === 'eof') break;
      if (t.kind !== 'pipe') this.fail(t, "'|' or the end of the query");
      this.next('term');
      pipes.push(parsePipe(this, t));
    }
    return { search, pipes };
  }

  private enter(t: Token): void {
    if (++this.depth > MAX_DEPTH) {
      throw new QueryError('too_complex', t.start, `the query nests deeper than ${MAX_DEPTH} levels`);
    }
  }

  private isKeyword(t: Token, word: 'AND' | 'OR' | 'NOT' | 'TO'): boolean {
    return t.kind === 'word' && t.raw === word;
  }

  parseOr(): SearchExpr {
    const items = [this.parseAnd()];
    for (;;) {
      const t = this.peek('term');
      if (!this.isKeyword(t, 'OR')) break;
      this.next('term');
      items.push(this.parseAnd("'OR'"));
    }
    return items.length === 1 ? (items[0] as SearchExpr) : group('or', items);
  }

  private parseAnd(after?: string): SearchExpr {
    const items = [this.parseUnary(after)];
    for (;;) {
      const t = this.peek('term');
      if (this.isKeyword(t, 'AND')) {
        this.next('term');
        items.push(this.parseUnary("'AND'"));
        continue;
      }
      if (t.kind === 'lparen' || t.kind === 'string' || (t.kind === 'word' && !this.isKeyword(t, 'OR'))) {
        items.push(this.parseUnary());
        continue;
      }
      break;
    }
    return items.length === 1 ? (items[0] as SearchExpr) : group('and', items);
  }

  private parseUnary(after?: string): SearchExpr {
    const t = this.peek('term');
    if (this.isKeyword(t, 'NOT')) {
      this.next('term');
      this.enter(t);
      const expr = this.parseUnary("'NOT'");
      this.depth--;
      return { type: 'not', expr, span: { start: t.start, end: expr.span.end } };
    }
    if (t.kind === 'lparen') {
      this.next('term');
      this.enter(t);
      const inner = this.parseOr();
      const close = this.next('term');
      if (close.kind !== 'rparen') this.fail(close, "')'", `the group opened at ${t.start}`);
      this.depth--;
      return { ...inner, span: { start: t.start, end: close.end } };
    }
    if (t.kind === 'string') {
      this.next('term');
      return { type: 'text', value: toValue(t), span: spanOf(t) };
    }
    if (t.kind === 'word' && !this.isKeyword(t, 'AND') && !this.isKeyword(t, 'OR')) {
      this.next('term');
      const op = this.peek('term');
      if (op.kind === 'op') {
        this.next('term');
        return this.parseFieldFilter(t, op);
      }
      const value = toValue(t);
      if (value.parts.length === 1 && typeof value.parts[0] !== 'string') return { type: 'all', span: spanOf(t) };
      return { type: 'text', value, span: spanOf(t) };
    }
    if (t.kind === 'op') this.fail(t, 'a field name', undefined);
    return this.fail(t, 'a search term', after);
  }

  fieldRef(t: Token): FieldRef {
    if (t.kind !== 'word' || t.raw !== t.text || !isValidFieldName(t.text)) {
      throw new QueryError(
        'invalid_field',
        t.start,
        `${describeToken(t)} is not a field name: expected letters, digits and _ . @ - only`,
        'a field name',
      );
    }
    return { name: t.text, span: spanOf(t) };
  }

  private parseFieldFilter(fieldTok: Token, opTok: Token): SearchExpr {
    const field = this.fieldRef(fieldTok);
    const start = fieldTok.start;
    const after = `'${opTok.raw}'`;
    if (opTok.raw === ':' || opTok.raw === '=' || opTok.raw === '!=') {
      const v = this.peek('value');
      let expr: SearchExpr;
      if (v.kind === 'lparen' && opTok.raw !== '!=') {
        expr = this.parseValueList(field, start);
      } else if (v.kind === 'lbracket' && opTok.raw !== '!=') {
        expr = this.parseRange(field, start);
      } else if (v.kind === 'op' && opTok.raw === ':') {
        this.next('value');
        const value = this.parseValue(`'${v.raw}'`);
        expr = { type: 'match', field, op: v.raw as CompareOp, value, span: { start, end: value.span.end } };
      } else {
        const value = this.parseValue(after);
        expr = matchOrExists(field, value, start);
      }
      return opTok.raw === '!=' ? { type: 'not', expr, span: expr.span } : expr;
    }
    const value = this.parseValue(after);
    return { type: 'match', field, op: opTok.raw as CompareOp, value, span: { start, end: value.span.end } };
  }

  private parseValue(after: string, mode: LexMode = 'value'): Value {
    const t = this.peek(mode);
    if (t.kind !== 'word' && t.kind !== 'string') this.fail(t, 'a value', after);
    this.next(mode);
    return toValue(t);
  }

  private parseValueList(field: FieldRef, start: number): SearchExpr {
    const open = this.next('value');
    const items: SearchExpr[] = [matchOrExists(field, this.parseValue("'('"), start)];
    for (;;) {
      const t = this.next('value');
      if (t.kind === 'rparen') return group('or', items, { start, end: t.end });
      if (!this.isKeyword(t, 'OR')) this.fail(t, "'OR' or ')'", `the value list opened at ${open.start}`);
      items.push(matchOrExists(field, this.parseValue("'OR'"), start));
    }
  }

  private parseRange(field: FieldRef, start: number): SearchExpr {
    this.next('value');
    const low = this.parseValue("'['", 'range');
    const to = this.next('range');
    if (!this.isKeyword(to, 'TO')) this.fail(to, "'TO'", 'the lower bound');
    const high = this.parseValue("'TO'", 'range');
    const close = this.next('range');
    if (close.kind !== 'rbracket') this.fail(close, "']'", 'the upper bound');
    const span = { start, end: close.end };
    const isOpen = (v: Value) => !v.quoted && v.parts.length === 1 && typeof v.parts[0] !== 'string';
    const items: SearchExpr[] = [];
    if (!isOpen(low)) items.push({ type: 'match', field, op: '>=', value: low, span });
    if (!isOpen(high)) items.push({ type: 'match', field, op: '<=', value: high, span });
    if (items.length === 0) return { type: 'exists', field, span };
    return items.length === 1 ? (items[0] as SearchExpr) : group('and', items, span);
  }
}

function matchOrExists(field: FieldRef, value: Value, start: number): SearchExpr {
  const span = { start, end: value.span.end };
  if (!value.quoted && value.parts.length === 1 && typeof value.parts[0] !== 'string') {
    return { type: 'exists', field, span };
  }
  return { type: 'match', field, op: '=', value, span };
}

function group(type: 'and' | 'or', items: SearchExpr[], span?: { start: number; end: number }): SearchExpr {
  const first = items[0];
  const last = items[items.length - 1];
  return { type, items, span: span ?? { start: first?.span.start ?? 0, end: last?.span.end ?? 0 } };
}

function spanOf(t: Token): { start: number; end: number } {
  return { start: t.start, end: t.end };
}

function toValue(t: Token): Value {
  const quoted = t.kind === 'string';
  return { text: t.text, parts: quoted ? [t.text] : t.parts, quoted, span: spanOf(t) };
}

/** Parses query text into its syntax tree; throws QueryError with the offset of the first problem. */
export function parseQuery(input: string): Query {
  return new Parser(input).parseQuery();
}
