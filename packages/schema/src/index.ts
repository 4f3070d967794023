export type { FieldValue, EventFields } from './event.ts';
export { systemColumns, promotedColumns, ipNumberColumns, type PromotedColumnType } from './stored-columns.ts';
export { toNested, type NestedDocument, type NestedValue } from './to-nested.ts';
