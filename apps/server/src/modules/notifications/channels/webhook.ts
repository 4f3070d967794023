import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from '../signature.ts';
import { DeliveryError, jsonOf, postJson, type NotificationChannel } from './channel.ts';

/** A signed JSON webhook: the receiver checks the HMAC over timestamp and body (docs/notifications.md). */
export class WebhookChannel implements NotificationChannel {
  readonly kind = 'webhook';
  constructor(
    private readonly timeoutMs: number,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  async send(contact: Parameters<NotificationChannel['send']>[0], rendered: Parameters<NotificationChannel['send']>[1], deliveryId: number): Promise<void> {
    if (!contact.webhookUrl || !contact.webhookSecret) throw new DeliveryError('the contact has no webhook URL and secret');
    const body = JSON.stringify(jsonOf(rendered));
    const ts = this.nowSeconds();
    await postJson(
      contact.webhookUrl,
      body,
      { [SIGNATURE_HEADER]: signWebhook(contact.webhookSecret, ts, body), [TIMESTAMP_HEADER]: String(ts), [DELIVERY_HEADER]: String(deliveryId) },
      this.timeoutMs,
    );
  }
}
