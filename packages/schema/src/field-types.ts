/** The shape of one documented field. */
export type FieldType = 'keyword' | 'keyword[]' | 'text' | 'long' | 'ip' | 'ip[]' | 'date' | 'boolean';

export interface FieldDefinition {
  /** ECS dotted name as used in the flat event map; a trailing `*` documents a family of vendor keys. */
  name: string;
  type: FieldType;
  /** Meaning, in English. */
  en: string;
  /** Meaning, in Japanese. */
  ja: string;
  /** Filled by the ingest pipeline (tenant, device), not by a parser. */
  pipeline?: true;
}

/** Compact constructor that keeps the catalogue files readable. */
export function field(name: string, type: FieldType, en: string, ja: string, pipeline?: true): FieldDefinition {
  return pipeline ? { name, type, en, ja, pipeline } : { name, type, en, ja };
}
