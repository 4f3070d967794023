import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../src/http/principal.ts';
import { EmailChannel } from '../src/modules/notifications/channels/email.ts';
import { SlackChannel } from '../src/modules/notifications/channels/slack.ts';
import { TeamsChannel } from '../src/modules/notifications/channels/teams.ts';
import { WebhookChannel } from '../src/modules/notifications/channels/webhook.ts';
import { ContactsService } from '../src/modules/notifications/contacts.service.ts';
import { DeliveryWorker } from '../src/modules/notifications/delivery-worker.ts';
import { policyBusinessHours } from '../src/modules/notifications/notifications.module.ts';
import { NotificationsRepository } from '../src/modules/notifications/notifications.repository.ts';
import { NotificationsService } from '../src/modules/notifications/notifications.service.ts';
import type { TenantRow } from '../src/modules/tenants/tenants.repository.ts';
import { openSqliteControlStore, type ControlStore } from '../src/stores/control/control-store.ts';
import { startWebhookReceiver, type WebhookReceiver } from './helpers/webhook-receiver.ts';
import { insertAlert } from './notifications-fixtures.ts';

const tokyo = (iso: string) => Date.parse(`${iso}+09:00`);
const staff: Principal = { tokenId: null, userId: null, actor: 'user:analyst', party: 'provider', scope: 'admin', tenantId: null, deviceId: null };

let dir: string;
let store: ControlStore;
let hook: WebhookReceiver;
let tenant: TenantRow;
let notifications: NotificationsService;
let worker: DeliveryWorker;
let now = tokyo('2026-12-02T14:00:00'); // a Wednesday afternoon in Tokyo

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'mamori-routing-'));
  store = await openSqliteControlStore(path.join(dir, 'control.sqlite'));
  hook = await startWebhookReceiver();
  tenant = await store.db.insertInto('tenants').values({ slug: 'acme', name: 'Acme', created_at: now, retention_days: null, retention_bytes: null }).returningAll().executeTakeFirstOrThrow();
  const repo = new NotificationsRepository(store.db);
  const clock = () => now;
  const timeout = 2000;
  const channels = { email: new EmailChannel({ port: 25, secure: false, requireTLS: true, from: 'x@y', timeoutMs: timeout }), webhook: new WebhookChannel(timeout, () => Math.floor(now / 1000)), slack: new SlackChannel(timeout), teams: new TeamsChannel(timeout) };
  worker = new DeliveryWorker(repo, channels, { now: clock, maxAttempts: 3, retryBaseMs: 1000, portalUrl: undefined, sla: undefined, onError: (err) => { throw err; } });
  notifications = new NotificationsService(repo, worker, { now: clock, businessHours: policyBusinessHours(repo), portalUrl: undefined });
  const contacts = new ContactsService(repo, clock);
  const secret = 'routing-test-secret-0001';
  await contacts.create(tenant, { name: 'round-the-clock', lang: 'ja', webhookUrl: `${hook.url}/24h`, webhookSecret: secret, reachability: '24h', minSeverity: 'low' });
  await contacts.create(tenant, { name: 'office', lang: 'en', webhookUrl: `${hook.url}/office`, webhookSecret: secret, reachability: 'business_hours', minSeverity: 'high' });
});

afterAll(async () => {
  await hook?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function notify(severity: string): Promise<number> {
  const alertId = await insertAlert(store.db, tenant.id, { severity }, now);
  const draft = await notifications.draft(staff, tenant, { alertIds: [alertId], lang: 'ja' });
  await notifications.send(tenant, draft.id);
  return draft.id;
}

const paths = () => hook.requests.map((r) => r.path);

describe('routing by severity and time of day (injected clock)', () => {
  it('sends high severity at once to both contacts during business hours', async () => {
    await notify('high');
    expect(paths().sort()).toEqual(['/24h', '/office']);
  });

  it('holds medium severity for the 09:00 digest and skips the contact whose threshold is high', async () => {
    const id = await notify('medium');
    expect(hook.requests).toHaveLength(2);
    const view = await notifications.get(staff, tenant, id);
    expect(view.deliveries).toEqual([expect.objectContaining({ contact: 'round-the-clock', status: 'digest', nextAttemptAt: '2026-12-03T00:00:00.000Z' })]);
  });

  it('at night reaches the 24h contact now and the business-hours contact when the office opens', async () => {
    now = tokyo('2026-12-02T23:00:00');
    const id = await notify('critical');
    expect(paths().slice(2)).toEqual(['/24h']);
    const office = (await notifications.get(staff, tenant, id)).deliveries.find((d) => d.contact === 'office')!;
    expect(office).toMatchObject({ status: 'queued', nextAttemptAt: '2026-12-03T00:00:00.000Z' });

    now = tokyo('2026-12-03T08:59:00');
    await worker.runDue();
    expect(hook.requests).toHaveLength(3);

    now = tokyo('2026-12-03T09:00:00');
    await worker.runDue();
    expect(paths().slice(3).sort()).toEqual(['/24h', '/office']);
    const digest = JSON.parse(hook.requests.find((r, i) => i >= 3 && r.path === '/24h')!.body) as { type: string; day: string; notifications: Array<{ severity: string }> };
    expect(digest).toMatchObject({ type: 'digest', day: '2026-12-03' });
    expect(digest.notifications.map((n) => n.severity)).toEqual(['medium']);
    const late = JSON.parse(hook.requests.find((r, i) => i >= 3 && r.path === '/office')!.body) as { type: string; notification: { severity: string; lang: string } };
    expect(late).toMatchObject({ type: 'notification', notification: { severity: 'critical', lang: 'en' } });
  });
});
