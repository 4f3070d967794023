import { createHash, type Hash } from 'node:crypto';

/**
 * The evidence hash of a batch covers every event's receive time and exact bytes, in order, so that
 * changing, removing, reordering or inserting a line changes it (STO-4).
 */
export class BatchDigest {
  private readonly hash: Hash = createHash('sha256');
  private readonly header = Buffer.alloc(12);

  add(receivedAt: number, raw: Uint8Array): void {
    this.header.writeBigInt64BE(BigInt(Math.trunc(receivedAt)), 0);
    this.header.writeUInt32BE(raw.byteLength, 8);
    this.hash.update(this.header);
    this.hash.update(raw);
  }

  hex(): string {
    return this.hash.digest('hex');
  }
}

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainLinkInput {
  previous: string;
  batchId: number;
  tenantId: number;
  chainSeq: number;
  count: number;
  contentSha256: string;
}

/** Each batch's link hash commits to the previous link, so a missing or altered batch breaks the chain. */
export function chainLink(input: ChainLinkInput): string {
  const text = [input.previous, input.batchId, input.tenantId, input.chainSeq, input.count, input.contentSha256].join('|');
  return createHash('sha256').update(text).digest('hex');
}
