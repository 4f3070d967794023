import type { EventFields } from '@mamori/schema';
import type { EventStore } from '../../stores/events/event-store.ts';

export interface ExportFilter {
  tenantId: number;
  deviceId?: number | undefined;
  from?: number | undefined;
  to?: number | undefined;
}

export interface ExportRow {
  batchId: number;
  seq: number;
  deviceId: number | null;
  receivedAt: number;
  ts: number;
  format: string;
  parseError: string | null;
  sender: string;
  raw: string;
  rawBytes: Uint8Array | null;
  fields: EventFields;
}

/** Reads stored events in arrival order, a page at a time, so an export of any size streams in bounded memory. */
export class EventsRepository {
  constructor(private readonly store: EventStore) {}

  async page(filter: ExportFilter, after: { batchId: number; seq: number }, limit: number): Promise<ExportRow[]> {
    const where = ['tenant_id = $1', '(batch_id > $2 OR (batch_id = $2 AND seq > $3))'];
    const params: unknown[] = [filter.tenantId, BigInt(after.batchId), after.seq];
    if (filter.deviceId !== undefined) {
      params.push(filter.deviceId);
      where.push(`device_id = $${params.length}`);
    }
    if (filter.from !== undefined) {
      params.push(BigInt(filter.from));
      where.push(`ts >= $${params.length}`);
    }
    if (filter.to !== undefined) {
      params.push(BigInt(filter.to));
      where.push(`ts < $${params.length}`);
    }
    const result = await this.store.query(
      `SELECT batch_id, seq, device_id, received_at, ts, format, parse_error, sender, raw, raw_bytes, doc
       FROM events WHERE ${where.join(' AND ')} ORDER BY batch_id, seq LIMIT ${Math.trunc(limit)}`,
      params,
    );
    return result.rows.map((r) => ({
      batchId: r[0] as number,
      seq: r[1] as number,
      deviceId: r[2] as number | null,
      receivedAt: r[3] as number,
      ts: r[4] as number,
      format: r[5] as string,
      parseError: r[6] as string | null,
      sender: r[7] as string,
      raw: r[8] as string,
      rawBytes: blobBytes(r[9]),
      fields: JSON.parse(r[10] as string) as EventFields,
    }));
  }

  async *all(filter: ExportFilter, pageSize = 10_000): AsyncGenerator<ExportRow[]> {
    let after = { batchId: 0, seq: -1 };
    for (;;) {
      const rows = await this.page(filter, after, pageSize);
      if (rows.length === 0) return;
      yield rows;
      const last = rows.at(-1)!;
      after = { batchId: last.batchId, seq: last.seq };
      if (rows.length < pageSize) return;
    }
  }
}

function blobBytes(v: unknown): Uint8Array | null {
  if (v == null) return null;
  if (v instanceof Uint8Array) return v;
  const bytes = (v as { bytes?: Uint8Array }).bytes;
  return bytes ?? null;
}

