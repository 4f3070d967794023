import { toNested } from '@mamori/schema';
import { csvRow } from './csv.ts';
import type { EventsRepository, ExportFilter, ExportRow } from './events.repository.ts';

export type ExportFormat = 'raw' | 'ndjson' | 'csv';

const CSV_FIELDS = [
  'source.ip',
  'source.port',
  'destination.ip',
  'destination.port',
  'network.transport',
  'event.action',
  'event.outcome',
  'rule.name',
  'user.name',
  'host.name',
  'url.original',
  'message',
] as const;

export interface ExportContext {
  tenantSlug: string;
  deviceNames: Map<number, string>;
}

/**
 * Export (STO-3): raw lines byte-identical to what was received (evidence), or the normalised events as
 * NDJSON (ECS documents) or CSV (formula-safe). Yields chunks so any size streams.
 */
export async function* exportEvents(
  repo: EventsRepository,
  filter: ExportFilter,
  format: ExportFormat,
  ctx: ExportContext,
): AsyncGenerator<Buffer> {
  if (format === 'csv') {
    yield Buffer.from(csvRow(['@timestamp', 'received_at', 'device', 'format', 'parse_error', ...CSV_FIELDS, 'event.original']));
  }
  for await (const page of repo.all(filter)) {
    const parts: Buffer[] = [];
    for (const row of page) {
      if (format === 'raw') parts.push(rawBytes(row), NEWLINE);
      else if (format === 'ndjson') parts.push(Buffer.from(JSON.stringify(toDocument(row, ctx)) + '\n'));
      else parts.push(Buffer.from(csvLine(row, ctx)));
    }
    yield Buffer.concat(parts);
  }
}

const NEWLINE = Buffer.from('\n');

export function rawBytes(row: ExportRow): Buffer {
  return row.rawBytes ? Buffer.from(row.rawBytes) : Buffer.from(row.raw, 'utf8');
}

/** The ECS document of a stored event, with where it came from and its original line. */
export function toDocument(row: ExportRow, ctx: ExportContext): Record<string, unknown> {
  const fields = row.fields;
  const doc: Record<string, unknown> = toNested({ ...fields, '@timestamp': new Date(row.ts).toISOString() });
  const event = (doc.event as Record<string, unknown> | undefined) ?? {};
  event.original = row.raw;
  event.ingested = new Date(row.receivedAt).toISOString();
  doc.event = event;
  doc.organization = { id: ctx.tenantSlug };
  doc.mamori = {
    device: row.deviceId == null ? null : (ctx.deviceNames.get(row.deviceId) ?? row.deviceId),
    format: row.format,
    sender: row.sender,
    batch: row.batchId,
    seq: row.seq,
    ...(row.parseError ? { parse_error: row.parseError } : {}),
  };
  return doc;
}

function csvLine(row: ExportRow, ctx: ExportContext): string {
  const fields = row.fields;
  return csvRow([
    new Date(row.ts).toISOString(),
    new Date(row.receivedAt).toISOString(),
    row.deviceId == null ? '' : (ctx.deviceNames.get(row.deviceId) ?? row.deviceId),
    row.format,
    row.parseError,
    ...CSV_FIELDS.map((f) => fields[f]),
    row.raw,
  ]);
}
