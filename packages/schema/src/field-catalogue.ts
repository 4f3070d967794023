/**
 * The field catalogue: every field Mamori's parsers write, with its type and meaning (English and Japanese).
 * docs/schema.md and docs/ja/schema.md are generated from it (packages/schema/scripts/gen-docs.ts); a test
 * fails when a parser writes a field that is not listed here, or when the committed docs are stale.
 */
import { networkFields } from './field-catalogue-network.ts';
import { hostFields } from './field-catalogue-host.ts';
import type { FieldDefinition } from './field-types.ts';

export const fieldCatalogue: readonly FieldDefinition[] = [...networkFields, ...hostFields];

const exact = new Map(fieldCatalogue.filter((f) => !f.name.endsWith('*')).map((f) => [f.name, f]));
const families = fieldCatalogue.filter((f) => f.name.endsWith('*')).map((f) => ({ prefix: f.name.slice(0, -1), def: f }));

/** The definition documenting `name` (exactly, or through a `prefix.*` family). */
export function findField(name: string): FieldDefinition | undefined {
  return exact.get(name) ?? families.find((f) => name.startsWith(f.prefix))?.def;
}
