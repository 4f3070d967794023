/**
 * The pipeline's DetectionStage: per tenant, a TenantEngine built from the catalog on first use and rebuilt
 * after a change. Runs synchronously on the parsed batch; the alerts it found are queued for the writer once
 * the batch id is known (an event's id is batchId:index). Never throws: a failure costs the batch's
 * detections and is reported, ingest goes on.
 */
import type { DetectionStage } from '../../ingest/pipeline.ts';
import { UNASSIGNED_TENANT_ID } from '../../ingest/router.ts';
import type { AlertWriter } from './alert-writer.ts';
import type { DetectionCatalog } from './detection-catalog.ts';
import { TenantEngine } from './tenant-engine.ts';

export interface DetectionEngineOptions {
  /** Correlation groups one rule keeps per tenant (bounded memory). */
  maxGroupsPerRule: number;
}

export class DetectionEngine {
  private readonly engines = new Map<number, TenantEngine>();
  private readonly suppressedTotals = new Map<number, number>();
  failures = 0;

  constructor(
    private readonly catalog: DetectionCatalog,
    private readonly writer: AlertWriter,
    private readonly options: DetectionEngineOptions,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Drops compiled state so the next batch rebuilds it; no tenant means all of them (library change). */
  invalidate(tenantId?: number): void {
    for (const [id, engine] of this.engines) {
      if (tenantId !== undefined && id !== tenantId) continue;
      this.keepSuppressed(engine);
      this.engines.delete(id);
    }
  }

  engineFor(tenantId: number): TenantEngine {
    let engine = this.engines.get(tenantId);
    if (!engine) {
      engine = new TenantEngine(this.catalog.buildTenantConfig(tenantId), this.options.maxGroupsPerRule);
      this.engines.set(tenantId, engine);
    }
    return engine;
  }

  /** Correlation groups held and evicted by the cap, summed over tenants (bounded-memory monitoring). */
  correlationStats(): { groups: number; evicted: number } {
    let groups = 0;
    let evicted = 0;
    for (const engine of this.engines.values()) {
      const s = engine.stats();
      groups += s.groups;
      evicted += s.evicted;
    }
    return { groups, evicted };
  }

  /** Detections each suppression swallowed since the server started (kept across engine rebuilds). */
  suppressionHits(): ReadonlyMap<number, number> {
    for (const engine of this.engines.values()) this.keepSuppressed(engine);
    return this.suppressedTotals;
  }

  private keepSuppressed(engine: TenantEngine): void {
    for (const [id, n] of engine.takeSuppressed()) this.suppressedTotals.set(id, (this.suppressedTotals.get(id) ?? 0) + n);
  }

  readonly stage: DetectionStage = (tenantId, events) => {
    if (tenantId === UNASSIGNED_TENANT_ID || events.length === 0) return undefined;
    try {
      const now = Date.now();
      if (now >= this.catalog.nextIndicatorExpiry) {
        this.catalog.dropExpiredIndicators(now);
        this.invalidate();
      }
      const detections = this.engineFor(tenantId).inspect(events, now);
      if (detections.length === 0) return undefined;
      return (batchId) => this.writer.enqueue(tenantId, detections, batchId);
    } catch (err) {
      this.failures++;
      this.onError(err);
      return undefined;
    }
  };
}
