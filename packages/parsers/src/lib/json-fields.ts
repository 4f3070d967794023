/** JSON → flat fields. JSON.parse is the fastest correct reader V8 has; the flattening is ours. */
import type { EventFields } from '@mamori/schema';
import { isUnsafeKey } from './field-helpers.ts';
import { readIsoTime } from '../time/timestamps.ts';

export type JsonObject = Record<string, unknown>;

function parseObject(text: string): JsonObject | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

/** End (exclusive) of the balanced `{…}` starting at 0, or -1. Strings and escapes respected; linear. */
function firstObjectEnd(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/**
 * Parses a JSON object; undefined (never a throw) when the text is not one. Some senders put several objects
 * on one line (`{…} {…}`): the first is taken, because one line is one event to the pipeline.
 */
export function parseJsonObject(text: string): JsonObject | undefined {
  const whole = parseObject(text);
  if (whole !== undefined || text.charCodeAt(0) !== 123) return whole;
  const end = firstObjectEnd(text);
  if (end < 0 || end === text.length) return undefined;
  const rest = text.slice(end).trimStart();
  return rest === '' || rest.startsWith('{') ? parseObject(text.slice(0, end)) : undefined;
}

const MAX_DEPTH = 16;

/**
 * `prefix + key`, memoised: the same JSON paths repeat on every line, and a string built fresh each time must
 * be hashed and internalised again when used as a property name. Bounded so hostile input cannot grow it.
 */
const joined = new Map<string, Map<string, string>>();
let joinedCount = 0;
export function joinKey(prefix: string, key: string): string {
  let byKey = joined.get(prefix);
  if (byKey === undefined) {
    if (joinedCount > 50_000) return prefix + key;
    byKey = new Map();
    joined.set(prefix, byKey);
  }
  let k = byKey.get(key);
  if (k === undefined) {
    k = prefix + key;
    if (joinedCount++ < 50_000) byKey.set(key, k);
  }
  return k;
}

/** Stringifies what flattening cannot keep (arrays of objects, too-deep values) without ever throwing. */
export function safeStringify(v: unknown): string {
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '';
  }
}

/**
 * Writes every leaf of `obj` as `<prefix><path>` = value. Arrays of scalars become string[]; arrays that
 * hold objects are kept as JSON text (ECS has no flat form for them).
 */
export function flattenInto(f: EventFields, obj: JsonObject, prefix: string, depth = 0): void {
  for (const k in obj) {
    if (isUnsafeKey(k)) continue;
    const v = obj[k];
    const key = prefix === '' ? k : joinKey(prefix, k);
    if (v === null || v === undefined) continue;
    if (typeof v === 'string' || typeof v === 'boolean') f[key] = v;
    else if (typeof v === 'number') {
      if (Number.isFinite(v)) f[key] = v;
    } else if (Array.isArray(v)) {
      f[key] = v.every((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') ? v.map(String) : safeStringify(v);
    } else if (typeof v === 'object') {
      if (depth < MAX_DEPTH) flattenInto(f, v as JsonObject, `${key}.`, depth + 1);
      else f[key] = safeStringify(v);
    }
  }
}

/** ISO text or epoch seconds/ms → epoch ms; NaN when neither. */
export function timeValue(v: unknown, zone: string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v < 1e11 ? Math.round(v * 1000) : v < 1e14 ? Math.round(v) : Math.round(v / 1e6);
  if (typeof v !== 'string') return NaN;
  const r = readIsoTime(v, 0, zone);
  if (r !== undefined) return r.ms;
  if (/^\d{9,19}(\.\d+)?$/.test(v)) return timeValue(Number(v), zone);
  return NaN;
}

export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function obj(v: unknown): JsonObject | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : undefined;
}

/** Index of the first `{` when the payload is (whitespace +) a JSON object, else -1. */
export function jsonStart(payload: string): number {
  let i = 0;
  while (i < payload.length && (payload.charCodeAt(i) === 32 || payload.charCodeAt(i) === 9 || payload.charCodeAt(i) === 0xfeff)) i++;
  return payload.charCodeAt(i) === 123 ? i : -1;
}
