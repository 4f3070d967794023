import { z } from 'zod';
import { SEVERITIES } from '../contracts/contract-schema.ts';
import { INCIDENT_STATUSES } from './incident-lifecycle.ts';
import { OBSERVABLE_TYPES } from './observable-kinds.ts';
import { PLAYBOOK_TYPES } from './playbook-seeds.ts';

export const slugParams = z.object({ slug: z.string().min(1).max(63) });
export const incidentParams = slugParams.extend({ id: z.coerce.number().int().positive() });

const longText = z.string().max(20_000);
const actor = z.string().min(1).max(200);

export const openIncidentBody = z.object({
  title: z.string().min(1).max(300),
  type: z.enum(PLAYBOOK_TYPES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  summary: longText.optional(),
  alertIds: z.array(z.number().int().positive()).max(500).default([]),
});

export const patchIncidentBody = z.object({
  title: z.string().min(1).max(300).optional(),
  severity: z.enum(SEVERITIES).optional(),
  summary: longText.nullable().optional(),
  assignee: actor.nullable().optional(),
  impact: longText.nullable().optional(),
  rootCause: longText.nullable().optional(),
  lessonsLearned: longText.nullable().optional(),
});

export const transitionBody = z.object({ to: z.enum(INCIDENT_STATUSES), note: z.string().max(5000).optional() });
export const taskBody = z.object({ done: z.boolean().optional(), assignee: actor.nullable().optional(), note: z.string().max(5000).nullable().optional() });
export const noteBody = z.object({ text: z.string().min(1).max(5000), at: z.iso.datetime({ offset: true }).optional() });
export const observablesBody = z.object({
  items: z.array(z.object({ type: z.enum(OBSERVABLE_TYPES), value: z.string().min(1).max(2000) })).min(1).max(500),
});
export const alertsBody = z.object({ alertIds: z.array(z.number().int().positive()).min(1).max(500) });
export const eventsBody = z.object({ refs: z.array(z.string().regex(/^[0-9]+(:[0-9]+)?$/, 'batchId or batchId:seq')).min(1).max(1000) });
export const assetBody = z
  .object({ device: z.string().min(1).max(100).optional(), host: z.string().min(1).max(255).optional(), note: z.string().max(2000).optional() })
  .refine((a) => a.device !== undefined || a.host !== undefined, { message: 'give a device or a host' });

const iso = z.string();
export const incidentSummary = z.object({
  id: z.number(),
  title: z.string(),
  type: z.string(),
  severity: z.string(),
  status: z.string(),
  assignee: z.string().nullable(),
  detectedAt: iso,
  createdAt: iso,
  updatedAt: iso,
  closedAt: iso.nullable(),
});

export const slaClockView = z.object({
  clock: z.string(),
  severity: z.string(),
  startedAt: iso,
  targetMinutes: z.number(),
  dueAt: iso,
  stoppedAt: iso.nullable(),
  elapsedMinutes: z.number().nullable(),
  breached: z.boolean(),
  warnedSteps: z.number(),
});

export const incidentDetail = incidentSummary.extend({
  summary: z.string().nullable(),
  impact: z.string().nullable(),
  rootCause: z.string().nullable(),
  lessonsLearned: z.string().nullable(),
  createdBy: z.string(),
  allowedNext: z.array(z.string()),
  tasks: z.array(
    z.object({
      id: z.number(),
      position: z.number(),
      title: z.object({ ja: z.string(), en: z.string() }),
      detail: z.object({ ja: z.string(), en: z.string() }),
      done: z.boolean(),
      doneAt: iso.nullable(),
      doneBy: z.string().nullable(),
      assignee: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
  timeline: z.array(z.object({ at: iso, actor: z.string(), kind: z.string(), text: z.string(), details: z.unknown() })),
  observables: z.array(z.object({ type: z.string(), value: z.string(), role: z.string().nullable() })),
  alerts: z.array(
    z.object({ id: z.number(), title: z.string(), severity: z.string(), kind: z.string(), firstSeenAt: iso, source: z.string().nullable(), target: z.string().nullable() }),
  ),
  events: z.array(z.string()),
  assets: z.array(z.object({ deviceId: z.number().nullable(), host: z.string(), note: z.string().nullable() })),
  evidence: z.array(z.object({ id: z.number(), filename: z.string(), contentType: z.string(), size: z.number(), sha256: z.string(), uploadedAt: iso, uploadedBy: z.string() })),
  sla: z.array(slaClockView),
});
