import { z } from 'zod';
import { splitLines } from '../../ingest/syslog-framing.ts';
import type { IngestPipeline } from '../../ingest/pipeline.ts';
import type { DeviceRoute } from '../../ingest/router.ts';
import { InputError, NotAllowedError, UnavailableError } from '../../errors.ts';
import type { TypedApp } from '../../http/typed.ts';
import { requirePrincipal, type Principal } from '../../http/principal.ts';
import { formatName } from '../devices/devices.schemas.ts';
import type { DevicesService } from '../devices/devices.service.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import type { RawMessage } from '../../stores/events/event-batch.ts';

const RAW_TYPES = ['application/x-ndjson', 'application/ndjson', 'text/plain'];

export function ingestRoutes(app: TypedApp, pipeline: IngestPipeline, tenants: TenantsService, devices: DevicesService): void {
  // Bodies stay bytes: the raw line must be stored exactly as the sender wrote it.
  app.addContentTypeParser(RAW_TYPES, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  const resolveRoute = async (p: Principal, tenant?: string, device?: string): Promise<DeviceRoute> => {
    if (p.deviceId !== null && p.tenantId !== null) {
      if (tenant || device) throw new InputError('a device ingest token already names its tenant and device');
      const route = devices.routeOf(p.deviceId);
      if (!route) throw new NotAllowedError('the device of this token no longer exists');
      return route;
    }
    if (!tenant || !device) throw new InputError('tenant and device are required unless the token belongs to a device');
    const t = await tenants.get(p, tenant);
    const d = await devices.get(t, device);
    return { tenantId: t.id, deviceId: d.id, format: d.format, timezone: d.timezone };
  };

  app.post(
    '/api/v1/ingest',
    {
      config: { scope: 'ingest' },
      schema: {
        tags: ['ingest'],
        description:
          'Body: application/x-ndjson (one JSON event per line), text/plain (one raw line per line) or a JSON array. ' +
          'Answers 200 only once every line is durably stored.',
        querystring: z.object({
          tenant: z.string().min(1).max(63).optional(),
          device: z.string().min(1).max(63).optional(),
          format: formatName.optional(),
        }),
        response: { 200: z.object({ accepted: z.number() }) },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      const route = await resolveRoute(p, req.query.tenant, req.query.device);
      const receivedAt = Date.now();
      const sender = req.ip;
      const lines = bodyLines(req.body);
      const messages: RawMessage[] = lines.map((bytes) => ({ bytes, sender, receivedAt }));
      if (pipeline.overloaded) throw new UnavailableError('ingest backlog is full; retry shortly');
      await pipeline.submit(messages, route, req.query.format);
      return { accepted: messages.length };
    },
  );
}

function bodyLines(body: unknown): Buffer[] {
  if (Buffer.isBuffer(body)) return splitLines(body);
  if (Array.isArray(body)) return body.map((item) => Buffer.from(typeof item === 'string' ? item : JSON.stringify(item)));
  if (body && typeof body === 'object') return [Buffer.from(JSON.stringify(body))];
  throw new InputError('send NDJSON, plain text lines or a JSON array');
}
