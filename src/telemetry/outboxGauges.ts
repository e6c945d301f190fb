import type { BatchObservableCallback } from '@opentelemetry/api';
import { Clock, systemClock } from '../clock';
import { CONTAINERS } from '../storage/containers';
import { DocumentStore } from '../storage/documentStore';
import type { Alert } from '../safety/escalation/alert';
import { METRICS, serviceMetrics } from './serviceMetrics';

export interface OutboxGaugeOptions {
  store: DocumentStore;
  clock?: Clock;
  /** The store is read at most this often, however often the gauges are collected. */
  refreshMs?: number;
  /** At most this many alerts are looked at per read (more are reported as this many). */
  limit?: number;
}

interface Snapshot {
  depth: number;
  oldestAgeSeconds: number;
}

/**
 * Two gauges over the alert outbox: how many alerts still owe a notification (a delivery pending or being
 * sent), and how long the oldest of them has existed. Only alerts with work scheduled (`nextActionAt` set)
 * are read, which the outbox worker queries anyway, and at most once per `refreshMs`.
 */
export class OutboxGauges {
  private readonly clock: Clock;
  private readonly refreshMs: number;
  private readonly limit: number;
  private snapshot?: Snapshot;
  private readAt?: number;
  private reading?: Promise<void>;

  constructor(private readonly options: OutboxGaugeOptions) {
    this.clock = options.clock ?? systemClock;
    this.refreshMs = options.refreshMs ?? 30_000;
    this.limit = options.limit ?? 1000;
  }

  /** Registers the gauges with the current meter provider; the returned function removes them (on shutdown). */
  register(): () => void {
    const { meter } = serviceMetrics();
    const depth = meter.createObservableGauge(METRICS.outboxDepth, { unit: '{alert}', description: 'Safety alerts with a notification not yet delivered' });
    const oldest = meter.createObservableGauge(METRICS.outboxOldestAge, { unit: 's', description: 'Age of the oldest safety alert with a notification not yet delivered' });
    const callback: BatchObservableCallback = async (result) => {
      const snapshot = await this.current();
      if (!snapshot) return;
      result.observe(depth, snapshot.depth);
      result.observe(oldest, snapshot.oldestAgeSeconds);
    };
    meter.addBatchObservableCallback(callback, [depth, oldest]);
    return () => meter.removeBatchObservableCallback(callback, [depth, oldest]);
  }

  /** The last reading, refreshed when older than `refreshMs`; undefined when the store could not be read yet. */
  private async current(): Promise<Snapshot | undefined> {
    const now = this.clock.now().getTime();
    if (this.readAt === undefined || now - this.readAt >= this.refreshMs) {
      this.reading ??= this.read(now)
        .catch(() => undefined)
        .finally(() => (this.reading = undefined));
      await this.reading;
    }
    return this.snapshot;
  }

  private async read(now: number): Promise<void> {
    const docs = await this.options.store.query<Alert>(CONTAINERS.alerts, {
      where: [
        { field: 'kind', op: '=', value: 'safetyAlert' },
        { field: 'nextActionAt', op: '>=', value: 0 },
      ],
      limit: this.limit,
    });
    let depth = 0;
    let oldestCreated = now;
    for (const doc of docs) {
      if (!doc.body.deliveries.some((d) => d.status === 'pending' || d.status === 'sending')) continue;
      depth++;
      oldestCreated = Math.min(oldestCreated, Date.parse(doc.body.createdAt));
    }
    this.snapshot = { depth, oldestAgeSeconds: Math.max(0, now - oldestCreated) / 1000 };
    this.readAt = now;
  }
}
