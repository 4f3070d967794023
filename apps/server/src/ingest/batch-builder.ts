import { isUtf8 } from 'node:buffer';
import { ipNumberColumns, promotedColumns, type EventFields } from '@mamori/schema';
import { ipToNumber } from '@mamori/query';
import { BatchDigest } from '../stores/events/batch-digest.ts';
import { packStrings } from '../stores/events/packed-strings.ts';
import type { BatchColumns, PreparedEvent } from '../stores/events/event-batch.ts';

const ipFields = Object.keys(ipNumberColumns);


/** Turns one tenant's prepared events into the column form the writer thread appends. */
export function toBatchColumns(tenantId: number, events: PreparedEvent[]): BatchColumns {
  const digest = new BatchDigest();
  const batch: BatchColumns = {
    tenantId,
    count: events.length,
    contentSha256: '',
    rawBytesTotal: 0,
    deviceId: new Array<number | null>(events.length),
    receivedAt: new Array<number>(events.length),
    ts: new Array<number>(events.length),
    format: new Array<string>(events.length),
    parseError: new Array<string | null>(events.length),
    sender: new Array<string>(events.length),
    raw: { text: '', ends: [] },
    rawBytes: new Array<Uint8Array | null>(events.length),
    doc: { text: '', ends: [] },
    promoted: promotedColumns.map(() => new Array<string | number | null>(events.length)),
    ipNumbers: ipFields.map(() => new Array<bigint | null>(events.length)),
  };
  const rawTexts = new Array<string>(events.length);
  const docs = new Array<string>(events.length);
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    digest.add(e.receivedAt, e.raw);
    batch.rawBytesTotal += e.raw.length;
    batch.deviceId[i] = e.deviceId;
    batch.receivedAt[i] = e.receivedAt;
    batch.ts[i] = e.ts;
    batch.format[i] = e.format;
    batch.parseError[i] = e.parseError;
    batch.sender[i] = e.sender;
    rawTexts[i] = e.text;
    // DuckDB text must be valid UTF-8 without NUL; other lines keep their exact bytes beside the text.
    batch.rawBytes[i] = isUtf8(e.raw) && !e.raw.includes(0) ? null : new Uint8Array(e.raw);
    // The whole field map, promoted fields included: one native stringify is cheaper on this thread than
    // filtering (measured), and the writer thread has time to spare for the extra bytes.
    docs[i] = JSON.stringify(e.fields);
    fillPromoted(batch, i, e.fields);
  }
  batch.contentSha256 = digest.hex();
  batch.raw = packStrings(rawTexts);
  batch.doc = packStrings(docs);
  return batch;
}

function fillPromoted(batch: BatchColumns, i: number, fields: EventFields): void {
  for (let c = 0; c < promotedColumns.length; c++) {
    const { field, type } = promotedColumns[c]!;
    const v = fields[field];
    let out: string | number | null = null;
    if (v !== undefined) {
      if (type === 'integer') {
        const n = typeof v === 'number' ? v : Number(v);
        out = Number.isSafeInteger(n) ? n : null;
      } else {
        out = Array.isArray(v) ? v.join(',') : String(v);
      }
    }
    batch.promoted[c]![i] = out;
  }
  for (let c = 0; c < ipFields.length; c++) {
    const v = fields[ipFields[c]!];
    batch.ipNumbers[c]![i] = typeof v === 'string' ? (ipToNumber(v) ?? null) : null;
  }
}
