/** Query (syntax tree) + scope → Plan. Pipes fold into the current SELECT block or wrap it in a new one. */
import { promotedColumns } from '@mamori/schema';
import type { Aggregation, FieldRef, Pipe, Query } from './ast.ts';
import { QueryError } from './errors.ts';
import { fieldExpr, fieldType, resolveField, type FieldSpec } from './fields.ts';
import { eventsPredicate, findColumn, tablePredicate } from './filters.ts';
import { isValidFieldName } from './lexer.ts';
import { and, emptyBlock, type Block, type ColumnInfo, type ColumnType, type Expr, type OutputColumn, type Plan, type Pred, type ResultShape } from './plan.ts';
import { scopePredicates, type QueryScope, validateScope } from './scope.ts';

interface State {
  block: Block;
  /** 'events' while rows are stored events; 'table' after an aggregation or projection of one. */
  kind: 'events' | 'table';
  columns: ColumnInfo[];
  projection: FieldRef[] | undefined;
  shape: ResultShape;
  spanMs: number | undefined;
}

/** Columns of an event row when the query has no `fields` pipe. */
export const EVENT_COLUMNS: ReadonlyArray<ColumnInfo & { expr: Expr }> = [
  { name: 'ts', type: 'time', expr: { k: 'time', col: 'ts' } },
  { name: 'tenant_id', type: 'integer', expr: { k: 'col', name: 'tenant_id' } },
  { name: 'device_id', type: 'integer', expr: { k: 'col', name: 'device_id' } },
  { name: 'batch_id', type: 'integer', expr: { k: 'col', name: 'batch_id' } },
  { name: 'seq', type: 'integer', expr: { k: 'col', name: 'seq' } },
  { name: 'received_at', type: 'time', expr: { k: 'time', col: 'received_at' } },
  { name: 'format', type: 'string', expr: { k: 'col', name: 'format' } },
  { name: 'sender', type: 'string', expr: { k: 'col', name: 'sender' } },
  { name: 'parse_error', type: 'string', expr: { k: 'col', name: 'parse_error' } },
  { name: 'raw', type: 'string', expr: { k: 'col', name: 'raw' } },
  { name: 'doc', type: 'json', expr: { k: 'col', name: 'doc' } },
  // Promoted fields live only in their columns (doc holds the rest): the event is doc plus these.
  ...promotedColumns.map((c) => ({ name: c.field, type: c.type, expr: { k: 'col', name: c.field } as const })),
];

const DEFAULT_SPANS = [60_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000, 604_800_000];
const storedNames = new Set(['ts', '@timestamp', 'tenant_id', 'device_id', 'batch_id', 'seq', 'received_at', 'format', 'raw', 'doc', ...promotedColumns.map((c) => c.field)]);

/** About 200 buckets or fewer over the scope's time range. */
export function defaultSpan(from: number, to: number): number {
  const range = to - from;
  return DEFAULT_SPANS.find((s) => range / s <= 200) ?? 604_800_000;
}

function refTo(name: string): Expr {
  return { k: 'ref', name };
}

function wrap(s: State): void {
  const inner = s.block;
  s.block = emptyBlock(inner);
  if (s.kind === 'table') s.block.columns = s.columns.map((c) => ({ name: c.name, expr: { k: 'ref', name: c.name } }));
}

function addColumn(columns: OutputColumn[], infos: ColumnInfo[], col: OutputColumn, type: ColumnType, position: number): void {
  if (columns.some((c) => c.name === col.name)) {
    throw new QueryError('duplicate_column', position, `the column '${col.name}' appears twice: expected a different name (… as name)`, 'a new name');
  }
  columns.push(col);
  infos.push({ name: col.name, type });
}

/** A field's expression in the current rows (events, or a column of the aggregation before). */
function valueOf(s: State, ref: FieldRef): { expr: Expr; type: ColumnType; spec: FieldSpec | undefined } {
  if (s.kind === 'table') {
    const col = findColumn(s.columns, ref.name, ref.span.start);
    return { expr: { k: 'ref', name: col.name }, type: col.type, spec: undefined };
  }
  if (!isValidFieldName(ref.name)) {
    throw new QueryError('invalid_field', ref.span.start, `'${ref.name}' is not a field of the events: expected a field name`, 'a field name');
  }
  const spec = resolveField(ref);
  return { expr: fieldExpr(spec), type: fieldType(spec), spec };
}

