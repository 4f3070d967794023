/**
 * The scope every compiled query runs in. It never comes from the query text: the server derives it
 * from the caller's tenants and the requested time range, and the compiler puts it in the innermost
 * WHERE as parameters, so no pipe, field name or value can widen it.
 */
import { QueryError } from './errors.ts';
import type { Pred } from './plan.ts';

export interface QueryScope {
  /** Tenants the caller may read; at least one. */
  tenantIds: number[];
  /** Event time range, UTC epoch ms, `from` inclusive, `to` exclusive. */
  from: number;
  to: number;
  /** Most event rows returned (default 100, at most 100,000). */
  limit?: number;
  /**
   * Most rows of an aggregation (stats, top, timechart), default 10,000, at most 100,000: a day of
   * hourly buckets by action is already more than 100 rows, so event-list limits would cut charts short.
   */
  aggregateLimit?: number;
  /** Time budget in ms: ClickHouse gets max_execution_time; DuckDB callers interrupt after it. */
  timeBudget?: number;
  /** Offset of the viewer's zone for timechart buckets (540 for JST), so "per day" means local days. */
  utcOffsetMinutes?: number;
}

export type ValidScope = QueryScope & { limit: number; aggregateLimit: number };

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 100_000;
export const DEFAULT_AGGREGATE_LIMIT = 10_000;

function bad(detail: string): never {
  throw new QueryError('invalid_scope', -1, detail);
}

export function validateScope(scope: QueryScope): ValidScope {
  const ids = scope.tenantIds as unknown;
  if (!Array.isArray(ids) || ids.length === 0) bad('the scope names no tenant');
  for (const id of ids as unknown[]) {
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0 || id > 2_147_483_647) bad('tenant ids are non-negative integers');
  }
  const isMs = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n);
  if (!isMs(scope.from) || !isMs(scope.to)) bad('from and to are integer epoch milliseconds');
  if (scope.from >= scope.to) bad('from must be before to');
  const limit = scope.limit ?? DEFAULT_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT) bad(`limit is a whole number from 1 to ${MAX_LIMIT}`);
  const aggregateLimit = scope.aggregateLimit ?? DEFAULT_AGGREGATE_LIMIT;
  if (!Number.isSafeInteger(aggregateLimit) || aggregateLimit < 1 || aggregateLimit > MAX_LIMIT) {
    bad(`aggregateLimit is a whole number from 1 to ${MAX_LIMIT}`);
  }
  if (scope.timeBudget !== undefined && !(Number.isFinite(scope.timeBudget) && scope.timeBudget > 0)) bad('timeBudget is a positive number of ms');
  const off = scope.utcOffsetMinutes ?? 0;
  if (!Number.isSafeInteger(off) || Math.abs(off) > 18 * 60) bad('utcOffsetMinutes is a whole number within ±1080');
  return { ...scope, tenantIds: [...new Set(scope.tenantIds)], limit, aggregateLimit };
}

export function scopePredicates(scope: ValidScope): Pred[] {
  return [
    {
      k: 'in',
      left: { k: 'col', name: 'tenant_id' },
      values: scope.tenantIds.map((id) => ({ k: 'param', type: 'tenant', value: id })),
    },
    { k: 'cmp', op: '>=', left: { k: 'col', name: 'ts' }, right: { k: 'param', type: 'time', value: scope.from } },
    { k: 'cmp', op: '<', left: { k: 'col', name: 'ts' }, right: { k: 'param', type: 'time', value: scope.to } },
  ];
}
