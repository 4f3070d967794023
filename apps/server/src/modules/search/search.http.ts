/** Helpers the search, saved-search and analysis routes share. */
import { QueryError } from '@mamori/query';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requirePrincipal } from '../../http/principal.ts';
import { noteTenantAccess } from '../audit/audit-types.ts';
import { queryProblem } from './search.service.ts';

export const isoTime = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));
export const formatParam = z.enum(['json', 'ndjson', 'csv']).default('json');

/** Query mistakes answer 400 with position/expected; problem.ts knows nothing of QueryError, so it is sent here. */
export async function answeringQueryErrors(reply: FastifyReply, work: () => Promise<FastifyReply>): Promise<FastifyReply> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof QueryError) return reply.status(400).type('application/problem+json').send(queryProblem(err));
    throw err;
  }
}

/** Provider staff may read any tenant; the audit hook writes each such read as `tenant.access`. */
export function logCrossTenant(req: FastifyRequest, what: string, tenants: string[]): void {
  if (requirePrincipal(req).tenantId === null) noteTenantAccess(req, what, tenants);
}
