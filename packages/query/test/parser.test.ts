import { describe, expect, it } from 'vitest';
import { compileQuery } from '../src/compile.ts';
import { QueryError, type QueryErrorCode } from '../src/errors.ts';
import { parseQuery } from '../src/parser.ts';

const scope = { tenantIds: [1], from: 0, to: 1000 };

function errorOf(q: string): QueryError {
  try {
    compileQuery(q, scope);
  } catch (e) {
    if (e instanceof QueryError) return e;
    throw e;
  }
  throw new Error(`no error for ${q}`);
}

describe('parser', () => {
  it('reads IPv6 values with colons after the field operator', () => {
    const q = parseQuery('source.ip:2001:db8::1 destination.ip:fe80::/10');
    expect(q.search.type).toBe('and');
    if (q.search.type !== 'and') return;
    expect(q.search.items.map((i) => (i.type === 'match' ? [i.field.name, i.value.text] : []))).toEqual([
      ['source.ip', '2001:db8::1'],
      ['destination.ip', 'fe80::/10'],
    ]);
  });

  it('binds AND tighter than OR, NOT tightest', () => {
    const q = parseQuery('a:1 b:2 OR NOT c:3');
    expect(q.search.type).toBe('or');
    if (q.search.type !== 'or') return;
    expect(q.search.items.map((i) => i.type)).toEqual(['and', 'not']);
  });

  it('keeps source positions of fields and values', () => {
    const q = parseQuery('  event.action:"deny"');
    expect(q.search).toMatchObject({ type: 'match', field: { span: { start: 2, end: 14 } }, value: { quoted: true, span: { start: 15, end: 21 } } });
  });

  it('treats lowercase and/or/not as words to search', () => {
    const q = parseQuery('not found');
    expect(q.search.type).toBe('and');
  });

  it('reads value lists, ranges, comparisons, existence and != ', () => {
    expect(parseQuery('p:(1 OR 2 OR "3")').search.type).toBe('or');
    expect(parseQuery('p:[1 TO 5]').search.type).toBe('and');
    expect(parseQuery('p:[1 TO *]').search).toMatchObject({ type: 'match', op: '>=' });
    expect(parseQuery('p:>=5').search).toMatchObject({ type: 'match', op: '>=' });
    expect(parseQuery('p <= 5').search).toMatchObject({ type: 'match', op: '<=' });
    expect(parseQuery('p:*').search.type).toBe('exists');
    expect(parseQuery('p!=*').search).toMatchObject({ type: 'not', expr: { type: 'exists' } });
    expect(parseQuery('p:"*"').search).toMatchObject({ type: 'match', value: { quoted: true } });
  });

  it('resolves escapes: \\* is a literal star, \\" inside quotes a quote', () => {
    expect(parseQuery('f:a\\*b').search).toMatchObject({ value: { parts: ['a*b'] } });
    expect(parseQuery('"say \\"hi\\""').search).toMatchObject({ type: 'text', value: { text: 'say "hi"' } });
  });

  it('parses every pipe', () => {
    const q = parseQuery(
      '* | where count>1 | stats count, dc(a) as n, sum(b) by c, d | sort -count, +c | head 5 | top 3 c | rare d | fields c, d | timechart span=15m count by c',
    );
    expect(q.pipes.map((p) => p.type)).toEqual(['where', 'stats', 'sort', 'head', 'top', 'rare', 'fields', 'timechart']);
    expect(q.pipes[1]).toMatchObject({ aggs: [{ name: 'count' }, { name: 'n' }, { name: 'sum(b)' }], by: [{ name: 'c' }, { name: 'd' }] });
    expect(q.pipes[7]).toMatchObject({ spanMs: 900_000 });
  });
});

