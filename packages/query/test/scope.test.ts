/**
 * No query can leave its tenant scope or put its own text into SQL: hostile strings in every position
 * (values, fields, pipes, by-clauses, aliases, spans) either fail with a QueryError or compile to SQL
 * whose only string literals are the compiler's own, with the scope first in the innermost WHERE.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileQuery, type CompiledQuery } from '../src/compile.ts';
import { QueryError } from '../src/errors.ts';
import { quoteValue } from '../src/quote.ts';
import { generateEvents, loadDuckDb, runRows, STEP, T0 } from './dataset.ts';

const payloads = [
  "' OR 1=1 --",
  '"; DROP TABLE events; --',
  "x') OR tenant_id IN (1,2,3,4) OR ('",
  'a` OR 1 --',
  '$1',
  '{p1:UInt32}',
  '*/ UNION SELECT * FROM events /*',
  '1) OR (1=1',
  'tenant_id:1',
  "\\'",
  '\\',
  'é中文',
  'a"b',
  '%_\\%',
  "1h' OR '1'='1",
  'source.ip) OR (true',
];

const positions: Array<(p: string) => string> = [
  (p) => p,
  (p) => quoteValue(p),
  (p) => `event.action:${quoteValue(p)}`,
  (p) => `event.action:${p}`,
  (p) => `event.action:*${p}*`,
  (p) => `user.domain:${p}`,
  (p) => `user.domain:${quoteValue(p)} OR tenant_id:1`,
  (p) => `destination.port>${p}`,
  (p) => `source.ip:${p}`,
  (p) => `@timestamp>=${p}`,
  (p) => `${p}:x`,
  (p) => `| stats count by ${p}`,
  (p) => `| stats count as ${p}`,
  (p) => `| stats dc(${p})`,
  (p) => `| sort ${p}`,
  (p) => `| fields ${p}`,
  (p) => `| top 5 ${p}`,
  (p) => `| where ${p}`,
  (p) => `| stats count by source.ip | where source.ip:${quoteValue(p)}`,
  (p) => `| stats count by source.ip | where source.ip:*${p}`,
  (p) => `| timechart span=${p} count`,
  (p) => `| timechart count by ${p}`,
  (p) => `(${p}) OR NOT (${p})`,
];

const SCOPE = { tenantIds: [2], from: T0, to: T0 + 400 * STEP, limit: 100_000 };

/** The compiler's own string literals; anything else quoted would have come from the user. */
const OWN_LITERALS = ["ESCAPE '\\'", "'String'", "'Array(String)'", "''"];

function compileAll(): Array<{ q: string; duck: CompiledQuery<'duckdb'>; ch: CompiledQuery<'clickhouse'> }> {
  const out: Array<{ q: string; duck: CompiledQuery<'duckdb'>; ch: CompiledQuery<'clickhouse'> }> = [];
  for (const pos of positions) {
    for (const p of payloads) {
      const q = pos(p);
      try {
        out.push({ q, duck: compileQuery(q, SCOPE), ch: compileQuery(q, SCOPE, { dialect: 'clickhouse' }) });
      } catch (e) {
        if (!(e instanceof QueryError)) throw new Error(`${q}: ${String(e)}`);
      }
    }
  }
  return out;
}

describe('scope and injection', () => {
  const compiled = compileAll();
  let conn: DuckDBConnection;

  beforeAll(async () => {
    conn = await loadDuckDb(generateEvents(400, 7));
  });
  afterAll(() => {
    conn.closeSync();
  });

  it('compiles a good share of the hostile queries (the rest are QueryErrors)', () => {
    expect(compiled.length).toBeGreaterThan(100);
  });

  it('puts no user text in SQL string literals', () => {
    for (const { q, duck, ch } of compiled) {
      for (const sql of [duck.sql, ch.sql]) {
        let stripped = sql;
        for (const lit of OWN_LITERALS) stripped = stripped.replaceAll(lit, '');
        expect(stripped.includes("'"), `${q}\n${sql}`).toBe(false);
        expect(/DROP|UNION|1=1|OR 1\b|tenant_id IN \(1/.test(sql), `${q}\n${sql}`).toBe(false);
      }
    }
  });

  it('starts the innermost WHERE with the tenant and time scope, as parameters', () => {
    for (const { q, duck, ch } of compiled) {
      expect(duck.sql.split('FROM "events"').length, q).toBe(2);
      expect(duck.sql, q).toMatch(/FROM "events"\n\s*WHERE "tenant_id" IN \(\$1\)\n\s*AND "ts" >= \$2\n\s*AND "ts" < \$3(\n|$)/);
      expect(duck.params.slice(0, 3)).toEqual([2, SCOPE.from, SCOPE.to]);
      expect(ch.sql, q).toMatch(
        /FROM `events`\n\s*WHERE `tenant_id` IN \(\{p1:UInt32\}\)\n\s*AND `ts` >= fromUnixTimestamp64Milli\(\{p2:Int64\}\)\n\s*AND `ts` < fromUnixTimestamp64Milli\(\{p3:Int64\}\)(\n|$)/,
      );
      expect([ch.params.p1, ch.params.p2, ch.params.p3]).toEqual([2, SCOPE.from, SCOPE.to]);
      // Every other conjunct of that WHERE is one predicate or a parenthesised group: none can re-open it.
      const lines = duck.sql.split('\n');
      const at = lines.findIndex((l) => l.includes('AND "ts" < $3'));
      for (const l of lines.slice(at + 1)) {
        if (!/^\s*AND /.test(l)) break;
        const body = l.replace(/^\s*AND /, '');
        if (body.startsWith('(')) {
          let depth = 0;
          let closedEarly = false;
          for (let i = 0; i < body.length; i++) {
            if (body[i] === '(') depth++;
            if (body[i] === ')') depth--;
            if (depth === 0 && i < body.length - 1) closedEarly = true;
          }
          expect(closedEarly && / OR /.test(body.slice(body.lastIndexOf(')'))), q).toBe(false);
        }
      }
    }
  });

  it('returns only rows of the scoped tenant when run', async () => {
    let ran = 0;
    for (const { q, duck } of compiled) {
      const rows = await runRows(conn, duck.sql, duck.params);
      ran++;
      if (duck.shape === 'events' && duck.columns.some((c) => c.name === 'tenant_id')) {
        for (const r of rows) expect(r.tenant_id, q).toBe(2);
      }
    }
    expect(ran).toBe(compiled.length);
  });

  it('takes the tenants from the scope only: an empty scope compiles nothing', () => {
    expect(() => compileQuery('tenant_id:2', { tenantIds: [], from: 0, to: 1 })).toThrow(QueryError);
  });
});
