import { AuthenticationError, MamoriError, NotAllowedError } from '../../errors.ts';

/** Sign-in refused; `code` tells the client what to ask for next (e.g. `totp_required`). */
export class SignInError extends AuthenticationError {
  override readonly code: string | undefined;
  constructor(message: string, code?: string) {
    super(message);
    this.code = code;
  }
}

/** The account is locked after repeated failures (423), or the source sent too many failures (429). */
export class LockedError extends MamoriError {
  override readonly status: number;
  override readonly title = 'Locked';
  override readonly code = 'locked';
  constructor(message: string, status: 423 | 429) {
    super(message);
    this.status = status;
  }
}

export class PasswordChangeRequiredError extends NotAllowedError {
  override readonly code = 'password_change_required';
}

export class CsrfError extends NotAllowedError {
  override readonly code = 'csrf';
}
