import { z } from 'zod';
import type { AuditRow } from './audit-log.ts';

const isoTime = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));

export const auditQuery = z.object({
  from: isoTime.optional(),
  to: isoTime.optional(),
  actor: z.string().min(1).max(200).optional(),
  action: z.string().min(1).max(100).optional(),
  tenant: z.string().min(1).max(63).optional(),
  target: z.string().min(1).max(500).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const exportQuery = auditQuery
  .omit({ before: true, limit: true })
  .extend({ format: z.enum(['csv', 'ndjson']).default('ndjson') });

export const auditEntryView = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  party: z.string().nullable(),
  tenant: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  ip: z.string().nullable(),
  outcome: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  details: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});

export type AuditEntryView = z.infer<typeof auditEntryView>;

export const auditPage = z.object({ entries: z.array(auditEntryView), nextBefore: z.number().nullable() });

export const verifyView = z.object({
  ok: z.boolean(),
  entries: z.number(),
  headHash: z.string(),
  broken: z.object({ seq: z.number(), reason: z.string() }).optional(),
});

const parsed = (text: string | null): unknown => (text === null ? null : (JSON.parse(text) as unknown));

export function toView(r: AuditRow, slugOf: (tenantId: number) => string): AuditEntryView {
  return {
    seq: Number(r.seq),
    at: new Date(Number(r.at)).toISOString(),
    actor: r.actor,
    party: r.party,
    tenant: r.tenant_id === null ? null : slugOf(Number(r.tenant_id)),
    action: r.action,
    target: r.target,
    ip: r.ip,
    outcome: r.outcome,
    before: parsed(r.before),
    after: parsed(r.after),
    details: parsed(r.details),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export const CSV_COLUMNS = [
  'seq',
  'at',
  'actor',
  'party',
  'tenant',
  'action',
  'target',
  'ip',
  'outcome',
  'before',
  'after',
  'details',
  'prevHash',
  'hash',
] as const;
