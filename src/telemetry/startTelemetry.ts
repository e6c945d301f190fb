import { Logger } from '../logger';
import type { AzureMonitorExtras } from './azureMonitor';

export interface Telemetry {
  /** Whether spans and metrics are exported. */
  enabled: boolean;
  /** Flushes what is buffered and stops exporting; call after the service stopped. */
  shutdown(): Promise<void>;
}

/**
 * Starts exporting to Azure Monitor when a connection string is configured. Call it before the HTTP server
 * is created: the distro's HTTP instrumentation patches Node's `http` module. Without a connection string
 * nothing of OpenTelemetry's SDK is loaded, and the service's spans and metrics go to the API's no-ops.
 */
export function startTelemetry(settings: { connectionString?: string }, logger: Logger, extras?: AzureMonitorExtras): Telemetry {
  if (!settings.connectionString) return { enabled: false, shutdown: () => Promise.resolve() };
  // require, not import(): the distro and its SDK add a noticeable part to start-up and are not needed
  // without a connection string; a dynamic import() goes to Node's ESM loader, which tsx's require hook
  // (tests) does not serve.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startAzureMonitor } = require('./azureMonitor') as typeof import('./azureMonitor');
  const started = startAzureMonitor(settings.connectionString, extras);
  logger.info({ telemetry: 'azure-monitor' }, 'Exporting traces and metrics to Azure Monitor');
  return {
    enabled: true,
    shutdown: () =>
      started.shutdown().catch((error: Error) => {
        logger.warn({ err: { name: error.name } }, 'telemetry did not flush before shutdown');
      }),
  };
}
