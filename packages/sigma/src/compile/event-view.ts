/**
 * One event as the compiled rules see it. Each distinct field lookup (an ordered list of candidate keys)
 * gets a slot at compile time; per event a slot is resolved and lower-cased at most once, however many
 * rules test it — the main reason thousands of rules stay cheap per event.
 */
import type { EventFields } from '../types.ts';

export type Resolved = string | string[] | undefined;

export class FieldSlots {
  private readonly bySignature = new Map<string, number>();
  readonly candidates: string[][] = [];

  slotFor(keys: string[]): number {
    const signature = keys.join('\u0000');
    let slot = this.bySignature.get(signature);
    if (slot === undefined) {
      slot = this.candidates.length;
      this.candidates.push(keys);
      this.bySignature.set(signature, slot);
    }
    return slot;
  }

  get size(): number {
    return this.candidates.length;
  }
}

function toText(value: unknown): Resolved {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/** Keys excluded from keyword search: the raw line would match JSON syntax and escaped text. */
const NOT_SEARCHED = new Set(['event.original']);

/**
 * On Windows events keywords search the EventData/UserData values: the ECS fields the parser adds and the
 * rendered `message` are copies of those, and scanning them again would only cost time.
 */
function searchedKey(key: string, windows: boolean): boolean {
  if (windows) return key.startsWith('winlog.event_data.') || key.startsWith('winlog.user_data.');
  return !NOT_SEARCHED.has(key);
}

/** `winlog.event_data.*` or `winlog.user_data.*`, checked with as few string operations as possible (per key, per event). */
function isEventDataKey(key: string): boolean {
  if (key.charCodeAt(0) !== 119 || key.charCodeAt(6) !== 46) return false;
  const c = key.charCodeAt(7);
  return c === 101 ? key.startsWith('winlog.event_data.') : c === 117 && key.startsWith('winlog.user_data.');
}

/** Pseudo-slot of guard atoms that keyword searches contribute (matched against the keyword blob). */
export const KEYWORD_SLOT = -1;

export class EventView {
  fields: EventFields = {};
  private generation = 0;
  private readonly rawStamp: Uint32Array;
  private readonly lowStamp: Uint32Array;
  private readonly rawValues: Resolved[];
  private readonly lowValues: Resolved[];
  private keywordText: string[] | undefined;
  private keywordRaw: string[] | undefined;

  constructor(private readonly slots: FieldSlots) {
    this.rawStamp = new Uint32Array(slots.size);
    this.lowStamp = new Uint32Array(slots.size);
    this.rawValues = new Array<Resolved>(slots.size);
    this.lowValues = new Array<Resolved>(slots.size);
  }

  reset(fields: EventFields): void {
    this.fields = fields;
    this.keywordText = undefined;
    this.keywordRaw = undefined;
    this.generation++;
    if (this.generation === 0xffffffff) {
      this.rawStamp.fill(0);
      this.lowStamp.fill(0);
      this.generation = 1;
    }
  }

  /** True when any candidate key of the slot is present (with a value other than null). */
  exists(slot: number): boolean {
    return this.raw(slot) !== undefined;
  }

  raw(slot: number): Resolved {
    if (this.rawStamp[slot] === this.generation) return this.rawValues[slot];
    const fields = this.fields as Record<string, unknown>;
    let value: Resolved;
    for (const key of this.slots.candidates[slot]!) {
      const v = fields[key];
      if (v !== undefined && v !== null) {
        value = toText(v);
        break;
      }
    }
    this.rawStamp[slot] = this.generation;
    this.rawValues[slot] = value;
    return value;
  }

  lower(slot: number): Resolved {
    if (this.lowStamp[slot] === this.generation) return this.lowValues[slot];
    const raw = this.raw(slot);
    const value =
      raw === undefined ? undefined : typeof raw === 'string' ? raw.toLowerCase() : raw.map((v) => v.toLowerCase());
    this.lowStamp[slot] = this.generation;
    this.lowValues[slot] = value;
    return value;
  }

  /** Every string value of the event, lower-cased, for keyword searches. */
  keywords(cased: boolean): string[] {
    if (!cased && this.keywordText !== undefined) return this.keywordText;
    const out: string[] = [];
    const fields = this.fields as Record<string, unknown>;
    const windows = fields['winlog.channel'] !== undefined;
    for (const key in fields) {
      if (!searchedKey(key, windows)) continue;
      const text = toText(fields[key]);
      if (text === undefined) continue;
      if (typeof text === 'string') out.push(cased ? text : text.toLowerCase());
      else for (const t of text) out.push(cased ? t : t.toLowerCase());
    }
    // A Windows event without EventData (only a rendered message) is searched through its message.
    if (windows && out.length === 0 && typeof fields['message'] === 'string') {
      out.push(cased ? fields['message'] : fields['message'].toLowerCase());
    }
    if (!cased) this.keywordText = out;
    return out;
  }

  /** True when `re` finds something in a keyword-searched value; walks the event without copying values. */
  someKeywordValue(re: RegExp, minLength: number): boolean {
    const fields = this.fields as Record<string, unknown>;
    const windows = fields['winlog.channel'] !== undefined;
    // Object.keys beats for-in on the large, dictionary-mode objects events are.
    const keys = Object.keys(fields);
    let searched = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (windows ? !isEventDataKey(key) : NOT_SEARCHED.has(key)) continue;
      searched++;
      const v = fields[key];
      if (typeof v === 'string') {
        if (v.length >= minLength && re.test(v)) return true;
      } else if (Array.isArray(v)) {
        for (const item of v) if (typeof item === 'string' && re.test(item)) return true;
      } else if ((typeof v === 'number' || typeof v === 'boolean') && re.test(String(v))) {
        return true;
      }
    }
    if (windows && searched === 0 && typeof fields['message'] === 'string') return re.test(fields['message']);
    return false;
  }

  /** The keyword-searched values as they are (not lower-cased): what keyword guards are scanned against. */
  keywordValues(): string[] {
    this.keywordRaw ??= this.keywords(true);
    return this.keywordRaw;
  }
}
