/**
 * DET-1: IPS/IDS/WAF/AV signature events — those the parsers mark `event.kind: alert` (Suricata and Snort
 * alerts, FortiGate IPS/AV/anomaly, PAN-OS threat, ModSecurity, Check Point, ScreenOS attacks) — become alerts
 * directly, titled by the signature and with the vendor's severity.
 */
import { deviceSeverity } from './severity.ts';
import type { AlertSeverity } from './detection-types.ts';

type Fields = Readonly<Record<string, unknown>>;

export interface DeviceSignature {
  /** `device:<ruleset or vendor>:<signature id or name>`: stable, so that tuning can disable it. */
  ruleId: string;
  title: string;
  severity: AlertSeverity;
  level: string | undefined;
  category: string | undefined;
}

function text(v: unknown): string | undefined {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

export function deviceSignature(fields: Fields, format: string): DeviceSignature | undefined {
  if (fields['event.kind'] !== 'alert') return undefined;
  const name = text(fields['rule.name']);
  const sid = text(fields['rule.id']);
  if (name === undefined && sid === undefined) return undefined;
  const ruleset = (text(fields['rule.ruleset']) ?? text(fields['observer.product']) ?? format).toLowerCase();
  const vendor = text(fields['observer.product']) ?? text(fields['observer.vendor']) ?? format;
  return {
    ruleId: `device:${ruleset}:${(sid ?? name)!}`,
    title: `${vendor}: ${name ?? `signature ${sid!}`}`,
    severity: deviceSeverity(fields),
    level: text(fields['log.level']) ?? text(fields['event.severity']),
    category: text(fields['rule.category']),
  };
}
