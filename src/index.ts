import { loadConfigOrExit } from './config';
import { createLogger } from './logger';
import { startService } from './app';
import { exitOnDataFolderError } from './startupErrors';
import { startTelemetry } from './telemetry/startTelemetry';

/** Entry point: configuration, logging, the service, and the process signals. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  if (config.localMode) {
    logger.warn(
      { host: config.host },
      `*** LOCAL MODE: MicrosoftAppId is empty, so Bot Framework authentication is OFF and the local Web Chat page is served. ${config.host === '127.0.0.1' || config.host === '::1' ? 'Listening on this machine only.' : `HOST=${config.host}: anyone who reaches this address can post as any user. Never expose this to a network you do not trust.`} ***`,
    );
  }
  // Before the service: the HTTP instrumentation must be in place before the server is created.
  const telemetry = startTelemetry(config.telemetry, logger);
  const service = await startService(config, logger).catch(exitOnDataFolderError);
  logger.info({ host: service.host, port: service.port, store: config.store.kind, localMode: config.localMode }, `IPT Companion is listening${config.localMode ? ` — open http://localhost:${service.port}` : ''}`);

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    service
      .stop()
      // Last: the spans of the final turns are flushed too.
      .then(() => telemetry.shutdown())
      .then(
        () => process.exit(0),
        (error: Error) => {
          logger.error({ err: { name: error.name } }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

void main();
