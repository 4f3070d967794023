import { z } from 'zod';
import { ALERT_SEVERITIES } from '../detection/detection-types.ts';
import { CHANNEL_KINDS, LANGS } from './notification-types.ts';

export const slugParams = z.object({ slug: z.string().min(1).max(63) });
export const idParams = slugParams.extend({ id: z.coerce.number().int().positive() });

const severity = z.enum(ALERT_SEVERITIES as [string, ...string[]]);
const lang = z.enum(LANGS as ['ja', 'en']);
// Loopback and private addresses are allowed: customers' receivers often sit on their own networks.
const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const contactBody = z
  .object({
    name: z.string().min(1).max(200),
    lang: lang.default('ja'),
    email: z.email().max(320).nullable().optional(),
    webhookUrl: httpUrl.nullable().optional(),
    webhookSecret: z.string().min(16).max(200).nullable().optional(),
    slackUrl: httpUrl.nullable().optional(),
    teamsUrl: httpUrl.nullable().optional(),
    reachability: z.enum(['24h', 'business_hours']).default('24h'),
    minSeverity: severity.default('low'),
  })
  .refine((c) => !c.webhookUrl || c.webhookSecret, { message: 'a webhook needs a webhookSecret (at least 16 characters) to sign with', path: ['webhookSecret'] });

export const contactView = z.object({
  id: z.number(),
  name: z.string(),
  lang,
  email: z.string().nullable(),
  /** Incoming-webhook URLs carry their own credentials: only the origin is shown back. */
  webhookUrl: z.string().nullable(),
  hasWebhookSecret: z.boolean(),
  slackUrl: z.string().nullable(),
  teamsUrl: z.string().nullable(),
  reachability: z.string(),
  minSeverity: z.string(),
});

export const policyBody = z.object({
  rules: z
    .array(z.object({ severities: z.array(severity).min(1), when: z.enum(['always', 'business_hours', 'off_hours']), mode: z.enum(['immediate', 'digest']) }))
    .max(20),
  digestTime: hhmm,
  timezone: z.string().min(1).max(64).refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone'),
  businessHours: z.object({ days: z.array(z.number().int().min(0).max(6)).max(7), start: hhmm, end: hhmm }),
});

export const fieldsSchema = z.object({
  attackSource: z.string().max(10_000),
  target: z.string().max(10_000),
  analysis: z.string().max(20_000),
  actions: z.string().max(20_000),
  references: z.array(z.string().max(2000)).max(100),
});

export const draftBody = z
  .object({
    alertIds: z.array(z.number().int().positive()).min(1).max(200).optional(),
    incidentId: z.number().int().positive().optional(),
    lang: lang.default('ja'),
  })
  .refine((b) => b.alertIds !== undefined || b.incidentId !== undefined, { message: 'alertIds or incidentId' });

export const updateBody = z.object({
  lang: lang.optional(),
  title: z.string().min(1).max(500).optional(),
  severity: severity.optional(),
  fields: fieldsSchema.partial().optional(),
});

export const previewQuery = z.object({ channel: z.enum(CHANNEL_KINDS as ['email', 'webhook', 'slack', 'teams']).default('email'), lang: lang.optional() });

const deliveryView = z.object({
  id: z.number(),
  contact: z.string(),
  channel: z.string(),
  status: z.string(),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  failureAlertId: z.number().nullable(),
});

const localised = z.object({ title: z.string(), fields: fieldsSchema });

export const notificationView = z.object({
  id: z.number(),
  tenant: z.string(),
  subject: z.object({ kind: z.string(), id: z.number() }),
  alertIds: z.array(z.number()),
  lang,
  severity: z.string(),
  title: z.string(),
  content: z.object({ ja: localised, en: localised }),
  status: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sentAt: z.string().nullable(),
  deliveries: z.array(deliveryView),
});

export const previewView = z.object({
  channel: z.string(),
  lang,
  email: z.object({ subject: z.string(), text: z.string(), html: z.string() }).optional(),
  json: z.unknown().optional(),
  /** The exact bytes an HTTP channel would POST. */
  body: z.string().optional(),
});

export type ContactBody = z.infer<typeof contactBody>;
export type PolicyBody = z.infer<typeof policyBody>;
export type UpdateBody = z.infer<typeof updateBody>;
export type NotificationView = z.infer<typeof notificationView>;
