import { z } from 'zod';
import { requirePrincipal } from '../../http/principal.ts';
import type { TypedApp } from '../../http/typed.ts';
import { NotFoundError } from '../../errors.ts';
import { describeChange } from '../audit/audit-types.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import type { EvidenceStore } from './evidence-store.ts';
import { incidentParams } from './incidents.schemas.ts';
import type { IncidentsService } from './incidents.service.ts';

const evidenceView = z.object({ id: z.number(), filename: z.string(), size: z.number(), sha256: z.string() });

/** A header-safe ASCII fallback plus the RFC 5987 UTF-8 name; the uploaded name is never trusted as markup. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * Evidence upload as a raw body (`?filename=`), streamed to disk with its SHA-256; any content type is taken
 * as bytes. Registered in its own scope so the byte-stream parser does not leak into other routes.
 */
export function evidenceRoutes(app: TypedApp, tenants: TenantsService, incidents: IncidentsService, store: EvidenceStore): void {
  void app.register((scoped: TypedApp, _opts, done) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('*', (_req, _payload, next) => next(null));

    scoped.post(
      '/api/v1/tenants/:slug/incidents/:id/evidence',
      {
        config: { scope: 'write', party: 'provider' },
        schema: {
          tags: ['incidents'],
          params: incidentParams,
          querystring: z.object({ filename: z.string().min(1).max(255).regex(/^[^/\\\u0000-\u001f]+$/, 'a plain file name') }),
          response: { 201: evidenceView },
        },
      },
      async (req, reply) => {
        const p = requirePrincipal(req);
        const tenant = await tenants.get(p, req.params.slug);
        await incidents.row(tenant.id, req.params.id);
        const saved = await store.save(tenant.id, req.params.id, req.raw);
        const contentType = (req.headers['content-type'] ?? 'application/octet-stream').slice(0, 200);
        const row = await incidents.addEvidence(p, tenant.id, req.params.id, { filename: req.query.filename, contentType, ...saved });
        describeChange(req, { action: 'incident.evidence', target: `incident:${req.params.id}`, tenantId: tenant.id, after: { filename: req.query.filename, sha256: saved.sha256 } });
        return reply.code(201).send({ id: row.id, filename: req.query.filename, size: saved.size, sha256: saved.sha256 });
      },
    );
    done();
  });

  app.get(
    '/api/v1/tenants/:slug/incidents/:id/evidence/:evidenceId',
    { config: { scope: 'read' }, schema: { tags: ['incidents'], params: incidentParams.extend({ evidenceId: z.coerce.number().int().positive() }) } },
    async (req, reply) => {
      const tenant = await tenants.get(requirePrincipal(req), req.params.slug);
      const e = (await incidents.get(tenant.id, req.params.id)).evidence.find((x) => x.id === req.params.evidenceId);
      if (!e) throw new NotFoundError(`no evidence ${req.params.evidenceId}`);
      const bytes = await store.load(tenant.id, req.params.id, e.stored_name, e.sha256);
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', contentDisposition(e.filename))
        .header('x-content-type-options', 'nosniff')
        .header('x-evidence-sha256', e.sha256)
        .send(bytes);
    },
  );
}
