/** The parsed query, with source offsets so that later stages can point at what the analyst typed. */

export interface Span {
  start: number;
  end: number;
}

/** A literal run of text or a `*` wildcard; a value is a sequence of them. */
export type ValuePart = string | { wildcard: true };

export interface Value {
  /** The value with escapes resolved and wildcards kept as `*` (for messages and numbers). */
  text: string;
  parts: ValuePart[];
  /** Typed in double quotes: no wildcards, the text is taken literally. */
  quoted: boolean;
  span: Span;
}

export type CompareOp = '=' | '<' | '<=' | '>' | '>=';

export interface FieldRef {
  name: string;
  span: Span;
}

export type SearchExpr =
  | { type: 'and' | 'or'; items: SearchExpr[]; span: Span }
  | { type: 'not'; expr: SearchExpr; span: Span }
  /** Every event in scope (`*` or an empty search). */
  | { type: 'all'; span: Span }
  /** Full text over the raw line, case-insensitive. */
  | { type: 'text'; value: Value; span: Span }
  /** `field:value`, `field>=value`; equality with wildcards becomes a pattern match, on IP fields a CIDR. */
  | { type: 'match'; field: FieldRef; op: CompareOp; value: Value; span: Span }
  /** `field:*` */
  | { type: 'exists'; field: FieldRef; span: Span };

export type AggFn = 'count' | 'dc' | 'sum' | 'avg' | 'min' | 'max';

export interface Aggregation {
  fn: AggFn;
  field: FieldRef | undefined;
  /** Output column name: the alias after `as`, else `count`, `dc(source.ip)` … */
  name: string;
  span: Span;
}

export interface SortKey {
  /** A field before aggregation, an output column name after it (`count`, `dc(source.ip)`). */
  column: FieldRef;
  desc: boolean;
}

export type Pipe =
  | { type: 'stats'; aggs: Aggregation[]; by: FieldRef[]; span: Span }
  | { type: 'timechart'; spanMs: number | undefined; aggs: Aggregation[]; by: FieldRef[]; span: Span }
  | { type: 'top' | 'rare'; n: number; fields: FieldRef[]; span: Span }
  | { type: 'sort'; keys: SortKey[]; span: Span }
  | { type: 'head'; n: number; span: Span }
  | { type: 'fields'; fields: FieldRef[]; span: Span }
  | { type: 'where'; expr: SearchExpr; span: Span };

export interface Query {
  search: SearchExpr;
  pipes: Pipe[];
}
