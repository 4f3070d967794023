/**
 * Where a field lives in the stored table: a system column, a promoted column (typed, with an IP number
 * column for source.ip / destination.ip), or the `doc` JSON. Field names reach this point only after
 * the lexer's allow-list check, and even then are emitted as quoted identifiers or JSON-path parameters.
 */
import { ipNumberColumns, promotedColumns } from '@mamori/schema';
import type { FieldRef } from './ast.ts';
import { QueryError } from './errors.ts';
import type { Expr, TimeColumn } from './plan.ts';

export type FieldSpec =
  | { k: 'column'; column: string; type: 'string' | 'integer'; ipNumberColumn: string | undefined }
  | { k: 'time'; column: TimeColumn }
  | { k: 'rawSize' }
  | { k: 'doc'; field: string };

const systemFields: Record<string, FieldSpec> = {
  '@timestamp': { k: 'time', column: 'ts' },
  ts: { k: 'time', column: 'ts' },
  received_at: { k: 'time', column: 'received_at' },
  tenant_id: { k: 'column', column: 'tenant_id', type: 'integer', ipNumberColumn: undefined },
  device_id: { k: 'column', column: 'device_id', type: 'integer', ipNumberColumn: undefined },
  batch_id: { k: 'column', column: 'batch_id', type: 'integer', ipNumberColumn: undefined },
  seq: { k: 'column', column: 'seq', type: 'integer', ipNumberColumn: undefined },
  format: { k: 'column', column: 'format', type: 'string', ipNumberColumn: undefined },
  parse_error: { k: 'column', column: 'parse_error', type: 'string', ipNumberColumn: undefined },
  sender: { k: 'column', column: 'sender', type: 'string', ipNumberColumn: undefined },
  raw: { k: 'column', column: 'raw', type: 'string', ipNumberColumn: undefined },
  raw_size: { k: 'rawSize' },
};

/** Columns that are storage, not fields: reading them as fields would leak bytes or duplicate `doc`. */
const notFields = new Set(['doc', 'raw_bytes', 'source_ip_num', 'destination_ip_num']);

const promoted = new Map<string, FieldSpec>(
  promotedColumns.map((c) => [
    c.field,
    {
      k: 'column',
      column: c.field,
      type: c.type,
      ipNumberColumn: (ipNumberColumns as Record<string, string | undefined>)[c.field],
    },
  ]),
);

export function resolveField(ref: FieldRef): FieldSpec {
  const sys = systemFields[ref.name];
  if (sys !== undefined) return sys;
  const p = promoted.get(ref.name);
  if (p !== undefined) return p;
  if (notFields.has(ref.name)) {
    throw new QueryError('unknown_field', ref.span.start, `'${ref.name}' is a storage column, not a field`, 'a field name');
  }
  return { k: 'doc', field: ref.name };
}

/** The field's value as the engine should show and group it. */
export function fieldExpr(spec: FieldSpec): Expr {
  switch (spec.k) {
    case 'column':
      return { k: 'col', name: spec.column };
    case 'time':
      return { k: 'time', col: spec.column };
    case 'rawSize':
      return { k: 'rawSize' };
    case 'doc':
      return { k: 'docText', field: spec.field };
  }
}

export function fieldType(spec: FieldSpec): 'time' | 'string' | 'integer' | 'number' {
  switch (spec.k) {
    case 'column':
      return spec.type;
    case 'time':
      return 'time';
    case 'rawSize':
      return 'integer';
    case 'doc':
      return 'string';
  }
}
