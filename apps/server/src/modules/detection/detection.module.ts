/**
 * The detection module, wired explicitly: catalog (rules, settings, suppressions, indicators in memory),
 * the pipeline's DetectionStage, the alert writer, and the API routes. `stage` goes to the IngestPipeline.
 */
import type { Logger } from 'pino';
import type { DetectionStage } from '../../ingest/pipeline.ts';
import type { TypedApp } from '../../http/typed.ts';
import type { MetricsRegistry } from '../../metrics/prometheus.ts';
import type { ControlDb } from '../../stores/control/control-store.ts';
import type { EventStore } from '../../stores/events/event-store.ts';
import type { TenantsService } from '../tenants/tenants.service.ts';
import { AlertWriter } from './alert-writer.ts';
import { loadBuiltinRules } from './builtin-rules.ts';
import { DetectionCatalog } from './detection-catalog.ts';
import { DetectionEngine } from './detection-stage.ts';
import { indicatorsRoutes } from './indicators.routes.ts';
import { IndicatorsService } from './indicators.service.ts';
import { rulesRoutes } from './rules.routes.ts';
import { RulesService } from './rules.service.ts';
import { tuningRoutes } from './tuning.routes.ts';
import { TuningService } from './tuning.service.ts';

export interface DetectionModuleOptions {
  /** ALR-1: repeats within this long of an open alert's last sighting join it. Default one hour. */
  groupWindowMs?: number;
  maxGroupsPerRule?: number;
}

export interface DetectionModule {
  stage: DetectionStage;
  engine: DetectionEngine;
  writer: AlertWriter;
  /** Used by the inquiry desk: an approved signature-disable request becomes a rule disable or suppression. */
  rules: RulesService;
  tuning: TuningService;
  routes(app: TypedApp, tenants: TenantsService): void;
  /** Waits for queued alerts to be written (call after the pipeline drained). */
  close(): Promise<void>;
}

export async function createDetectionModule(
  db: ControlDb,
  events: EventStore,
  logger: Logger,
  metrics: MetricsRegistry,
  options: DetectionModuleOptions = {},
): Promise<DetectionModule> {
  const catalog = new DetectionCatalog(db);
  const builtin = loadBuiltinRules();
  for (const r of builtin.rejected) logger.error({ rule: r }, 'built-in detection rule does not load');
  catalog.setBuiltin(builtin.documents);
  await catalog.loadAll();
  const onError = (err: unknown) => logger.error({ err }, 'detection failed');
  const writer = new AlertWriter(db, { groupWindowMs: options.groupWindowMs ?? 3_600_000, maxQueue: 100_000 }, onError);
  const engine = new DetectionEngine(catalog, writer, { maxGroupsPerRule: options.maxGroupsPerRule ?? 10_000 }, onError);
  metrics.collected('mamori_detection_correlation_groups', 'Correlation groups held in memory, all tenants', () => [
    { labels: {}, value: engine.correlationStats().groups },
  ]);
  metrics.collected('mamori_detection_correlation_evicted', 'Correlation groups dropped by the per-rule cap', () => [
    { labels: {}, value: engine.correlationStats().evicted },
  ]);
  metrics.collected('mamori_detection_dropped', 'Detections lost: alert queue full or write failed', () => [{ labels: {}, value: writer.dropped }]);
  metrics.collected('mamori_detection_failures', 'Batches whose detection failed', () => [{ labels: {}, value: engine.failures }]);
  const rules = new RulesService(db, catalog, engine);
  const tuning = new TuningService(db, catalog, engine);
  const indicators = new IndicatorsService(db, events, catalog, engine, writer);
  return {
    stage: engine.stage,
    engine,
    writer,
    rules,
    tuning,
    routes: (app, tenants) => {
      rulesRoutes(app, tenants, rules);
      tuningRoutes(app, tenants, tuning);
      indicatorsRoutes(app, tenants, indicators);
    },
    close: () => writer.idle(),
  };
}