function aggregation(s: State, agg: Aggregation): { expr: Expr; type: ColumnType } {
  if (agg.field === undefined) return { expr: { k: 'agg', fn: 'count', arg: undefined }, type: 'integer' };
  const v = valueOf(s, agg.field);
  switch (agg.fn) {
    case 'count':
      return { expr: { k: 'agg', fn: 'countOf', arg: v.expr }, type: 'integer' };
    case 'dc':
      return { expr: { k: 'agg', fn: 'dc', arg: v.expr }, type: 'integer' };
    case 'sum':
    case 'avg':
    case 'min':
    case 'max': {
      let arg = v.expr;
      let type = v.type;
      if (v.spec?.k === 'doc') {
        arg = { k: 'docNum', field: v.spec.field };
        type = 'number';
      }
      const numeric = type === 'integer' || type === 'number';
      if ((agg.fn === 'sum' || agg.fn === 'avg') && !numeric) {
        throw new QueryError('not_numeric', agg.field.span.start, `${agg.fn} needs a numeric field; '${agg.field.name}' is ${type}`, 'a numeric field');
      }
      const outType: ColumnType = agg.fn === 'avg' ? 'number' : agg.fn === 'sum' && type !== 'integer' ? 'number' : type;
      return { expr: { k: 'agg', fn: agg.fn, arg }, type: outType };
    }
  }
}

/** GROUP BY the fields plus the aggregations; events missing a by-field are left out, as in Splunk. */
function aggregate(s: State, by: FieldRef[], aggs: Aggregation[], lead: OutputColumn[], leadTypes: ColumnType[]): void {
  if (s.block.limit !== undefined || s.kind === 'table') wrap(s);
  const columns: OutputColumn[] = [];
  const infos: ColumnInfo[] = [];
  lead.forEach((c, i) => addColumn(columns, infos, c, leadTypes[i] ?? 'integer', 0));
  const where: Pred[] = [];
  for (const f of by) {
    const v = valueOf(s, f);
    addColumn(columns, infos, { name: f.name, expr: v.expr }, v.type, f.span.start);
    if (v.type !== 'time') where.push({ k: 'notNull', expr: v.expr });
  }
  for (const agg of aggs) {
    if (agg.name !== `${agg.fn}(${agg.field?.name ?? ''})` && agg.name !== 'count' && storedNames.has(agg.name)) {
      throw new QueryError('duplicate_column', agg.span.start, `the name '${agg.name}' is a stored field: expected another name after 'as'`, 'a new name');
    }
    const a = aggregation(s, agg);
    addColumn(columns, infos, { name: agg.name, expr: a.expr }, a.type, agg.span.start);
  }
  s.block.where.push(...where);
  s.block.groupBy = [...lead.map((c) => c.expr), ...by.map((f) => valueOf(s, f).expr)];
  s.block.columns = columns;
  s.block.orderBy = [];
  s.columns = infos;
  s.kind = 'table';
  s.projection = undefined;
}

