/**
 * Random queries from the grammar: each either fails with a QueryError or compiles to SQL that DuckDB
 * runs without error (and ClickHouse SQL that at least keeps placeholders and parameters in step).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileQuery } from '../src/compile.ts';
import { QueryError } from '../src/errors.ts';
import { generateEvents, loadDuckDb, runRows, STEP, T0 } from './dataset.ts';

const FIELDS = [
  'source.ip',
  'destination.ip',
  'destination.port',
  'event.action',
  'user.name',
  'url.original',
  'network.bytes',
  'event.category',
  'related.ip',
  '@timestamp',
  'tenant_id',
  'raw_size',
  'raw',
  'format',
  'source.geo.country_iso_code',
  'event.severity',
  'no.such.field',
];
const VALUES = ['10.0.0.0/8', '2001:db8::1', '445', 'deny', '*cmd*', '"quoted val"', '5000', '2026-11-01', 'alice', '*', 'abc', '1.2.3.4', '-3', '1.5'];
const OPS = [':', ':', ':', '>', '>=', '<', '<=', '!=', '='];

function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a * 1103515245 + 12345) % 2147483648;
    return a / 2147483648;
  };
}

function generator(seed: number) {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const term = (depth: number): string => {
    const k = r();
    if (depth > 2 || k < 0.45) return `${pick(FIELDS)}${pick(OPS)}${pick(VALUES)}`;
    if (k < 0.55) return pick(['"powershell"', 'mimikatz', 'fw*', '"50%_off"']);
    if (k < 0.65) return `(${expr(depth + 1)})`;
    if (k < 0.75) return `NOT ${term(depth + 1)}`;
    if (k < 0.85) return `${pick(FIELDS)}:(${pick(VALUES)} OR ${pick(VALUES)})`;
    return `${pick(FIELDS)}:[${pick(['1', '80', '*', '2026-11-01'])} TO ${pick(['443', '*', '65535'])}]`;
  };
  const expr = (depth: number): string => {
    const n = 1 + Math.floor(r() * 3);
    return Array.from({ length: n }, () => term(depth)).join(pick([' ', ' AND ', ' OR ']));
  };
  const agg = () => pick(['count', `dc(${pick(FIELDS)})`, `sum(${pick(FIELDS)})`, `avg(${pick(FIELDS)})`, `max(${pick(FIELDS)}) as m`, `min(${pick(FIELDS)})`, `count(${pick(FIELDS)})`]);
  const pipe = (): string =>
    pick([
      `stats ${agg()}, ${agg()} by ${pick(FIELDS)}`,
      `stats count by ${pick(FIELDS)}, ${pick(FIELDS)}`,
      `top ${1 + Math.floor(r() * 5)} ${pick(FIELDS)}`,
      `rare ${pick(FIELDS)}`,
      `sort ${pick(['-', '+', ''])}${pick([...FIELDS, 'count'])}`,
      `head ${1 + Math.floor(r() * 50)}`,
      `fields ${pick(FIELDS)}, ${pick(FIELDS)}`,
      `timechart span=${pick(['1h', '15m', '1d'])} ${agg()} by ${pick(FIELDS)}`,
      `timechart count`,
      `where ${term(2)}`,
      `where count>${Math.floor(r() * 5)}`,
    ]);
  return () => {
    const pipes = Array.from({ length: Math.floor(r() * 4) }, pipe);
    return [r() < 0.1 ? '' : expr(0), ...pipes.map((p) => `| ${p}`)].join(' ');
  };
}

describe('random queries', () => {
  let conn: DuckDBConnection;
  beforeAll(async () => {
    conn = await loadDuckDb(generateEvents(300, 3));
  });
  afterAll(() => {
    conn.closeSync();
  });

  it('fail only with QueryError, and what compiles runs on DuckDB', async () => {
    const next = generator(Number(process.env.RANDOM_SEED ?? 20261122));
    const scope = { tenantIds: [1, 2], from: T0, to: T0 + 300 * STEP };
    let ran = 0;
    let rejected = 0;
    for (let i = 0; i < Number(process.env.RANDOM_QUERIES ?? 600); i++) {
      const q = next();
      let sql: string;
      let params: Array<string | number>;
      try {
        ({ sql, params } = compileQuery(q, scope));
        const ch = compileQuery(q, scope, { dialect: 'clickhouse' });
        const names = new Set([...ch.sql.matchAll(/\{(p\d+):[A-Za-z0-9]+\}/g)].map((m) => m[1]));
        expect([...names].sort(), q).toEqual(Object.keys(ch.params).sort());
      } catch (e) {
        if (e instanceof QueryError) {
          rejected++;
          continue;
        }
        throw new Error(`${q}: ${String(e)}`);
      }
      try {
        await runRows(conn, sql, params);
      } catch (e) {
        throw new Error(`DuckDB rejected the SQL of: ${q}\n${sql}\n${JSON.stringify(params)}\n${String(e)}`);
      }
      ran++;
    }
    console.log(`random queries: ${ran} ran, ${rejected} rejected`);
    expect(ran).toBeGreaterThan(200);
    expect(rejected).toBeGreaterThan(20);
  });
});
