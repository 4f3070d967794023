import { connect } from 'node:net';
import type { Probe } from './probe.ts';
import { elapsedMs, errorMessage, failure, hostPort } from './probe.ts';

/** TCP port: up when a connection is accepted within the timeout. */
export const tcpProbe: Probe = {
  type: 'tcp',
  check: (target, _settings, ctx) =>
    new Promise((resolve) => {
      const { host, port } = hostPort(target);
      const start = process.hrtime.bigint();
      const socket = connect({ host, port, signal: ctx.signal });
      socket.setTimeout(ctx.timeoutMs);
      const finish = (r: Awaited<ReturnType<Probe['check']>>) => {
        socket.destroy();
        resolve(r);
      };
      socket.once('connect', () => finish({ ok: true, latencyMs: elapsedMs(start), message: `port ${port} open` }));
      socket.once('timeout', () => finish(failure(`no answer from ${host}:${port} within ${ctx.timeoutMs} ms`)));
      socket.once('error', (err) => finish(failure(errorMessage(err))));
    }),
};
