import { z } from 'zod';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

function validZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Monitoring hours: round the clock, or business hours on chosen weekdays in a timezone with a holiday calendar. */
export const monitoringHoursSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('24x365') }),
  z.object({
    mode: z.literal('business'),
    timezone: z.string().min(1).max(64).refine(validZone, 'an IANA timezone such as Asia/Tokyo'),
    /** ISO weekdays: 1 = Monday … 7 = Sunday. */
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    open: hhmm,
    close: hhmm,
    /** `jp`: Japanese public holidays (including substitute and citizens' holidays) are closed days. */
    holidayCalendar: z.enum(['jp', 'none']),
    /** Tenant-specific closed days, e.g. the year-end closure. */
    extraHolidays: z.array(isoDate).max(400),
  }),
]);
export type MonitoringHours = z.infer<typeof monitoringHoursSchema>;

/** Targets in contract minutes; a clock without a target is not run. */
const slaTargetSchema = z.object({
  notifyMinutes: z.number().int().positive().max(525_600).nullable(),
  acknowledgeMinutes: z.number().int().positive().max(525_600).nullable(),
  closeMinutes: z.number().int().positive().max(5_256_000).nullable(),
});
export type SlaTarget = z.infer<typeof slaTargetSchema>;

export const escalationStepSchema = z.object({
  /** Share of the target at which this step fires; 100 is the breach itself, more escalates further. */
  atPercent: z.number().int().min(1).max(1000),
  escalateTo: z.array(z.string().min(1).max(200)).min(1).max(20),
});

export const contractSchema = z
  .object({
    hours: monitoringHoursSchema,
    targets: z.object({ critical: slaTargetSchema, high: slaTargetSchema, medium: slaTargetSchema, low: slaTargetSchema }),
    escalation: z.array(escalationStepSchema).max(10),
  })
  .refine((c) => c.hours.mode === '24x365' || c.hours.open < c.hours.close, { message: 'hours.open must be before hours.close' })
  .refine((c) => c.escalation.every((s, i, all) => i === 0 || all[i - 1]!.atPercent < s.atPercent), {
    message: 'escalation steps must be in rising atPercent order',
  });
export type Contract = z.infer<typeof contractSchema>;

/** What a tenant without a contract gets: round-the-clock monitoring, targets documented in docs/incidents.md. */
export const DEFAULT_CONTRACT: Contract = {
  hours: { mode: '24x365' },
  targets: {
    critical: { notifyMinutes: 15, acknowledgeMinutes: 60, closeMinutes: 1440 },
    high: { notifyMinutes: 30, acknowledgeMinutes: 120, closeMinutes: 4320 },
    medium: { notifyMinutes: 240, acknowledgeMinutes: 1440, closeMinutes: 10_080 },
    low: { notifyMinutes: null, acknowledgeMinutes: null, closeMinutes: null },
  },
  escalation: [
    { atPercent: 75, escalateTo: ['soc-shift-lead'] },
    { atPercent: 100, escalateTo: ['soc-manager', 'customer-security-contact'] },
  ],
};

export function targetsFor(contract: Contract, severity: string): SlaTarget {
  const s = (SEVERITIES as readonly string[]).includes(severity) ? (severity as Severity) : 'medium';
  return contract.targets[s];
}
