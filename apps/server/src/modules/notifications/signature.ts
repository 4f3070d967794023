import { createHmac, timingSafeEqual } from 'node:crypto';

/** Receivers reject a delivery whose timestamp is further than this from their clock (replay protection). */
export const REPLAY_WINDOW_SECONDS = 300;
export const SIGNATURE_HEADER = 'x-mamori-signature';
export const TIMESTAMP_HEADER = 'x-mamori-timestamp';
export const DELIVERY_HEADER = 'x-mamori-delivery';

/** `v1=` + hex HMAC-SHA256 over `<timestamp>.<raw body>` with the contact's secret (docs/notifications.md). */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does; exported so the docs' recipe and our tests run the very same check. */
export function verifyWebhook(secret: string, headers: { signature: string | undefined; timestamp: string | undefined }, body: string, nowSeconds: number): boolean {
  if (!headers.signature || !headers.timestamp || !/^\d{1,12}$/.test(headers.timestamp)) return false;
  const ts = Number(headers.timestamp);
  if (Math.abs(nowSeconds - ts) > REPLAY_WINDOW_SECONDS) return false;
  const expected = Buffer.from(signWebhook(secret, ts, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
