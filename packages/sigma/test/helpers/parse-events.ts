/** Raw logs → normalised events through @mamori/parsers, exactly as ingest does. */
import type { EventFields } from '@mamori/schema';
import { parseLine } from '@mamori/parsers';

const ctx = { receivedAt: Date.UTC(2026, 0, 1), timezone: 'UTC' };

export function parseJsonLog(record: unknown): EventFields {
  return parseLine('auto', typeof record === 'string' ? record : JSON.stringify(record), ctx).fields;
}

/** The regression .json files hold pretty-printed JSON objects back to back (not NDJSON). */
export function splitConcatenatedJson(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') {
      if (depth === 0) start = i;
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
    }
  }
  return out;
}
