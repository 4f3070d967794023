import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import type { MamoriConfig } from './config/config.ts';
import { createHttpApp } from './http/app.ts';
import { webConsoleRoutes } from './http/web-console.ts';
import { IngestPipeline } from './ingest/pipeline.ts';
import { Router } from './ingest/router.ts';
import { SourceTracker } from './ingest/source-tracker.ts';
import { startSyslogListeners, type SyslogListeners } from './ingest/syslog-listeners.ts';
import { every } from './jobs/every.ts';
import { checkLogSilence } from './jobs/log-silence.job.ts';
import { runRetention } from './jobs/retention.job.ts';
import { IngestMetrics } from './metrics/ingest-metrics.ts';
import { MetricsRegistry } from './metrics/prometheus.ts';
import { createAlertsModule } from './modules/alerts/alerts.module.ts';
import { createTriageModule } from './modules/triage/triage.module.ts';
import { createAuditModule } from './modules/audit/audit.module.ts';
import { createDetectionModule } from './modules/detection/detection.module.ts';
import { createIncidentsModule } from './modules/incidents/incidents.module.ts';
import { DevicesRepository } from './modules/devices/devices.repository.ts';
import { devicesRoutes } from './modules/devices/devices.routes.ts';
import { DevicesService } from './modules/devices/devices.service.ts';
import { createIdentityModule } from './modules/identity/identity.module.ts';
import { eventsRoutes } from './modules/events/events.routes.ts';
import { ingestRoutes } from './modules/ingest/ingest.routes.ts';
import { createMonitorsModule } from './modules/monitors/monitors.module.ts';
import { inquiriesRoutes } from './modules/inquiries/inquiries.routes.ts';
import { InquiriesService } from './modules/inquiries/inquiries.service.ts';
import { createNotificationsModule } from './modules/notifications/notifications.module.ts';
import { searchRoutes } from './modules/search/search.routes.ts';
import { CONTROL_FILE, EVENTS_FILE } from './modules/system/backup.ts';
import { systemRoutes } from './modules/system/system.routes.ts';
import { TenantsService } from './modules/tenants/tenants.service.ts';
import { tenantsRoutes } from './modules/tenants/tenants.routes.ts';
import { TokensRepository } from './modules/tokens/tokens.repository.ts';
import { tokensRoutes } from './modules/tokens/tokens.routes.ts';
import { TokensService } from './modules/tokens/tokens.service.ts';
import { unassignedRoutes } from './modules/unassigned/unassigned.routes.ts';
import { openControlStore, type ControlStore } from './stores/control/control-store.ts';
import { DuckDbEventStore } from './stores/events/duckdb-event-store.ts';
import type { EventStore } from './stores/events/event-store.ts';
import { loadOrCreateTlsPair } from './tls/self-signed.ts';

export const ADMIN_TOKEN_FILE = 'admin-token';

export interface RunningServer {
  url: string;
  ports: { http: number; udp?: number; tcp?: number; tls?: number };
  tlsCertPath: string | undefined;
  /** Set when this start created the data dir's admin token. */
  createdAdminToken: string | undefined;
  control: ControlStore;
  events: EventStore;
  logger: Logger;
  /** Graceful stop: listeners close, everything received is stored, stores close. */
  close(): Promise<void>;
}

export async function openStores(
  dataDir: string,
  eventStore: { memoryLimit?: string; threads?: number } = {},
  controlStoreUrl?: string,
): Promise<{ control: ControlStore; events: EventStore }> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const events = await DuckDbEventStore.open({ file: path.join(dataDir, EVENTS_FILE), ...eventStore });
  const control = await openControlStore({ sqliteFile: path.join(dataDir, CONTROL_FILE), postgresUrl: controlStoreUrl });
  return { control, events };
}

