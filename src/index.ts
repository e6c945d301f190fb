import { loadConfigOrExit } from './config';
import { createLogger } from './logger';
import { startService } from './app';
import { exitOnDataFolderError } from './startupErrors';

/** Entry point: configuration, logging, the service, and the process signals. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  if (config.localMode) {
    logger.warn(
      '*** LOCAL MODE: MicrosoftAppId is empty, so Bot Framework authentication is OFF and the local Web Chat page is served. Never expose this to a network. ***',
    );
  }
  const service = await startService(config, logger).catch(exitOnDataFolderError);
  logger.info({ port: service.port, store: config.store.kind, localMode: config.localMode }, `IPT Companion is listening${config.localMode ? ` — open http://localhost:${service.port}` : ''}`);

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    service.stop().then(
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
