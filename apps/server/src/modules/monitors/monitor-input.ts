import { isIP } from 'node:net';
import { InputError } from '../../errors.ts';
import type { MonitorType } from './monitor-types.ts';
import { SECRET_SETTINGS, SETTINGS_SCHEMAS } from './monitors.schemas.ts';

const HOST = /^(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\.?$/;

function isHost(h: string): boolean {
  return isIP(h) !== 0 || HOST.test(h);
}

function portOf(target: string): { host: string; port: string | undefined } {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(target);
  if (v6) return { host: v6[1]!, port: v6[2] };
  const i = target.lastIndexOf(':');
  if (i > 0 && target.indexOf(':') === i) return { host: target.slice(0, i), port: target.slice(i + 1) };
  return { host: target, port: undefined };
}

function validPort(p: string | undefined): boolean {
  return p !== undefined && /^\d{1,5}$/.test(p) && Number(p) >= 1 && Number(p) <= 65535;
}

/** Checks a target for its monitor type; errors say what shape was expected. */
export function checkTarget(type: MonitorType, target: string): void {
  const bad = (shape: string) => new InputError(`target '${target}': a ${type} monitor needs ${shape}`);
  switch (type) {
    case 'ping':
      if (!isHost(target)) throw bad('a host name or IP address');
      return;
    case 'dns':
      if (!HOST.test(target)) throw bad('a DNS name to resolve');
      return;
    case 'tcp': {
      const { host, port } = portOf(target);
      if (!isHost(host) || !validPort(port)) throw bad('host:port');
      return;
    }
    case 'snmp': {
      const { host, port } = portOf(target);
      if (!isHost(host) || (port !== undefined && !validPort(port))) throw bad('host or host:port (default port 161)');
      return;
    }
    case 'http': {
      let url: URL;
      try {
        url = new URL(target);
      } catch {
        throw bad('an http:// or https:// URL');
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw bad('an http:// or https:// URL');
      return;
    }
    case 'heartbeat':
    case 'logs':
      return;
  }
}

export function checkSettings(type: MonitorType, settings: Record<string, unknown>): Record<string, unknown> {
  const parsed = SETTINGS_SCHEMAS[type].safeParse(settings);
  if (!parsed.success) {
    throw new InputError(`settings for a ${type} monitor: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(settings)'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

const MASK = '***';

function mapSecrets(settings: Record<string, unknown>, fn: (key: string, value: unknown, path: string[]) => unknown, path: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(settings)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) out[k] = mapSecrets(v as Record<string, unknown>, fn, [...path, k]);
    else out[k] = (SECRET_SETTINGS as readonly string[]).includes(k) ? fn(k, v, [...path, k]) : v;
  }
  return out;
}

/** Views never show SNMP communities or v3 keys. */
export function redactSettings(settings: Record<string, unknown>): Record<string, unknown> {
  return mapSecrets(settings, () => MASK);
}

/** An update may send back "***" for a secret it did not change: the stored value stays. */
export function keepMaskedSecrets(next: Record<string, unknown>, stored: Record<string, unknown>): Record<string, unknown> {
  return mapSecrets(next, (_k, v, path) => {
    if (v !== MASK) return v;
    let cur: unknown = stored;
    for (const p of path) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
    return cur;
  });
}

/** Dependencies must not form a loop, or monitors would hold each other "unreachable" forever. */
export function assertNoCycle(id: number, dependsOn: number[], edges: Map<number, number[]>): void {
  const seen = new Set<number>();
  const stack = [...dependsOn];
  while (stack.length) {
    const n = stack.pop()!;
    if (n === id) throw new InputError('dependsOn would make a loop of dependencies');
    if (seen.has(n)) continue;
    seen.add(n);
    stack.push(...(edges.get(n) ?? []));
  }
}
