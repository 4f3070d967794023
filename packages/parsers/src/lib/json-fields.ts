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

/**
 * The JSON object a payload carries (after any prefix such as a syslog tag), or undefined after keeping the
 * payload as `message`: the shared first step of the JSON formats.
 */
export function payloadObject(payload: string, f: Record<string, unknown>): JsonObject | undefined {
  const start = jsonStart(payload);
  const o = start >= 0 ? parseJsonObject(start === 0 ? payload : payload.slice(start)) : undefined;
  if (o === undefined && payload !== '') f.message = payload;
  return o;
}

const MAX_DEPTH = 16;

/**
 * Dotted names for JSON paths, memoised as a tree of prefixes: the same paths repeat on every line, and a name
 * built fresh each time must be hashed and internalised again when used as a property key. Walking the tree
 * by object reference avoids building `prefix + key` strings at all on the hot path. Bounded in size so that
 * hostile input cannot grow it; past the bound names are built uncached.
 */
interface KeyNode {
  prefix: string;
  leaf: Map<string, string>;
  child: Map<string, KeyNode>;
}
const roots = new Map<string, KeyNode>();
let cached = 0;
const MAX_CACHED = 50_000;

function newNode(prefix: string): KeyNode {
  return { prefix, leaf: new Map(), child: new Map() };
}

function rootNode(prefix: string): KeyNode {
  let n = roots.get(prefix);
  if (n === undefined) {
    n = newNode(prefix);
    if (roots.size < 100) roots.set(prefix, n);
  }
  return n;
}

function leafKey(node: KeyNode, key: string): string {
  if (node.prefix === '') return key;
  let k = node.leaf.get(key);
  if (k === undefined) {
    k = node.prefix + key;
    if (cached < MAX_CACHED) {
      node.leaf.set(key, k);
      cached++;
    }
  }
  return k;
}

function childNode(node: KeyNode, key: string): KeyNode {
  let c = node.child.get(key);
  if (c === undefined) {
    c = newNode(`${leafKey(node, key)}.`);
    if (cached < MAX_CACHED) {
      node.child.set(key, c);
      cached++;
    }
  }
  return c;
}

/** `prefix + key` through the memo (for callers outside flattenInto). */
export function joinKey(prefix: string, key: string): string {
  return leafKey(rootNode(prefix), key);
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
export function flattenInto(f: EventFields, obj: JsonObject, prefix: string, skipTopLevel?: ReadonlySet<string>): void {
  flattenNode(f, obj, rootNode(prefix), 0, skipTopLevel);
}

function flattenNode(f: EventFields, obj: JsonObject, node: KeyNode, depth: number, skip?: ReadonlySet<string>): void {
  for (const k in obj) {
    if (isUnsafeKey(k) || skip?.has(k) === true) continue;
    const v = obj[k];
    if (v === null || v === undefined) continue;
    if (typeof v === 'string' || typeof v === 'boolean') f[leafKey(node, k)] = v;
    else if (typeof v === 'number') {
      if (Number.isFinite(v)) f[leafKey(node, k)] = v;
    } else if (Array.isArray(v)) {
      f[leafKey(node, k)] = scalarArray(v) ? v.map(String) : safeStringify(v);
    } else if (typeof v === 'object') {
      if (depth < MAX_DEPTH) flattenNode(f, v as JsonObject, childNode(node, k), depth + 1);
      else f[leafKey(node, k)] = safeStringify(v);
    }
  }
}

function scalarArray(v: unknown[]): boolean {
  for (const x of v) if (typeof x !== 'string' && typeof x !== 'number' && typeof x !== 'boolean') return false;
  return true;
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
