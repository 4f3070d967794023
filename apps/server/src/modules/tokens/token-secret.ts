import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_SCOPES = ['ingest', 'read', 'write', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** What each scope allows: admin implies everything, write implies read; nothing but admin implies ingest. */
export function scopeAllows(held: string, needed: TokenScope): boolean {
  if (held === 'admin') return true;
  if (held === 'write') return needed === 'write' || needed === 'read';
  return held === needed;
}

/** A new secret token: shown once, stored only as its SHA-256 (256 random bits need no slow hash). */
export function newTokenSecret(scope: TokenScope): { token: string; hash: string; prefix: string } {
  const token = `mmr_${scope}_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, 14) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
