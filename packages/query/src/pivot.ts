/**
 * Pivot (SRC-3): from an observable seen in an alert, incident or event to the events around it. The
 * observable becomes a quoted query-language value over every field where that kind of observable is
 * stored, so the pivot compiles like any search and the UI can show it as editable query text.
 */
import { compileQuery, type CompiledQuery, type CompileOptions } from './compile.ts';
import type { Dialect } from './event-table-ddl.ts';
import { QueryError } from './errors.ts';
import { ipToNumber } from './ip.ts';
import { quoteValue } from './quote.ts';
import type { QueryScope } from './scope.ts';

export type ObservableKind = 'ip' | 'user' | 'host' | 'url' | 'hash';

/** Fields where each kind of observable may appear (ECS names, `related.*` lists included). */
export const pivotFields: Readonly<Record<ObservableKind, readonly string[]>> = {
  ip: ['source.ip', 'destination.ip', 'related.ip', 'client.ip', 'server.ip', 'host.ip', 'source.nat.ip', 'destination.nat.ip'],
  user: ['user.name', 'related.user', 'source.user.name', 'destination.user.name', 'user.target.name'],
  host: ['host.name', 'host.hostname', 'related.hosts', 'source.domain', 'destination.domain', 'url.domain'],
  url: ['url.original', 'url.full'],
  hash: [
    'related.hash',
    'file.hash.md5',
    'file.hash.sha1',
    'file.hash.sha256',
    'process.hash.md5',
    'process.hash.sha1',
    'process.hash.sha256',
  ],
};

/** Kinds whose value is also searched in the raw line (often left unparsed in URLs and paths). */
const fullTextKinds = new Set<ObservableKind>(['url', 'hash']);

export const DEFAULT_PIVOT_WINDOW_MS = 15 * 60_000;
const MAX_PIVOT_WINDOW_MS = 7 * 86_400_000;

export interface PivotRequest {
  kind: ObservableKind;
  value: string;
  /** The moment of the alert or event, UTC epoch ms. */
  at: number;
  /** Events from at − window to at + window (default 15 minutes, at most 7 days). */
  windowMs?: number;
  tenantIds: number[];
  limit?: number;
  timeBudget?: number;
}

function invalid(detail: string): never {
  throw new QueryError('invalid_parameter', -1, detail);
}

export function pivotQuery<D extends Dialect = 'duckdb'>(
  req: PivotRequest,
  options: CompileOptions<D> = {},
): { query: string; scope: QueryScope; compiled: CompiledQuery<D> } {
  const fields = pivotFields[req.kind] as readonly string[] | undefined;
  if (fields === undefined) invalid(`unknown observable kind '${String(req.kind)}': expected ip, user, host, url or hash`);
  const raw = typeof req.value === 'string' ? req.value.trim() : '';
  if (raw === '' || raw.length > 2048) invalid('the observable value must be 1 to 2048 characters');
  if (req.kind === 'ip' && ipToNumber(raw) === undefined) invalid(`'${raw}' is not an IP address`);
  const value = req.kind === 'hash' ? raw.toLowerCase() : raw;
  const windowMs = req.windowMs ?? DEFAULT_PIVOT_WINDOW_MS;
  if (!Number.isSafeInteger(windowMs) || windowMs < 1 || windowMs > MAX_PIVOT_WINDOW_MS) invalid('windowMs must be 1 ms to 7 days');
  if (!Number.isSafeInteger(req.at)) invalid('at must be epoch milliseconds');

  const quoted = quoteValue(value);
  const terms = fields.map((f) => `${f}:${quoted}`);
  if (fullTextKinds.has(req.kind)) terms.push(quoted);
  const query = terms.join(' OR ');
  const scope: QueryScope = {
    tenantIds: req.tenantIds,
    from: req.at - windowMs,
    to: req.at + windowMs + 1,
    ...(req.limit === undefined ? {} : { limit: req.limit }),
    ...(req.timeBudget === undefined ? {} : { timeBudget: req.timeBudget }),
  };
  return { query, scope, compiled: compileQuery(query, scope, options) };
}
