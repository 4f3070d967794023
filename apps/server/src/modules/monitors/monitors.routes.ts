import { z } from 'zod';
import { InputError, NotFoundError } from '../../errors.ts';
import { requirePrincipal } from '../../http/principal.ts';
import type { TypedApp } from '../../http/typed.ts';
import type { EventStore } from '../../stores/events/event-store.ts';
import type { DevicesService } from '../devices/devices.service.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { deviceCapacity } from './capacity.ts';
import type { MonitorRunner } from './monitor-runner.ts';
import type { MonitorsService } from './monitors.service.ts';
import {
  createMonitorBody,
  latencyPointView,
  metricPointView,
  monitorView,
  rangeQuery,
  stateChangeView,
  updateMonitorBody,
  uptimeView,
} from './monitors.schemas.ts';

const params = z.object({ slug: z.string().min(1).max(63) });
const monitorParams = params.extend({ name: z.string().min(1).max(100) });
const DAY_MS = 86_400_000;

function range(q: { from?: string | undefined; to?: string | undefined }, defaultSpanMs: number): { from: number; to: number } {
  const to = q.to ? Date.parse(q.to) : Date.now();
  const from = q.from ? Date.parse(q.from) : to - defaultSpanMs;
  if (from >= to) throw new InputError('from must be before to');
  return { from, to };
}

export interface MonitorsRouteDeps {
  tenants: TenantsService;
  devices: DevicesService;
  monitors: MonitorsService;
  runner: MonitorRunner;
  events: EventStore;
}

export function monitorsRoutes(app: TypedApp, { tenants, devices, monitors, runner, events }: MonitorsRouteDeps): void {
  const base = '/api/v1/tenants/:slug/monitors';
  const tags = ['monitors'];

  app.get(base, { config: { scope: 'read' }, schema: { tags, params, response: { 200: z.array(monitorView) } } }, async (req) =>
    monitors.list(await tenants.get(requirePrincipal(req), req.params.slug)),
  );

  app.post(base, { config: { scope: 'admin' }, schema: { tags, params, body: createMonitorBody, response: { 201: monitorView } } }, async (req, reply) => {
    const tenant = await tenants.get(requirePrincipal(req), req.params.slug);
    return reply.status(201).send(await monitors.create(tenant, req.body));
  });

  app.get(`${base}/:name`, { config: { scope: 'read' }, schema: { tags, params: monitorParams, response: { 200: monitorView } } }, async (req) =>
    monitors.get(await tenants.get(requirePrincipal(req), req.params.slug), req.params.name),
  );

  app.patch(
    `${base}/:name`,
    { config: { scope: 'admin' }, schema: { tags, params: monitorParams, body: updateMonitorBody, response: { 200: monitorView } } },
    async (req) => monitors.update(await tenants.get(requirePrincipal(req), req.params.slug), req.params.name, req.body),
  );

  app.delete(`${base}/:name`, { config: { scope: 'admin' }, schema: { tags, params: monitorParams } }, async (req, reply) => {
    await monitors.delete(await tenants.get(requirePrincipal(req), req.params.slug), req.params.name);
    return reply.status(204).send();
  });

  app.post(`${base}/:name/check`, { config: { scope: 'admin' }, schema: { tags, params: monitorParams, response: { 200: monitorView } } }, async (req) =>
    monitors.checkNow(await tenants.get(requirePrincipal(req), req.params.slug), req.params.name),
  );

  app.get(
    `${base}/:name/history`,
    { config: { scope: 'read' }, schema: { tags, params: monitorParams, querystring: rangeQuery, response: { 200: z.array(stateChangeView) } } },
    async (req) => {
      const { from, to } = range(req.query, 30 * DAY_MS);
      return monitors.history(await tenants.get(requirePrincipal(req), req.params.slug), req.params.name, from, to, req.query.limit);
    },
  );

  app.get(
    `${base}/:name/latency`,
    { config: { scope: 'read' }, schema: { tags, params: monitorParams, querystring: rangeQuery, response: { 200: z.array(latencyPointView) } } },
    async (req) => {
      const { from, to } = range(req.query, DAY_MS);
      return monitors.latency(await tenants.get(requirePrincipal(req), req.params.slug), req.params.name, from, to, req.query.limit);
    },
  );

  app.get(
    `${base}/:name/metrics`,
    { config: { scope: 'read' }, schema: { tags, params: monitorParams, querystring: rangeQuery, response: { 200: z.array(metricPointView) } } },
    async (req) => {
      const { from, to } = range(req.query, 7 * DAY_MS);
      return monitors.metrics(await tenants.get(requirePrincipal(req), req.params.slug), req.params.name, from, to, req.query.limit);
    },
  );

  app.get(
    `${base}/:name/uptime`,
    {
      config: { scope: 'read' },
      schema: { tags, params: monitorParams, querystring: z.object({ days: z.coerce.number().int().min(1).max(400).default(30) }), response: { 200: uptimeView } },
    },
    async (req) => monitors.uptime(await tenants.get(requirePrincipal(req), req.params.slug), req.params.name, req.query.days),
  );

  app.get(
    '/api/v1/tenants/:slug/devices/:name/capacity',
    {
      config: { scope: 'read' },
      schema: { tags: ['devices', 'monitors'], params: monitorParams, querystring: z.object({ days: z.coerce.number().int().min(2).max(400).default(30) }) },
    },
    async (req) => {
      const tenant = await tenants.get(requirePrincipal(req), req.params.slug);
      const device = await devices.get(tenant, req.params.name);
      return deviceCapacity(events, monitors.repo, { id: device.id, tenantId: tenant.id, name: device.name }, req.query.days);
    },
  );

  // Heartbeat push: outside /api/v1 and without a bearer token — the unguessable path is the credential
  // (devices and cron jobs that cannot keep an API token call it).
  const push = (token: string) => {
    if (!runner.push(token)) throw new NotFoundError('no such push monitor');
    return { ok: true };
  };
  const pushParams = z.object({ token: z.string().min(16).max(64) });
  app.get('/push/:token', { schema: { tags, params: pushParams } }, (req) => push(req.params.token));
  app.post('/push/:token', { schema: { tags, params: pushParams } }, (req) => push(req.params.token));
}
