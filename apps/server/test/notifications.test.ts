import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../src/modules/notifications/signature.ts';
import type { NotificationView } from '../src/modules/notifications/notifications.schemas.ts';
import { startSmtpReceiver, mimeHeader, mimePart, type SmtpReceiver } from './helpers/smtp-receiver.ts';
import { CONTROL_ENGINES, controlStoreFor } from './helpers/postgres.ts';
import { startTestServer, waitUntil, type TestServer } from './helpers/test-server.ts';
import { startWebhookReceiver, type WebhookReceiver } from './helpers/webhook-receiver.ts';
import { customerToken, insertAlert, notificationSettings } from './notifications-fixtures.ts';

const SECRET = 'shared-secret-for-acme-0001';
describe.each(CONTROL_ENGINES)('notifications over real SMTP and webhooks on %s', (engine) => {
  let t: TestServer;
  let drop: (() => Promise<void>) | undefined;
  let smtp: SmtpReceiver;
  let hook: WebhookReceiver;
  let acmeId: number;
  let customerA: string;
  let customerB: string;

  beforeAll(async () => {
    smtp = await startSmtpReceiver({ auth: { user: 'mamori', pass: 'relay-pass' } });
    hook = await startWebhookReceiver();
    const store = await controlStoreFor(engine);
    drop = store.drop;
    t = await startTestServer({ controlStore: store.controlStore, notifications: notificationSettings(smtp) });
    for (const slug of ['acme', 'globex']) expect((await t.api('POST', '/api/v1/tenants', { slug })).status).toBe(201);
    acmeId = (
      await t.server.control.db.selectFrom('tenants').select('id').where('slug', '=', 'acme').executeTakeFirstOrThrow()
    ).id;
    customerA = await customerToken(t, 'acme');
    customerB = await customerToken(t, 'globex');
    const ja = await t.api('POST', '/api/v1/tenants/acme/contacts', {
      name: '情シス 山田',
      lang: 'ja',
      email: 'yamada@acme.test',
      webhookUrl: `${hook.url}/hook`,
      webhookSecret: SECRET,
    });
    expect(ja.status).toBe(201);
    const en = await t.api('POST', '/api/v1/tenants/acme/contacts', {
      name: 'CISO',
      lang: 'en',
      email: 'ciso@acme.test',
      slackUrl: `${hook.url}/slack`,
      teamsUrl: `${hook.url}/teams`,
    });
    expect(en.status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await drop?.();
    await smtp?.close();
    await hook?.close();
  });

  async function draftAndSend(alertIds: number[]): Promise<NotificationView> {
    const draft = await t.api<NotificationView>('POST', '/api/v1/tenants/acme/notifications/draft', {
      alertIds,
      lang: 'ja',
    });
    expect(draft.status).toBe(201);
    const sent = await t.api<NotificationView>('POST', `/api/v1/tenants/acme/notifications/${draft.body.id}/send`);
    expect(sent.status).toBe(200);
    return sent.body;
  }

  it('drafts the five fields in both languages, lets the analyst edit and preview, and delivers to every channel', async () => {
    const alertId = await insertAlert(t.server.control.db, acmeId);
    const draft = await t.api<NotificationView>('POST', '/api/v1/tenants/acme/notifications/draft', {
      alertIds: [alertId],
      lang: 'ja',
    });
    expect(draft.status).toBe(201);
    expect(draft.body.status).toBe('draft');
    expect(draft.body.content.ja.fields.attackSource).toBe('203.0.113.9');
    expect(draft.body.content.en.fields.references).toContain('https://attack.mitre.org/techniques/T1190/');

    const edited = await t.api<NotificationView>('PUT', `/api/v1/tenants/acme/notifications/${draft.body.id}`, {
      lang: 'ja',
      fields: { actions: '・WAF で 203.0.113.9 を遮断してください <b>至急</b>' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.content.ja.fields.actions).toContain('<b>至急</b>');

    const preview = await t.api<{ email: { subject: string; html: string } }>(
      'GET',
      `/api/v1/tenants/acme/notifications/${draft.body.id}/preview?channel=email`,
    );
    expect(preview.status).toBe(200);
    expect(preview.body.email.subject).not.toMatch(/[\r\n]/);
    expect(preview.body.email.html).toContain('&lt;b&gt;至急&lt;/b&gt;');

    const sent = await t.api<NotificationView>('POST', `/api/v1/tenants/acme/notifications/${draft.body.id}/send`);
    expect(sent.status).toBe(200);
    expect(sent.body.deliveries.map((d) => `${d.contact}/${d.channel}/${d.status}`).sort()).toEqual(
      [
        'CISO/email/sent',
        'CISO/slack/sent',
        'CISO/teams/sent',
        '情シス 山田/email/sent',
        '情シス 山田/webhook/sent',
      ].sort(),
    );

    const mails = await smtp.waitFor(2);
    for (const m of mails) {
      expect(m.secure).toBe(true); // STARTTLS was used
      expect(m.user).toBe('mamori');
      // Injected header lines would sit in the header block, before the first blank line.
      expect(m.raw.slice(0, m.raw.indexOf('\r\n\r\n'))).not.toMatch(/^Bcc:/im);
      expect(mimeHeader(m.raw, 'subject')).not.toMatch(/[\r\n]/);
      expect(mimePart(m.raw, 'text/html')).not.toMatch(/<script>|<img src=x/);
    }
    const ja = mails.find((m) => m.to.includes('yamada@acme.test'))!;
    const en = mails.find((m) => m.to.includes('ciso@acme.test'))!;
    for (const label of ['攻撃元', '攻撃対象（ホスト/URI）', '分析結果と想定される被害', '推奨される対応', '参考情報'])
      {expect(mimePart(ja.raw, 'text/plain')).toContain(label);}
    for (const label of [
      'Attack source',
      'Target (host/URI)',
      'Analysis result and expected damage',
      'Recommended actions',
      'References',
    ])
      {expect(mimePart(en.raw, 'text/plain')).toContain(label);}
    expect(mimePart(ja.raw, 'text/html')).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(mimeHeader(ja.raw, 'subject')).toContain('【セキュリティ通知】');

    const webhook = hook.requests.find((r) => r.path === '/hook')!;
    const ok = verifyWebhook(
      SECRET,
      {
        signature: webhook.headers[SIGNATURE_HEADER] as string,
        timestamp: webhook.headers[TIMESTAMP_HEADER] as string,
      },
      webhook.body,
      Math.floor(Date.now() / 1000),
    );
    expect(ok).toBe(true);
    expect(
      verifyWebhook(
        'wrong-secret-000000000',
        {
          signature: webhook.headers[SIGNATURE_HEADER] as string,
          timestamp: webhook.headers[TIMESTAMP_HEADER] as string,
        },
        webhook.body,
        Math.floor(Date.now() / 1000),
      ),
    ).toBe(false);
    const payload = JSON.parse(webhook.body) as { notification: { fields: { actions: string } } };
    expect(payload.notification.fields.actions).toContain('203.0.113.9');

    const slack = hook.requests.find((r) => r.path === '/slack')!;
    expect(slack.body).not.toContain('<script>');
    expect(JSON.parse(slack.body)).toHaveProperty('blocks');
    const teams = JSON.parse(hook.requests.find((r) => r.path === '/teams')!.body) as { '@type': string };
    expect(teams['@type']).toBe('MessageCard');

    // The first delivery stopped the alert's notification clock and started the acknowledgement clock.
    const clocks = await t.server.control.db
      .selectFrom('sla_clocks')
      .selectAll()
      .where('subject_kind', '=', 'alert')
      .where('subject_id', '=', alertId)
      .execute();
    expect(clocks.find((c) => c.clock === 'notify')?.stopped_at).not.toBeNull();
    expect(clocks.find((c) => c.clock === 'ack')?.stopped_at).toBeNull();

    expect((await t.api('POST', `/api/v1/tenants/acme/notifications/${draft.body.id}/send`)).status).toBe(409);
  }, 30_000);

  it('retries a webhook that first answers 500 and records each attempt', async () => {
    hook.requests.length = 0;
    hook.respondWith((req) =>
      req.path === '/hook' && hook.requests.filter((r) => r.path === '/hook').length === 0 ? 500 : 200,
    );
    const sent = await draftAndSend([await insertAlert(t.server.control.db, acmeId)]);
    const first = sent.deliveries.find((d) => d.channel === 'webhook')!;
    expect(first).toMatchObject({ status: 'queued', attempts: 1, lastError: 'HTTP 500' });
    await waitUntil(async () =>
      (await t.api<NotificationView>('GET', `/api/v1/tenants/acme/notifications/${sent.id}`)).body.deliveries.some(
        (d) => d.channel === 'webhook' && d.status === 'sent',
      ),
    );
    const after = (
      await t.api<NotificationView>('GET', `/api/v1/tenants/acme/notifications/${sent.id}`)
    ).body.deliveries.find((d) => d.channel === 'webhook')!;
    expect(after.attempts).toBe(2);
    expect(hook.requests.filter((r) => r.path === '/hook').map((r) => r.status)).toEqual([500, 200]);
  }, 30_000);

  it('raises a notification_failure alert when the receiver stays down', async () => {
    hook.respondWith((req) => (req.path === '/hook' ? 503 : 200));
    const sent = await draftAndSend([await insertAlert(t.server.control.db, acmeId)]);
    await waitUntil(async () =>
      (await t.api<NotificationView>('GET', `/api/v1/tenants/acme/notifications/${sent.id}`)).body.deliveries.some(
        (d) => d.channel === 'webhook' && d.status === 'failed',
      ),
    );
    const failed = (
      await t.api<NotificationView>('GET', `/api/v1/tenants/acme/notifications/${sent.id}`)
    ).body.deliveries.find((d) => d.channel === 'webhook')!;
    expect(failed).toMatchObject({ attempts: 3, lastError: 'HTTP 503' });
    const alert = await t.server.control.db
      .selectFrom('alerts')
      .selectAll()
      .where('id', '=', failed.failureAlertId!)
      .executeTakeFirstOrThrow();
    expect(alert).toMatchObject({ kind: 'notification_failure', tenant_id: acmeId, status: 'open' });
    expect(JSON.parse(alert.details)).toMatchObject({ channel: 'webhook', attempts: 3, reason: 'HTTP 503' });
    hook.respondWith(200);
  }, 30_000);

  it('keeps tenants apart and drafts to the SOC', async () => {
    const alertId = await insertAlert(t.server.control.db, acmeId);
    const draft = await t.api<NotificationView>('POST', '/api/v1/tenants/acme/notifications/draft', {
      alertIds: [alertId],
      lang: 'en',
    });
    // Another tenant's customer: every acme object looks absent.
    expect(
      (await t.api('GET', `/api/v1/tenants/acme/notifications/${draft.body.id}`, undefined, customerB)).status,
    ).toBe(404);
    expect((await t.api('GET', '/api/v1/tenants/acme/contacts', undefined, customerB)).status).toBe(404);
    expect((await t.api('GET', '/api/v1/tenants/acme/notifications', undefined, customerB)).status).toBe(404);
    // A tenant's own customer: no writes, no drafts, but what was sent.
    expect(
      (await t.api('POST', '/api/v1/tenants/acme/notifications/draft', { alertIds: [alertId] }, customerA)).status,
    ).toBe(403);
    expect(
      (await t.api('POST', '/api/v1/tenants/acme/contacts', { name: 'x', email: 'x@acme.test' }, customerA)).status,
    ).toBe(403);
    expect(
      (await t.api('GET', `/api/v1/tenants/acme/notifications/${draft.body.id}`, undefined, customerA)).status,
    ).toBe(404);
    await t.api('POST', `/api/v1/tenants/acme/notifications/${draft.body.id}/send`);
    const seen = await t.api<NotificationView>(
      'GET',
      `/api/v1/tenants/acme/notifications/${draft.body.id}`,
      undefined,
      customerA,
    );
    expect(seen.status).toBe(200);
    const list = await t.api<NotificationView[]>('GET', '/api/v1/tenants/acme/notifications', undefined, customerA);
    expect(list.body.every((n) => n.status === 'sent')).toBe(true);
    // Drafting from another tenant's alert id finds nothing.
    const globexId = (
      await t.server.control.db
        .selectFrom('tenants')
        .select('id')
        .where('slug', '=', 'globex')
        .executeTakeFirstOrThrow()
    ).id;
    const foreign = await insertAlert(t.server.control.db, globexId);
    expect((await t.api('POST', '/api/v1/tenants/acme/notifications/draft', { alertIds: [foreign] })).status).toBe(404);
  }, 30_000);

  it('drafts from an incident with its summary and linked alerts, and stops the incident notification clock', async () => {
    const alertId = await insertAlert(t.server.control.db, acmeId, { source_observable: '198.51.100.77' });
    const incident = await t.api<{ id: number }>('POST', '/api/v1/tenants/acme/incidents', {
      title: 'Cryptominer planted on web01',
      severity: 'critical',
      summary: 'The Struts flaw was used to plant a miner on web01.',
      alertIds: [alertId],
    });
    expect(incident.status).toBe(201);
    const draft = await t.api<NotificationView>('POST', '/api/v1/tenants/acme/notifications/draft', {
      incidentId: incident.body.id,
      lang: 'en',
    });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({
      subject: { kind: 'incident', id: incident.body.id },
      alertIds: [alertId],
      severity: 'critical',
      title: 'Cryptominer planted on web01',
    });
    expect(draft.body.content.en.fields.analysis).toContain('The Struts flaw was used to plant a miner on web01.');
    expect(draft.body.content.ja.fields.attackSource).toBe('198.51.100.77');
    await t.api('POST', `/api/v1/tenants/acme/notifications/${draft.body.id}/send`);
    const clocks = await t.server.control.db
      .selectFrom('sla_clocks')
      .selectAll()
      .where('subject_kind', '=', 'incident')
      .where('subject_id', '=', incident.body.id)
      .execute();
    expect(clocks.find((c) => c.clock === 'notify')?.stopped_at).not.toBeNull();
    // Another tenant's customer cannot draft from, or learn of, this incident.
    expect(
      (await t.api('POST', '/api/v1/tenants/globex/notifications/draft', { incidentId: incident.body.id })).status,
    ).toBe(404);
  }, 30_000);

  it('validates contacts: a webhook needs a secret, URLs are http(s), secrets are never shown back', async () => {
    expect(
      (await t.api('POST', '/api/v1/tenants/acme/contacts', { name: 'nosecret', webhookUrl: `${hook.url}/x` })).status,
    ).toBe(400);
    expect(
      (await t.api('POST', '/api/v1/tenants/acme/contacts', { name: 'ftp', slackUrl: 'ftp://example.org/x' })).status,
    ).toBe(400);
    const list = await t.api<Array<Record<string, unknown>>>('GET', '/api/v1/tenants/acme/contacts');
    expect(JSON.stringify(list.body)).not.toContain(SECRET);
    expect(list.body.find((c) => c.name === 'CISO')!.slackUrl).toBe(`${hook.url}/…`);
  });
});
