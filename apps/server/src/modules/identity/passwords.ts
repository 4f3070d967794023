import { hash, verify } from '@node-rs/argon2';
import { InputError } from '../../errors.ts';

// Algorithm.Argon2id is an ambient const enum, which verbatimModuleSyntax cannot read: its value is 2.
const ARGON2ID = 2;

/** OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, 1 lane. */
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

// Verifying against this when the account does not exist (or has no password) costs the same as a real
// verify, so response time does not tell an attacker which usernames exist.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  const target = stored ?? (await (dummyHash ??= hashPassword('not a real password: timing equaliser')));
  const ok = await verify(target, password).catch(() => false);
  return ok && stored !== null;
}

/**
 * ASVS 2.1: at least 12 characters, at most 256 (so hashing stays bounded), not the username. No offline
 * breached-password list ships with Mamori; docs/identity.md says so and recommends OIDC with the IdP's checks.
 */
export function checkPasswordPolicy(password: string, username: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) throw new InputError(`a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) throw new InputError(`a password has at most ${MAX_PASSWORD_LENGTH} characters`);
  const lower = password.toLowerCase();
  const name = username.toLowerCase();
  if (lower === name || (name.length >= 4 && lower.includes(name))) throw new InputError('a password must not contain the username');
}
