import type { MonitorType, ProbeResult } from '../monitor-types.ts';

/** What a probe may know besides its target: the deadline, the previous sample, the device behind it. */
export interface ProbeContext {
  timeoutMs: number;
  signal: AbortSignal;
  now: number;
  /** The previous check's metrics (counters become rates, sysUpTime going back means a restart). */
  previous?: { at: number; metrics: Record<string, number> } | undefined;
  /** Heartbeat monitors: when the device or script last called its push URL. */
  lastPushAt?: number | undefined;
  intervalMs: number;
  device?: ProbeDevice | undefined;
}

export interface ProbeDevice {
  name: string;
  kind: string;
  vendor: string | null;
  expectedIntervalSeconds: number | null;
  lastSeenAt(): Promise<number | null>;
}

/** One monitor type (Uptime Kuma's monitor-types/*.js): one file each, behind this one interface. */
export interface Probe<S = Record<string, unknown>> {
  readonly type: MonitorType;
  check(target: string, settings: S, ctx: ProbeContext): Promise<ProbeResult>;
}

export function failure(message: string, latencyMs: number | null = null): ProbeResult {
  return { ok: false, latencyMs, message };
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: string }).code;
    return code && !err.message.includes(code) ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}

/** "host:port", "[v6]:port" or a bare host with a default port. */
export function hostPort(target: string, defaultPort?: number): { host: string; port: number } {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(target);
  if (v6) return { host: v6[1]!, port: Number(v6[2] ?? defaultPort) };
  const i = target.lastIndexOf(':');
  if (i > 0 && target.indexOf(':') === i) return { host: target.slice(0, i), port: Number(target.slice(i + 1)) };
  if (defaultPort === undefined) throw new Error(`'${target}' needs a port (host:port)`);
  return { host: target, port: defaultPort };
}

export function elapsedMs(startNs: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - startNs) / 1e4) / 100;
}
