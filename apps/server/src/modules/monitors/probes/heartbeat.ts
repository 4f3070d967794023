import type { Probe } from './probe.ts';
import { failure } from './probe.ts';

/**
 * Heartbeat (push): the device or a cron job calls the monitor's push URL; the check is up while the last
 * call is younger than the interval plus the timeout as grace.
 */
export const heartbeatProbe: Probe = {
  type: 'heartbeat',
  check: (_target, _settings, ctx) => {
    const last = ctx.lastPushAt;
    if (last === undefined) return Promise.resolve(failure('no push received yet'));
    const ageMs = ctx.now - last;
    if (ageMs > ctx.intervalMs + ctx.timeoutMs) return Promise.resolve(failure(`last push ${Math.round(ageMs / 1000)} s ago`));
    return Promise.resolve({ ok: true, latencyMs: null, message: `last push ${Math.round(ageMs / 1000)} s ago` });
  },
};
