import { EventEmitter } from 'node:events';
import { parseLine } from '@mamori/parsers';
import type { EventStore } from '../stores/events/event-store.ts';
import type { PreparedEvent, RawMessage } from '../stores/events/event-batch.ts';
import { toBatchColumns } from './batch-builder.ts';
import { UNASSIGNED_TENANT_ID, type DeviceRoute, type Router } from './router.ts';
import type { IngestMetrics } from '../metrics/ingest-metrics.ts';
import type { SourceTracker } from './source-tracker.ts';

export interface PipelineOptions {
  batchSize: number;
  flushIntervalMs: number;
  maxPending: number;
}

/**
 * The detection stage sees each tenant's parsed batch before it is stored (matching needs the fields, which are
 * not kept afterwards) and returns what to do once the batch has its id: raise the alerts it found.
 */
export type DetectionStage = (tenantId: number, events: readonly PreparedEvent[]) => ((batchId: number) => void) | undefined;

export interface PipelineDeps {
  store: EventStore;
  detect?: DetectionStage;
  router: Router;
  metrics: IngestMetrics;
  sources: SourceTracker;
  options: PipelineOptions;
}

/** Messages submitted together: acknowledged together once all of them are stored. */
interface Unit {
  messages: RawMessage[];
  route: DeviceRoute | undefined;
  /** Overrides the device's format (file import of another format). */
  format: string | undefined;
  resolve: () => void;
  reject: (err: Error) => void;
}

/**
 * Messages handed to the writer and not yet committed. The writer commits in groups of up to one row
 * group (about 123k rows), so this lets a whole group build up while parsing goes on.
 */
const MAX_IN_FLIGHT_MESSAGES = 300_000;
const RELEASED: RawMessage[] = [];

/**
 * frame → route → parse → store, in batches. Parsing runs here while the writer thread stores the previous
 * batch, so both cores work. `submit` resolves only after the messages are durably stored.
 * Emits 'drain' when the backlog falls below half of `maxPending`, for paused TCP readers.
 */
