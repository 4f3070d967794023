/** ALR-5 anomaly type definitions: hypothesis, evidence checklist with ready queries, which alerts they fit. */
import { z } from 'zod';

const text = (max: number) => z.object({ ja: z.string().min(1).max(max), en: z.string().min(1).max(max) });

export const anomalyTypeDefinition = z.object({
  name: text(200),
  hypothesis: text(2000),
  /** Alerts this type is offered for: by kind, rule id, or a word in the title (any case). */
  appliesTo: z
    .object({
      kinds: z.array(z.string().max(40)).max(20).default([]),
      rules: z.array(z.string().max(300)).max(200).default([]),
      titleWords: z.array(z.string().min(2).max(100)).max(50).default([]),
    })
    .default({ kinds: [], rules: [], titleWords: [] }),
  /**
   * Evidence to collect. `query` is in the Mamori query language; `{source}`, `{target}` are replaced by the
   * alert's observables, quoted.
   */
  checklist: z
    .array(z.object({ id: z.string().regex(/^[a-z0-9_-]{1,40}$/), what: text(1000), query: z.string().max(2000).optional() }))
    .min(1)
    .max(50)
    .refine((items) => new Set(items.map((i) => i.id)).size === items.length, { message: 'checklist ids must be unique' }),
});
export type AnomalyTypeDefinition = z.infer<typeof anomalyTypeDefinition>;

export const anomalyTypeView = anomalyTypeDefinition.extend({ key: z.string(), updatedAt: z.string(), updatedBy: z.string() });
export const anomalyKey = z.string().regex(/^[a-z0-9_]{2,60}$/);

export const OUTCOMES = ['confirmed', 'refuted', 'undetermined'] as const;

export const triageUpdate = z
  .object({
    anomalyType: anomalyKey.nullable().optional(),
    checklist: z.array(z.object({ id: z.string().max(40), done: z.boolean(), note: z.string().max(5000).optional() })).max(50).optional(),
    note: z.string().max(20_000).optional(),
    outcome: z.enum(OUTCOMES).optional(),
    /** refuted: false_positive (default) or benign. */
    verdict: z.enum(['false_positive', 'benign']).optional(),
    /** undetermined: keep the alert on hold and remind on this date; absent closes it. */
    watchUntil: z.iso.datetime({ offset: true }).optional(),
    /** confirmed: open an incident right away (provider staff). */
    escalate: z.object({ title: z.string().min(1).max(500), type: z.string().max(100).optional(), severity: z.enum(['low', 'medium', 'high', 'critical']).optional() }).optional(),
  })
  .refine((u) => u.watchUntil === undefined || u.outcome === 'undetermined', { message: 'watchUntil goes with the outcome undetermined' })
  .refine((u) => u.escalate === undefined || u.outcome === 'confirmed', { message: 'escalate goes with the outcome confirmed' })
  .refine((u) => u.verdict === undefined || u.outcome === 'refuted', { message: 'verdict goes with the outcome refuted' });
export type TriageUpdate = z.infer<typeof triageUpdate>;

const checklistItemView = z.object({
  id: z.string(),
  what: z.object({ ja: z.string(), en: z.string() }),
  query: z.string().nullable(),
  /** GET /api/v1/search path with tenant, query and a time range around the alert. */
  search: z.string().nullable(),
  done: z.boolean(),
  note: z.string().nullable(),
  by: z.string().nullable(),
  at: z.string().nullable(),
});

export const triageView = z.object({
  alertId: z.number(),
  anomalyType: z.string().nullable(),
  /** Types whose appliesTo fits this alert, best first. */
  suggested: z.array(z.string()),
  hypothesis: z.object({ ja: z.string(), en: z.string() }).nullable(),
  checklist: z.array(checklistItemView),
  outcome: z.enum(OUTCOMES).nullable(),
  note: z.string().nullable(),
  watchUntil: z.string().nullable(),
  reminderAlertId: z.number().nullable(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type TriageView = z.infer<typeof triageView>;

export const triageResult = triageView.extend({
  incidentId: z.number().nullable(),
  /** refuted: a suppression the analyst may create with this request to stop the same alert again. */
  suppressionOffer: z
    .object({ method: z.literal('POST'), path: z.string(), body: z.object({ rule: z.string().optional(), conditions: z.record(z.string(), z.array(z.string())), reason: z.string() }) })
    .nullable(),
});
