/**
 * Runs compiled query-language SQL on the event store within a time budget. The scope (tenants, time
 * range, limits) comes from the caller's principal and the request, never from the query text: the
 * compiler puts it in the innermost WHERE as parameters.
 */
import { compileQuery, QueryError, type ColumnInfo, type CompiledQuery, type QueryScope } from '@mamori/query';
import { MamoriError } from '../../errors.ts';
import type { Principal } from '../../http/principal.ts';
import type { EventStore } from '../../stores/events/event-store.ts';
import type { TenantRow } from '../tenants/tenants.repository.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';

export const DEFAULT_RANGE_MS = 24 * 3_600_000;
export const DEFAULT_TIMEOUT_MS = 30_000;

export class QueryTimeoutError extends MamoriError {
  override readonly status = 504;
  override readonly title = 'Query time budget exceeded';
}

export interface SearchResult {
  columns: ColumnInfo[];
  rows: unknown[][];
  shape: CompiledQuery['shape'];
  stats: { elapsedMs: number; rows: number; truncated: boolean };
}

export interface TimeRange {
  from?: number | undefined;
  to?: number | undefined;
}

/** Time range with defaults: up to now, over the last 24 hours. */
export function resolveRange(range: TimeRange, now = Date.now()): { from: number; to: number } {
  const to = range.to ?? now;
  return { from: range.from ?? to - DEFAULT_RANGE_MS, to };
}

export class SearchService {
  constructor(
    private readonly store: EventStore,
    private readonly tenants: TenantsService,
    readonly timeoutMs: number = DEFAULT_TIMEOUT_MS,
  ) {}

  /**
   * The tenants a search reads: `tenant` alone, or the explicit `tenants` list. Each slug goes through
   * tenants.get, so a foreign tenant answers 404 exactly as if it did not exist.
   */
  async resolveTenants(p: Principal, slugs: string[]): Promise<TenantRow[]> {
    const unique = [...new Set(slugs)];
    const rows: TenantRow[] = [];
    for (const slug of unique) rows.push(await this.tenants.get(p, slug));
    return rows;
  }

  compile(text: string, scope: Omit<QueryScope, 'timeBudget'>): CompiledQuery<'duckdb'> {
    return compileQuery(text, { ...scope, timeBudget: this.timeoutMs });
  }

  /**
   * Runs a compiled query; the DuckDB thread interrupts it once the time budget has passed. There is no
   * cancel message to the thread, so a client that disconnects lets the query finish (at most the budget)
   * and its answer is dropped.
   */
  async run(compiled: CompiledQuery<'duckdb'>): Promise<SearchResult> {
    const started = performance.now();
    const budget = compiled.timeBudgetMs ?? this.timeoutMs;
    let result;
    try {
      result = await this.store.query(compiled.sql, compiled.params, { timeoutMs: budget });
    } catch (err) {
      const elapsed = performance.now() - started;
      if (/interrupt/i.test(String(err)) || elapsed >= budget) {
        throw new QueryTimeoutError(`the query ran past its time budget of ${budget} ms; narrow the time range or the filter`);
      }
      throw err;
    }
    const elapsedMs = Math.round((performance.now() - started) * 10) / 10;
    const jsonCols = compiled.columns.flatMap((c, i) => (c.type === 'json' ? [i] : []));
    const rows = result.rows.map((row) => {
      if (jsonCols.length === 0) return row;
      const copy = [...row];
      for (const i of jsonCols) copy[i] = parseJson(copy[i]);
      return copy;
    });
    return {
      columns: compiled.columns,
      rows,
      shape: compiled.shape,
      stats: { elapsedMs, rows: rows.length, truncated: compiled.rowLimit > 0 && rows.length >= compiled.rowLimit },
    };
  }
}

function parseJson(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

/** A query mistake as problem+json, with the offset and what was expected, so the UI can point at it. */
export function queryProblem(err: QueryError): Record<string, unknown> {
  return {
    type: 'about:blank',
    title: 'Invalid query',
    status: 400,
    detail: err.message,
    code: err.code,
    position: err.position,
    ...(err.expected === undefined ? {} : { expected: err.expected }),
  };
}
