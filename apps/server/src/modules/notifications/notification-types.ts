import { ALERT_SEVERITIES, type AlertSeverity } from '../detection/detection-types.ts';

export type Lang = 'ja' | 'en';
export const LANGS: readonly Lang[] = ['ja', 'en'];

export type ChannelKind = 'email' | 'webhook' | 'slack' | 'teams';
export const CHANNEL_KINDS: readonly ChannelKind[] = ['email', 'webhook', 'slack', 'teams'];

/** The five items the MSS guideline (ISOG-J, Appendix A table 12) says a notification carries. */
export interface NotificationFields {
  attackSource: string;
  target: string;
  analysis: string;
  actions: string;
  references: string[];
}

/** What a channel renders: one notification, already in the contact's language. */
export interface NotificationContent {
  id: number;
  tenant: string;
  lang: Lang;
  severity: AlertSeverity;
  title: string;
  fields: NotificationFields;
  /** Where the customer reads and answers it in the portal. */
  portalUrl: string | undefined;
}

export type Reachability = '24h' | 'business_hours';

export interface Contact {
  id: number;
  tenantId: number;
  name: string;
  lang: Lang;
  email: string | null;
  webhookUrl: string | null;
  webhookSecret: string | null;
  slackUrl: string | null;
  teamsUrl: string | null;
  reachability: Reachability;
  minSeverity: AlertSeverity;
}

export function severityRank(s: string): number {
  return ALERT_SEVERITIES.indexOf(s as AlertSeverity);
}

export function asSeverity(s: string): AlertSeverity {
  return severityRank(s) >= 0 ? (s as AlertSeverity) : 'medium';
}

/** The channels a contact has an address for. */
export function contactChannels(c: Contact): ChannelKind[] {
  const out: ChannelKind[] = [];
  if (c.email) out.push('email');
  if (c.webhookUrl) out.push('webhook');
  if (c.slackUrl) out.push('slack');
  if (c.teamsUrl) out.push('teams');
  return out;
}
