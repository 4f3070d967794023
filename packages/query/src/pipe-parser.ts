/** Parses one pipe command after `|`: stats, timechart, top, rare, sort, head, fields, where. */
import type { AggFn, Aggregation, FieldRef, Pipe, SortKey } from './ast.ts';
import { QueryError } from './errors.ts';
import type { Token } from './lexer.ts';
import type { Parser } from './parser.ts';

export const PIPE_COMMANDS = ['stats', 'timechart', 'top', 'rare', 'sort', 'head', 'fields', 'where'] as const;
const AGG_FNS: Record<string, AggFn> = {
  count: 'count',
  dc: 'dc',
  distinct_count: 'dc',
  sum: 'sum',
  avg: 'avg',
  mean: 'avg',
  min: 'min',
  max: 'max',
};
const MAX_N = 10_000;
const UNIT_MS: Record<string, number> = {
  s: 1000,
  sec: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

const isWord = (t: Token, w: string) => t.kind === 'word' && t.text.toLowerCase() === w;
const atPipeEnd = (t: Token) => t.kind === 'eof' || t.kind === 'pipe';

export function parsePipe(p: Parser, bar: Token): Pipe {
  const cmd = p.next('pipe');
  if (cmd.kind !== 'word') p.fail(cmd, 'a command (stats, top, sort, head, fields, timechart, where)', "'|'");
  const name = cmd.text.toLowerCase();
  const start = bar.start;
  const end = () => p.peek('pipe').start;
  switch (name) {
    case 'stats': {
      const aggs = parseAggs(p, cmd, false);
      const by = parseBy(p);
      return { type: 'stats', aggs, by, span: { start, end: end() } };
    }
    case 'timechart': {
      let spanMs: number | undefined;
      if (isWord(p.peek('pipe'), 'span')) {
        p.next('pipe');
        const eq = p.next('pipe');
        if (eq.kind !== 'op') p.fail(eq, "'='", "'span'");
        spanMs = parseSpan(p.next('pipe'));
      }
      const aggs = parseAggs(p, cmd, true);
      const by = parseBy(p);
      return { type: 'timechart', spanMs, aggs, by, span: { start, end: end() } };
    }
    case 'top':
    case 'rare': {
      let n = 10;
      const t = p.peek('pipe');
      if (t.kind === 'word' && isDigits(t.text)) n = parseCount(p.next('pipe'));
      const fields = parseFieldList(p, `'${name}'`);
      return { type: name, n, fields, span: { start, end: end() } };
    }
    case 'sort':
      return { type: 'sort', keys: parseSortKeys(p), span: { start, end: end() } };
    case 'head':
    case 'limit': {
      const t = p.peek('pipe');
      const n = t.kind === 'word' && isDigits(t.text) ? parseCount(p.next('pipe')) : 10;
      return { type: 'head', n, span: { start, end: end() } };
    }
    case 'fields':
    case 'table':
      return { type: 'fields', fields: parseFieldList(p, `'${name}'`), span: { start, end: end() } };
    case 'where': {
      const t = p.peek('term');
      if (atPipeEnd(t)) p.fail(t, 'a condition', "'where'");
      const expr = p.parseOr();
      return { type: 'where', expr, span: { start, end: expr.span.end } };
    }
    default:
      throw new QueryError(
        'unknown_pipe',
        cmd.start,
        `unknown command '${cmd.text}': expected one of ${PIPE_COMMANDS.join(', ')}`,
        PIPE_COMMANDS.join(', '),
      );
  }
}

function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (const ch of s) if (ch < '0' || ch > '9') return false;
  return true;
}

function parseCount(t: Token): number {
  const n = isDigits(t.text) && t.text.length <= 6 ? Number(t.text) : NaN;
  if (!(n >= 1 && n <= MAX_N)) {
    throw new QueryError('expected_number', t.start, `expected a whole number from 1 to ${MAX_N}, found '${t.raw}'`, 'a number');
  }
  return n;
}

function parseSpan(t: Token): number {
  let i = 0;
  while (i < t.text.length && t.text[i]! >= '0' && t.text[i]! <= '9') i++;
  const digits = t.text.slice(0, i);
  const unit = UNIT_MS[t.text.slice(i).toLowerCase()];
  const n = digits.length > 0 && digits.length <= 6 ? Number(digits) : NaN;
  if (t.kind !== 'word' || unit === undefined || !(n >= 1)) {
    throw new QueryError('invalid_span', t.start, `expected a span such as 5m, 1h or 1d, found ${t.kind === 'eof' ? 'the end of the query' : `'${t.raw}'`}`, 'a span');
  }
  const ms = n * unit;
  if (ms > 366 * 86_400_000) throw new QueryError('invalid_span', t.start, 'the span is longer than a year', 'a span');
  return ms;
}

