import { every } from '../../jobs/every.ts';
import type { TypedApp } from '../../http/typed.ts';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { ContractsService } from '../contracts/contracts.service.ts';
import type { SlaMilestones } from '../sla/sla-types.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { EmailChannel, type SmtpSettings } from './channels/email.ts';
import { SlackChannel } from './channels/slack.ts';
import { TeamsChannel } from './channels/teams.ts';
import { WebhookChannel } from './channels/webhook.ts';
import { ContactsService } from './contacts.service.ts';
import { contractBusinessHours } from './contract-hours.ts';
import { DeliveryWorker } from './delivery-worker.ts';
import { NotificationsRepository } from './notifications.repository.ts';
import { notificationsRoutes } from './notifications.routes.ts';
import { NotificationsService } from './notifications.service.ts';
import { withinWeeklyHours, type BusinessHours } from './routing.ts';

export interface NotificationsSettings {
  smtp: SmtpSettings;
  /** How often the job looks for due deliveries and digests. */
  jobIntervalMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  httpTimeoutMs: number;
  portalUrl?: string | undefined;
}

export interface NotificationsModuleDeps {
  db: ControlDb;
  tenants: TenantsService;
  settings: NotificationsSettings;
  /** The SLA clocks; notifications report `notified` when the first delivery succeeds. */
  sla?: SlaMilestones | undefined;
  /** Contracts with monitoring hours decide business hours; tenants without fall back to the policy's schedule. */
  contracts?: ContractsService | undefined;
  /** Overrides both (tests pin the hours). */
  businessHours?: BusinessHours | undefined;
  now?: () => number;
  onError?: (err: unknown) => void;
}

export interface NotificationsModule {
  repo: NotificationsRepository;
  contacts: ContactsService;
  notifications: NotificationsService;
  worker: DeliveryWorker;
  routes(app: TypedApp): void;
  start(): void;
  stop(): Promise<void>;
}

/** The business hours in the tenant's notification policy (used until contracts carry monitoring hours). */
export function policyBusinessHours(repo: NotificationsRepository): BusinessHours {
  return async (tenantId, at) => {
    const policy = await repo.policy(tenantId);
    return withinWeeklyHours(at, policy.businessHours, policy.timezone);
  };
}

/** Customer notifications (NTF-1..3), wired in one place for server.ts. */
export function createNotificationsModule(deps: NotificationsModuleDeps): NotificationsModule {
  const now = deps.now ?? Date.now;
  const onError = deps.onError ?? (() => undefined);
  const s = deps.settings;
  const repo = new NotificationsRepository(deps.db);
  const email = new EmailChannel(s.smtp);
  const channels = { email, webhook: new WebhookChannel(s.httpTimeoutMs, () => Math.floor(now() / 1000)), slack: new SlackChannel(s.httpTimeoutMs), teams: new TeamsChannel(s.httpTimeoutMs) };
  const worker = new DeliveryWorker(repo, channels, { now, maxAttempts: s.maxAttempts, retryBaseMs: s.retryBaseMs, portalUrl: s.portalUrl, sla: deps.sla, onError });
  const fromPolicy = policyBusinessHours(repo);
  const businessHours = deps.businessHours ?? (deps.contracts ? contractBusinessHours(deps.contracts, fromPolicy) : fromPolicy);
  const notifications = new NotificationsService(repo, worker, { now, businessHours, portalUrl: s.portalUrl });
  const contacts = new ContactsService(repo, now);
  let stopJob: (() => Promise<void>) | undefined;
  return {
    repo,
    contacts,
    notifications,
    worker,
    routes: (app) => notificationsRoutes(app, { tenants: deps.tenants, contacts, notifications }),
    start: () => {
      stopJob = every(s.jobIntervalMs, () => worker.runDue(), onError);
    },
    stop: async () => {
      await stopJob?.();
      email.close();
    },
  };
}
