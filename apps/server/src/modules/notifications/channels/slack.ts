import { DeliveryError, jsonOf, postJson, type NotificationChannel } from './channel.ts';

/** Slack incoming webhook with a Block Kit body (render.ts escapes mrkdwn). */
export class SlackChannel implements NotificationChannel {
  readonly kind = 'slack';
  constructor(private readonly timeoutMs: number) {}

  async send(contact: Parameters<NotificationChannel['send']>[0], rendered: Parameters<NotificationChannel['send']>[1]): Promise<void> {
    if (!contact.slackUrl) throw new DeliveryError('the contact has no Slack webhook URL');
    await postJson(contact.slackUrl, JSON.stringify(jsonOf(rendered)), {}, this.timeoutMs);
  }
}
