/**
 * Failed sign-ins per source address in a sliding window (ASVS 2.2.1), in memory: a restart forgets them,
 * which is acceptable because per-account lockout is kept in the control store.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs = 15 * 60_000,
  ) {}

  private recent(ip: string, now: number): number[] {
    const kept = (this.failures.get(ip) ?? []).filter((t) => t > now - this.windowMs);
    if (kept.length === 0) this.failures.delete(ip);
    else this.failures.set(ip, kept);
    return kept;
  }

  /** Milliseconds the address must wait, or 0. */
  waitMs(ip: string, now = Date.now()): number {
    const recent = this.recent(ip, now);
    return recent.length >= this.maxFailures ? recent[0]! + this.windowMs - now : 0;
  }

  fail(ip: string, now = Date.now()): void {
    this.failures.set(ip, [...this.recent(ip, now), now]);
  }
}
