export type { FieldValue, EventFields } from './event.ts';
export { systemColumns, promotedColumns, ipNumberColumns, type PromotedColumnType } from './stored-columns.ts';
export { toNested, type NestedDocument, type NestedValue } from './to-nested.ts';
export { fieldCatalogue, findField } from './field-catalogue.ts';
export type { FieldDefinition, FieldType } from './field-types.ts';
export { renderSchemaDocs, type DocLanguage } from './render-schema-docs.ts';
