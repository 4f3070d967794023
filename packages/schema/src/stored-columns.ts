/**
 * The event table every event store keeps (DuckDB embedded, ClickHouse for scale-out).
 *
 * System columns describe where an event came from; promoted columns copy the hottest ECS fields out of
 * the document so that filters and aggregations on them read one narrow column instead of parsing JSON.
 * Every other field lives only in `doc` (the flat field map as JSON) and is reached with a JSON path.
 * Promoted columns are named after the ECS field itself, so `source.ip` is the column "source.ip".
 */
export const systemColumns = {
  tenant_id: 'tenant the event belongs to (0 = unassigned sender)',
  device_id: 'device that sent it, null when unassigned',
  batch_id: 'stored batch (hash-chained, see verify)',
  seq: 'position inside the batch',
  received_at: 'receive time, UTC epoch ms',
  ts: 'event time, UTC epoch ms (receive time when the log carried none)',
  format: 'parser that produced the fields',
  parse_error: 'why the line did not parse fully, null when it did',
  sender: 'sender address (syslog) or ingest source',
  raw: 'the original line as text (invalid UTF-8 bytes shown as U+FFFD)',
  raw_bytes: 'the original bytes, only when they are not valid UTF-8',
  doc: 'all normalised fields as a flat JSON object (promoted ones too)',
} as const;

export type PromotedColumnType = 'string' | 'integer';

/** ECS fields stored as their own column. Order is the table's column order. */
export const promotedColumns: ReadonlyArray<{ field: string; type: PromotedColumnType }> = [
  { field: 'event.kind', type: 'string' },
  { field: 'event.action', type: 'string' },
  { field: 'event.outcome', type: 'string' },
  { field: 'event.severity', type: 'integer' },
  { field: 'event.dataset', type: 'string' },
  { field: 'event.code', type: 'string' },
  { field: 'observer.vendor', type: 'string' },
  { field: 'observer.product', type: 'string' },
  { field: 'source.ip', type: 'string' },
  { field: 'source.port', type: 'integer' },
  { field: 'destination.ip', type: 'string' },
  { field: 'destination.port', type: 'integer' },
  { field: 'network.transport', type: 'string' },
  { field: 'rule.id', type: 'string' },
  { field: 'rule.name', type: 'string' },
  { field: 'user.name', type: 'string' },
  { field: 'host.name', type: 'string' },
  { field: 'url.original', type: 'string' },
];

/** IP addresses as 128-bit numbers (IPv4 mapped into ::ffff:0:0/96), so CIDR filters are range scans. */
export const ipNumberColumns = { 'source.ip': 'source_ip_num', 'destination.ip': 'destination_ip_num' } as const;
