/** Keyset cursors for the queue: the sort value and id of the last row, opaque to clients. */
export interface Cursor {
  value: number;
  id: number;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.value}:${c.id}`).toString('base64url');
}

export function decodeCursor(text: string): Cursor | undefined {
  const m = /^(-?\d{1,16}):(\d{1,16})$/.exec(Buffer.from(text, 'base64url').toString());
  return m ? { value: Number(m[1]), id: Number(m[2]) } : undefined;
}
