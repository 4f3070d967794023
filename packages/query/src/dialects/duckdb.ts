/** DuckDB (embedded store): positional `$n` parameters, JSON paths as parameters, UHUGEINT IP numbers. */
import type { AggFnPlan, ParamType, TimeColumn } from '../plan.ts';
import { SqlRenderer } from '../sql.ts';

/** `$."source.geo.country_iso_code"`: dotted ECS keys are one quoted key, not a nested path. */
export function duckdbJsonPath(field: string, list = false): string {
  return `$."${field.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"${list ? '[*]' : ''}`;
}

export class DuckDbRenderer extends SqlRenderer {
  readonly dialect = 'duckdb' as const;

  protected placeholder(type: ParamType, n: number): string {
    // A JS bigint binds as signed HUGEINT, too small for IPv6 numbers: pass text, cast in SQL.
    return type === 'uint128' ? `CAST($${n} AS UHUGEINT)` : `$${n}`;
  }

  params(): Array<string | number> {
    return this.values.map((v) => v.value);
  }

  protected time(col: TimeColumn): string {
    return this.ident(col);
  }

  protected docText(field: string): string {
    return `json_extract_string(doc, ${this.param('string', duckdbJsonPath(field))})`;
  }

  protected docNum(field: string): string {
    return `TRY_CAST(${this.docText(field)} AS DOUBLE)`;
  }

  protected docList(field: string): string {
    return `json_extract_string(doc, ${this.param('string', duckdbJsonPath(field, true))})`;
  }

  protected rawSize(): string {
    return 'strlen(raw)';
  }

  protected bucket(spanMs: number, offsetMs: number): string {
    const span = this.int(spanMs);
    if (offsetMs === 0) return `(ts // ${span}) * ${span}`;
    const off = this.int(offsetMs);
    return `((ts + ${off}) // ${span}) * ${span} - ${off}`;
  }

  protected aggregate(fn: AggFnPlan, arg: string | undefined): string {
    switch (fn) {
      case 'count':
        return 'count(*)';
      case 'countOf':
        return `count(${arg})`;
      case 'dc':
        return `count(DISTINCT ${arg})`;
      case 'sum':
      case 'avg':
      case 'min':
      case 'max':
        return `${fn}(${arg})`;
    }
  }

  protected share(): string {
    return 'count(*) * 100.0 / sum(count(*)) OVER ()';
  }

  protected like(expr: string, pattern: string): string {
    return `${expr} ILIKE ${pattern} ESCAPE '\\'`;
  }

  protected listLike(list: string, pattern: string): string {
    return `len(list_filter(${list}, lambda v: v ILIKE ${this.param('string', pattern)} ESCAPE '\\')) > 0`;
  }

  protected listHas(list: string, value: string): string {
    return `list_contains(${list}, ${value})`;
  }

  protected fullText(needle: string | undefined, pattern: string): string {
    if (needle !== undefined) return `contains(lower(raw), ${this.param('string', needle)})`;
    return `lower(raw) LIKE ${this.param('string', pattern)} ESCAPE '\\'`;
  }

  suffix(): string {
    return '';
  }
}
