import type { MetricsRegistry } from './prometheus.ts';

/** The ING-4 counters: nothing is lost silently, every drop and parse failure shows up here. */
export class IngestMetrics {
  private readonly receivedTotal;
  private readonly parsedTotal;
  private readonly failedTotal;
  private readonly storedTotal;
  private readonly droppedTotal;
  private readonly storeFailuresTotal;
  private readonly lagGauge;
  private readonly detectionFailuresTotal;

  constructor(
    registry: MetricsRegistry,
    private readonly tenantLabel: (tenantId: number) => string,
  ) {
    this.receivedTotal = registry.counter('mamori_events_received_total', 'Log lines received, by tenant and format');
    this.parsedTotal = registry.counter('mamori_events_parsed_total', 'Lines parsed without error');
    this.failedTotal = registry.counter('mamori_events_failed_total', 'Lines kept raw with a parse error');
    this.storedTotal = registry.counter('mamori_events_stored_total', 'Events durably stored');
    this.droppedTotal = registry.counter('mamori_events_dropped_total', 'Lines dropped before routing, by transport and reason');
    this.storeFailuresTotal = registry.counter('mamori_store_failures_total', 'Events whose store write failed');
    this.detectionFailuresTotal = registry.counter('mamori_detection_failures_total', 'Stored batches whose detection results could not be recorded');
    this.lagGauge = registry.gauge('mamori_ingest_lag_seconds', 'Receive-to-stored delay of the oldest line in the last stored batch');
  }

  /** Counted per batch, not per line: label lookups per line showed in profiles. */
  parsedBatch(tenantId: number, formats: readonly string[], parseErrors: ReadonlyArray<string | null>): void {
    const counts = new Map<string, { ok: number; failed: number }>();
    for (let i = 0; i < formats.length; i++) {
      let c = counts.get(formats[i]!);
      if (!c) counts.set(formats[i]!, (c = { ok: 0, failed: 0 }));
      if (parseErrors[i] == null) c.ok++;
      else c.failed++;
    }
    const tenant = this.tenantLabel(tenantId);
    for (const [format, c] of counts) {
      const labels = { tenant, format };
      this.receivedTotal(labels, c.ok + c.failed);
      if (c.ok) this.parsedTotal(labels, c.ok);
      if (c.failed) this.failedTotal(labels, c.failed);
    }
  }

  stored(tenantId: number, format: string, count: number): void {
    this.storedTotal({ tenant: this.tenantLabel(tenantId), format }, count);
  }

  dropped(transport: string, reason: string, count = 1): void {
    this.droppedTotal({ transport, reason }, count);
  }

  storeFailures(count: number): void {
    this.storeFailuresTotal({}, count);
  }

  detectionFailure(): void {
    this.detectionFailuresTotal({});
  }

  lag(ms: number): void {
    this.lagGauge({}, Math.max(0, ms) / 1000);
  }
}
