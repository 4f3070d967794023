import type { Probe } from './probe.ts';
import { failure } from './probe.ts';

export interface LogsSettings {
  /** Longest silence accepted; default the device's expected interval, else 15 minutes. */
  maxSilenceSeconds?: number;
}

/**
 * Log silence as a monitor: reflects the device's last_seen_at that ingest already keeps (the log-silence
 * job raises its own alert; this gives the same fact a state, history and uptime).
 */
export const logsProbe: Probe<LogsSettings> = {
  type: 'logs',
  async check(_target, settings, ctx) {
    if (!ctx.device) return failure('a logs monitor needs a device');
    const maxS = settings.maxSilenceSeconds ?? ctx.device.expectedIntervalSeconds ?? 900;
    const last = await ctx.device.lastSeenAt();
    if (last === null) return failure(`no logs from ${ctx.device.name} yet`);
    const silentS = Math.round((ctx.now - last) / 1000);
    if (silentS > maxS) return failure(`no logs from ${ctx.device.name} for ${silentS} s (limit ${maxS} s)`);
    return { ok: true, latencyMs: null, message: `last log ${silentS} s ago`, metrics: { silent_s: silentS } };
  },
};
