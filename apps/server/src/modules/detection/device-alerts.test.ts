import { formatExamples, parseLine } from '@mamori/parsers';
import { describe, expect, it } from 'vitest';
import { deviceSignature } from './device-alerts.ts';

const ctx = { receivedAt: Date.UTC(2026, 10, 22), timezone: 'UTC' };
const parse = (line: string) => parseLine('auto', line, ctx);

describe('device signature alerts (DET-1)', () => {
  it('reads a Suricata EVE alert: signature id, name and severity 1 → high', () => {
    const r = parse(
      JSON.stringify({ timestamp: '2026-11-22T10:00:00Z', event_type: 'alert', src_ip: '198.51.100.7', dest_ip: '10.0.0.5', alert: { signature_id: 2024217, signature: 'ET EXPLOIT Log4j', severity: 1 } }),
    );
    expect(deviceSignature(r.fields, r.format)).toMatchObject({ ruleId: 'device:suricata:2024217', title: 'Suricata: ET EXPLOIT Log4j', severity: 'high' });
  });

  it('reads a FortiGate IPS log with its crlevel', () => {
    const r = parse(
      '<185>date=2026-11-22 time=10:15:01 devname="FGT60F" devid="FGT60FTK20000001" logid="0419016384" type="utm" subtype="ips" level="alert" severity="critical" srcip=198.51.100.7 dstip=10.0.0.5 action="dropped" attack="Apache.Log4j.Error.Log.Remote.Code.Execution" attackid=51006 crlevel="critical"',
    );
    expect(deviceSignature(r.fields, r.format)).toMatchObject({ ruleId: 'device:ips:51006', severity: 'critical' });
    expect(deviceSignature(r.fields, r.format)?.title).toContain('Apache.Log4j');
  });

  it("turns every parser example marked as an alert into a signature with the vendor's severity", () => {
    const found: Record<string, string> = {};
    for (const [format, lines] of Object.entries(formatExamples)) {
      for (const line of lines) {
        const r = parseLine(format, line, ctx);
        if (r.fields['event.kind'] !== 'alert') continue;
        const sig = deviceSignature(r.fields, r.format);
        expect(sig, `${format}: ${line}`).toBeDefined();
        found[format] = sig!.severity;
      }
    }
    expect(found).toMatchObject({ fortigate: 'critical', panos: 'critical', 'suricata-eve': 'high', 'snort-fast': 'medium', modsecurity: 'critical' });
  });

  it('ignores ordinary events and alerts without a signature', () => {
    const traffic = parse('<189>date=2026-11-22 time=10:15:01 devname="FGT60F" devid="FGT60FTK20000001" logid="0000000013" type="traffic" subtype="forward" srcip=10.1.2.3 dstip=203.0.113.5 dstport=445 action="deny"');
    expect(deviceSignature(traffic.fields, traffic.format)).toBeUndefined();
    expect(deviceSignature({ 'event.kind': 'alert' }, 'json')).toBeUndefined();
  });
});
