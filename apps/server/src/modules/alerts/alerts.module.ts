/** Tier-1 queue wiring: repository, enrichment, intake job (every second) and routes. */
import type { TypedApp } from '../../http/typed.ts';
import { every } from '../../jobs/every.ts';
import type { ControlDb } from '../../stores/control/control-store.ts';
import { EnrichmentService } from '../enrichment/enrichment.service.ts';
import { IpIntel } from '../enrichment/ip-intel.ts';
import { UserBaselines } from '../enrichment/user-baseline.ts';
import type { EventStore } from '../../stores/events/event-store.ts';
import type { AuditRecorder } from '../audit/audit-types.ts';
import type { IncidentOpener } from '../incidents/incident-opener.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { AlertIntake } from './alert-intake.ts';
import { AlertViewsRepository } from './alert-views.repository.ts';
import { alertViewsRoutes } from './alert-views.routes.ts';
import { alertWorkflowRoutes } from './alert-workflow.routes.ts';
import { AlertsRepository } from './alerts.repository.ts';
import { alertsRoutes } from './alerts.routes.ts';
import { AlertsService } from './alerts.service.ts';

export interface AlertsModuleOptions {
  incidents?: IncidentOpener | undefined;
  /** Records what the intake job decides on its own (auto-close). */
  audit?: AuditRecorder | undefined;
  /** For the user's usual behaviour in on-demand enrichment. */
  events?: EventStore | undefined;
  intakeIntervalMs?: number;
  onError: (err: unknown) => void;
}

export interface AlertsModule {
  service: AlertsService;
  repository: AlertsRepository;
  intake: AlertIntake;
  routes(app: TypedApp): void;
  start(): void;
  stop(): Promise<void>;
}

export function createAlertsModule(db: ControlDb, tenants: TenantsService, options: AlertsModuleOptions): AlertsModule {
  const repo = new AlertsRepository(db);
  const ipIntel = new IpIntel();
  const enrichment = new EnrichmentService(db, ipIntel, options.events ? new UserBaselines(options.events, ipIntel) : undefined);
  const intake = new AlertIntake(db, repo, enrichment, options.onError, options.audit);
  const service = new AlertsService(repo, intake, enrichment, tenants.label, options.incidents);
  let stop: (() => Promise<void>) | undefined;
  return {
    service,
    repository: repo,
    intake,
    routes: (app) => {
      alertsRoutes(app, tenants, service);
      alertWorkflowRoutes(app, tenants, service);
      alertViewsRoutes(app, new AlertViewsRepository(db));
    },
    start: () => {
      // Drains a backlog batch after batch, then idles until the next tick; repeats are re-scored every fifth tick.
      let tick = 0;
      stop = every(
        options.intakeIntervalMs ?? 1000,
        async () => {
          while ((await intake.runOnce(Date.now())) > 0) {
            /* next batch */
          }
          if (tick++ % 5 === 0) await intake.rescoreRepeats(Date.now());
        },
        options.onError,
      );
    },
    stop: async () => {
      await stop?.();
    },
  };
}
