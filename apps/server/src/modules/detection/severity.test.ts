import { describe, expect, it } from 'vitest';
import { deviceSeverity, maxSeverity, severityFromScore, severityFromSigmaLevel } from './severity.ts';

describe('severity mapping', () => {
  it('maps Sigma levels, informational and missing ones to low', () => {
    expect(severityFromSigmaLevel('critical')).toBe('critical');
    expect(severityFromSigmaLevel('high')).toBe('high');
    expect(severityFromSigmaLevel('medium')).toBe('medium');
    expect(severityFromSigmaLevel('informational')).toBe('low');
    expect(severityFromSigmaLevel(undefined)).toBe('low');
  });

  it('maps the 0–10 event.severity scale', () => {
    expect([0, 3, 4, 6, 7, 8, 9, 10].map(severityFromScore)).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical']);
  });

  it("prefers the vendor's own signature severity over the log level", () => {
    // FortiGate IPS logs carry level=alert (event.severity 9) for every signature; crlevel says how bad it is.
    expect(deviceSeverity({ 'event.severity': 9, 'fortinet.firewall.crlevel': 'medium' })).toBe('medium');
    expect(deviceSeverity({ 'event.severity': 8 })).toBe('high');
    expect(deviceSeverity({})).toBe('medium');
  });

  it('keeps the worse of two severities', () => {
    expect(maxSeverity('low', 'high')).toBe('high');
    expect(maxSeverity('critical', 'medium')).toBe('critical');
  });
});
