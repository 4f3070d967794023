import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('stores argon2id with the OWASP parameters and verifies only the right password', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse batterY')).toBe(false);
  });

  it('refuses every password for an account without one, after a full verify', async () => {
    const stored = await hashPassword('a real password here');
    await verifyPassword(null, 'warm up the dummy hash');
    let unknown = 0;
    let known = 0;
    // Interleaved so that load from other processes hits both sides alike.
    for (let i = 0; i < 4; i++) {
      const t0 = performance.now();
      expect(await verifyPassword(null, 'anything at all')).toBe(false);
      const t1 = performance.now();
      await verifyPassword(stored, 'a wrong password here');
      unknown += t1 - t0;
      known += performance.now() - t1;
    }
    expect(unknown).toBeGreaterThan(known / 3);
  });

  it('enforces length and refuses the username', () => {
    expect(() => checkPasswordPolicy('short', 'alice')).toThrow(/12 characters/);
    expect(() => checkPasswordPolicy('alice-the-admin-2026', 'alice')).toThrow(/username/);
    expect(() => checkPasswordPolicy('x'.repeat(257), 'alice')).toThrow(/at most/);
    expect(() => checkPasswordPolicy('パスワードは十二文字以上必要です', 'alice')).not.toThrow();
  });
});