/** The composition root: stores, pipeline, listeners, HTTP and jobs, wired explicitly. */
export async function startServer(config: MamoriConfig, logger: Logger = pino({ level: config.logLevel })): Promise<RunningServer> {
  const { control, events } = await openStores(config.dataDir, config.eventStore, config.controlStore.url);
  const db = control.db;
  let ready = false;

  const registry = new MetricsRegistry();
  const router = new Router();
  const sources = new SourceTracker();
  const devices = new DevicesService(new DevicesRepository(db), router);
  const tenants = new TenantsService(db, events, () => devices.reloadRoutes());
  await tenants.loadLabels();
  const audit = createAuditModule(control, tenants);
  await devices.reloadRoutes();
  const identity = createIdentityModule(db, tenants, config.identity, audit.log);
  const tokens = new TokensService(new TokensRepository(db), tenants, devices, identity.usersRepo);
  const metrics = new IngestMetrics(registry, tenants.label);
  const detection = await createDetectionModule(db, events, logger, registry);
  const pipeline = new IngestPipeline({ store: events, detect: detection.stage, router, metrics, sources, options: config.pipeline });
  registry.collected('mamori_pipeline_pending', 'Lines received and not yet stored', () => [{ labels: {}, value: pipeline.pending }]);
  registry.collected('process_resident_memory_bytes', 'Resident memory of the server process', () => [{ labels: {}, value: process.memoryUsage.rss() }]);
  registry.collected('nodejs_heap_used_bytes', 'JavaScript heap in use on the main thread', () => [{ labels: {}, value: process.memoryUsage().heapUsed }]);

  const tokenFile = path.join(config.dataDir, ADMIN_TOKEN_FILE);
  let createdAdminToken: string | undefined;
  if (!existsSync(tokenFile)) {
    createdAdminToken = await tokens.createBootstrapAdmin();
    await writeFile(tokenFile, createdAdminToken + '\n', { mode: 0o600 });
  }

  const tlsPair =
    config.syslog.tlsPort > 0
      ? await loadOrCreateTlsPair(config.dataDir, config.syslog.tlsCertFile, config.syslog.tlsKeyFile)
      : undefined;

  const app = await createHttpApp({ logger, bodyLimitBytes: config.http.bodyLimitBytes, tokens, sessions: identity.sessionAuth });
  // Before any route, so that every route's requests pass through it.
  audit.installHook(app);
  const retentionDefaults = { defaultDays: config.retention.defaultDays, unassignedDays: config.retention.unassignedDays };
  systemRoutes(app, { control, events, metrics: registry, tenants, dataDir: config.dataDir, retention: retentionDefaults, ready: () => ready });
  tenantsRoutes(app, tenants);
  devicesRoutes(app, tenants, devices);
  tokensRoutes(app, tokens);
  identity.routes(app);
  ingestRoutes(app, pipeline, tenants, devices);
  eventsRoutes(app, events, tenants, devices);
  searchRoutes(app, events, tenants, db);
  unassignedRoutes(app, db, events, tenants, devices);
  // Incidents, contracts and SLA clocks; the alert queue escalates through its IncidentOpener.
  const incidents = createIncidentsModule(db, tenants, { dataDir: config.dataDir, onError: (err) => logger.error({ err }, 'SLA job failed') });
  incidents.routes(app);
  const alerts = createAlertsModule(db, tenants, { incidents: incidents.incidents, audit: audit.log, events, onError: (err) => logger.error({ err }, 'alert intake failed') });
  alerts.routes(app);
  const triage = createTriageModule(db, tenants, alerts, { audit: audit.log, onError: (err) => logger.error({ err }, 'triage reminder failed') });
  triage.routes(app);
  detection.routes(app, tenants);
  const monitors = createMonitorsModule(db, events, tenants, devices, { onError: (err) => logger.error({ err }, 'monitor job failed') });
  monitors.routes(app);
  // Customer notifications and the inquiry desk; both report to the SLA clocks, approvals tune detection.
  const notifications = createNotificationsModule({
    db,
    tenants,
    settings: config.notifications,
    sla: incidents.sla,
    contracts: incidents.contracts,
    onError: (err) => logger.error({ err }, 'notification delivery failed'),
  });
  notifications.routes(app);
  inquiriesRoutes(app, tenants, new InquiriesService({ db, rules: detection.rules, tuning: detection.tuning, sla: incidents.sla }));
  audit.routes(app);
  await webConsoleRoutes(app);
  await app.listen({ host: config.http.host, port: config.http.port });
  const httpPort = (app.server.address() as { port: number }).port;

  let syslog: SyslogListeners | undefined;
  try {
    syslog = await startSyslogListeners({ ...config.syslog, tls: tlsPair }, pipeline, metrics);
  } catch (err) {
    await app.close();
    await events.close();
    await control.close();
    throw err;
  }
  const udpDrops = registry.gauge('mamori_udp_kernel_drops', 'Datagrams the kernel dropped on the syslog UDP socket');
  const onJobError = (err: unknown) => logger.error({ err }, 'background job failed');
  const stops = [
    every(2000, () => sources.flush(db), onJobError),
    every(15 * 60_000, () => identity.purgeExpiredSessions(), onJobError),
    every(10_000, async () => udpDrops({}, await syslog.udpKernelDrops()), onJobError),
    every(config.logSilence.checkIntervalSeconds * 1000, () => checkLogSilence(db, Date.now()), onJobError),
    every(
      config.retention.checkIntervalMinutes * 60_000,
      async () => {
        for (const o of await runRetention(db, events, retentionDefaults, Date.now())) {
          if (o.removedBatches > 0) logger.info({ retention: o, tenant: tenants.label(o.tenantId) }, 'retention removed batches');
        }
      },
      onJobError,
    ),
  ];
  await monitors.start();
  notifications.start();
  if (!(await identity.hasUsers())) {
    logger.warn('no users yet: create the first admin on this machine with `mamori user create <name> --role admin` (ユーザーがいません。`mamori user create` で最初の管理者を作成してください)');
  }
  alerts.start();
  await triage.start();
  incidents.start();
  ready = true;
  const url = `http://${config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host}:${httpPort}`;

  return {
    url,
    ports: { http: httpPort, ...syslog.ports },
    tlsCertPath: tlsPair?.certPath,
    createdAdminToken,
    control,
    events,
    logger,
    close: async () => {
      ready = false;
      await syslog.close();
      await app.close();
      await pipeline.drain();
      await detection.close();
      await monitors.stop();
      await notifications.stop();
      await alerts.stop();
      await triage.stop();
      await incidents.stop();
      for (const stop of stops) await stop();
      await sources.flush(db);
      await events.close();
      await control.close();
    },
  };
}

export async function readAdminToken(dataDir: string): Promise<string | undefined> {
  try {
    return (await readFile(path.join(dataDir, ADMIN_TOKEN_FILE), 'utf8')).trim();
  } catch {
    return undefined;
  }
}
