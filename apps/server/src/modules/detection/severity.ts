/**
 * One alert severity scale (low … critical) from what rules and devices say: Sigma levels, Mamori's 0–10
 * event.severity, and the vendors' own words (FortiGate crlevel, PAN-OS, ModSecurity, Snort priorities).
 */
import type { SigmaLevel } from '@mamori/sigma';
import type { AlertSeverity } from './detection-types.ts';

export function severityFromSigmaLevel(level: SigmaLevel | undefined): AlertSeverity {
  switch (level) {
    case 'critical':
      return 'critical';
    case 'high':
      return 'high';
    case 'medium':
      return 'medium';
    case 'low':
    case 'informational':
    case undefined:
      // informational and low rules still alert, at the lowest severity; the level stays on the alert.
      return 'low';
  }
}

/** Mamori's event.severity (0–10, CEF-like): 9–10 critical, 7–8 high, 4–6 medium, 0–3 low. */
export function severityFromScore(score: number): AlertSeverity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}

const WORDS: Readonly<Record<string, AlertSeverity>> = {
  critical: 'critical',
  crit: 'critical',
  emergency: 'critical',
  high: 'high',
  major: 'high',
  error: 'high',
  medium: 'medium',
  moderate: 'medium',
  warning: 'medium',
  minor: 'low',
  low: 'low',
  informational: 'low',
  info: 'low',
  notice: 'low',
};

/** A vendor's severity word, or undefined when it is not one we know. */
export function severityFromWord(word: string): AlertSeverity | undefined {
  return WORDS[word.trim().toLowerCase()];
}

/** Fields where devices state the signature's own severity, before Mamori's generic event.severity. */
const VENDOR_SEVERITY_FIELDS = [
  'fortinet.firewall.crlevel',
  'fortinet.firewall.severity',
  'panw.panos.severity',
  'checkpoint.severity',
  'suricata.eve.alert.severity',
  // PAN-OS threat and ModSecurity put the signature's severity word here; syslog words ("alert") are not in
  // WORDS and fall through to event.severity.
  'log.level',
];

export function deviceSeverity(fields: Readonly<Record<string, unknown>>): AlertSeverity {
  for (const key of VENDOR_SEVERITY_FIELDS) {
    const v = fields[key];
    if (typeof v === 'string') {
      const s = severityFromWord(v);
      if (s) return s;
    }
  }
  const score = fields['event.severity'];
  if (typeof score === 'number' && Number.isFinite(score)) return severityFromScore(score);
  return 'medium';
}

const ORDER: Readonly<Record<AlertSeverity, number>> = { low: 0, medium: 1, high: 2, critical: 3 };

export function maxSeverity(a: AlertSeverity, b: AlertSeverity): AlertSeverity {
  return ORDER[a] >= ORDER[b] ? a : b;
}
