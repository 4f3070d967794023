import { z } from 'zod';
import { deviceName, timezoneName } from '../devices/devices.schemas.ts';
import { MONITOR_STATES, MONITOR_TYPES, type MonitorType } from './monitor-types.ts';
import { DNS_RECORD_TYPES } from './probes/dns.ts';

export const monitorName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, 'letters, digits, dot, dash, underscore, colon; at most 100');

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day HH:MM');
export const maintenanceWindow = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('once'), start: z.iso.datetime({ offset: true }), end: z.iso.datetime({ offset: true }) })
    .refine((w) => Date.parse(w.end) > Date.parse(w.start), { message: 'end must be after start' }),
  z.object({ kind: z.literal('daily'), start: hhmm, durationMinutes: z.number().int().min(1).max(1440), timezone: timezoneName.default('UTC') }),
  z.object({
    kind: z.literal('weekly'),
    days: z.array(z.number().int().min(0).max(6)).min(1).max(7),
    start: hhmm,
    durationMinutes: z.number().int().min(1).max(7 * 1440),
    timezone: timezoneName.default('UTC'),
  }),
]);

/** Per-type settings, checked on create and update (unknown keys are refused, to catch typos). */
export const SETTINGS_SCHEMAS: Record<MonitorType, z.ZodType<Record<string, unknown>>> = {
  ping: z.strictObject({ count: z.number().int().min(1).max(10).optional() }),
  tcp: z.strictObject({}),
  http: z.strictObject({
    method: z.enum(['GET', 'HEAD']).optional(),
    expectedStatus: z.array(z.number().int().min(100).max(599)).max(20).optional(),
    keyword: z.string().min(1).max(1000).optional(),
    invertKeyword: z.boolean().optional(),
    maxRedirects: z.number().int().min(0).max(20).optional(),
    ignoreTls: z.boolean().optional(),
    tlsExpiryDays: z.number().min(0).max(365).optional(),
    maxLatencyMs: z.number().int().min(1).optional(),
  }),
  dns: z.strictObject({
    server: z.string().min(1).max(300).optional(),
    recordType: z.enum(DNS_RECORD_TYPES).optional(),
    expected: z.array(z.string().min(1).max(500)).max(20).optional(),
  }),
  snmp: z.strictObject({
    version: z.enum(['2c', '3']).optional(),
    community: z.string().min(1).max(200).optional(),
    user: z
      .strictObject({
        name: z.string().min(1).max(100),
        level: z.enum(['noAuthNoPriv', 'authNoPriv', 'authPriv']).optional(),
        authProtocol: z.enum(['md5', 'sha', 'sha256', 'sha512']).optional(),
        authKey: z.string().min(8).max(200).optional(),
        privProtocol: z.enum(['des', 'aes']).optional(),
        privKey: z.string().min(8).max(200).optional(),
      })
      .optional(),
    oids: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,40}$/), z.string().regex(/^\d+(\.\d+)+$/)).optional(),
    interfaces: z.array(z.number().int().min(1)).max(64).optional(),
  }),
  heartbeat: z.strictObject({}),
  logs: z.strictObject({ maxSilenceSeconds: z.number().int().min(60).optional() }),
};

/** Settings that are secrets: shown as "***" in views; an update that sends "***" keeps the stored value. */
export const SECRET_SETTINGS = ['community', 'authKey', 'privKey'] as const;

export const createMonitorBody = z.object({
  name: monitorName,
  type: z.enum(MONITOR_TYPES),
  /** host, host:port or URL; heartbeat monitors need none, logs monitors use the device. */
  target: z.string().min(1).max(2048).optional(),
  device: deviceName.optional(),
  intervalSeconds: z.number().int().min(5).max(86_400).default(60),
  timeoutMs: z.number().int().min(100).max(120_000).default(5000),
  retries: z.number().int().min(0).max(20).default(1),
  flapThreshold: z.number().int().min(2).max(100).default(4),
  enabled: z.boolean().default(true),
  settings: z.record(z.string(), z.unknown()).default({}),
  maintenance: z.array(maintenanceWindow).max(32).default([]),
  dependsOn: z.array(monitorName).max(16).default([]),
});

export const updateMonitorBody = createMonitorBody.omit({ name: true, type: true }).partial().extend({
  device: deviceName.nullable().optional(),
});

export const monitorView = z.object({
  id: z.number(),
  name: z.string(),
  type: z.string(),
  target: z.string(),
  device: z.string().nullable(),
  intervalSeconds: z.number(),
  timeoutMs: z.number(),
  retries: z.number(),
  flapThreshold: z.number(),
  enabled: z.boolean(),
  settings: z.record(z.string(), z.unknown()),
  maintenance: z.array(z.unknown()),
  dependsOn: z.array(z.string()),
  /** Heartbeat monitors: the path a device or script calls (GET or POST). */
  pushPath: z.string().nullable(),
  state: z.enum(MONITOR_STATES),
  stateSince: z.string(),
  flapping: z.boolean(),
  lastCheckAt: z.string().nullable(),
  lastLatencyMs: z.number().nullable(),
  lastMessage: z.string().nullable(),
  metrics: z.record(z.string(), z.number()).nullable(),
});

export const rangeQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});

export const stateChangeView = z.object({ at: z.string(), state: z.string(), message: z.string(), flapping: z.boolean() });
export const latencyPointView = z.object({ at: z.string(), checks: z.number(), failures: z.number(), avgMs: z.number().nullable(), maxMs: z.number().nullable() });
export const metricPointView = z.object({ at: z.string(), name: z.string(), avg: z.number(), max: z.number(), last: z.number() });

const uptimePeriod = z.object({ period: z.string(), ratio: z.number().nullable(), upMs: z.number(), downMs: z.number(), excludedMs: z.number() });
export const uptimeView = z.object({ days: z.array(uptimePeriod), months: z.array(uptimePeriod), last24h: z.number().nullable(), last30d: z.number().nullable() });

export type CreateMonitorInput = z.infer<typeof createMonitorBody>;
export type UpdateMonitorInput = z.infer<typeof updateMonitorBody>;
export type MonitorView = z.infer<typeof monitorView>;
