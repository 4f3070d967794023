import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InquiryView } from '../src/modules/inquiries/inquiries.schemas.ts';
import type { NotificationView } from '../src/modules/notifications/notifications.schemas.ts';
import { CONTROL_ENGINES, controlStoreFor } from './helpers/postgres.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { startWebhookReceiver, type WebhookReceiver } from './helpers/webhook-receiver.ts';
import { customerToken, insertAlert } from './notifications-fixtures.ts';

const RULE = 'fcc37671-fde1-4d8d-9693-341435f1f9c1'; // built-in: mining pool connections
describe.each(CONTROL_ENGINES)('customer replies and the inquiry desk on %s', (engine) => {
  let t: TestServer;
  let drop: (() => Promise<void>) | undefined;
  let hook: WebhookReceiver;
  let acmeId: number;
  let alertId: number;
  let notificationId: number;
  let draftId: number;
  let customerA: string;
  let customerB: string;

  beforeAll(async () => {
    hook = await startWebhookReceiver();
    const store = await controlStoreFor(engine);
    drop = store.drop;
    t = await startTestServer({
      controlStore: store.controlStore,
      notifications: { jobIntervalMs: 100, maxAttempts: 3, retryBaseMs: 100, httpTimeoutMs: 2000 },
    } as Parameters<typeof startTestServer>[0]);
    for (const slug of ['acme', 'globex']) expect((await t.api('POST', '/api/v1/tenants', { slug })).status).toBe(201);
    acmeId = (
      await t.server.control.db.selectFrom('tenants').select('id').where('slug', '=', 'acme').executeTakeFirstOrThrow()
    ).id;
    customerA = await customerToken(t, 'acme');
    customerB = await customerToken(t, 'globex');
    await t.api('POST', '/api/v1/tenants/acme/contacts', {
      name: 'soc-desk',
      webhookUrl: `${hook.url}/acme`,
      webhookSecret: 'inquiry-test-secret-0001',
    });
    alertId = await insertAlert(t.server.control.db, acmeId, {
      rule_id: RULE,
      rule_title: 'Connection to a mining pool',
    });
    const draft = await t.api<NotificationView>('POST', '/api/v1/tenants/acme/notifications/draft', {
      alertIds: [alertId],
      lang: 'ja',
    });
    notificationId = draft.body.id;
    expect((await t.api('POST', `/api/v1/tenants/acme/notifications/${notificationId}/send`)).status).toBe(200);
    draftId = (
      await t.api<NotificationView>('POST', '/api/v1/tenants/acme/notifications/draft', {
        alertIds: [alertId],
        lang: 'en',
      })
    ).body.id;
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await drop?.();
    await hook?.close();
  });

  const route = '/api/v1/tenants/acme/inquiries';

  it('an acknowledgement stops the acknowledgement clock and is recorded closed', async () => {
    const ack = await t.api<InquiryView>(
      'POST',
      route,
      { kind: 'acknowledge', notificationId, message: '確認しました。対応を開始します。' },
      customerA,
    );
    expect(ack.status).toBe(201);
    expect(ack.body).toMatchObject({ kind: 'acknowledge', status: 'closed', notificationId });
    const clocks = await t.server.control.db
      .selectFrom('sla_clocks')
      .selectAll()
      .where('subject_kind', '=', 'alert')
      .where('subject_id', '=', alertId)
      .execute();
    expect(clocks.find((c) => c.clock === 'ack')?.stopped_at).not.toBeNull();
    // A draft was never sent to the customer: there is nothing to acknowledge.
    expect((await t.api('POST', route, { kind: 'acknowledge', notificationId: draftId }, customerA)).status).toBe(404);
  });

  it('threads a question: staff answer, the customer writes back, staff assign and close', async () => {
    const q = await t.api<InquiryView>(
      'POST',
      route,
      { kind: 'question', notificationId, message: 'Is 203.0.113.9 still active?' },
      customerA,
    );
    expect(q.body.status).toBe('open');
    const desk = await t.api<InquiryView[]>('GET', '/api/v1/inquiries?status=open');
    expect(desk.body.map((i) => `${i.tenant}#${i.id}`)).toContain(`acme#${q.body.id}`);
    const answered = await t.api<InquiryView>('POST', `${route}/${q.body.id}/messages`, {
      body: 'Blocked at 10:02; no traffic since.',
    });
    expect(answered.body.status).toBe('answered');
    const reopened = await t.api<InquiryView>(
      'POST',
      `${route}/${q.body.id}/messages`,
      { body: 'Thanks. Any other hosts?' },
      customerA,
    );
    expect(reopened.body.status).toBe('open');
    expect(reopened.body.messages.map((m) => m.party)).toEqual(['customer', 'provider', 'customer']);
    expect((await t.api('PATCH', `${route}/${q.body.id}`, { assignee: 'tier2-sato' }, customerA)).status).toBe(403);
    const closed = await t.api<InquiryView>('PATCH', `${route}/${q.body.id}`, {
      assignee: 'tier2-sato',
      status: 'closed',
    });
    expect(closed.body).toMatchObject({ status: 'closed', assignee: 'tier2-sato' });
    expect((await t.api('POST', `${route}/${q.body.id}/approve`, {})).status).toBe(409);
  });

  it('an approved signature-disable request disables the rule for the tenant and links the change', async () => {
    const req = await t.api<InquiryView>(
      'POST',
      route,
      { kind: 'signature_disable', notificationId, message: 'This host is our sanctioned miner test.' },
      customerA,
    );
    expect(req.body).toMatchObject({ status: 'open', rule: RULE });
    expect((await t.api('POST', `${route}/${req.body.id}/approve`, {}, customerA)).status).toBe(403);
    const approved = await t.api<InquiryView>('POST', `${route}/${req.body.id}/approve`, {
      action: 'disable_rule',
      reason: 'Confirmed with the customer.',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', tuningRef: `rule:${RULE}` });
    const setting = await t.server.control.db
      .selectFrom('detection_rule_settings')
      .selectAll()
      .where('tenant_id', '=', acmeId)
      .where('rule_uid', '=', RULE)
      .executeTakeFirstOrThrow();
    expect(setting.enabled).toBe(0);
    expect((await t.api<InquiryView>('PATCH', `${route}/${req.body.id}`, { status: 'closed' })).body.status).toBe(
      'closed',
    );
  });

  it('or suppresses it under conditions, creating an active suppression', async () => {
    const req = await t.api<InquiryView>(
      'POST',
      route,
      { kind: 'signature_disable', rule: RULE, message: 'Only from our lab host.' },
      customerA,
    );
    const approved = await t.api<InquiryView>('POST', `${route}/${req.body.id}/approve`, {
      action: 'suppress',
      conditions: { 'source.ip': '10.0.0.5' },
    });
    expect(approved.body.tuningRef).toMatch(/^suppression:\d+$/);
    const suppressions = await t.api<Array<{ id: number; status: string; rule: string }>>(
      'GET',
      '/api/v1/tenants/acme/suppressions',
    );
    const linked = suppressions.body.find((s) => `suppression:${s.id}` === approved.body.tuningRef)!;
    expect(linked).toMatchObject({ status: 'active', rule: RULE });
  });

  it('a rejected configuration change keeps its reason in the thread', async () => {
    const req = await t.api<InquiryView>(
      'POST',
      route,
      { kind: 'config_change', message: 'Please open port 23 on the firewall.' },
      customerA,
    );
    const rejected = await t.api<InquiryView>('POST', `${route}/${req.body.id}/reject`, {
      reason: 'Telnet is unencrypted; we propose SSH instead.',
    });
    expect(rejected.body.status).toBe('rejected');
    expect(rejected.body.messages.at(-1)).toMatchObject({
      party: 'provider',
      body: 'Telnet is unencrypted; we propose SSH instead.',
    });
  });

  it('keeps tenants apart', async () => {
    const own = (await t.api<InquiryView[]>('GET', route, undefined, customerA)).body;
    expect(own.length).toBeGreaterThan(0);
    expect((await t.api('GET', route, undefined, customerB)).status).toBe(404);
    expect((await t.api('GET', `${route}/${own[0]!.id}`, undefined, customerB)).status).toBe(404);
    expect((await t.api('POST', route, { kind: 'question', message: 'hi' }, customerB)).status).toBe(404);
    // Another tenant's notification id is unknown from globex.
    expect(
      (await t.api('POST', '/api/v1/tenants/globex/inquiries', { kind: 'acknowledge', notificationId }, customerB))
        .status,
    ).toBe(404);
    expect((await t.api('GET', '/api/v1/inquiries', undefined, customerB)).status).toBe(403);
  });
});
