/**
 * Case A.1 of the MSS selection guideline, end to end against a real `mamori serve`: a web application framework
 * (Struts) is exploited and a cryptominer then calls its mining pool. The FortiGate's IPS and web filter lines
 * arrive by syslog through util-linux `logger`; Tier 1 escalates the alerts to an incident; the customer is
 * notified by email (a real STARTTLS SMTP server) and a signed webhook (a real HTTP receiver) within the SLA;
 * the playbook is worked; the customer acknowledges in the portal; the incident closes and the month's SLA
 * record shows compliance.   Run alone: npm run test:e2e -- case-a1
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mimeHeader, mimePart, startSmtpReceiver, type SmtpReceiver } from '../apps/server/test/helpers/smtp-receiver.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../apps/server/test/helpers/webhook-receiver.ts';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from '../apps/server/src/modules/notifications/signature.ts';
import { MamoriProcess } from './support/mamori-process.ts';
import { waitFor } from './support/processes.ts';

const run = promisify(execFile);
const SLUG = 'a-org';
const WEBHOOK_SECRET = 'a-org-webhook-secret-0123456789';
const ATTACKER = '198.51.100.7';
const WEB_SERVER = '10.0.0.5';
const hhmmss = () => new Date().toISOString().slice(11, 19);
const today = () => new Date().toISOString().slice(0, 10);

const ipsLine = () =>
  `date=${today()} time=${hhmmss()} devname="FGT60F" devid="FGT60FTK20000001" logid="0419016384" type="utm" subtype="ips" level="alert" severity="critical" srcip=${ATTACKER} srcport=51234 dstip=${WEB_SERVER} dstport=443 action="detected" attack="Apache.Struts.2.Jakarta.Multipart.Parser.Code.Execution" attackid=43802 crlevel="critical" ref="http://www.fortinet.com/ids/VID43802"`;
const minerLine = () =>
  `date=${today()} time=${hhmmss()} devname="FGT60F" devid="FGT60FTK20000001" logid="0317013312" type="utm" subtype="webfilter" eventtype="ftgd_allow" level="notice" srcip=${WEB_SERVER} srcport=40112 dstip=203.0.113.200 dstport=443 hostname="xmr-asia1.nanopool.org" url="/" action="passthrough" catdesc="Cryptocurrency"`;

interface Alert {
  id: number;
  title: string;
  severity: string;
  source: string | null;
  target: string | null;
}
interface Clock {
  clock: string;
  stoppedAt: string | null;
  breached: boolean;
  elapsedMinutes: number | null;
  targetMinutes: number;
}
interface Incident {
  id: number;
  status: string;
  type: string;
  severity: string;
  alerts: { id: number }[];
  observables: { type: string; value: string }[];
  tasks: { id: number; done: boolean; title: { ja: string; en: string } }[];
  timeline: { kind: string; text: string }[];
  sla: Clock[];
}

describe('guideline case A.1: framework exploit leading to a cryptominer', () => {
  let mamori: MamoriProcess;
  let smtp: SmtpReceiver;
  let webhook: WebhookReceiver;
  let dir: string;
  let customerToken: string;
  let alerts: Alert[];
  let incident: Incident;

  const call = async <T>(method: string, route: string, body?: unknown, token = mamori.token): Promise<{ status: number; body: T }> => {
    const res = await fetch(mamori.url + route, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: (text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text) as T };
  };
  const ok = async <T>(method: string, route: string, body?: unknown, token?: string): Promise<T> => {
    const r = await call<T>(method, route, body, token);
    if (r.status >= 300) throw new Error(`${method} ${route}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const getIncident = () => ok<Incident>('GET', `/api/v1/tenants/${SLUG}/incidents/${incident.id}`);
  const clock = (i: Incident, name: string) => i.sla.find((c) => c.clock === name)!;

  beforeAll(async () => {
    [smtp, webhook] = await Promise.all([startSmtpReceiver({ auth: { user: 'mamori', pass: 'relay-pass' } }), startWebhookReceiver()]);
    dir = mkdtempSync(path.join(tmpdir(), 'mamori-case-a1-'));
    writeFileSync(path.join(dir, 'ca.pem'), smtp.cert);
    // JSON is YAML: the relay, its private CA and a quick delivery job.
    const config = {
      notifications: {
        smtp: { host: smtp.host, port: smtp.port, secure: false, requireTLS: true, user: 'mamori', pass: 'relay-pass', from: 'SOC <soc@mamori.test>', caFile: path.join(dir, 'ca.pem') },
        jobIntervalMs: 200,
      },
    };
    writeFileSync(path.join(dir, 'mamori.yaml'), JSON.stringify(config));
    mamori = await MamoriProcess.start({ MAMORI_CONFIG: path.join(dir, 'mamori.yaml') });

    await ok('POST', '/api/v1/tenants', { slug: SLUG, name: 'A 組織' });
    await ok('POST', `/api/v1/tenants/${SLUG}/devices`, { name: 'fgt1', kind: 'utm', format: 'auto', addresses: ['127.0.0.1'], criticality: 4 });
    await ok('PUT', `/api/v1/tenants/${SLUG}/contract`, {
      hours: { mode: '24x365' },
      targets: {
        critical: { notifyMinutes: 15, acknowledgeMinutes: 60, closeMinutes: 1440 },
        high: { notifyMinutes: 30, acknowledgeMinutes: 120, closeMinutes: 2880 },
        medium: { notifyMinutes: 120, acknowledgeMinutes: 480, closeMinutes: null },
        low: { notifyMinutes: null, acknowledgeMinutes: null, closeMinutes: null },
      },
      escalation: [
        { atPercent: 75, escalateTo: ['SOC shift lead'] },
        { atPercent: 100, escalateTo: ['SOC manager', 'A 組織 CSIRT'] },
      ],
    });
    await ok('POST', `/api/v1/tenants/${SLUG}/contacts`, {
      name: 'A 組織 セキュリティ担当',
      lang: 'ja',
      email: 'security@a-org.example',
      webhookUrl: `${webhook.url}/mamori`,
      webhookSecret: WEBHOOK_SECRET,
      reachability: '24h',
      minSeverity: 'low',
    });
    customerToken = (await ok<{ token: string }>('POST', '/api/v1/tokens', { tenant: SLUG, scope: 'write' })).token;
  });
  afterAll(async () => {
    await mamori?.stop();
    await smtp?.close();
    await webhook?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('turns the IPS and web-filter lines sent by syslog into alerts', async () => {
    const port = String(mamori.syslogPort);
    await run('logger', ['-n', '127.0.0.1', '-P', port, '-T', '--rfc3164', '-p', 'local7.alert', '-t', 'FGT60F', ipsLine()]);
    await run('logger', ['-n', '127.0.0.1', '-P', port, '-T', '--rfc3164', '-p', 'local7.notice', '-t', 'FGT60F', minerLine()]);
    await waitFor(
      async () => {
        alerts = await ok<Alert[]>('GET', `/api/v1/tenants/${SLUG}/alerts?limit=100`);
        return alerts.length >= 2;
      },
      30_000,
      'two alerts',
    );
    expect(alerts.find((a) => a.title.includes('Struts'))).toMatchObject({ severity: 'critical', source: ATTACKER, target: WEB_SERVER });
    expect(alerts.find((a) => a.title.toLowerCase().includes('mining'))).toMatchObject({ source: WEB_SERVER });
  });

  it('escalates both alerts to one incident with the framework-exploit playbook', async () => {
    const out = await ok<{ incidentId: number }>('POST', `/api/v1/tenants/${SLUG}/alerts/escalate`, {
      alertIds: alerts.map((a) => a.id),
      title: 'Struts の脆弱性悪用と仮想通貨採掘 / Struts exploit and cryptominer on web01',
      type: 'web_framework_exploit',
      note: 'IPS detected the exploit; the web server then reached a mining pool: the attack succeeded.',
    });
    incident = await ok<Incident>('GET', `/api/v1/tenants/${SLUG}/incidents/${out.incidentId}`);
    expect(incident).toMatchObject({ status: 'detected', type: 'web_framework_exploit', severity: 'critical' });
    expect(incident.alerts).toHaveLength(2);
    expect(incident.observables.map((o) => o.value)).toEqual(expect.arrayContaining([ATTACKER, WEB_SERVER, '203.0.113.200']));
    // The pool's name is in the web-filter event, not an alert observable: the analyst records it.
    await ok('POST', `/api/v1/tenants/${SLUG}/incidents/${incident.id}/observables`, { items: [{ type: 'domain', value: 'xmr-asia1.nanopool.org' }] });
    expect(incident.tasks.length).toBeGreaterThanOrEqual(8);
    expect(clock(incident, 'notify').stoppedAt).toBeNull();
    await ok('POST', `/api/v1/tenants/${SLUG}/incidents/${incident.id}/transitions`, { to: 'investigating', note: '脆弱性を突いた攻撃の成功を確認' });
  });

  it('notifies the customer by email and signed webhook within the SLA', async () => {
    const draft = await ok<{ id: number }>('POST', `/api/v1/tenants/${SLUG}/notifications/draft`, { incidentId: incident.id, lang: 'ja' });
    await ok('PUT', `/api/v1/tenants/${SLUG}/notifications/${draft.id}`, {
      fields: { actions: '攻撃元 IP アドレスからの通信を遮断し、Web サーバ上の不審なプロセスを確認してください。' },
    });
    await ok('POST', `/api/v1/tenants/${SLUG}/notifications/${draft.id}/send`);
    const [mail] = await smtp.waitFor(1, 30_000);
    const [hook] = await webhook.waitFor(1, 30_000);
    expect(mail!.secure).toBe(true);
    expect(mail!.to).toEqual(['security@a-org.example']);
    expect(mimeHeader(mail!.raw, 'subject')).toContain('【セキュリティ通知】');
    const text = mimePart(mail!.raw, 'text/plain');
    expect(text).toContain(ATTACKER);
    expect(text).toContain('Web サーバ上の不審なプロセス');
    expect(
      verifyWebhook(WEBHOOK_SECRET, { signature: hook!.headers[SIGNATURE_HEADER] as string, timestamp: hook!.headers[TIMESTAMP_HEADER] as string }, hook!.body, Math.floor(Date.now() / 1000)),
    ).toBe(true);
    expect(hook!.body).toContain(ATTACKER);
    await waitFor(async () => clock(await getIncident(), 'notify').stoppedAt !== null, 15_000, 'notify clock stopped');
    const i = await getIncident();
    expect(clock(i, 'notify')).toMatchObject({ breached: false });
    expect(clock(i, 'notify').elapsedMinutes!).toBeLessThanOrEqual(15);
    expect(clock(i, 'ack').stoppedAt).toBeNull();
  });

  it('works the playbook, takes the customer’s acknowledgement and closes the incident', async () => {
    const base = `/api/v1/tenants/${SLUG}/incidents/${incident.id}`;
    await ok('POST', `${base}/transitions`, { to: 'planning', note: '遮断とサービス停止を計画' });
    await ok('POST', `${base}/transitions`, { to: 'coordinating', note: 'お客様と停止時間を調整' });

    const ack = await call('POST', `/api/v1/tenants/${SLUG}/inquiries`, { kind: 'acknowledge', incidentId: incident.id, message: '通知を確認しました。対応を開始します。' }, customerToken);
    expect(ack.status).toBe(201);
    await waitFor(async () => clock(await getIncident(), 'ack').stoppedAt !== null, 15_000, 'ack clock stopped');

    await ok('POST', `${base}/transitions`, { to: 'executing' });
    for (const task of incident.tasks) await ok('PATCH', `${base}/tasks/${task.id}`, { done: true, assignee: 'user:tier2-sato' });
    await ok('POST', `${base}/transitions`, { to: 'verifying', note: '採掘プロセス停止・CPU 使用率の平常化を確認' });
    await ok('PATCH', base, {
      impact: 'Web サーバで仮想通貨採掘プログラムが稼働し、閲覧者にも採掘スクリプトが配信された',
      rootCause: '追加機能の改修で古いバージョンの Struts が残っていた',
      lessonsLearned: 'フレームワークの版数を資産台帳で管理し、脆弱性情報と突き合わせる',
    });
    const closed = await ok<Incident & { closedAt: string | null }>('POST', `${base}/transitions`, { to: 'closed' });
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).not.toBeNull();
    expect(closed.tasks.every((t) => t.done)).toBe(true);
    expect(closed.sla.every((c) => c.stoppedAt !== null && !c.breached)).toBe(true);
    expect(closed.timeline.filter((e) => e.kind === 'transition').map((e) => e.text.split(':')[0])).toEqual([
      'Detected → Cause investigation',
      'Cause investigation → Countermeasure planning',
      'Countermeasure planning → Coordination with the customer',
      'Coordination with the customer → Countermeasure execution',
      'Countermeasure execution → Effectiveness check',
      'Effectiveness check → Closed',
    ]);
  });

  it('shows SLA compliance for the month and an incident report for the customer', async () => {
    const month = new Date().toISOString().slice(0, 7);
    const sla = await ok<{ compliance: { severity: string; clock: string; count: number; met: number; breached: number }[]; breaches: unknown[] }>(
      'GET',
      `/api/v1/tenants/${SLUG}/sla?month=${month}`,
      undefined,
      customerToken,
    );
    expect(sla.breaches).toEqual([]);
    for (const name of ['notify', 'ack', 'close']) {
      const row = sla.compliance.find((r) => r.severity === 'critical' && r.clock === name);
      expect(row, name).toBeDefined();
      expect(row!.breached, name).toBe(0);
      expect(row!.met, name).toBeGreaterThanOrEqual(1);
    }
    const report = await fetch(`${mamori.url}/api/v1/tenants/${SLUG}/incidents/${incident.id}/report?lang=ja`, { headers: { authorization: `Bearer ${customerToken}` } });
    expect(report.status).toBe(200);
    const html = await report.text();
    expect(html).toContain('インシデント報告書');
    expect(html).toContain('追加機能の改修で古いバージョンの Struts が残っていた');
  });
});
