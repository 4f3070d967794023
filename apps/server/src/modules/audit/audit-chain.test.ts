import { describe, expect, it } from 'vitest';
import { canonicalJson, entryHash, GENESIS_HASH, verifyPage, type ChainRow } from './audit-chain.ts';

function chain(n: number): Array<ChainRow & { hash: string }> {
  const rows: Array<ChainRow & { hash: string }> = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const row: ChainRow = {
      seq,
      at: 1_700_000_000_000 + seq,
      actor: 'user:taro',
      party: 'provider',
      tenant_id: 1,
      action: 'devices.create',
      target: `device:${seq}`,
      ip: '127.0.0.1',
      outcome: 'success',
      before: null,
      after: canonicalJson({ b: 1, a: [2, { d: 1, c: 0 }] }),
      details: null,
      prev_hash: prev,
    };
    prev = entryHash(row);
    rows.push({ ...row, hash: prev });
  }
  return rows;
}

describe('audit chain', () => {
  it('serialises objects the same whatever their key order', () => {
    expect(canonicalJson({ b: 1, a: { y: 1, x: 2 } })).toBe(canonicalJson({ a: { x: 2, y: 1 }, b: 1 }));
  });

  it('accepts an intact chain and continues across pages', () => {
    const rows = chain(5);
    const first = verifyPage(rows.slice(0, 2), { seq: 0, hash: GENESIS_HASH });
    expect(first).toEqual({ seq: 2, hash: rows[1]!.hash });
    expect(verifyPage(rows.slice(2), first as { seq: number; hash: string })).toEqual({ seq: 5, hash: rows[4]!.hash });
  });

  it('names an edited, a removed and a re-hashed entry', () => {
    const edited = chain(4);
    edited[2] = { ...edited[2]!, outcome: 'failure' };
    expect(verifyPage(edited, { seq: 0, hash: GENESIS_HASH })).toEqual({
      broken: { seq: 3, reason: 'content does not match its hash' },
    });

    const removed = chain(4).filter((r) => r.seq !== 2);
    expect(verifyPage(removed, { seq: 0, hash: GENESIS_HASH })).toMatchObject({ broken: { seq: 2 } });

    // An intruder who recomputes the edited entry's own hash still breaks the link to the next one.
    const rehashed = chain(4);
    const forged = { ...rehashed[1]!, actor: 'user:nobody' };
    rehashed[1] = { ...forged, hash: entryHash(forged) };
    expect(verifyPage(rehashed, { seq: 0, hash: GENESIS_HASH })).toEqual({
      broken: { seq: 3, reason: 'prev_hash does not match the previous entry' },
    });
  });
});
