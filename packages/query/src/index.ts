export { duckdbEventTableDdl, quoteIdent, type Dialect } from './event-table-ddl.ts';
