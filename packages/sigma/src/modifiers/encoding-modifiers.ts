/**
 * Transformation modifiers that turn one value into one or more other values before matching:
 * windash, base64, base64offset, utf16le/utf16be/utf16/wide. Encoded values are byte strings
 * (each char one byte) so that `wide|base64offset` encodes the UTF-16 bytes, as pySigma does.
 */
import { SigmaRuleError } from '../errors.ts';
import { hasWildcards, plainText, type Part } from './sigma-string.ts';

export interface TransformValue {
  parts: Part[];
  /** True once the value is a byte string (after utf16*): base64 then encodes the bytes as they are. */
  binary: boolean;
}

const DASHES = ['-', '/', '\u2013', '\u2014', '\u2015'];
const DASH_RE = /[-/\u2013\u2014\u2015]/;
/** Beyond this many dashes the 5^n permutations are not worth it; the dash becomes a one-char wildcard class. */
const MAX_WINDASH_PERMUTED = 3;

/** windash: every `-` or `/` (and the three long dashes) may be written as any of the five. */
export function windash(value: TransformValue): TransformValue[] {
  let results: Part[][] = [[]];
  let dashes = 0;
  for (const p of value.parts) if (typeof p === 'string') dashes += [...p].filter((c) => DASH_RE.test(c)).length;
  if (dashes > MAX_WINDASH_PERMUTED) {
    throw new SigmaRuleError(
      `windash on a value with ${dashes} dashes would expand to ${5 ** dashes} values; split the value`,
    );
  }
  for (const part of value.parts) {
    if (typeof part !== 'string') {
      results = results.map((r) => [...r, part]);
      continue;
    }
    const segments = part.split(DASH_RE);
    let variants: string[] = [segments[0] ?? ''];
    for (let i = 1; i < segments.length; i++) {
      const next: string[] = [];
      for (const v of variants) for (const d of DASHES) next.push(v + d + (segments[i] ?? ''));
      variants = next;
    }
    results = results.flatMap((r) => variants.map((v) => [...r, v]));
  }
  return results.map((parts) => ({ parts: mergeLiterals(parts), binary: value.binary }));
}

function mergeLiterals(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    if (typeof p === 'string' && typeof out[out.length - 1] === 'string') {
      out[out.length - 1] = (out[out.length - 1] as string) + p;
    } else if (p !== '') out.push(p);
  }
  return out;
}

function requirePlain(value: TransformValue, modifier: string): string {
  if (hasWildcards(value.parts)) {
    throw new SigmaRuleError(
      `|${modifier} cannot encode a value with wildcards; put contains/startswith/endswith after it`,
    );
  }
  return plainText(value.parts);
}

function toBytes(text: string, binary: boolean): string {
  if (binary) return text;
  let out = '';
  for (const b of new TextEncoder().encode(text)) out += String.fromCharCode(b);
  return out;
}

export function utf16(value: TransformValue, modifier: 'utf16le' | 'utf16be' | 'utf16' | 'wide'): TransformValue {
  const text = requirePlain(value, modifier);
  let out = modifier === 'utf16' ? '\xff\xfe' : '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const lo = String.fromCharCode(code & 0xff);
    const hi = String.fromCharCode(code >> 8);
    out += modifier === 'utf16be' ? hi + lo : lo + hi;
  }
  return { parts: out === '' ? [] : [out], binary: true };
}

export function base64(value: TransformValue): TransformValue {
  const encoded = btoa(toBytes(requirePlain(value, 'base64'), value.binary));
  return { parts: encoded === '' ? [] : [encoded], binary: false };
}

const START_OFFSETS = [0, 2, 3];
const END_OFFSETS = [undefined, -3, -2];

/** The three encodings of a value that may sit at any byte offset inside a base64 blob (pySigma's algorithm). */
export function base64offset(value: TransformValue): TransformValue[] {
  const bytes = toBytes(requirePlain(value, 'base64offset'), value.binary);
  const out: TransformValue[] = [];
  for (let i = 0; i < 3; i++) {
    const encoded = btoa(' '.repeat(i) + bytes);
    const end = END_OFFSETS[(bytes.length + i) % 3];
    const text = encoded.slice(START_OFFSETS[i], end);
    out.push({ parts: text === '' ? [] : [text], binary: false });
  }
  return out;
}
