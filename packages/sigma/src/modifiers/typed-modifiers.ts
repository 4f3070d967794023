/** Modifiers that change how the event value is read: re, lt/lte/gt/gte, time parts. */
import { SigmaRuleError } from '../errors.ts';

export type NumericOperator = 'lt' | 'lte' | 'gt' | 'gte';
export const NUMERIC_OPERATORS = new Set<string>(['lt', 'lte', 'gt', 'gte']);
export type TimePart = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';
export const TIME_PARTS = new Set<string>(['minute', 'hour', 'day', 'week', 'month', 'year']);
export const REGEX_FLAGS: Readonly<Record<string, string>> = { i: 'i', m: 'm', s: 's' };

/**
 * `|re` with its i/m/s sub-modifiers. A leading `(?i)` (PCRE inline flags, used by SigmaHQ rules) becomes
 * a JavaScript flag, since JavaScript only knows inline flags on groups.
 */
export function compileRegex(pattern: string, flags: Set<string>): RegExp {
  let source = pattern;
  const all = new Set(flags);
  const inline = /^\(\?([imsx]+)\)/.exec(source);
  if (inline) {
    for (const f of inline[1]!) {
      if (f === 'x') throw new SigmaRuleError(`|re: the extended flag (?x) is not supported in "${pattern}"`);
      all.add(f);
    }
    source = source.slice(inline[0].length);
  }
  try {
    return new RegExp(source, [...all].sort().join(''));
  } catch (e) {
    throw new SigmaRuleError(`|re: "${pattern}" is not a valid regular expression (${(e as Error).message})`);
  }
}

export function parseNumber(value: string): number | undefined {
  const t = value.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

export function compareNumber(op: NumericOperator, limit: number): (n: number) => boolean {
  switch (op) {
    case 'lt':
      return (n) => n < limit;
    case 'lte':
      return (n) => n <= limit;
    case 'gt':
      return (n) => n > limit;
    case 'gte':
      return (n) => n >= limit;
  }
}

/** A date value (epoch ms number or text Date can read) → the requested part, in UTC. */
export function timePart(value: string, part: TimePart): number | undefined {
  const asNumber = /^\d+(\.\d+)?$/.test(value) ? Number(value) : undefined;
  const ms = asNumber !== undefined ? (asNumber < 1e11 ? asNumber * 1000 : asNumber) : Date.parse(value);
  if (!Number.isFinite(ms)) return undefined;
  const d = new Date(ms);
  switch (part) {
    case 'minute':
      return d.getUTCMinutes();
    case 'hour':
      return d.getUTCHours();
    case 'day':
      return d.getUTCDate();
    case 'month':
      return d.getUTCMonth() + 1;
    case 'year':
      return d.getUTCFullYear();
    case 'week': {
      // ISO 8601 week number.
      const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
      const day = t.getUTCDay() || 7;
      t.setUTCDate(t.getUTCDate() + 4 - day);
      const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
      return Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
    }
  }
}

/**
 * `|expand`: `%name%` placeholders become the configured values (OR); `\%` is a literal percent sign.
 * Returns undefined when a placeholder has no configured values.
 */
export function expandPlaceholders(text: string, placeholders: Record<string, string[]>): string[] | undefined {
  let results = [''];
  const re = /\\%|%([^%]+)%/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const before = text.slice(last, m.index);
    last = re.lastIndex;
    if (m[0] === '\\%') {
      results = results.map((r) => r + before + '%');
      continue;
    }
    const values = placeholders[m[1]!];
    if (values === undefined) return undefined;
    results = results.flatMap((r) => values.map((v) => r + before + v));
  }
  const rest = text.slice(last);
  return results.map((r) => r + rest);
}
