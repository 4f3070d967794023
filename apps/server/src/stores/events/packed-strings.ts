/**
 * Many strings as one string and their end offsets. Crossing to the writer thread, one long string clones with a
 * single copy where thousands of small ones each cost an allocation on both sides.
 */
export interface PackedStrings {
  text: string;
  ends: number[];
}

export function packStrings(parts: string[]): PackedStrings {
  const ends = new Array<number>(parts.length);
  let end = 0;
  for (let i = 0; i < parts.length; i++) ends[i] = end += parts[i]!.length;
  return { text: parts.join(''), ends };
}

export function unpackString(packed: PackedStrings, i: number): string {
  return packed.text.slice(i === 0 ? 0 : packed.ends[i - 1], packed.ends[i]);
}
