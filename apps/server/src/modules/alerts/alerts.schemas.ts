/** Request and response shapes of the alert queue (ALR-2/3/4/6). */
import { z } from 'zod';

export const TRIAGE_STATUSES = ['new', 'in_progress', 'on_hold', 'resolved', 'escalated'] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];
export const VERDICTS = ['true_positive', 'false_positive', 'benign', 'duplicate'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const BANDS = ['P1', 'P2', 'P3', 'P4'] as const;
const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

const ruleView = z
  .object({
    id: z.string(),
    title: z.string(),
    level: z.string().nullable(),
    /** Sigma rules: shown with the alert, as the Detection Rule License requires. */
    author: z.string().nullable(),
    tags: z.array(z.string()),
  })
  .nullable();

export const alertView = z.object({
  id: z.number(),
  tenant: z.string(),
  kind: z.string(),
  severity: z.string(),
  /** Lifecycle: open while it may still take repeats, resolved once closed by triage or by its source. */
  status: z.string(),
  triageStatus: z.string(),
  priority: z.number(),
  priorityBand: z.string().nullable(),
  priorityReasons: z.array(z.string()),
  assignee: z.string().nullable(),
  verdict: z.string().nullable(),
  duplicateOf: z.number().nullable(),
  title: z.string(),
  deviceId: z.number().nullable(),
  rule: ruleView,
  source: z.string().nullable(),
  target: z.string().nullable(),
  /** Events behind the alert as "batchId:seq" (the first ones; `occurrences` counts all). */
  eventIds: z.array(z.string()),
  details: z.record(z.string(), z.unknown()),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  occurrences: z.number(),
  resolvedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type AlertView = z.infer<typeof alertView>;

const entry = z.object({ id: z.number(), at: z.string(), actor: z.string() });
export const historyView = entry.extend({ action: z.string(), details: z.record(z.string(), z.unknown()) });
export const commentView = entry.extend({ body: z.string() });

export const alertDetailView = alertView.extend({
  enrichment: z.record(z.string(), z.unknown()).nullable(),
  comments: z.array(commentView),
  history: z.array(historyView),
});

const csv = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .max(200)
    .transform((s) => s.split(',').filter((v) => v !== ''))
    .pipe(z.array(z.enum(values)));

/** Queue filters; also what a saved view stores. */
export const queueFilters = z.object({
  /** Lifecycle state (open | resolved), kept for earlier clients. */
  status: z.enum(['open', 'resolved']).optional(),
  triageStatus: csv(TRIAGE_STATUSES).optional(),
  priority: csv(BANDS).optional(),
  severity: csv(SEVERITIES).optional(),
  /** A user name, `me` (the caller) or `none` (unassigned). */
  assignee: z.string().max(200).optional(),
  verdict: csv(VERDICTS).optional(),
  /** log_silence, availability, sigma, correlation, device, indicator, triage_reminder */
  kind: z.string().max(40).optional(),
  rule: z.string().max(300).optional(),
  device: z.coerce.number().int().positive().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Substring of the title or an observable. */
  text: z.string().min(1).max(200).optional(),
  sort: z.enum(['priority', 'lastSeen', 'firstSeen']).default('priority'),
  order: z.enum(['desc', 'asc']).default('desc'),
});
export type QueueFilters = z.infer<typeof queueFilters>;

export const queueQuery = queueFilters.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** The `X-Next-Cursor` of the previous page. */
  cursor: z.string().max(200).optional(),
});
export type QueueQuery = z.infer<typeof queueQuery>;

export const providerQueueQuery = queueQuery.extend({ tenant: z.string().min(1).max(63).optional() });

export const countsView = z.object({
  total: z.number(),
  byTriageStatus: z.record(z.string(), z.number()),
  byPriority: z.record(z.string(), z.number()),
});

export const alertChange = z
  .object({
    status: z.enum(['new', 'in_progress', 'on_hold', 'resolved']).optional(),
    /** A user name, `me`, or null to unassign. */
    assignee: z.string().min(1).max(200).nullable().optional(),
    verdict: z.enum(VERDICTS).nullable().optional(),
    /** The original when the verdict is duplicate. */
    duplicateOf: z.number().int().positive().optional(),
    comment: z.string().min(1).max(20_000).optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), { message: 'nothing to change' });
export type AlertChange = z.infer<typeof alertChange>;

export const bulkChange = z.object({ ids: z.array(z.number().int().positive()).min(1).max(1000) }).and(alertChange);

/** A saved view keeps the query string as typed, checked against the queue's own filters. */
export const viewInput = z.object({
  name: z.string().min(1).max(200),
  filters: z
    .record(z.string().max(40), z.string().max(300))
    // An empty field in the console's filter bar means "no filter", not an invalid one.
    .transform((f) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== '')))
    .refine((f) => queueFilters.extend({ tenant: z.string().max(63).optional() }).strict().safeParse(f).success, { message: 'unknown or invalid queue filter' }),
});
export const savedView = z.object({ id: z.number(), name: z.string(), filters: z.record(z.string(), z.string()), createdAt: z.string() });

export const escalateInput = z.object({
  alertIds: z.array(z.number().int().positive()).min(1).max(1000),
  title: z.string().min(1).max(500),
  type: z.string().max(100).optional(),
  severity: z.enum(SEVERITIES).optional(),
  note: z.string().max(20_000).optional(),
});
export type EscalateInput = z.infer<typeof escalateInput>;