describe('errors name the position and what was expected', () => {
  const cases: Array<[string, QueryErrorCode, number, string]> = [
    ['source.ip:', 'expected_value', 10, "at 10: expected a value after ':'"],
    ['event.action:deny AND', 'expected_value', 21, "expected a search term after 'AND'"],
    ['(a OR b', 'expected_value', 7, "expected ')' after the group opened at 0"],
    ['a OR b)', 'expected_value', 6, "expected '|' or the end of the query"],
    ['"open', 'unterminated_string', 0, 'the quoted string is not closed'],
    ['a:"x" | bogus', 'unknown_pipe', 8, "unknown command 'bogus'"],
    ['| stats median(x)', 'unknown_function', 8, "unknown function 'median'"],
    ['| stats sum', 'expected_value', 11, "expected '(' and a field name after 'sum'"],
    ['| top 0 source.ip', 'expected_number', 6, 'expected a whole number from 1'],
    ['| timechart span=1y count', 'invalid_span', 17, 'expected a span such as 5m'],
    ['destination.port:abc', 'expected_number', 17, "expected a number, found 'abc'"],
    ['source.ip:10.0.0.0/33', 'invalid_cidr', 10, 'expected a CIDR'],
    ['related.ip:10.0.0.0/8', 'cidr_not_supported', 11, 'CIDR filters apply to source.ip'],
    ['a*b:1', 'invalid_field', 0, 'is not a field name'],
    ['doc:x', 'unknown_field', 0, 'storage column'],
    ['| stats count by a | where b>1', 'unknown_column', 27, "unknown column 'b': expected one of a, count"],
    ['| stats count | where foo', 'not_after_aggregation', 22, 'full-text search applies to events'],
    ['| stats count, count', 'duplicate_column', 15, "the column 'count' appears twice"],
    ['| stats sum(user.name)', 'not_numeric', 12, 'sum needs a numeric field'],
    ['| stats count | timechart count', 'not_after_aggregation', 14, 'timechart needs events'],
    ['@timestamp>yesterday', 'expected_time', 11, 'expected a time'],
    ['| sort', 'expected_value', 6, "expected a field or column to sort by after 'sort'"],
    ['| stats max(a) as source.ip by b', 'duplicate_column', 8, 'is a stored field'],
    ['| sort -dc(source.ip)', 'invalid_field', 8, 'is not a field of the events'],
  ];
  for (const [q, code, position, message] of cases) {
    it(`${q} → ${code} at ${position}`, () => {
      const e = errorOf(q);
      expect(e.code).toBe(code);
      expect(e.position).toBe(position);
      expect(e.message).toContain(message);
      expect(e.message.startsWith(`at ${position}: `)).toBe(true);
    });
  }

  it('sets expected for the UI and serialises for problem+json', () => {
    expect(errorOf('source.ip:').expected).toBe('a value');
    expect(JSON.parse(JSON.stringify(errorOf('source.ip:')))).toEqual({
      code: 'expected_value',
      position: 10,
      expected: 'a value',
      message: "at 10: expected a value after ':', found the end of the query",
    });
  });

  it('rejects bad scopes without a position', () => {
    expect(() => compileQuery('*', { tenantIds: [], from: 0, to: 1 })).toThrow(/no tenant/);
    expect(() => compileQuery('*', { tenantIds: [1], from: 5, to: 1 })).toThrow(/before/);
    expect(() => compileQuery('*', { tenantIds: [1.5], from: 0, to: 1 })).toThrow(/tenant ids/);
    expect(() => compileQuery('*', { tenantIds: [1], from: 0, to: 1, limit: 0 })).toThrow(/limit/);
  });

  it('refuses absurd nesting and length instead of overflowing the stack', () => {
    expect(errorOf(`${'('.repeat(200)}a${')'.repeat(200)}`).code).toBe('too_complex');
    expect(errorOf('NOT '.repeat(500) + 'a').code).toBe('too_complex');
    expect(errorOf('a'.repeat(30_000)).code).toBe('too_complex');
  });

  it('lexes hostile input in linear time', () => {
    const started = performance.now();
    for (const q of ['*'.repeat(19_000), '\\'.repeat(19_999), `a:${':'.repeat(19_000)}`, `"${'\\"'.repeat(9000)}"`]) {
      try {
        compileQuery(q, scope);
      } catch (e) {
        if (!(e instanceof QueryError)) throw e;
      }
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
