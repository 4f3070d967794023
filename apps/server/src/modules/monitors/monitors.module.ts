import { every } from '../../jobs/every.ts';
import type { TypedApp } from '../../http/typed.ts';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { EventStore } from '../../stores/events/event-store.ts';
import type { DevicesService } from '../devices/devices.service.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { MonitorRunner } from './monitor-runner.ts';
import { MonitorsRepository } from './monitors.repository.ts';
import { monitorsRoutes } from './monitors.routes.ts';
import { MonitorsService } from './monitors.service.ts';
import { ResultWriter } from './result-writer.ts';

const DAY_MS = 86_400_000;
/** Response times are for recent troubleshooting; resource metrics feed capacity trends; states feed monthly uptime. */
export const MONITOR_RETENTION = { latencyMs: 14 * DAY_MS, metricsMs: 400 * DAY_MS, statesMs: 400 * DAY_MS };

export interface MonitorsModule {
  service: MonitorsService;
  runner: MonitorRunner;
  routes(app: TypedApp): void;
  /** Loads every monitor and starts checking. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface MonitorsModuleOptions {
  concurrency?: number;
  flushIntervalMs?: number;
  onError?: (err: unknown) => void;
}

/** Availability monitoring (MON-1..4), wired in one place for server.ts. */
export function createMonitorsModule(
  db: ControlDb,
  events: EventStore,
  tenants: TenantsService,
  devices: DevicesService,
  opts: MonitorsModuleOptions = {},
): MonitorsModule {
  const repo = new MonitorsRepository(db);
  const writer = new ResultWriter(db);
  const runner = new MonitorRunner(repo, writer, { concurrency: opts.concurrency ?? 256 });
  const service = new MonitorsService(repo, runner, devices);
  const onError = opts.onError ?? (() => undefined);
  let stops: Array<() => Promise<void>> = [];
  return {
    service,
    runner,
    routes: (app) => monitorsRoutes(app, { tenants, devices, monitors: service, runner, events }),
    start: async () => {
      await runner.load();
      runner.start();
      stops = [
        every(opts.flushIntervalMs ?? 1000, () => writer.flush(), onError),
        every(3_600_000, () => repo.prune(Date.now(), MONITOR_RETENTION), onError),
        // Tenant deletion cascades in the store without telling the runner: it catches up here.
        every(60_000, async () => runner.reconcile(new Set(await repo.ids())), onError),
      ];
    },
    stop: async () => {
      for (const stop of stops) await stop();
      await runner.stop();
    },
  };
}
