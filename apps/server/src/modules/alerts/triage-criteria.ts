/** Per-tenant triage criteria (ALR-2): how severity and asset criticality become a priority, and what closes itself. */
import { z } from 'zod';

const severity = z.enum(['low', 'medium', 'high', 'critical']);
const criticality = z.number().int().min(0).max(5);

export const triageCriteriaSchema = z.object({
  /** Base score per alert severity. */
  severityScores: z
    .object({ low: z.number().int().min(0).max(100), medium: z.number().int().min(0).max(100), high: z.number().int().min(0).max(100), critical: z.number().int().min(0).max(100) })
    .default({ low: 20, medium: 45, high: 70, critical: 90 }),
  /** Points per criticality step above (or below) the neutral 3 of the 0–5 device/asset scale. */
  criticalityWeight: z.number().min(0).max(20).default(6),
  /** Points per doubling of occurrences, capped at 10. */
  repeatWeight: z.number().min(0).max(10).default(2),
  /** Lower bounds of the bands P1, P2, P3 (below P3 is P4). */
  bands: z.object({ p1: z.number().int(), p2: z.number().int(), p3: z.number().int() }).default({ p1: 80, p2: 60, p3: 35 }),
  /** Per-rule or per-kind corrections: a fixed score or points added. */
  overrides: z
    .array(
      z.object({
        rule: z.string().max(300).optional(),
        kind: z.string().max(40).optional(),
        adjust: z.number().int().min(-100).max(100).optional(),
        score: z.number().int().min(0).max(100).optional(),
      }),
    )
    .max(500)
    .default([]),
  /** Asset criticality by host name, IP address or CIDR, matched against the alert's observables. */
  assets: z
    .array(z.object({ host: z.string().max(253).optional(), cidr: z.string().max(50).optional(), criticality, label: z.string().max(200).optional() }))
    .max(5000)
    .default([]),
  /** Alerts that close themselves as benign on arrival, e.g. informational rules from one device. */
  autoClose: z
    .array(
      z.object({
        kind: z.string().max(40).optional(),
        rule: z.string().max(300).optional(),
        level: z.string().max(20).optional(),
        maxSeverity: severity.optional(),
        device: z.string().max(200).optional(),
        reason: z.string().min(1).max(500),
      }),
    )
    .max(200)
    .default([]),
});

export type TriageCriteria = z.infer<typeof triageCriteriaSchema>;
export type TriageCriteriaInput = z.input<typeof triageCriteriaSchema>;

export const DEFAULT_CRITERIA: TriageCriteria = triageCriteriaSchema.parse({});
