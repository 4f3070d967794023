import type { Contact, ChannelKind } from '../notification-types.ts';
import type { Rendered } from '../render.ts';

/** One way of reaching a contact. `send` resolves when the far end accepted the message, else throws why not. */
export interface NotificationChannel {
  kind: ChannelKind;
  send(contact: Contact, rendered: Rendered, deliveryId: number): Promise<void>;
}

export class DeliveryError extends Error {}

export function jsonOf(rendered: Rendered): unknown {
  if (rendered.channel === 'email') throw new DeliveryError('an email rendering cannot go to an HTTP channel');
  return rendered.json;
}

/** POSTs a JSON body; anything but 2xx within the timeout is a failed attempt. */
export async function postJson(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Mamori-Notifications/1', ...headers },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    throw new DeliveryError(`request failed: ${cause ?? (err as Error).message}`);
  }
  await res.body?.cancel();
  if (!res.ok) throw new DeliveryError(`HTTP ${res.status}`);
}
