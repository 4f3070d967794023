import { isIP } from 'node:net';
import { z } from 'zod';
import { getParser } from '@mamori/parsers';

export const DEVICE_KINDS = ['firewall', 'ips', 'utm', 'waf', 'proxy', 'server', 'endpoint', 'cloud', 'network', 'other'] as const;

export const formatName = z
  .string()
  .min(1)
  .refine((f) => f === 'auto' || getParser(f) !== undefined, { message: 'unknown log format (see `mamori parsers`)' });

export const timezoneName = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not an IANA time zone such as Asia/Tokyo' },
);

export const ipAddress = z.string().refine((a) => isIP(a) !== 0, { message: 'not an IP address' });

export const deviceName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'letters, digits, dot, dash, underscore; at most 63');

export const createDeviceBody = z.object({
  name: deviceName,
  kind: z.enum(DEVICE_KINDS).default('other'),
  vendor: z.string().max(100).optional(),
  product: z.string().max(100).optional(),
  format: formatName.default('auto'),
  addresses: z.array(ipAddress).max(64).default([]),
  hostname: z.string().min(1).max(255).optional(),
  timezone: timezoneName.default('UTC'),
  criticality: z.number().int().min(1).max(5).default(3),
  expectedIntervalSeconds: z.number().int().min(60).max(30 * 86400).optional(),
});

export const updateDeviceBody = createDeviceBody.omit({ name: true }).partial().extend({
  expectedIntervalSeconds: z.number().int().min(60).max(30 * 86400).nullable().optional(),
});

export const deviceView = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.string(),
  vendor: z.string().nullable(),
  product: z.string().nullable(),
  format: z.string(),
  addresses: z.array(z.string()),
  hostname: z.string().nullable(),
  timezone: z.string(),
  criticality: z.number(),
  expectedIntervalSeconds: z.number().nullable(),
  lastSeenAt: z.string().nullable(),
});

export type CreateDeviceInput = z.infer<typeof createDeviceBody>;
export type UpdateDeviceInput = z.infer<typeof updateDeviceBody>;
export type DeviceView = z.infer<typeof deviceView>;
