/**
 * Plan → SQL. The structure (SELECT blocks, boolean logic, comparisons, GROUP BY, ORDER BY) is shared;
 * each dialect overrides how its engine spells a JSON lookup, a time, a bucket, a pattern match or a
 * placeholder. Every value goes through `param`, so it is a placeholder in the SQL text.
 */
import { quoteIdent, type Dialect } from './event-table-ddl.ts';
import type { AggFnPlan, Block, Expr, ParamType, Pred, TimeColumn } from './plan.ts';

export abstract class SqlRenderer {
  abstract readonly dialect: Dialect;
  protected readonly values: Array<{ type: ParamType; value: string | number }> = [];

  constructor(protected readonly table: string) {}

  /** The placeholder of the n-th (1-based) parameter. */
  protected abstract placeholder(type: ParamType, n: number): string;
  abstract params(): unknown[] | Record<string, unknown>;
  protected abstract time(col: TimeColumn): string;
  protected abstract docText(field: string): string;
  protected abstract docNum(field: string): string;
  protected abstract docList(field: string): string;
  protected abstract rawSize(): string;
  protected abstract bucket(spanMs: number, offsetMs: number): string;
  protected abstract aggregate(fn: AggFnPlan, arg: string | undefined): string;
  protected abstract share(): string;
  protected abstract like(expr: string, pattern: string): string;
  protected abstract listLike(list: string, pattern: string): string;
  protected abstract listHas(list: string, value: string): string;
  protected abstract fullText(needle: string | undefined, pattern: string): string;
  /** Text after the statement (ClickHouse SETTINGS). */
  abstract suffix(timeBudgetMs: number | undefined): string;

  private readonly seen = new Map<string, string>();

  /** Equal values of the same type share one placeholder (both engines allow reuse). */
  protected param(type: ParamType, value: string | number): string {
    const key = `${type}:${typeof value}:${value}`;
    const known = this.seen.get(key);
    if (known !== undefined) return known;
    this.values.push({ type, value });
    const ph = this.placeholder(type, this.values.length);
    this.seen.set(key, ph);
    return ph;
  }

  protected ident(name: string): string {
    return quoteIdent(this.dialect, name);
  }

  protected int(n: number): string {
    // Only compiler-made integers (limits, bucket widths) are written as literals; check anyway.
    if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${n}`);
    return String(n);
  }

  expr(e: Expr): string {
    switch (e.k) {
      case 'col':
        return this.ident(e.name);
      case 'time':
        return this.time(e.col);
      case 'ref':
        return this.ident(e.name);
      case 'docText':
        return this.docText(e.field);
      case 'docNum':
        return this.docNum(e.field);
      case 'docList':
        return this.docList(e.field);
      case 'rawSize':
        return this.rawSize();
      case 'param':
        return this.param(e.type, e.value);
      case 'bucket':
        return this.bucket(e.spanMs, e.offsetMs);
      case 'agg':
        return this.aggregate(e.fn, e.arg === undefined ? undefined : this.expr(e.arg));
      case 'share':
        return this.share();
    }
  }

  pred(p: Pred): string {
    switch (p.k) {
      case 'cmp':
        return `${this.expr(p.left)} ${p.op} ${this.expr(p.right)}`;
      case 'in':
        return `${this.expr(p.left)} IN (${p.values.map((v) => this.expr(v)).join(', ')})`;
      case 'like':
        return this.like(this.expr(p.expr), this.param('string', p.pattern));
      case 'listLike':
        return this.listLike(this.expr(p.list), p.pattern);
      case 'listHas':
        return this.listHas(this.expr(p.list), this.expr(p.value));
      case 'fullText':
        return this.fullText(p.needle, p.pattern);
      case 'notNull':
        return `${this.expr(p.expr)} IS NOT NULL`;
      case 'and':
      case 'or':
        return `(${p.items.map((i) => this.pred(i)).join(p.k === 'and' ? ' AND ' : ' OR ')})`;
      case 'not':
        return `NOT coalesce(${this.pred(p.pred)}, false)`;
      case 'const':
        return p.value ? 'true' : 'false';
    }
  }

  block(b: Block, indent = ''): string {
    const lines: string[] = [];
    const cols =
      b.columns.length === 0
        ? '*'
        : b.columns
            .map((c) => {
              const sql = this.expr(c.expr);
              return sql === this.ident(c.name) ? sql : `${sql} AS ${this.ident(c.name)}`;
            })
            .join(', ');
    lines.push(`${indent}SELECT ${cols}`);
    if (b.from === 'events') {
      lines.push(`${indent}FROM ${this.ident(this.table)}`);
    } else {
      lines.push(`${indent}FROM (`, this.block(b.from, `${indent}  `), `${indent}) AS t`);
    }
    if (b.where.length > 0) {
      lines.push(`${indent}WHERE ${b.where.map((p) => this.pred(p)).join(`\n${indent}  AND `)}`);
    }
    if (b.groupBy.length > 0) lines.push(`${indent}GROUP BY ${b.groupBy.map((e) => this.expr(e)).join(', ')}`);
    if (b.orderBy.length > 0) {
      lines.push(`${indent}ORDER BY ${b.orderBy.map((o) => `${this.expr(o.expr)} ${o.desc ? 'DESC' : 'ASC'}`).join(', ')}`);
    }
    if (b.limit !== undefined) lines.push(`${indent}LIMIT ${this.int(b.limit)}`);
    return lines.join('\n');
  }
}