function parseFieldList(p: Parser, after: string): FieldRef[] {
  const fields: FieldRef[] = [];
  for (;;) {
    const t = p.peek('pipe');
    if (t.kind === 'comma' && fields.length > 0) {
      p.next('pipe');
      continue;
    }
    if (atPipeEnd(t) || isWord(t, 'by')) break;
    fields.push(p.fieldRef(p.next('pipe')));
  }
  if (fields.length === 0) p.fail(p.peek('pipe'), 'a field name', after);
  return fields;
}

function parseBy(p: Parser): FieldRef[] {
  const t = p.peek('pipe');
  if (atPipeEnd(t)) return [];
  if (!isWord(t, 'by')) p.fail(t, "'by', '|' or the end of the query");
  p.next('pipe');
  return parseFieldList(p, "'by'");
}

/** `count`, `dc(source.ip)`, `sum(bytes) as total`, separated by commas or spaces. */
function parseAggs(p: Parser, cmd: Token, defaultCount: boolean): Aggregation[] {
  const aggs: Aggregation[] = [];
  for (;;) {
    const t = p.peek('pipe');
    if (t.kind === 'comma' && aggs.length > 0) {
      p.next('pipe');
      continue;
    }
    if (atPipeEnd(t) || isWord(t, 'by')) break;
    const fnTok = p.next('pipe');
    const fn = fnTok.kind === 'word' ? AGG_FNS[fnTok.text.toLowerCase()] : undefined;
    if (fn === undefined) {
      throw new QueryError(
        'unknown_function',
        fnTok.start,
        `unknown function ${fnTok.kind === 'word' ? `'${fnTok.raw}'` : describe(fnTok)}: expected count, dc, sum, avg, min or max`,
        'count, dc, sum, avg, min, max',
      );
    }
    let field: FieldRef | undefined;
    let end = fnTok.end;
    if (p.peek('pipe').kind === 'lparen') {
      p.next('pipe');
      field = p.fieldRef(p.next('pipe'));
      const close = p.next('pipe');
      if (close.kind !== 'rparen') p.fail(close, "')'", 'the field name');
      end = close.end;
    } else if (fn !== 'count') {
      p.fail(p.peek('pipe'), "'(' and a field name", `'${fnTok.raw}'`);
    }
    let name = field === undefined ? 'count' : `${fn}(${field.name})`;
    if (isWord(p.peek('pipe'), 'as')) {
      p.next('pipe');
      const alias = p.fieldRef(p.next('pipe'));
      name = alias.name;
      end = alias.span.end;
    }
    aggs.push({ fn, field, name, span: { start: fnTok.start, end } });
  }
  if (aggs.length === 0) {
    if (!defaultCount) p.fail(p.peek('pipe'), 'a function such as count or dc(field)', `'${cmd.raw}'`);
    const at = p.peek('pipe').start;
    aggs.push({ fn: 'count', field: undefined, name: 'count', span: { start: at, end: at } });
  }
  return aggs;
}

function describe(t: Token): string {
  return t.kind === 'eof' ? 'the end of the query' : `'${t.raw}'`;
}

/** `-count`, `+source.ip`, `count desc`, `dc(source.ip)` … */
function parseSortKeys(p: Parser): SortKey[] {
  const keys: SortKey[] = [];
  for (;;) {
    const t = p.peek('pipe');
    if (t.kind === 'comma' && keys.length > 0) {
      p.next('pipe');
      continue;
    }
    if (atPipeEnd(t)) break;
    let desc = false;
    if (t.kind === 'minus' || t.kind === 'plus') {
      desc = t.kind === 'minus';
      p.next('pipe');
    }
    const ref = p.fieldRef(p.next('pipe'));
    let column = ref;
    if (p.peek('pipe').kind === 'lparen') {
      p.next('pipe');
      const inner = p.fieldRef(p.next('pipe'));
      const close = p.next('pipe');
      if (close.kind !== 'rparen') p.fail(close, "')'", 'the field name');
      column = { name: `${ref.name.toLowerCase()}(${inner.name})`, span: { start: ref.span.start, end: close.end } };
    }
    const dir = p.peek('pipe');
    if (isWord(dir, 'desc') || isWord(dir, 'asc')) {
      p.next('pipe');
      desc = isWord(dir, 'desc');
    }
    keys.push({ column, desc });
  }
  if (keys.length === 0) p.fail(p.peek('pipe'), 'a field or column to sort by', "'sort'");
  return keys;
}
