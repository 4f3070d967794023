import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, tenantWithDevice, waitUntil, type TestServer } from './helpers/test-server.ts';

interface Alert {
  id: number;
  kind: string;
  severity: string;
  title: string;
  rule: { id: string; title: string; level: string | null; author: string | null; tags: string[] } | null;
  source: string | null;
  target: string | null;
  eventIds: string[];
  details: Record<string, unknown>;
  occurrences: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A FortiGate traffic line stamped now (UTC), as the firewall would send it. */
function fortigate(fields: { src: string; dst: string; dport: number; action?: string; proto?: number }, at = new Date()): string {
  const date = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
  const time = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`;
  return (
    `<189>date=${date} time=${time} devname="FGT60F" devid="FGT60FTK20000001" logid="0000000013" type="traffic" subtype="forward" ` +
    `level="notice" vd="root" srcip=${fields.src} srcport=40000 srcintf="wan1" dstip=${fields.dst} dstport=${fields.dport} dstintf="internal" ` +
    `sessionid=1 proto=${fields.proto ?? 6} action="${fields.action ?? 'deny'}" policyid=3 service="tcp"`
  );
}

function suricataAlert(src: string, dst: string, sid = 2024217): string {
  return JSON.stringify({
    timestamp: new Date().toISOString(),
    event_type: 'alert',
    src_ip: src,
    src_port: 4444,
    dest_ip: dst,
    dest_port: 80,
    proto: 'TCP',
    alert: { action: 'allowed', signature_id: sid, signature: 'ET EXPLOIT Possible CVE-2021-44228', category: 'Attempted Administrator Privilege Gain', severity: 1 },
  });
}

function suricataDns(src: string, name: string): string {
  return JSON.stringify({ timestamp: new Date().toISOString(), event_type: 'dns', src_ip: src, dest_ip: '192.0.2.53', dns: { type: 'query', rrname: name, rrtype: 'A' } });
}

const C2_RULE = `title: DNS query for the lab C2 domain
id: 3f7d7a5e-9c1b-4a41-8d0e-2b8f2f0c6a11
status: test
author: Jane Analyst
tags:
  - attack.command_and_control
  - attack.t1071.004
logsource:
  category: dns
detection:
  selection:
    dns.question.name|endswith: .c2.example
  condition: selection
level: high
`;

describe('detection: rules, correlations, device alerts, indicators, tuning → alerts', () => {
  let t: TestServer;
  let acme: string;
  let globex: string;
  const ingest = async (token: string, lines: string[]) => {
    const res = await fetch(`${t.server.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      body: lines.join('\n'),
    });
    expect(res.status).toBe(200);
  };
  const alerts = async (slug: string, query = '') => (await t.api<Alert[]>('GET', `/api/v1/tenants/${slug}/alerts${query}`)).body;
  const alertWhere = async (slug: string, pred: (a: Alert) => boolean): Promise<Alert> => {
    let found: Alert | undefined;
    await waitUntil(async () => (found = (await alerts(slug)).find(pred)) !== undefined);
    return found!;
  };

  beforeAll(async () => {
    t = await startTestServer();
    acme = (await tenantWithDevice(t, 'acme')).ingestToken;
    globex = (await tenantWithDevice(t, 'globex')).ingestToken;
  });
  afterAll(() => t.close());

  it('imports a tenant rule and raises a Sigma alert that shows the rule author and ATT&CK tags', async () => {
    const imported = await t.api<{ imported: Array<{ id: string }> }>('POST', '/api/v1/rules/import', {
      tenant: 'acme',
      files: [{ name: 'c2.yml', text: C2_RULE }],
    });
    expect(imported.status).toBe(200);
    expect(imported.body.imported.map((r) => r.id)).toEqual(['3f7d7a5e-9c1b-4a41-8d0e-2b8f2f0c6a11']);
    await ingest(acme, [suricataDns('10.0.0.5', 'beacon.c2.example')]);
    const alert = await alertWhere('acme', (a) => a.kind === 'sigma');
    expect(alert.rule).toMatchObject({ author: 'Jane Analyst', level: 'high', tags: ['attack.command_and_control', 'attack.t1071.004'] });
    expect(alert.severity).toBe('high');
    expect(alert.source).toBe('10.0.0.5');
    expect(alert.eventIds[0]).toMatch(/^\d+:0$/);
  });

  it('refuses a broken rule with a reason and keeps the good ones of the same import', async () => {
    const bad = await t.api<{ detail: string }>('POST', '/api/v1/rules/import', { tenant: 'acme', files: [{ name: 'bad.yml', text: 'title: x\nid: abc\n' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('bad.yml');
    const mixed = await t.api<{ imported: unknown[]; rejected: Array<{ source: string; reason: string }> }>('POST', '/api/v1/rules/import', {
      tenant: 'acme',
      files: [{ name: 'mixed.yml', text: `${C2_RULE}---\ntitle: broken\nid: b-1\nlogsource: {category: dns}\ndetection:\n  sel:\n    a|nosuchmodifier: 1\n  condition: sel\n` }],
    });
    expect(mixed.status).toBe(200);
    expect(mixed.body.imported).toHaveLength(1);
    expect(mixed.body.rejected[0]?.source).toBe('mixed.yml#1');
    expect(mixed.body.rejected[0]?.reason).toMatch(/nosuchmodifier/);
  });

  it('validates rules without storing them and runs their examples', async () => {
    const withExamples = `${C2_RULE.replace('3f7d7a5e-9c1b-4a41-8d0e-2b8f2f0c6a11', 'v-1')}x-mamori-tests:\n  match:\n    - {dns.question.name: a.c2.example}\n  no-match:\n    - {dns.question.name: a.c2.example.org}\n    - {dns.question.name: b.c2.example}\n`;
    const r = await t.api<{ rules: Array<{ id: string }>; tests: Array<{ passed: boolean; cases: Array<{ expect: string; index: number; passed: boolean }> }> }>(
      'POST',
      '/api/v1/rules/validate',
      { files: [{ name: 'v.yml', text: withExamples }] },
    );
    expect(r.body.rules.map((x) => x.id)).toEqual(['v-1']);
    expect(r.body.tests[0]?.passed).toBe(false);
    expect(r.body.tests[0]?.cases.filter((c) => !c.passed)).toEqual([{ expect: 'no-match', index: 1, passed: false, detail: expect.any(String) as string }]);
    expect((await t.api<Array<{ id: string }>>('GET', '/api/v1/rules')).body.map((x) => x.id)).not.toContain('v-1');
  });

  it('raises a built-in port scan correlation from one source against one host', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => fortigate({ src: '198.51.100.20', dst: '192.0.2.10', dport: 1000 + i }));
    await ingest(acme, lines);
    const alert = await alertWhere('acme', (a) => a.kind === 'correlation' && a.title.startsWith('Port scan'));
    expect(alert.source).toBe('198.51.100.20');
    expect(alert.target).toBe('192.0.2.10');
    expect(alert.rule?.author).toBe('Mamori');
    expect(alert.details).toMatchObject({ correlation: 'value_count', value: 25 });
  });

  it('turns a Suricata EVE alert into a device alert, and groups its repeats', async () => {
    await ingest(acme, [suricataAlert('203.0.113.7', '10.0.0.80')]);
    await ingest(acme, [suricataAlert('203.0.113.7', '10.0.0.80'), suricataAlert('203.0.113.7', '10.0.0.80')]);
    const alert = await alertWhere('acme', (a) => a.kind === 'device' && a.occurrences === 3);
    expect(alert.severity).toBe('high');
    expect(alert.title).toContain('ET EXPLOIT Possible CVE-2021-44228');
    expect(alert.rule?.id).toBe('device:suricata:2024217');
    expect(alert.eventIds).toHaveLength(3);
    expect((await alerts('acme', '?kind=device')).filter((a) => a.rule?.id === 'device:suricata:2024217')).toHaveLength(1);
    // Another source is another alert.
    await ingest(acme, [suricataAlert('203.0.113.8', '10.0.0.80')]);
    await alertWhere('acme', (a) => a.kind === 'device' && a.source === '203.0.113.8');
  });

  it('matches an indicator on live events', async () => {
    const created = await t.api('POST', '/api/v1/tenants/acme/indicators', { type: 'cidr', value: '203.0.113.64/28', severity: 'critical' });
    expect(created.status).toBe(201);
    await ingest(acme, [fortigate({ src: '10.0.0.9', dst: '203.0.113.66', dport: 443, action: 'accept' })]);
    const alert = await alertWhere('acme', (a) => a.kind === 'indicator' && a.target === '203.0.113.66');
    expect(alert.severity).toBe('critical');
    expect(alert.details).toMatchObject({ type: 'cidr', field: 'destination.ip' });
  });

  it('retro-hunts stored events when an indicator arrives', async () => {
    await ingest(acme, [suricataDns('10.0.0.6', 'cdn.old-campaign.example')]);
    const created = await t.api<{ retroHunt: { events: number } }>('POST', '/api/v1/tenants/acme/indicators', { type: 'domain', value: 'old-campaign.example' });
    expect(created.status).toBe(201);
    expect(created.body.retroHunt.events).toBe(1);
    const alert = await alertWhere('acme', (a) => a.kind === 'indicator' && a.target === 'cdn.old-campaign.example');
    expect(alert.details).toMatchObject({ retroHunt: true, field: 'dns.question.name' });
    // A feed at once: valid ones stored, the others listed, one retro-hunt for all of them.
    await ingest(acme, [
      JSON.stringify({ timestamp: new Date().toISOString(), event_type: 'dns', src_ip: '10.0.0.7', dest_ip: '192.0.2.53', dns: { type: 'query', rrname: 'x.feed-one.example', rrtype: 'A' } }),
      fortigate({ src: '10.0.0.8', dst: '198.18.0.9', dport: 443, action: 'accept' }),
    ]);
    const bulk = await t.api<{ created: number; rejected: Array<{ value: string; reason: string }>; retroHunt: { events: number } }>(
      'POST',
      '/api/v1/tenants/acme/indicators/bulk',
      {
        indicators: [
          { type: 'domain', value: 'feed-one.example' },
          { type: 'ip', value: '198.18.0.9' },
          { type: 'ip', value: 'not-an-ip' },
          { type: 'domain', value: 'old-campaign.example' },
        ],
      },
    );
    expect(bulk.body).toMatchObject({ created: 2, retroHunt: { events: 2 } });
    expect(bulk.body.rejected.map((r) => r.value)).toEqual(['not-an-ip', 'old-campaign.example']);
    await alertWhere('acme', (a) => a.kind === 'indicator' && a.target === '198.18.0.9');
    const bad = await t.api<{ detail: string }>('POST', '/api/v1/tenants/acme/indicators', { type: 'ip', value: '10.0.0.300' });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('not an IPv4 or IPv6 address');
  });

  it('suppresses by rule and field conditions, disables signatures per tenant, and records who asked', async () => {
    const rule = 'device:suricata:2024999';
    const s = await t.api<{ id: number }>('POST', '/api/v1/tenants/acme/suppressions', {
      rule,
      conditions: { 'source.ip': '198.51.100.0/24' },
      reason: 'customer vulnerability scanner',
      requestedBy: 'acme SOC manager',
    });
    expect(s.status).toBe(201);
    await ingest(acme, [suricataAlert('198.51.100.50', '10.0.0.81', 2024999), suricataAlert('192.0.2.77', '10.0.0.81', 2024999)]);
    await alertWhere('acme', (a) => a.rule?.id === rule && a.source === '192.0.2.77');
    expect((await alerts('acme', `?rule=${rule}`)).map((a) => a.source)).toEqual(['192.0.2.77']);
    const listed = await t.api<Array<{ id: number; hits: number }>>('GET', '/api/v1/tenants/acme/suppressions');
    expect(listed.body.find((x) => x.id === s.body.id)?.hits).toBe(1);

    expect((await t.api('POST', `/api/v1/tenants/acme/rules/${encodeURIComponent(rule)}/disable`, { reason: 'noisy' })).status).toBe(204);
    await ingest(acme, [suricataAlert('192.0.2.78', '10.0.0.81', 2024999)]);
    await ingest(acme, [suricataDns('10.0.0.5', 'sync.c2.example')]);
    await waitUntil(async () => (await alerts('acme', '?kind=sigma'))[0]?.occurrences === 2);
    expect((await alerts('acme', `?rule=${rule}`)).map((a) => a.source)).toEqual(['192.0.2.77']);

    const audit = await t.api<Array<{ action: string; tokenId: number | null; details: Record<string, unknown> }>>('GET', '/api/v1/tenants/acme/detection/audit');
    expect(audit.body.map((a) => a.action)).toEqual(expect.arrayContaining(['suppression.create', 'rule.disable', 'indicator.create', 'rules.import']));
    expect(audit.body.find((a) => a.action === 'suppression.create')?.details).toMatchObject({ requestedBy: 'acme SOC manager' });
    expect(audit.body[0]?.tokenId).toBeTypeOf('number');
  });

  it('takes suppressions and signature disablement from customers as requests that staff decide', async () => {
    const customer = (await t.api<{ token: string }>('POST', '/api/v1/tokens', { tenant: 'acme', scope: 'admin' })).body.token;
    const rule = 'device:suricata:2025555';
    expect((await t.api('POST', `/api/v1/tenants/acme/rules/${encodeURIComponent(rule)}/disable`, {}, customer)).status).toBe(403);
    const asked = await t.api<{ id: number; status: string; active: boolean }>(
      'POST',
      '/api/v1/tenants/acme/suppressions',
      { rule, reason: 'please disable this signature: our backup server trips it', requestedBy: 'ACME IT (notification #42)' },
      customer,
    );
    expect(asked.body).toMatchObject({ status: 'requested', active: false });
    await ingest(acme, [suricataAlert('192.0.2.90', '10.0.0.90', 2025555)]);
    await alertWhere('acme', (a) => a.rule?.id === rule);
    expect((await t.api('POST', `/api/v1/tenants/acme/suppressions/${asked.body.id}/approve`, {}, customer)).status).toBe(403);
    expect((await t.api('DELETE', `/api/v1/tenants/acme/suppressions/${asked.body.id}`, undefined, customer)).status).toBe(403);
    const approved = await t.api<{ status: string; active: boolean }>('POST', `/api/v1/tenants/acme/suppressions/${asked.body.id}/approve`, { reason: 'checked with the customer' });
    expect(approved.body).toMatchObject({ status: 'active', active: true });
    await ingest(acme, [suricataAlert('192.0.2.90', '10.0.0.90', 2025555), suricataDns('10.0.0.5', 'third.c2.example')]);
    await waitUntil(async () => (await alerts('acme', '?kind=sigma'))[0]?.occurrences === 3);
    expect((await alerts('acme', `?rule=${rule}`))[0]?.occurrences).toBe(1);
    const audit = await t.api<Array<{ action: string }>>('GET', '/api/v1/tenants/acme/detection/audit');
    expect(audit.body.slice(0, 2).map((a) => a.action)).toEqual(['suppression.approve', 'suppression.request']);
  });

  it('applies per-tenant thresholds to built-in correlations', async () => {
    const portScan = '8caaa6da-81b9-4da6-9136-113ed740f691';
    expect((await t.api('PUT', `/api/v1/tenants/globex/rules/${portScan}/params`, { threshold: 5, timespan: '2m' })).status).toBe(204);
    expect((await t.api('PUT', `/api/v1/tenants/globex/rules/3f7d7a5e-9c1b-4a41-8d0e-2b8f2f0c6a11/params`, { threshold: 5 })).status).toBe(404);
    await ingest(globex, Array.from({ length: 6 }, (_, i) => fortigate({ src: '198.51.100.30', dst: '192.0.2.30', dport: 2000 + i })));
    const alert = await alertWhere('globex', (a) => a.kind === 'correlation');
    expect(alert.details).toMatchObject({ value: 5 });
    const rules = await t.api<Array<{ id: string; params: unknown }>>('GET', '/api/v1/tenants/globex/rules');
    expect(rules.body.find((r) => r.id === portScan)?.params).toEqual({ threshold: 5, timespan: '2m' });
  });

  it('runs a rule’s own examples and reports rules that never fired and those that fired most', async () => {
    const test = await t.api<{ passed: boolean; cases: unknown[] }>('POST', '/api/v1/tenants/acme/rules/fcc37671-fde1-4d8d-9693-341435f1f9c1/test');
    expect(test.body.passed).toBe(true);
    expect(test.body.cases.length).toBe(3);
    const report = await t.api<{ neverFired: Array<{ id: string }>; mostFired: Array<{ id: string; hits: number }> }>('GET', '/api/v1/tenants/acme/detection/report');
    expect(report.body.mostFired[0]).toMatchObject({ id: 'device:suricata:2024217', hits: 4 });
    expect(report.body.neverFired.map((r) => r.id)).toContain('fcc37671-fde1-4d8d-9693-341435f1f9c1');
    // The rules correlations only count (e.g. 'Connection denied by a firewall') are not listed.
    expect(report.body.neverFired.map((r) => r.id)).not.toContain('75a5d468-21ed-421f-b111-d1c4060ffb90');
  });

  it('matches provider-wide indicators in every tenant, keeps them from customers, and lets indicators expire', async () => {
    const global = await t.api('POST', '/api/v1/indicators', { type: 'account', value: 'EvilAdmin', retroHuntDays: 0 });
    expect(global.status).toBe(201);
    const expiring = await t.api('POST', '/api/v1/tenants/globex/indicators', { type: 'ip', value: '192.0.2.250', expiresAt: new Date(Date.now() + 1500).toISOString() });
    expect(expiring.status).toBe(201);
    const g = (await t.api<{ token: string }>('POST', '/api/v1/tokens', { tenant: 'globex', scope: 'read' })).body.token;
    expect((await t.api('GET', '/api/v1/indicators', undefined, g)).status).toBe(403);
    expect((await t.api<Array<{ value: string }>>('GET', '/api/v1/tenants/globex/indicators', undefined, g)).body.map((i) => i.value)).toEqual(['192.0.2.250']);
    expect((await t.api<Array<{ value: string }>>('GET', '/api/v1/tenants/globex/indicators')).body.map((i) => i.value)).toEqual(['eviladmin', '192.0.2.250']);
    const sshFail = '<38>Nov 22 10:15:01 web1 sshd[1]: Failed password for evilADMIN from 198.51.100.77 port 5555 ssh2';
    await ingest(globex, [sshFail]);
    await alertWhere('globex', (a) => a.kind === 'indicator' && a.target === 'evilADMIN');
    await new Promise((r) => setTimeout(r, 1600));
    await ingest(globex, [fortigate({ src: '10.0.0.9', dst: '192.0.2.250', dport: 443, action: 'accept' }), sshFail]);
    await waitUntil(async () => (await alerts('globex', '?kind=indicator')).some((a) => a.occurrences === 2));
    expect((await alerts('globex', '?kind=indicator')).map((a) => a.target)).toEqual(['evilADMIN']);
  });

  it('describes every detection route in the OpenAPI document', async () => {
    const doc = await t.api<{ paths: Record<string, unknown> }>('GET', '/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    for (const path of [
      '/api/v1/rules/import',
      '/api/v1/tenants/{slug}/rules/{ruleId}/disable',
      '/api/v1/tenants/{slug}/suppressions',
      '/api/v1/tenants/{slug}/indicators',
      '/api/v1/tenants/{slug}/detection/report',
      '/api/v1/tenants/{slug}/alerts/{id}',
    ]) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
  });

  it('keeps tenants apart: rules, alerts, indicators and foreign ids', async () => {
    const tok = await t.api<{ token: string }>('POST', '/api/v1/tokens', { tenant: 'globex', scope: 'admin' });
    const g = tok.body.token;
    const gAlerts = await t.api<Alert[]>('GET', '/api/v1/tenants/globex/alerts', undefined, g);
    expect(gAlerts.body.every((a) => a.source !== '198.51.100.20' && a.kind !== 'sigma' && a.kind !== 'device')).toBe(true);
    expect((await t.api('GET', '/api/v1/tenants/acme/alerts', undefined, g)).status).toBe(404);
    const acmeAlert = (await alerts('acme'))[0]!;
    expect((await t.api('GET', `/api/v1/tenants/globex/alerts/${acmeAlert.id}`, undefined, g)).status).toBe(404);
    expect((await t.api('GET', `/api/v1/tenants/acme/alerts/${acmeAlert.id}`, undefined, g)).status).toBe(404);
    const gRules = await t.api<Array<{ id: string }>>('GET', '/api/v1/tenants/globex/rules', undefined, g);
    expect(gRules.body.map((r) => r.id)).not.toContain('3f7d7a5e-9c1b-4a41-8d0e-2b8f2f0c6a11');
    expect((await t.api('POST', '/api/v1/tenants/globex/rules/3f7d7a5e-9c1b-4a41-8d0e-2b8f2f0c6a11/disable', {}, g)).status).toBe(404);
    expect((await t.api<Array<{ value: string }>>('GET', '/api/v1/tenants/globex/indicators', undefined, g)).body.map((i) => i.value)).toEqual(['192.0.2.250']);
    const acmeIndicator = (await t.api<Array<{ id: number }>>('GET', '/api/v1/tenants/acme/indicators')).body[0]!;
    expect((await t.api('DELETE', `/api/v1/tenants/globex/indicators/${acmeIndicator.id}`, undefined, g)).status).toBe(404);
    const acmeSuppression = (await t.api<Array<{ id: number }>>('GET', '/api/v1/tenants/acme/suppressions')).body[0]!;
    expect((await t.api('DELETE', `/api/v1/tenants/globex/suppressions/${acmeSuppression.id}`, undefined, g)).status).toBe(404);
    // Library import and provider-wide indicators are for provider staff only.
    expect((await t.api('POST', '/api/v1/rules/import', { files: [{ name: 'c2.yml', text: C2_RULE }] }, g)).status).toBe(403);
    expect((await t.api('POST', '/api/v1/indicators', { type: 'ip', value: '192.0.2.1' }, g)).status).toBe(403);
    expect((await t.api('DELETE', '/api/v1/tenants/globex/rules/3f7d7a5e-9c1b-4a41-8d0e-2b8f2f0c6a11', undefined, g)).status).toBe(404);
    expect((await t.api('DELETE', '/api/v1/rules/8caaa6da-81b9-4da6-9136-113ed740f691')).status).toBe(400);
    // The same DNS query in globex raises nothing: the C2 rule belongs to acme.
    await ingest(globex, [suricataDns('10.0.0.5', 'beacon.c2.example'), suricataAlert('203.0.113.99', '10.0.0.1', 1)]);
    await alertWhere('globex', (a) => a.kind === 'device');
    expect((await alerts('globex', '?kind=sigma'))).toEqual([]);
    // acme removes its own rule; the record keeps who did it.
    expect((await t.api('DELETE', '/api/v1/tenants/acme/rules/3f7d7a5e-9c1b-4a41-8d0e-2b8f2f0c6a11')).status).toBe(204);
    expect((await t.api<Array<{ id: string }>>('GET', '/api/v1/tenants/acme/rules')).body.map((r) => r.id)).not.toContain('3f7d7a5e-9c1b-4a41-8d0e-2b8f2f0c6a11');
    expect((await t.api<Array<{ action: string }>>('GET', '/api/v1/tenants/acme/detection/audit')).body[0]?.action).toBe('rule.delete');
  });
});
