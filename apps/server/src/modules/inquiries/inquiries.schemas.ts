import { z } from 'zod';
import { INQUIRY_KINDS, INQUIRY_STATUSES } from './inquiry-status.ts';

export const slugParams = z.object({ slug: z.string().min(1).max(63) });
export const idParams = slugParams.extend({ id: z.coerce.number().int().positive() });

const kind = z.enum(INQUIRY_KINDS as ['acknowledge', 'question', 'signature_disable', 'config_change']);
const status = z.enum(INQUIRY_STATUSES as ['open', 'answered', 'approved', 'rejected', 'closed']);

export const createBody = z
  .object({
    kind,
    notificationId: z.number().int().positive().optional(),
    incidentId: z.number().int().positive().optional(),
    /** The signature to disable; taken from the notification's alerts when left out. */
    rule: z.string().min(1).max(300).optional(),
    title: z.string().min(1).max(300).optional(),
    message: z.string().max(20_000).default(''),
  })
  .refine((b) => b.kind !== 'acknowledge' || b.notificationId !== undefined || b.incidentId !== undefined, {
    message: 'an acknowledgement names the notification or incident it acknowledges',
  })
  .refine((b) => b.kind === 'acknowledge' || b.message.trim() !== '', { message: 'message is required', path: ['message'] });

export const messageBody = z.object({ body: z.string().min(1).max(20_000) });

export const updateBody = z.object({ assignee: z.string().min(1).max(200).nullable().optional(), status: z.enum(['answered', 'closed']).optional() });

export const approveBody = z.object({
  /** For a signature-disable request: turn the rule off for the tenant, or suppress it under conditions. */
  action: z.enum(['disable_rule', 'suppress']).default('disable_rule'),
  conditions: z.record(z.string().min(1).max(200), z.union([z.string().max(1000), z.array(z.string().max(1000)).min(1).max(1000)])).default({}),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  reason: z.string().max(2000).optional(),
});

export const rejectBody = z.object({ reason: z.string().min(1).max(2000) });

export const listQuery = z.object({ status: status.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });
export const providerListQuery = listQuery.extend({ tenant: z.string().min(1).max(63).optional() });

const messageView = z.object({ id: z.number(), author: z.string(), party: z.string(), body: z.string(), at: z.string() });

export const inquiryView = z.object({
  id: z.number(),
  tenant: z.string(),
  kind: z.string(),
  status: z.string(),
  title: z.string(),
  notificationId: z.number().nullable(),
  incidentId: z.number().nullable(),
  rule: z.string().nullable(),
  assignee: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What an approved request changed, e.g. `suppression:12` or `rule:<uid>`. */
  tuningRef: z.string().nullable(),
  messages: z.array(messageView),
});

export type CreateBody = z.infer<typeof createBody>;
export type ApproveBody = z.infer<typeof approveBody>;
export type InquiryView = z.infer<typeof inquiryView>;
