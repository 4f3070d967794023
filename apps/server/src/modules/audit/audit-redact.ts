/** Field names whose values never reach the audit log: credentials of any kind. */
const SECRET_KEY =
  /pass(word|phrase)?|token|totp|secret|recovery|api[-_]?key|credential|private[-_]?key|otp|cookie|authori[sz]ation/i;

/** Ids, counts and times of such things are not secrets (`tokenId`, `passwordChangedAt`). */
const HARMLESS_SUFFIX = /(id|ids|count|at|prefix|scope|name)$/i;

export const REDACTED = '[redacted]';

const isSecretKey = (key: string) => SECRET_KEY.test(key) && !HARMLESS_SUFFIX.test(key);

/** A copy of `value` with every secret-named field replaced, at any depth. */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > 20) return REDACTED;
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = isSecretKey(key) && v !== null && v !== undefined ? REDACTED : redactSecrets(v, depth + 1);
    }
    return out;
  }
  return value;
}
