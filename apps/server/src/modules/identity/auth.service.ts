import { InputError } from '../../errors.ts';
import type { Principal } from '../../http/principal.ts';
import type { AuditRecorder } from '../audit/audit-types.ts';
import { LockedError, SignInError } from './auth-errors.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords.ts';
import { roleParty, roleScope } from './roles.ts';
import type { SessionsService } from './sessions.service.ts';
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCodes, newTotpSecret, totpStep } from './totp.ts';
import { roleOf } from './user-view.ts';
import type { UserRow, UsersRepository } from './users.repository.ts';

export interface LockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}

export interface SignedIn {
  user: UserRow;
  sessionId: string;
  csrfToken: string;
}

/** The principal of a signed-in user: role, scope, party and tenant all follow from the user row. */
export function principalOf(user: UserRow): Principal {
  const role = roleOf(user);
  return {
    tokenId: null,
    userId: user.id,
    actor: `user:${user.username}`,
    party: roleParty(role),
    role,
    scope: roleScope(role),
    tenantId: user.tenant_id,
    deviceId: null,
  };
}

/** Password sign-in with TOTP, lockout and throttling; a user's own password, preferences and TOTP. */
export class AuthService {
  // Last TOTP step used per user: a code seen by a shoulder-surfer cannot be used again (ASVS 2.8.4).
  private readonly lastTotpStep = new Map<number, number>();

  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottle,
    private readonly lockout: LockoutPolicy,
    private readonly audit: AuditRecorder,
  ) {}

  async login(input: { username: string; password: string; totp?: string | undefined }, ip: string): Promise<SignedIn> {
    const now = Date.now();
    const wait = this.throttle.waitMs(ip, now);
    if (wait > 0) throw new LockedError(`too many failed sign-ins from this address; try again in ${Math.ceil(wait / 60_000)} min`, 429);
    const user = await this.users.byUsername(input.username);
    const fail = async (reason: string, code?: string): Promise<never> => {
      this.throttle.fail(ip, now);
      await this.audit.record({ actor: `user:${input.username}`, tenantId: user?.tenant_id ?? null, action: 'auth.login', ip, outcome: 'failure', details: { reason } });
      if (user) await this.countFailure(user, ip);
      throw new SignInError(code === 'totp_invalid' ? 'the second-factor code is wrong or was used already' : 'wrong username or password', code);
    };
    if (user?.locked_until != null && Number(user.locked_until) > now) {
      await this.audit.record({ actor: `user:${user.username}`, tenantId: user.tenant_id, action: 'auth.login', ip, outcome: 'failure', details: { reason: 'locked' } });
      throw new LockedError('this account is locked after repeated failed sign-ins; try later or ask an admin to reset it', 423);
    }
    // Unknown users still cost one argon2 verify (passwords.ts), so timing does not reveal who exists.
    if (!(await verifyPassword(user?.password_hash ?? null, input.password)) || !user) return fail(user ? 'password' : 'unknown user');
    if (user.totp_secret !== null) {
      if (!input.totp) throw new SignInError('a second-factor code is required', 'totp_required');
      if (!(await this.secondFactor(user, input.totp, now))) return fail('totp', 'totp_invalid');
    }
    await this.users.update(user.id, { failed_logins: 0, locked_until: null, last_login_at: now });
    const session = await this.sessions.start(user.id, ip, now);
    await this.audit.record({ actor: `user:${user.username}`, tenantId: user.tenant_id, action: 'auth.login', target: `user:${user.id}`, ip, outcome: 'success', details: { method: 'password' } });
    return { user, ...session };
  }

  private async countFailure(user: UserRow, ip: string): Promise<void> {
    const failures = await this.users.countFailure(user.id);
    if (failures < this.lockout.maxFailures) return;
    await this.users.update(user.id, { failed_logins: 0, locked_until: Date.now() + this.lockout.lockMinutes * 60_000 });
    await this.audit.record({
      actor: 'system:identity',
      tenantId: user.tenant_id,
      action: 'auth.lockout',
      target: `user:${user.id}`,
      ip,
      outcome: 'success',
      details: { username: user.username, failures, lockMinutes: this.lockout.lockMinutes },
    });
  }

  private async secondFactor(user: UserRow, code: string, now: number): Promise<boolean> {
    if (looksLikeRecoveryCode(code)) return this.users.useRecoveryCode(user.id, hashRecoveryCode(code), now);
    const step = totpStep(user.totp_secret!, code.trim(), now);
    if (step === null || step <= (this.lastTotpStep.get(user.id) ?? -1)) return false;
    this.lastTotpStep.set(user.id, step);
    return true;
  }

  async logout(sessionId: string): Promise<void> {
    await this.sessions.end(sessionId);
  }

  /** Own password change: needs the current one; every other session of the user ends. */
  async changePassword(user: UserRow, sessionId: string, current: string, next: string, ip: string): Promise<void> {
    if (!(await verifyPassword(user.password_hash, current))) throw new SignInError('the current password is wrong');
    checkPasswordPolicy(next, user.username);
    if (current === next) throw new InputError('the new password must differ from the current one');
    await this.users.update(user.id, { password_hash: await hashPassword(next), must_change_password: 0, updated_at: Date.now() });
    await this.sessions.endOthers(user.id, sessionId);
    await this.audit.record({ actor: `user:${user.username}`, tenantId: user.tenant_id, action: 'auth.password_change', target: `user:${user.id}`, ip, outcome: 'success' });
  }

  async setPreferences(user: UserRow, prefs: { locale?: 'ja' | 'en' | undefined; timezone?: string | undefined }): Promise<void> {
    await this.users.update(user.id, {
      ...(prefs.locale !== undefined ? { locale: prefs.locale } : {}),
      ...(prefs.timezone !== undefined ? { timezone: prefs.timezone } : {}),
      updated_at: Date.now(),
    });
  }

  /** Enrolment, step one: a secret kept pending until the user proves their app has it. */
  async startTotp(user: UserRow): Promise<{ secret: string; otpauthUrl: string }> {
    const enrolment = newTotpSecret(user.username);
    await this.users.update(user.id, { totp_pending_secret: enrolment.secret, updated_at: Date.now() });
    return enrolment;
  }

  /** Enrolment, step two: a valid code switches TOTP on and yields ten recovery codes, shown this once. */
  async confirmTotp(user: UserRow, sessionId: string, code: string, ip: string): Promise<string[]> {
    const pending = user.totp_pending_secret;
    if (!pending) throw new InputError('start TOTP enrolment first');
    const step = totpStep(pending, code.trim());
    if (step === null) throw new InputError('the code does not match; check the clock of the authenticator');
    this.lastTotpStep.set(user.id, step);
    const recoveryCodes = newRecoveryCodes();
    await this.users.update(user.id, { totp_secret: pending, totp_pending_secret: null, updated_at: Date.now() });
    await this.users.replaceRecoveryCodes(user.id, recoveryCodes.map(hashRecoveryCode));
    await this.audit.record({ actor: `user:${user.username}`, tenantId: user.tenant_id, action: 'auth.totp_enrol', target: `user:${user.id}`, ip, outcome: 'success' });
    await this.sessions.endOthers(user.id, sessionId);
    return recoveryCodes;
  }
}
