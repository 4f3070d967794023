import snmp, { type Session, type Varbind } from 'net-snmp';
import type { ProbeResult } from '../monitor-types.ts';
import type { Probe } from './probe.ts';
import { elapsedMs, errorMessage, failure, hostPort } from './probe.ts';
import { counterRates, defaultOidSet, SYS_UPTIME } from './snmp-oids.ts';

export interface SnmpSettings {
  version?: '2c' | '3';
  community?: string;
  /** SNMPv3 user (USM). */
  user?: {
    name: string;
    level?: 'noAuthNoPriv' | 'authNoPriv' | 'authPriv';
    authProtocol?: 'md5' | 'sha' | 'sha256' | 'sha512';
    authKey?: string;
    privProtocol?: 'des' | 'aes';
    privKey?: string;
  };
  /** Extra or replacing OIDs: metric name → OID. */
  oids?: Record<string, string>;
  /** ifIndex values whose traffic counters to read (default: 1 on network devices). */
  interfaces?: number[];
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (Buffer.isBuffer(value)) {
    // Counter64 arrives as big-endian bytes.
    if (value.length === 0 || value.length > 8) return undefined;
    let n = 0;
    for (const byte of value) n = n * 256 + byte;
    return n;
  }
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

function openSession(host: string, port: number, s: SnmpSettings, timeoutMs: number): Session {
  const options = { port, retries: 0, timeout: timeoutMs, transport: host.includes(':') ? ('udp6' as const) : ('udp4' as const) };
  if (s.version === '3') {
    if (!s.user) throw new Error('SNMPv3 needs a user');
    const level = snmp.SecurityLevel[s.user.level ?? (s.user.privKey ? 'authPriv' : s.user.authKey ? 'authNoPriv' : 'noAuthNoPriv')];
    return snmp.createV3Session(host, {
      name: s.user.name,
      level,
      authProtocol: snmp.AuthProtocols[s.user.authProtocol ?? 'sha'],
      authKey: s.user.authKey,
      privProtocol: snmp.PrivProtocols[s.user.privProtocol ?? 'aes'],
      privKey: s.user.privKey,
    }, { ...options, version: snmp.Version3 });
  }
  return snmp.createSession(host, s.community ?? 'public', { ...options, version: snmp.Version2c });
}

function get(session: Session, oids: string[]): Promise<Varbind[]> {
  return new Promise((resolve, reject) => session.get(oids, (err, varbinds) => (err ? reject(err) : resolve(varbinds))));
}

/**
 * SNMP v2c/v3: reachable when the agent answers; sysUpTime going back means a restart; CPU, memory and
 * interface counters by OID with defaults per device kind and vendor.
 */
export const snmpProbe: Probe<SnmpSettings> = {
  type: 'snmp',
  async check(target, settings, ctx): Promise<ProbeResult> {
    const { host, port } = hostPort(target, 161);
    const set = defaultOidSet(ctx.device?.kind, ctx.device?.vendor, settings.interfaces);
    const wanted: Record<string, string> = { uptime_s: SYS_UPTIME, ...set.oids, ...settings.oids };
    const names = Object.keys(wanted);
    const start = process.hrtime.bigint();
    let session: Session | undefined;
    try {
      session = openSession(host, port, settings, ctx.timeoutMs);
      session.on('error', () => undefined); // socket errors also fail the pending request; keep them off the process
      const varbinds = await get(session, names.map((n) => wanted[n]!));
      const latencyMs = elapsedMs(start);
      const raw: Record<string, number> = {};
      varbinds.forEach((vb, i) => {
        if (snmp.isVarbindError(vb)) return;
        const n = numberOf(vb.value);
        if (n !== undefined) raw[names[i]!] = n;
      });
      if (raw.uptime_s !== undefined) raw.uptime_s = Math.floor(raw.uptime_s / 100); // TimeTicks are 1/100 s
      const metrics: Record<string, number> = { ...raw, ...set.derive?.(raw), ...counterRates(raw, ctx.now, ctx.previous) };
      for (const k of Object.keys(metrics)) if (k.startsWith('_')) delete metrics[k];
      const before = ctx.previous?.metrics.uptime_s;
      const restarted = before !== undefined && metrics.uptime_s !== undefined && metrics.uptime_s < before;
      if (restarted) metrics.restarted = 1;
      const message = restarted ? `restarted: sysUpTime ${metrics.uptime_s} s (was ${before} s)` : `sysUpTime ${metrics.uptime_s ?? '?'} s`;
      return { ok: true, latencyMs, message, metrics };
    } catch (err) {
      return failure(`SNMP ${host}:${port}: ${errorMessage(err)}`);
    } finally {
      session?.close();
    }
  },
};
