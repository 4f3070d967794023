/** Anomaly triage wiring: seeded definitions, routes, and the watch reminder job. */
import type { TypedApp } from '../../http/typed.ts';
import { every } from '../../jobs/every.ts';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { AlertsModule } from '../alerts/alerts.module.ts';
import type { AuditRecorder } from '../audit/audit-types.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { remindDueWatches } from './triage-reminder.job.ts';
import { TriageRepository } from './triage.repository.ts';
import { triageRoutes } from './triage.routes.ts';
import { TriageService } from './triage.service.ts';

export interface TriageModule {
  routes(app: TypedApp): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createTriageModule(
  db: ControlDb,
  tenants: TenantsService,
  alerts: AlertsModule,
  options: { reminderIntervalMs?: number; audit?: AuditRecorder | undefined; onError: (err: unknown) => void },
): TriageModule {
  const repo = new TriageRepository(db);
  const service = new TriageService(repo, alerts.service);
  let stop: (() => Promise<void>) | undefined;
  return {
    routes: (app) => triageRoutes(app, tenants, service),
    start: async () => {
      await service.seed();
      stop = every(options.reminderIntervalMs ?? 5000, () => remindDueWatches(db, repo, alerts.repository, Date.now(), options.audit), options.onError);
    },
    stop: async () => {
      await stop?.();
    },
  };
}
