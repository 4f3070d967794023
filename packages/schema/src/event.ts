/**
 * A normalised event is a flat map from ECS field names ("source.ip", "event.action") to values.
 * Flat keys keep parsers, the Sigma field mapping and the query compiler free of path walking;
 * `toNested` in this package gives the ECS document shape for export.
 *
 * `@timestamp` holds the event time as UTC epoch milliseconds (a number), when the log carried one.
 */
export type FieldValue = string | number | boolean | string[];
export type EventFields = Record<string, FieldValue>;