export class IngestPipeline extends EventEmitter {
  private queue: Unit[] = [];
  private queuedMessages = 0;
  private inFlightMessages = 0;
  private timer: NodeJS.Timeout | undefined;
  private scheduled = false;
  private closed = false;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly deps: PipelineDeps) {
    super();
  }

  get pending(): number {
    return this.queuedMessages + this.inFlightMessages;
  }

  get overloaded(): boolean {
    return this.pending >= this.deps.options.maxPending;
  }

  submit(messages: RawMessage[], route?: DeviceRoute, format?: string): Promise<void> {
    if (this.closed) return Promise.reject(new Error('ingest pipeline is shutting down'));
    if (messages.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ messages, route, format, resolve, reject });
      this.queuedMessages += messages.length;
      if (this.queuedMessages >= this.deps.options.batchSize) this.pump();
      else this.timer ??= setTimeout(() => this.pump(), this.deps.options.flushIntervalMs);
    });
  }

  /** Fire-and-forget submission for syslog: failures are counted, not thrown. */
  offer(messages: RawMessage[]): void {
    const count = messages.length; // not the array: it must not stay reachable until the commit
    this.submit(messages).catch(() => this.deps.metrics.storeFailures(count));
  }

  /**
   * Parses and hands on one batch per turn of the event loop, so that listeners and HTTP stay
   * responsive however large the backlog is.
   */
  private pump(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.scheduled || this.queue.length === 0 || this.inFlightMessages >= MAX_IN_FLIGHT_MESSAGES) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.queue.length === 0 || this.inFlightMessages >= MAX_IN_FLIGHT_MESSAGES) return;
      this.runCycle(this.takeCycle());
      if (this.queuedMessages >= this.deps.options.batchSize || this.closed) this.pump();
      else if (this.queue.length > 0) this.timer ??= setTimeout(() => this.pump(), this.deps.options.flushIntervalMs);
    });
  }

  private takeCycle(): Unit[] {
    const units: Unit[] = [];
    let count = 0;
    while (this.queue.length > 0 && (count === 0 || count + this.queue[0]!.messages.length <= this.deps.options.batchSize)) {
      const unit = this.queue.shift()!;
      units.push(unit);
      count += unit.messages.length;
    }
    this.queuedMessages -= count;
    this.inFlightMessages += count;
    return units;
  }

  private runCycle(units: Unit[]): void {
    const count = units.reduce((n, u) => n + u.messages.length, 0);
    let oldest = Infinity;
    let batches;
    let formatCounts: Array<Map<string, number>>;
    let afterStore: Array<((batchId: number) => void) | undefined> = [];
    try {
      const byTenant = new Map<number, PreparedEvent[]>();
      for (const unit of units) {
        for (const message of unit.messages) {
          if (message.receivedAt < oldest) oldest = message.receivedAt;
          const prepared = this.prepare(message, unit);
          let list = byTenant.get(prepared.tenantId);
          if (!list) byTenant.set(prepared.tenantId, (list = []));
          list.push(prepared.event);
        }
      }
      batches = [...byTenant].map(([tenantId, events]) => toBatchColumns(tenantId, events));
      afterStore = this.deps.detect ? [...byTenant].map(([tenantId, events]) => this.deps.detect!(tenantId, events)) : [];
      formatCounts = batches.map(countFormats);
      batches.forEach((batch) => this.deps.metrics.parsedBatch(batch.tenantId, batch.format, batch.parseError));
      // The lines now live in the column batches on their way to the writer. Dropping them here keeps the
      // up to 300k lines awaiting their group commit out of the heap (measured: GC was the largest cost).
      for (const unit of units) unit.messages = RELEASED;
    } catch (err) {
      // Parsers are total; reaching here is a bug in our own code. Fail the units loudly rather than lose them silently.
      this.settle(units, count, err as Error);
      return;
    }
    this.deps.store.append(batches).then(
      (stored) => {
        stored.forEach((ref, i) => {
          for (const [format, n] of formatCounts[i]!) this.deps.metrics.stored(ref.tenantId, format, n);
          try {
            afterStore[i]?.(ref.batchId);
          } catch {
            this.deps.metrics.detectionFailure();
          }
        });
        this.deps.metrics.lag(Date.now() - oldest);
        this.settle(units, count);
      },
      (err: Error) => {
        this.deps.metrics.storeFailures(count);
        this.settle(units, count, err);
      },
    );
  }

  private settle(units: Unit[], count: number, err?: Error): void {
    this.inFlightMessages -= count;
    for (const unit of units) {
      if (err) unit.reject(err);
      else unit.resolve();
    }
    if (this.pending < this.deps.options.maxPending / 2) this.emit('drain');
    if (this.queue.length > 0) this.pump();
    else if (this.pending === 0) for (const w of this.idleWaiters.splice(0)) w();
  }

  private prepare(message: RawMessage, unit: Unit): { tenantId: number; event: PreparedEvent } {
    const line = message.bytes.toString('utf8');
    const route = unit.route ?? this.deps.router.route(message.sender, line);
    const format = unit.format ?? route?.format ?? 'auto';
    const outcome = parseLine(format, line, { receivedAt: message.receivedAt, timezone: route?.timezone ?? 'UTC' });
    const tenantId = route?.tenantId ?? UNASSIGNED_TENANT_ID;
    const ts = outcome.fields['@timestamp'];
    if (route) this.deps.sources.deviceSeen(route.deviceId, message.receivedAt);
    else this.deps.sources.unassignedSeen(message.sender, outcome.fields['log.syslog.hostname'], message.receivedAt);
    return {
      tenantId,
      event: {
        deviceId: route?.deviceId ?? null,
        receivedAt: message.receivedAt,
        ts: typeof ts === 'number' && Number.isFinite(ts) ? ts : message.receivedAt,
        format: outcome.format,
        parseError: outcome.error ?? null,
        sender: message.sender,
        raw: message.bytes,
        text: line,
        fields: outcome.fields,
      },
    };
  }

  /** Stops taking messages and resolves once everything submitted so far is stored (graceful shutdown). */
  async drain(): Promise<void> {
    this.closed = true;
    this.pump();
    if (this.pending === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }
}

function countFormats(batch: { format: string[] }): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of batch.format) counts.set(f, (counts.get(f) ?? 0) + 1);
  return counts;
}
