import { Counter, Histogram, Meter, MeterProvider, metrics } from '@opentelemetry/api';

/** The meter of the service's own metrics (the `customMetrics` table in Application Insights). */
export const METER_NAME = 'ipt-companion';

/** Metric names: the operator's dashboards and alert rules use them, so they do not change lightly. */
export const METRICS = {
  turnDuration: 'ipt.turn.duration',
  alertTimeToFirstDelivery: 'ipt.alert.time_to_first_delivery',
  outboxDepth: 'ipt.alert.outbox.depth',
  outboxOldestAge: 'ipt.alert.outbox.oldest_age',
  reminderLag: 'ipt.reminder.lag',
  screeningResults: 'ipt.screening.results',
} as const;

export interface ServiceMetrics {
  meter: Meter;
  /** Milliseconds from an activity's arrival at the bot to the end of its turn. */
  turnDuration: Histogram;
  /** Seconds from an alert's creation to its first delivered notification. */
  alertTimeToFirstDelivery: Histogram;
  /** Seconds a reminder went out after it was due. */
  reminderLag: Histogram;
  /** One per screened turn, by level and whether the screener asked to confirm. */
  screeningResults: Counter;
}

/**
 * The service's instruments, from whichever meter provider is registered now: the OpenTelemetry API hands
 * out no-op instruments until a provider is registered and never upgrades them, so they are made per
 * provider (once each) rather than once at module load, before telemetry has started.
 */
const byProvider = new WeakMap<MeterProvider, ServiceMetrics>();

export function serviceMetrics(): ServiceMetrics {
  const provider = metrics.getMeterProvider();
  let instruments = byProvider.get(provider);
  if (!instruments) {
    const meter = provider.getMeter(METER_NAME);
    instruments = {
      meter,
      turnDuration: meter.createHistogram(METRICS.turnDuration, { unit: 'ms', description: 'Time a bot turn took, from the activity to its last reply' }),
      alertTimeToFirstDelivery: meter.createHistogram(METRICS.alertTimeToFirstDelivery, {
        unit: 's',
        description: 'Time from a safety alert being stored to its first delivered notification',
      }),
      reminderLag: meter.createHistogram(METRICS.reminderLag, { unit: 's', description: 'How late a reminder was sent after its due time' }),
      screeningResults: meter.createCounter(METRICS.screeningResults, { unit: '{turn}', description: 'Screened turns by risk level and confirmation' }),
    };
    byProvider.set(provider, instruments);
  }
  return instruments;
}
