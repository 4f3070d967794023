import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

const ISSUER = 'Mamori';

function totpFor(secretBase32: string, username: string): TOTP {
  return new TOTP({ issuer: ISSUER, label: username, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });
}

/** A fresh 160-bit secret (RFC 4226 recommends 160) and the URL an authenticator app scans. */
export function newTotpSecret(username: string): { secret: string; otpauthUrl: string } {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, otpauthUrl: totpFor(secret, username).toString() };
}

/**
 * The time step a code belongs to (±1 step for clock drift), or null. Callers refuse a step at or before the
 * last one used, so an observed code cannot be replayed.
 */
export function totpStep(secretBase32: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secretBase32, '').validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 30_000) + delta;
}

export function totpCode(secretBase32: string, now = Date.now()): string {
  return totpFor(secretBase32, '').generate({ timestamp: now });
}

/** Ten single-use recovery codes, `xxxxx-xxxxx` of 50 random bits each; only their hashes are stored. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: 10 }, () => {
    const s = randomBytes(10).toString('base64url').replace(/[-_]/g, 'x').slice(0, 10).toLowerCase();
    return `${s.slice(0, 5)}-${s.slice(5)}`;
  });
}

export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.trim().toLowerCase()).digest('hex');
}

export function looksLikeRecoveryCode(value: string): boolean {
  return /^[a-z0-9]{5}-[a-z0-9]{5}$/i.test(value.trim());
}

/** Constant-time equality of two secrets of any length, by comparing their SHA-256 digests. */
export function safeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}
