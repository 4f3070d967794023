import { describe, expect, it } from 'vitest';
import { assertNoCycle, checkSettings, checkTarget, keepMaskedSecrets, redactSettings } from './monitor-input.ts';

describe('monitor input', () => {
  it('checks targets per type', () => {
    expect(() => checkTarget('tcp', '127.0.0.1:22')).not.toThrow();
    expect(() => checkTarget('tcp', '127.0.0.1')).toThrow(/host:port/);
    expect(() => checkTarget('ping', '-f')).toThrow();
    expect(() => checkTarget('ping', 'router.example.com')).not.toThrow();
    expect(() => checkTarget('http', 'ftp://x')).toThrow(/URL/);
    expect(() => checkTarget('snmp', '[::1]:1161')).not.toThrow();
  });

  it('refuses unknown settings', () => {
    expect(() => checkSettings('http', { keywrd: 'x' })).toThrow(/keywrd/);
    expect(checkSettings('http', { keyword: 'ok' })).toEqual({ keyword: 'ok' });
  });

  it('hides secrets and keeps them when an update sends the mask back', () => {
    const stored = { version: '3', community: 'c0mm', user: { name: 'u', authKey: 'secret-auth', privKey: 'secret-priv' } };
    const shown = redactSettings(stored);
    expect(shown).toEqual({ version: '3', community: '***', user: { name: 'u', authKey: '***', privKey: '***' } });
    expect(keepMaskedSecrets({ ...shown, user: { ...(shown.user as object), privKey: 'new-priv-key' } }, stored)).toEqual({
      ...stored,
      user: { ...stored.user, privKey: 'new-priv-key' },
    });
  });

  it('refuses dependency loops', () => {
    const edges = new Map([[2, [3]], [3, [1]]]);
    expect(() => assertNoCycle(1, [2], edges)).toThrow(/loop/);
    expect(() => assertNoCycle(4, [2], edges)).not.toThrow();
  });
});
