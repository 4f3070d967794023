import { buildCannedAnalysis, cannedAnalyses, pivotQuery, previousPeriod, type CannedAnalysis } from '@mamori/query';
import { z } from 'zod';
import { InputError, NotFoundError } from '../../errors.ts';
import { requirePrincipal } from '../../http/principal.ts';
import type { TypedApp } from '../../http/typed.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { sendResult } from './search.format.ts';
import { answeringQueryErrors, formatParam, isoTime, logCrossTenant } from './search.http.ts';
import { resolveRange, type SearchService } from './search.service.ts';

const params = z.object({ slug: z.string().min(1).max(63) });
const RESERVED = new Set(['from', 'to', 'format', 'compare']);
const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Query-string text to the parameter's type; the compiler validates ranges and spans. */
function analysisParams(a: CannedAnalysis, query: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(query)) {
    if (RESERVED.has(key)) continue;
    const p = a.params.find((x) => x.name === key);
    const text = String(raw);
    if (p?.type === 'integer') out[key] = /^-?\d+$/.test(text) ? Number(text) : text;
    else if (p?.type === 'boolean') out[key] = text === 'true' ? true : text === 'false' ? false : text;
    else out[key] = text; // spans, and unknown names, which the compiler refuses by name
  }
  return out;
}

/** `15m`, `1h`, `30s`, `2d` → milliseconds. */
export function parseWindow(text: string): number {
  const m = /^(\d{1,6})([smhd])$/.exec(text);
  if (!m) throw new InputError(`window '${text}' is not a duration like 30s, 15m, 1h or 1d`);
  return Number(m[1]) * UNITS[m[2]!]!;
}

/** Canned analyses (SRC-2) and pivots (SRC-3): fixed queries through the same compiler and time budget. */
export function analysesRoutes(app: TypedApp, tenants: TenantsService, search: SearchService): void {
  app.get(
    '/api/v1/tenants/:slug/analyses',
    { config: { scope: 'read' }, schema: { tags: ['search'], description: 'Canned analyses with their parameters.', params } },
    async (req) => {
      await tenants.get(requirePrincipal(req), req.params.slug);
      return cannedAnalyses.map((a) => ({ name: a.name, title: a.title, chart: a.chart, params: a.params, query: a.query(defaults(a)) }));
    },
  );

  app.get(
    '/api/v1/tenants/:slug/analyses/:name',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['search'],
        description: 'Runs a canned analysis over from/to (default the last 24 hours); compare=true also runs the period before.',
        params: params.extend({ name: z.string().min(1).max(100) }),
        querystring: z.looseObject({ from: isoTime.optional(), to: isoTime.optional(), format: formatParam, compare: z.enum(['true', 'false']).optional() }),
      },
    },
    async (req, reply) => {
      const tenant = await tenants.get(requirePrincipal(req), req.params.slug);
      const analysis = cannedAnalyses.find((a) => a.name === req.params.name);
      if (!analysis) throw new NotFoundError(`no canned analysis '${req.params.name}'`);
      logCrossTenant(req, `analysis ${analysis.name}`, [tenant.slug]);
      const range = resolveRange(req.query);
      return answeringQueryErrors(reply, async () => {
        const scope = { tenantIds: [tenant.id], ...range, timeBudget: search.timeoutMs };
        const given = analysisParams(analysis, req.query);
        const built = buildCannedAnalysis(analysis.name, given, scope);
        const result = await search.run(built.compiled);
        let previous;
        if (req.query.compare === 'true') {
          const before = await search.run(buildCannedAnalysis(analysis.name, given, previousPeriod(scope)).compiled);
          previous = { rows: before.rows, stats: before.stats };
        }
        return sendResult(reply, result, req.query.format, {
          analysis: { name: analysis.name, title: analysis.title, chart: analysis.chart },
          query: built.query,
          ...(previous ? { previous } : {}),
        });
      });
    },
  );

  app.get(
    '/api/v1/tenants/:slug/pivot',
    {
      config: { scope: 'read' },
      schema: {
        tags: ['search'],
        description: 'Events around an observable: every field where that kind is stored, from at − window to at + window.',
        params,
        querystring: z.object({
          kind: z.enum(['ip', 'user', 'host', 'url', 'hash']),
          value: z.string().min(1).max(2048),
          at: isoTime,
          window: z.string().default('15m'),
          limit: z.coerce.number().int().min(1).max(100_000).optional(),
          format: formatParam,
        }),
      },
    },
    async (req, reply) => {
      const tenant = await tenants.get(requirePrincipal(req), req.params.slug);
      logCrossTenant(req, `pivot ${req.query.kind}`, [tenant.slug]);
      const windowMs = parseWindow(req.query.window);
      return answeringQueryErrors(reply, async () => {
        const { query, scope, compiled } = pivotQuery({
          kind: req.query.kind,
          value: req.query.value,
          at: req.query.at,
          windowMs,
          tenantIds: [tenant.id],
          timeBudget: search.timeoutMs,
          ...(req.query.limit === undefined ? {} : { limit: req.query.limit }),
        });
        const result = await search.run(compiled);
        const range = { from: new Date(scope.from).toISOString(), to: new Date(scope.to).toISOString() };
        return sendResult(reply, result, req.query.format, { query, scope: { tenants: [tenant.slug], ...range } });
      });
    },
  );
}

function defaults(a: CannedAnalysis): Record<string, number | string | boolean> {
  return Object.fromEntries(a.params.map((p) => [p.name, p.default]));
}
