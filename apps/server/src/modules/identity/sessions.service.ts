import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { SessionsRepository } from './sessions.repository.ts';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export interface ActiveSession {
  userId: number;
  idHash: string;
}

const hashId = (id: string) => createHash('sha256').update(id).digest('hex');

/**
 * Sessions: a 256-bit random id lives only in the browser's cookie; the store keeps its SHA-256. The CSRF
 * token is derived from the id (HMAC), so it needs no storage and dies with the session.
 */
export class SessionsService {
  constructor(
    private readonly repo: SessionsRepository,
    private readonly policy: SessionPolicy,
  ) {}

  get absoluteMs(): number {
    return this.policy.absoluteHours * 3_600_000;
  }

  /** A brand-new id every time: called at sign-in and at every privilege change (no session fixation). */
  async start(userId: number, ip: string | null, now = Date.now()): Promise<{ sessionId: string; csrfToken: string }> {
    const sessionId = randomBytes(32).toString('base64url');
    await this.repo.insert({ id_hash: hashId(sessionId), user_id: userId, created_at: now, last_seen_at: now, ip });
    return { sessionId, csrfToken: csrfTokenFor(sessionId) };
  }

  async resolve(sessionId: string, now = Date.now()): Promise<ActiveSession | undefined> {
    const idHash = hashId(sessionId);
    const row = await this.repo.byHash(idHash);
    if (!row) return undefined;
    const idle = now - Number(row.last_seen_at) > this.policy.idleMinutes * 60_000;
    const old = now - Number(row.created_at) > this.absoluteMs;
    if (idle || old) {
      await this.repo.delete(idHash);
      return undefined;
    }
    // A tenth of the idle limit (at most 15 s) is precise enough and keeps a write off most requests.
    if (now - Number(row.last_seen_at) > Math.min(15_000, this.policy.idleMinutes * 6_000)) await this.repo.touch(idHash, now);
    return { userId: row.user_id, idHash };
  }

  async end(sessionId: string): Promise<void> {
    await this.repo.delete(hashId(sessionId));
  }

  async endAllFor(userId: number): Promise<void> {
    await this.repo.deleteForUser(userId);
  }

  /** After a password change or TOTP enrolment: every other browser signs in again (ASVS 3.3.3). */
  async endOthers(userId: number, keepSessionId: string): Promise<void> {
    await this.repo.deleteForUserExcept(userId, hashId(keepSessionId));
  }

  async purgeExpired(now = Date.now()): Promise<void> {
    await this.repo.deleteExpired(now - this.policy.idleMinutes * 60_000, now - this.absoluteMs);
  }
}

export function csrfTokenFor(sessionId: string): string {
  return createHmac('sha256', sessionId).update('mamori csrf v1').digest('base64url');
}
