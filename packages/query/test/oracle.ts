/**
 * Plain TypeScript answers over the test records, written without the compiler's code: the semantics
 * the documentation promises (missing fields never match, NOT matches them, arrays match by element,
 * wildcards are case-insensitive, full text is case-insensitive substring of the raw line).
 */
import type { Fields, TestEvent } from './dataset.ts';

export const get = (e: TestEvent, f: string): Fields[string] | undefined => e.fields[f];
export const has = (e: TestEvent, f: string): boolean => get(e, f) !== undefined;

export function eq(e: TestEvent, f: string, v: string | number): boolean {
  const x = get(e, f);
  if (x === undefined) return false;
  if (Array.isArray(x)) return x.includes(String(v));
  return typeof x === 'number' ? x === Number(v) : x === String(v);
}

export function num(e: TestEvent, f: string): number | undefined {
  const x = get(e, f);
  return typeof x === 'number' ? x : undefined;
}

/** `*` wildcards, case-insensitive, whole value (or any element of a list). */
export function wild(e: TestEvent, f: string, pattern: string): boolean {
  const x = get(e, f);
  if (x === undefined) return false;
  const pieces = pattern.toLowerCase().split('*');
  const test = (s: string): boolean => {
    const v = s.toLowerCase();
    let at = 0;
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i] as string;
      if (i === 0) {
        if (!v.startsWith(p)) return false;
        at = p.length;
      } else if (i === pieces.length - 1) {
        return v.length - p.length >= at && v.endsWith(p);
      } else {
        const k = v.indexOf(p, at);
        if (k < 0) return false;
        at = k + p.length;
      }
    }
    return at === v.length;
  };
  return Array.isArray(x) ? x.some(test) : test(String(x));
}

export const text = (e: TestEvent, needle: string): boolean => e.raw.toLowerCase().includes(needle.toLowerCase());

export function inV4(e: TestEvent, f: string, base: string, bits: number): boolean {
  const x = get(e, f);
  if (typeof x !== 'string' || x.includes(':')) return false;
  const toInt = (s: string) => s.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  const size = 2 ** (32 - bits);
  return Math.floor(toInt(x) / size) === Math.floor(toInt(base) / size);
}

export function countBy<K extends string>(events: TestEvent[], key: (e: TestEvent) => K | undefined): Map<K, number> {
  const m = new Map<K, number>();
  for (const e of events) {
    const k = key(e);
    if (k !== undefined) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

export const str = (e: TestEvent, f: string): string | undefined => {
  const x = get(e, f);
  return x === undefined ? undefined : Array.isArray(x) ? JSON.stringify(x) : String(x);
};

/** Byte-wise string order (what DuckDB's default collation does for these ASCII values). */
export const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
