/**
 * The dialect-independent plan: a tree of SELECT blocks whose expressions say what to compute, not how a
 * given engine spells it. Values are carried as typed parameters; dialects/*.ts turn a plan into SQL
 * and allocate the placeholders, so no value ever becomes SQL text.
 */

/** Parameter types; each dialect maps them (ClickHouse needs them in the placeholder). */
export type ParamType = 'string' | 'int' | 'float' | 'uint128' | 'tenant' | 'time';

export type TimeColumn = 'ts' | 'received_at';

export type AggFnPlan = 'count' | 'countOf' | 'dc' | 'sum' | 'avg' | 'min' | 'max';

export type Expr =
  /** A column of the events table (system or promoted), by its stored name. */
  | { k: 'col'; name: string }
  /** A time column read as UTC epoch milliseconds. */
  | { k: 'time'; col: TimeColumn }
  /** An output column of the inner block. */
  | { k: 'ref'; name: string }
  /** A field of `doc` as text (null when absent; arrays as their JSON text). */
  | { k: 'docText'; field: string }
  /** A field of `doc` as a number (null when absent or not numeric). */
  | { k: 'docNum'; field: string }
  /** A field of `doc` as a list of strings (empty unless the value is an array). */
  | { k: 'docList'; field: string }
  /** Length of the raw line in bytes, for volume and capacity figures. */
  | { k: 'rawSize' }
  | { k: 'param'; type: ParamType; value: string | number }
  /** A bucket start (epoch ms) of width `spanMs`, aligned to UTC plus `offsetMs`. Compiler-made integers. */
  | { k: 'bucket'; spanMs: number; offsetMs: number }
  | { k: 'agg'; fn: AggFnPlan; arg: Expr | undefined }
  /** Percentage of all rows of the block that fell in this group. */
  | { k: 'share' };

export type CmpOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Pred =
  | { k: 'cmp'; op: CmpOp; left: Expr; right: Expr }
  | { k: 'in'; left: Expr; values: Expr[] }
  /** Case-insensitive pattern match; `pattern` is a LIKE pattern escaped with backslashes. */
  | { k: 'like'; expr: Expr; pattern: string }
  /** Some element of the list matches the pattern (case-insensitive). */
  | { k: 'listLike'; list: Expr; pattern: string }
  | { k: 'listHas'; list: Expr; value: Expr }
  /**
   * Case-insensitive search of the raw line. `needle` is the lowered literal when there is no wildcard;
   * `pattern` is always the equivalent LIKE pattern (`%needle%`), lowered.
   */
  | { k: 'fullText'; needle: string | undefined; pattern: string }
  | { k: 'notNull'; expr: Expr }
  | { k: 'and' | 'or'; items: Pred[] }
  /** Missing values count as "not matching", so NOT of them matches (as analysts expect). */
  | { k: 'not'; pred: Pred }
  | { k: 'const'; value: boolean };

export interface OutputColumn {
  name: string;
  expr: Expr;
}

export interface Block {
  /** The events table, or an inner block. */
  from: 'events' | Block;
  /** Empty means every column of `from` (only used for inner blocks over events). */
  columns: OutputColumn[];
  where: Pred[];
  groupBy: Expr[];
  orderBy: Array<{ expr: Expr; desc: boolean }>;
  limit: number | undefined;
}

export type ColumnType = 'time' | 'string' | 'integer' | 'number' | 'json';

export interface ColumnInfo {
  name: string;
  type: ColumnType;
}

export type ResultShape = 'events' | 'table' | 'timechart';

export interface Plan {
  root: Block;
  columns: ColumnInfo[];
  shape: ResultShape;
  /** Bucket width of a timechart, so the UI can fill empty buckets. */
  spanMs: number | undefined;
}

export function emptyBlock(from: 'events' | Block): Block {
  return { from, columns: [], where: [], groupBy: [], orderBy: [], limit: undefined };
}

export function and(items: Pred[]): Pred {
  const flat = items.flatMap((p) => (p.k === 'and' ? p.items : [p])).filter((p) => !(p.k === 'const' && p.value));
  if (flat.length === 0) return { k: 'const', value: true };
  return flat.length === 1 ? (flat[0] as Pred) : { k: 'and', items: flat };
}

export function or(items: Pred[]): Pred {
  const flat = items.flatMap((p) => (p.k === 'or' ? p.items : [p]));
  if (flat.length === 1) return flat[0] as Pred;
  // `event.action:(deny OR drop)` on a column reads better, and plans better, as IN.
  const first = flat[0];
  if (first?.k === 'cmp' && first.op === '=' && first.left.k === 'col') {
    const col = first.left.name;
    const values: Expr[] = [];
    for (const p of flat) {
      if (p.k !== 'cmp' || p.op !== '=' || p.left.k !== 'col' || p.left.name !== col || p.right.k !== 'param') break;
      values.push(p.right);
    }
    if (values.length === flat.length) return { k: 'in', left: first.left, values };
  }
  return { k: 'or', items: flat };
}
