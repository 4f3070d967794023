/** The compiler's entry point: query text + scope → parameterised SQL for one dialect. */
import type { Query } from './ast.ts';
import { ClickHouseRenderer } from './dialects/clickhouse.ts';
import { DuckDbRenderer } from './dialects/duckdb.ts';
import type { Dialect } from './event-table-ddl.ts';
import { parseQuery } from './parser.ts';
import type { ColumnInfo, Plan, ResultShape } from './plan.ts';
import { planQuery } from './planner.ts';
import type { QueryScope } from './scope.ts';

export interface CompileOptions<D extends Dialect = Dialect> {
  dialect?: D;
  /** Events table name (default `events`). */
  table?: string;
}

export interface CompiledQuery<D extends Dialect = Dialect> {
  dialect: D;
  sql: string;
  /** DuckDB: positional values for `$1…$n`. ClickHouse: `query_params` for `{pN:Type}`. */
  params: D extends 'clickhouse' ? Record<string, string | number> : Array<string | number>;
  /** Result columns in order, with the type the UI should render. */
  columns: ColumnInfo[];
  /** events: stored event rows; table: aggregation rows; timechart: `_time` buckets (+ by fields). */
  shape: ResultShape;
  /** Bucket width of a timechart (ms). */
  spanMs: number | undefined;
  /** The LIMIT of the statement: a result with this many rows may have been cut short. */
  rowLimit: number;
  /** The scope's time budget; DuckDB callers interrupt the connection after it. */
  timeBudgetMs: number | undefined;
}

export function renderPlan<D extends Dialect>(plan: Plan, scope: QueryScope, options: CompileOptions<D> = {}): CompiledQuery<D> {
  const dialect = (options.dialect ?? 'duckdb') as D;
  const table = options.table ?? 'events';
  const r = dialect === 'clickhouse' ? new ClickHouseRenderer(table) : new DuckDbRenderer(table);
  const sql = r.block(plan.root) + r.suffix(scope.timeBudget);
  return {
    dialect,
    sql,
    params: r.params() as CompiledQuery<D>['params'],
    columns: plan.columns,
    shape: plan.shape,
    spanMs: plan.spanMs,
    rowLimit: plan.root.limit ?? 0,
    timeBudgetMs: scope.timeBudget,
  };
}

/** Compiles a parsed query; see compileQuery. */
export function compileParsed<D extends Dialect = 'duckdb'>(query: Query, scope: QueryScope, options: CompileOptions<D> = {}): CompiledQuery<D> {
  return renderPlan(planQuery(query, scope), scope, options);
}

/**
 * Compiles query-language text to SQL scoped to `scope` (tenants and time range are always filtered,
 * as parameters, in the innermost WHERE). Throws QueryError (with `position` and `code`) for mistakes
 * in the text or the scope.
 */
export function compileQuery<D extends Dialect = 'duckdb'>(text: string, scope: QueryScope, options: CompileOptions<D> = {}): CompiledQuery<D> {
  return compileParsed(parseQuery(text), scope, options);
}
