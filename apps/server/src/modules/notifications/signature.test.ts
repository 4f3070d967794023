import { describe, expect, it } from 'vitest';
import { REPLAY_WINDOW_SECONDS, signWebhook, verifyWebhook } from './signature.ts';

describe('webhook signature', () => {
  const secret = 'a-long-shared-secret-1234';
  const body = '{"type":"notification"}';
  const ts = 1_800_000_000;

  it('verifies what was signed', () => {
    expect(verifyWebhook(secret, { signature: signWebhook(secret, ts, body), timestamp: String(ts) }, body, ts + 5)).toBe(true);
  });

  it('rejects a changed body, a wrong secret and a moved timestamp', () => {
    const sig = signWebhook(secret, ts, body);
    expect(verifyWebhook(secret, { signature: sig, timestamp: String(ts) }, body + ' ', ts)).toBe(false);
    expect(verifyWebhook('another-secret-123456', { signature: sig, timestamp: String(ts) }, body, ts)).toBe(false);
    expect(verifyWebhook(secret, { signature: sig, timestamp: String(ts + 1) }, body, ts)).toBe(false);
  });

  it('rejects a replay outside the window', () => {
    const sig = signWebhook(secret, ts, body);
    expect(verifyWebhook(secret, { signature: sig, timestamp: String(ts) }, body, ts + REPLAY_WINDOW_SECONDS + 1)).toBe(false);
  });
});
