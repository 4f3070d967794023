/**
 * Codes are stable identifiers for the UI to translate (ja/en); `message` is the English text.
 * Every error a user can cause by typing a query is a QueryError with the offset where it went wrong.
 */
export type QueryErrorCode =
  | 'unexpected_token'
  | 'unterminated_string'
  | 'expected_value'
  | 'expected_field'
  | 'expected_number'
  | 'expected_time'
  | 'invalid_field'
  | 'unknown_field'
  | 'unknown_column'
  | 'duplicate_column'
  | 'invalid_cidr'
  | 'cidr_not_supported'
  | 'not_numeric'
  | 'unknown_pipe'
  | 'unknown_function'
  | 'invalid_span'
  | 'not_after_aggregation'
  | 'too_complex'
  | 'invalid_scope'
  | 'invalid_parameter'
  | 'unknown_analysis';

export class QueryError extends Error {
  override readonly name = 'QueryError';
  /** Offset (0-based, UTF-16 code units) into the query text; -1 for errors in the scope, not the text. */
  readonly position: number;
  readonly code: QueryErrorCode;
  /** What the parser would have accepted at `position`, when that is the whole story. */
  readonly expected: string | undefined;

  constructor(code: QueryErrorCode, position: number, detail: string, expected?: string) {
    super(position >= 0 ? `at ${position}: ${detail}` : detail);
    this.code = code;
    this.position = position;
    this.expected = expected;
  }

  /** The fields a problem+json answer carries, so the UI can point at the offset and translate `code`. */
  toJSON(): { code: QueryErrorCode; position: number; expected: string | undefined; message: string } {
    return { code: this.code, position: this.position, expected: this.expected, message: this.message };
  }
}

export function expectedError(position: number, expected: string, after?: string): QueryError {
  const detail = after === undefined ? `expected ${expected}` : `expected ${expected} after ${after}`;
  return new QueryError('expected_value', position, detail, expected);
}
