/**
 * DET-5 suppressions: "do not alert when rule R fires and these fields have these values", with an expiry.
 * A condition value is compared case-insensitively; `*` and `?` are wildcards; an address/prefix value
 * (10.0.0.0/8) matches addresses inside it. Conditions on several fields must all hold.
 */
import { parseCidr, ipToNumber } from '@mamori/query';

export interface SuppressionSpec {
  id: number;
  /** undefined: any rule. */
  ruleId: string | undefined;
  conditions: Readonly<Record<string, readonly string[]>>;
  expiresAt: number | null;
}

type Test = (value: string) => boolean;

export interface CompiledSuppression {
  id: number;
  ruleId: string | undefined;
  expiresAt: number | null;
  tests: Array<{ field: string; test: Test }>;
}

function wildcard(pattern: string): Test {
  const lower = pattern.toLowerCase();
  if (!/[*?]/.test(lower)) return (v) => v.toLowerCase() === lower;
  const re = new RegExp(
    `^${lower.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`,
    's',
  );
  return (v) => re.test(v.toLowerCase());
}

function valueTest(pattern: string): Test {
  if (pattern.includes('/')) {
    const range = parseCidr(pattern);
    if (range !== undefined && range !== 'invalid-prefix') {
      return (v) => {
        const n = ipToNumber(v);
        return n !== undefined && n >= range.low && n <= range.high;
      };
    }
  }
  return wildcard(pattern);
}

export function compileSuppression(spec: SuppressionSpec): CompiledSuppression {
  return {
    id: spec.id,
    ruleId: spec.ruleId,
    expiresAt: spec.expiresAt,
    tests: Object.entries(spec.conditions).map(([field, values]) => {
      const tests = values.map(valueTest);
      return { field, test: (v: string) => tests.some((t) => t(v)) };
    }),
  };
}

function asStrings(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
  return [typeof v === 'string' ? v : JSON.stringify(v)];
}

/** The first live suppression that covers this detection of `ruleId` on this event, if any. */
export function findSuppression(
  suppressions: readonly CompiledSuppression[],
  ruleId: string,
  fields: Readonly<Record<string, unknown>>,
  now: number,
): CompiledSuppression | undefined {
  for (const s of suppressions) {
    if (s.expiresAt !== null && s.expiresAt <= now) continue;
    if (s.ruleId !== undefined && s.ruleId !== ruleId) continue;
    if (s.tests.every(({ field, test }) => asStrings(fields[field]).some(test))) return s;
  }
  return undefined;
}
