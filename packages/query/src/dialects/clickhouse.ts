/**
 * ClickHouse (scale-out store): typed `{pN:Type}` query parameters, `doc` as a JSON String column read
 * with JSONExtract*, ts as DateTime64(3) (results still carry epoch ms), IP numbers as UInt128.
 */
import type { AggFnPlan, ParamType, TimeColumn } from '../plan.ts';
import { SqlRenderer } from '../sql.ts';

const CH_TYPES: Record<ParamType, string> = {
  string: 'String',
  int: 'Int64',
  float: 'Float64',
  uint128: 'UInt128',
  tenant: 'UInt32',
  time: 'Int64',
};

export class ClickHouseRenderer extends SqlRenderer {
  readonly dialect = 'clickhouse' as const;

  protected placeholder(type: ParamType, n: number): string {
    const p = `{p${n}:${CH_TYPES[type]}}`;
    return type === 'time' ? `fromUnixTimestamp64Milli(${p})` : p;
  }

  params(): Record<string, string | number> {
    const out: Record<string, string | number> = {};
    this.values.forEach((v, i) => {
      out[`p${i + 1}`] = v.value;
    });
    return out;
  }

  protected time(col: TimeColumn): string {
    return `toUnixTimestamp64Milli(${this.ident(col)})`;
  }

  /** Strings as text, numbers/arrays/objects as their JSON text (as DuckDB does), absent as NULL. */
  protected docText(field: string): string {
    const k = this.param('string', field);
    return `if(JSONType(doc, ${k}) = 'String', JSONExtractString(doc, ${k}), nullIf(JSONExtractRaw(doc, ${k}), ''))`;
  }

  protected docNum(field: string): string {
    return `toFloat64OrNull(${this.docText(field)})`;
  }

  protected docList(field: string): string {
    return `JSONExtract(doc, ${this.param('string', field)}, 'Array(String)')`;
  }

  protected rawSize(): string {
    return 'length(raw)';
  }

  protected bucket(spanMs: number, offsetMs: number): string {
    const span = this.int(spanMs);
    if (offsetMs === 0) return `intDiv(toUnixTimestamp64Milli(ts), ${span}) * ${span}`;
    const off = this.int(offsetMs);
    return `intDiv(toUnixTimestamp64Milli(ts) + ${off}, ${span}) * ${span} - ${off}`;
  }

  protected aggregate(fn: AggFnPlan, arg: string | undefined): string {
    switch (fn) {
      case 'count':
        return 'count()';
      case 'countOf':
        return `count(${arg})`;
      case 'dc':
        return `uniqExact(${arg})`;
      case 'sum':
      case 'avg':
      case 'min':
      case 'max':
        return `${fn}(${arg})`;
    }
  }

  protected share(): string {
    return 'count() * 100 / sum(count()) OVER ()';
  }

  protected like(expr: string, pattern: string): string {
    return `${expr} ILIKE ${pattern}`;
  }

  protected listLike(list: string, pattern: string): string {
    return `arrayExists(v -> v ILIKE ${this.param('string', pattern)}, ${list})`;
  }

  protected listHas(list: string, value: string): string {
    return `has(${list}, ${value})`;
  }

  /** Always LIKE on lower(raw): that is the expression the ngram skip index is built on. */
  protected fullText(_needle: string | undefined, pattern: string): string {
    return `lower(raw) LIKE ${this.param('string', pattern)}`;
  }

  /** Column names win over same-named aliases (`toUnixTimestamp64Milli(ts) AS ts` must not rewrite WHERE ts). */
  suffix(timeBudgetMs: number | undefined): string {
    const settings = ['prefer_column_name_to_alias = 1'];
    if (timeBudgetMs !== undefined) settings.push(`max_execution_time = ${this.int(Math.max(1, Math.ceil(timeBudgetMs / 1000)))}`);
    return `\nSETTINGS ${settings.join(', ')}`;
  }
}
