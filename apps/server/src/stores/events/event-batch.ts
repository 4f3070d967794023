import type { PackedStrings } from './packed-strings.ts';
import type { EventFields } from '@mamori/schema';

/** One received log line on its way to the store. */
export interface RawMessage {
  /** Exactly the bytes received, without the frame delimiter. */
  bytes: Buffer;
  /** Sender IP for syslog; "http" or "import" for the other paths. */
  sender: string;
  receivedAt: number;
}

/** A parsed event ready to be stored: where it came from, what it said, and the fields read from it. */
export interface PreparedEvent {
  deviceId: number | null;
  receivedAt: number;
  ts: number;
  format: string;
  parseError: string | null;
  sender: string;
  raw: Buffer;
  /** `raw` decoded as UTF-8 (invalid bytes as U+FFFD), decoded once for parsing and storing. */
  text: string;
  fields: EventFields;
}

/**
 * Column-wise form of one tenant's batch, as it crosses to the writer thread.
 * Columns of plain arrays clone cheaply; per-event objects would not.
 */
export interface BatchColumns {
  tenantId: number;
  count: number;
  contentSha256: string;
  rawBytesTotal: number;
  deviceId: Array<number | null>;
  receivedAt: number[];
  ts: number[];
  format: string[];
  parseError: Array<string | null>;
  sender: string[];
  /** The lines as text, packed (see packed-strings.ts). */
  raw: PackedStrings;
  rawBytes: Array<Uint8Array | null>;
  /** The field maps as JSON, packed. */
  doc: PackedStrings;
  /** One array per promoted column, in `promotedColumns` order. */
  promoted: Array<Array<string | number | null>>;
  /** One array per IP number column, in `ipNumberColumns` order. */
  ipNumbers: Array<Array<bigint | null>>;
}

export interface StoredBatchRef {
  batchId: number;
  tenantId: number;
  count: number;
}
