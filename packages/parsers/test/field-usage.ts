/**
 * Which parser fills which catalogue field, measured by running every parser on its example lines (and,
 * for `fieldsWritten`, on the external corpus too). Feeds the generated schema docs and their tests.
 */
import { findField } from '@mamori/schema';
import { formatExamples, parseLine } from '../src/index.ts';

const ctx = { receivedAt: Date.UTC(2026, 5, 15, 3, 0, 5), timezone: 'Asia/Tokyo' };

/** Catalogue entry name → sorted parser names that wrote it on the examples (generic json excluded). */
export function fieldUsage(): Map<string, string[]> {
  const usage = new Map<string, Set<string>>();
  for (const [format, lines] of Object.entries(formatExamples)) {
    if (format === 'json') continue; // passes arbitrary keys through
    for (const line of lines) {
      for (const key of Object.keys(parseLine(format, line, ctx).fields)) {
        const def = findField(key);
        const name = def?.name ?? key;
        let s = usage.get(name);
        if (s === undefined) usage.set(name, (s = new Set()));
        s.add(format);
      }
    }
  }
  return new Map([...usage].map(([k, v]) => [k, [...v].sort()]));
}