function applyPipe(s: State, pipe: Pipe, scope: QueryScope): void {
  switch (pipe.type) {
    case 'where':
      if (s.kind === 'events') {
        if (s.block.limit !== undefined) wrap(s);
        s.block.where.push(eventsPredicate(pipe.expr));
      } else {
        wrap(s);
        s.block.where.push(tablePredicate(pipe.expr, s.columns));
      }
      return;
    case 'stats':
      aggregate(s, pipe.by, pipe.aggs, [], []);
      // Splunk lists groups in key order; a stable order also keeps head after stats deterministic.
      s.block.orderBy = pipe.by.map((f) => ({ expr: refTo(f.name), desc: false }));
      s.shape = 'table';
      return;
    case 'timechart': {
      if (s.kind === 'table') {
        throw new QueryError('not_after_aggregation', pipe.span.start, 'timechart needs events: expected it before stats, top or rare', 'events');
      }
      const spanMs = pipe.spanMs ?? defaultSpan(scope.from, scope.to);
      const offsetMs = (scope.utcOffsetMinutes ?? 0) * 60_000;
      aggregate(s, pipe.by, pipe.aggs, [{ name: '_time', expr: { k: 'bucket', spanMs, offsetMs } }], ['time']);
      s.block.orderBy = [{ expr: { k: 'ref', name: '_time' }, desc: false }, ...pipe.by.map((f) => ({ expr: refTo(f.name), desc: false }))];
      s.shape = 'timechart';
      s.spanMs = spanMs;
      return;
    }
    case 'top':
    case 'rare': {
      aggregate(s, pipe.fields, [{ fn: 'count', field: undefined, name: 'count', span: pipe.span }], [], []);
      s.block.columns.push({ name: 'percent', expr: { k: 'share' } });
      s.columns.push({ name: 'percent', type: 'number' });
      s.block.orderBy = [
        { expr: { k: 'ref', name: 'count' }, desc: pipe.type === 'top' },
        ...pipe.fields.map((f) => ({ expr: refTo(f.name), desc: false })),
      ];
      s.block.limit = pipe.n;
      s.shape = 'table';
      return;
    }
    case 'sort':
      if (s.block.limit !== undefined) wrap(s);
      s.block.orderBy = pipe.keys.map((k) => {
        const v = valueOf(s, k.column);
        // Sorting by the stored time column itself lets ClickHouse read in primary-key order.
        const expr: Expr = v.spec?.k === 'time' ? { k: 'col', name: v.spec.column } : v.expr;
        return { expr, desc: k.desc };
      });
      return;
    case 'head':
      // "The first N" of events means the newest N, as the result list shows them.
      if (s.kind === 'events' && s.block.orderBy.length === 0) s.block.orderBy = [{ expr: { k: 'col', name: 'ts' }, desc: true }];
      s.block.limit = Math.min(s.block.limit ?? pipe.n, pipe.n);
      return;
    case 'fields':
      if (s.kind === 'events') {
        for (const f of pipe.fields) resolveField(f);
        s.projection = pipe.fields;
        return;
      }
      for (const f of pipe.fields) findColumn(s.columns, f.name, f.span.start);
      wrap(s);
      s.block.columns = pipe.fields.map((f) => ({ name: f.name, expr: { k: 'ref', name: f.name } }));
      s.columns = pipe.fields.map((f) => s.columns.find((c) => c.name === f.name) as ColumnInfo);
      return;
  }
}

/** Builds the plan of a parsed query inside the scope; the scope's filters sit in the innermost block. */
export function planQuery(query: Query, scopeIn: QueryScope): Plan {
  const scope = validateScope(scopeIn);
  const first = emptyBlock('events');
  first.where.push(...scopePredicates(scope));
  const search = eventsPredicate(query.search);
  if (!(search.k === 'const' && search.value)) first.where.push(search);
  const s: State = { block: first, kind: 'events', columns: [], projection: undefined, shape: 'events', spanMs: undefined };
  for (const pipe of query.pipes) applyPipe(s, pipe, scope);

  if (s.kind === 'events') {
    const cols = s.projection === undefined ? EVENT_COLUMNS : projectionColumns(s.projection);
    s.block.columns = cols.map((c) => ({ name: c.name, expr: c.expr }));
    s.columns = cols.map((c) => ({ name: c.name, type: c.type }));
    if (s.block.orderBy.length === 0) s.block.orderBy = [{ expr: { k: 'col', name: 'ts' }, desc: true }];
  }
  const cap = s.kind === 'events' ? scope.limit : scope.aggregateLimit;
  s.block.limit = Math.min(s.block.limit ?? cap, cap);
  s.block.where = s.block.where.length > 0 ? [and(s.block.where)].flatMap((p) => (p.k === 'and' ? p.items : [p])) : [];
  return { root: s.block, columns: s.columns, shape: s.shape, spanMs: s.spanMs };
}

function projectionColumns(fields: FieldRef[]): Array<ColumnInfo & { expr: Expr }> {
  const out: Array<ColumnInfo & { expr: Expr }> = [{ name: 'ts', type: 'time', expr: { k: 'time', col: 'ts' } }];
  for (const f of fields) {
    if (out.some((c) => c.name === f.name)) continue;
    const spec = resolveField(f);
    out.push({ name: f.name, type: fieldType(spec), expr: fieldExpr(spec) });
  }
  return out;
}
