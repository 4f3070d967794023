import type { DuckDBConnection } from '@duckdb/node-api';
import { ipNumberColumns, promotedColumns } from '@mamori/schema';
import { BatchDigest } from './batch-digest.ts';
import { packStrings } from './packed-strings.ts';
import { text } from './duckdb-tables.ts';
import type { BatchColumns } from './event-batch.ts';
import type { DuckDbWriter } from './duckdb-writer.ts';

export interface RefileRequest {
  sender: string;
  /** Empty string: match on sender alone. */
  hostname: string;
  tenantId: number;
  deviceId: number;
}

const SLICE = 5000;
const UNASSIGNED = 0;

/**
 * Copies the lines an unknown sender left in the unassigned area into the tenant it now belongs to, as new
 * batches of that tenant's chain. The originals stay in the unassigned chain, as received, until its retention.
 */
export async function refileUnassigned(conn: DuckDBConnection, writer: DuckDbWriter, req: RefileRequest): Promise<number> {
  const sql = `SELECT * FROM events WHERE tenant_id = ${UNASSIGNED} AND sender = $1
    ${req.hostname ? `AND json_extract_string(doc, '$."log.syslog.hostname"') = $2` : ''} ORDER BY batch_id, seq`;
  const reader = await conn.runAndReadAll(sql, req.hostname ? [req.sender, req.hostname] : [req.sender]);
  const columns = reader.columnNames();
  const rows = reader.getRowsJS();
  const at = (name: string) => columns.indexOf(name);
  const promotedIdx = promotedColumns.map((c) => at(c.field));
  const ipIdx = Object.values(ipNumberColumns).map((c) => at(c));
  let copied = 0;
  for (let start = 0; start < rows.length; start += SLICE) {
    const slice = rows.slice(start, start + SLICE);
    const digest = new BatchDigest();
    const rawTexts: string[] = [];
    const docs: string[] = [];
    const batch: BatchColumns = {
      tenantId: req.tenantId,
      count: slice.length,
      contentSha256: '',
      rawBytesTotal: 0,
      deviceId: [],
      receivedAt: [],
      ts: [],
      format: [],
      parseError: [],
      sender: [],
      raw: { text: '', ends: [] },
      rawBytes: [],
      doc: { text: '', ends: [] },
      promoted: promotedIdx.map(() => []),
      ipNumbers: ipIdx.map(() => []),
    };
    for (const row of slice) {
      const raw = text(row[at('raw')]);
      const rawBlob = row[at('raw_bytes')] as Uint8Array | { bytes: Uint8Array } | null;
      const rawBytes = rawBlob == null ? null : rawBlob instanceof Uint8Array ? rawBlob : rawBlob.bytes;
      const bytes = rawBytes ?? Buffer.from(raw, 'utf8');
      const receivedAt = Number(row[at('received_at')]);
      digest.add(receivedAt, bytes);
      batch.rawBytesTotal += bytes.byteLength;
      batch.deviceId.push(req.deviceId);
      batch.receivedAt.push(receivedAt);
      batch.ts.push(Number(row[at('ts')]));
      batch.format.push(text(row[at('format')]));
      batch.parseError.push(row[at('parse_error')] == null ? null : text(row[at('parse_error')]));
      batch.sender.push(text(row[at('sender')]));
      rawTexts.push(raw);
      batch.rawBytes.push(rawBytes);
      docs.push(text(row[at('doc')]));
      promotedIdx.forEach((idx, k) => {
        const v = row[idx];
        batch.promoted[k]!.push(v == null ? null : typeof v === 'bigint' ? Number(v) : (v as string | number));
      });
      ipIdx.forEach((idx, k) => {
        const v = row[idx];
        batch.ipNumbers[k]!.push(v == null ? null : BigInt(v as bigint));
      });
    }
    batch.contentSha256 = digest.hex();
    batch.raw = packStrings(rawTexts);
    batch.doc = packStrings(docs);
    await (await writer.append([batch])).committed;
    copied += slice.length;
  }
  return copied;
}
