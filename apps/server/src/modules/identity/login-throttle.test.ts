import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.ts';

describe('LoginThrottle', () => {
  it('makes an address wait after too many failures and forgets them after the window', () => {
    const t = new LoginThrottle(3, 1000);
    t.fail('10.0.0.1', 0);
    t.fail('10.0.0.1', 100);
    expect(t.waitMs('10.0.0.1', 200)).toBe(0);
    t.fail('10.0.0.1', 200);
    expect(t.waitMs('10.0.0.1', 300)).toBe(700);
    expect(t.waitMs('10.0.0.2', 300)).toBe(0);
    expect(t.waitMs('10.0.0.1', 1001)).toBe(0);
  });
});
