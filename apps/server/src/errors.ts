/**
 * The business errors of Mamori, translated to HTTP in one place (http/problem.ts).
 * Cross-tenant access is a NotFoundError: a caller must not learn that a foreign id exists.
 */
export class MamoriError extends Error {
  readonly status: number = 500;
  readonly title: string = 'Internal error';
  /** A machine-readable reason clients branch on, sent as `code` in the problem document. */
  readonly code: string | undefined = undefined;
}
export class InputError extends MamoriError {
  override readonly status = 400;
  override readonly title = 'Invalid input';
}
export class AuthenticationError extends MamoriError {
  override readonly status = 401;
  override readonly title = 'Authentication required';
}
export class NotAllowedError extends MamoriError {
  override readonly status = 403;
  override readonly title = 'Not allowed';
}
export class NotFoundError extends MamoriError {
  override readonly status = 404;
  override readonly title = 'Not found';
}
export class ConflictError extends MamoriError {
  override readonly status = 409;
  override readonly title = 'Conflict';
}
export class UnavailableError extends MamoriError {
  override readonly status = 503;
  override readonly title = 'Service unavailable';
}
