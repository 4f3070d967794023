import { DeliveryError, jsonOf, postJson, type NotificationChannel } from './channel.ts';

/** Microsoft Teams incoming webhook with a MessageCard body (render.ts escapes Teams markdown). */
export class TeamsChannel implements NotificationChannel {
  readonly kind = 'teams';
  constructor(private readonly timeoutMs: number) {}

  async send(contact: Parameters<NotificationChannel['send']>[0], rendered: Parameters<NotificationChannel['send']>[1]): Promise<void> {
    if (!contact.teamsUrl) throw new DeliveryError('the contact has no Teams webhook URL');
    await postJson(contact.teamsUrl, JSON.stringify(jsonOf(rendered)), {}, this.timeoutMs);
  }
}
