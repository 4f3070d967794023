import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './alert-cursor.ts';

describe('alert cursor', () => {
  it('round-trips and refuses anything else', () => {
    expect(decodeCursor(encodeCursor({ value: 1733200000000, id: 42 }))).toEqual({ value: 1733200000000, id: 42 });
    expect(decodeCursor(encodeCursor({ value: 0, id: 1 }))).toEqual({ value: 0, id: 1 });
    expect(decodeCursor('not a cursor')).toBeUndefined();
    expect(decodeCursor(Buffer.from("1:2' or 1=1").toString('base64url'))).toBeUndefined();
  });
});
