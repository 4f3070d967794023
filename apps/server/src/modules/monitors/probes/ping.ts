import { execFile } from 'node:child_process';
import { isIP } from 'node:net';
import type { Probe } from './probe.ts';
import { failure } from './probe.ts';

export interface PingSettings {
  /** Echo requests per check; up when any is answered. */
  count?: number;
}

const HOST = /^[A-Za-z0-9.:-]+$/;

/**
 * ICMP echo through the system ping binary (iputils; unprivileged via ping_group_range or file
 * capabilities), so the server needs no raw-socket privilege of its own.
 */
export const pingProbe: Probe<PingSettings> = {
  type: 'ping',
  check: (target, settings, ctx) =>
    new Promise((resolve) => {
      // The target goes to argv, never a shell; still refuse anything that is not a plain host name or address.
      if (!HOST.test(target) || target.startsWith('-')) return resolve(failure(`'${target}' is not a host name or address`));
      const count = settings.count ?? 1;
      const waitS = Math.max(1, Math.ceil(ctx.timeoutMs / 1000));
      const args = ['-n', '-q', '-c', String(count), '-W', String(waitS), '-w', String(waitS + count - 1)];
      if (isIP(target) === 6) args.unshift('-6');
      execFile('ping', [...args, target], { timeout: ctx.timeoutMs + 1000, signal: ctx.signal }, (err, stdout, stderr) => {
        const rtt = /= [\d.]+\/([\d.]+)\//.exec(stdout);
        const loss = /(\d+(?:\.\d+)?)% packet loss/.exec(stdout);
        if (rtt && loss && Number(loss[1]) < 100) {
          return resolve({ ok: true, latencyMs: Number(rtt[1]), message: `${loss[1]}% loss`, metrics: { packet_loss_pct: Number(loss[1]) } });
        }
        const why = stderr.trim() || (loss ? `${loss[1]}% packet loss` : err ? err.message : 'no reply');
        resolve(failure(why.split('\n')[0]!));
      });
    }),
};
