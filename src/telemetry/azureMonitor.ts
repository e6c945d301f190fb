/**
 * The only file that loads the Azure Monitor OpenTelemetry distro. It is required (lazily) by
 * `startTelemetry` only when a connection string is configured.
 */
import { shutdownAzureMonitor, useAzureMonitor } from '@azure/monitor-opentelemetry';
import type { AzureMonitorOpenTelemetryOptions, InstrumentationOptions } from '@azure/monitor-opentelemetry';
import { httpInstrumentationSettings } from './httpInstrumentation';
import { PrivacySpanProcessor } from './privacySpanProcessor';

/** Extra processors and readers, for a test that reads what would be exported. */
export type AzureMonitorExtras = Pick<AzureMonitorOpenTelemetryOptions, 'spanProcessors' | 'metricReaders'>;

export function startAzureMonitor(connectionString: string, extras: AzureMonitorExtras = {}): { shutdown(): Promise<void> } {
  const instrumentationOptions: InstrumentationOptions = {
    http: httpInstrumentationSettings(),
    // Cosmos DB calls appear as dependencies; their URLs go through the privacy processor like any span's.
    azureSdk: { enabled: true },
    mongoDb: { enabled: false },
    mySql: { enabled: false },
    postgreSql: { enabled: false },
    redis: { enabled: false },
    redis4: { enabled: false },
    bunyan: { enabled: false },
    winston: { enabled: false },
  };
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    instrumentationOptions,
    // Before any exporting processor (the distro adds its batch exporter last), so none sees an unscrubbed span.
    spanProcessors: [new PrivacySpanProcessor(), ...(extras.spanProcessors ?? [])],
    metricReaders: extras.metricReaders,
    // Live Metrics streams request URLs and exception messages as they happen, outside the processors above.
    enableLiveMetrics: false,
  });
  return { shutdown: async () => void (await shutdownAzureMonitor()) };
}
