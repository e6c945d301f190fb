/**
 * `npm run worker`: the reminder scheduler as a process of its own, over the same store as the service
 * (any number of workers and service instances may run together; each reminder is claimed and sent once).
 * It sends through the Bot Framework adapter with the service's credentials. Stop it with SIGTERM/SIGINT:
 * the tick in progress finishes first.
 */
import { loadConfigOrExit } from '../config';
import { createLogger } from '../logger';
import { createAdapter } from '../bot/adapter';
import { createDocumentStore } from '../storage/createStore';
import { exitOnDataFolderError } from '../startupErrors';
import { createProgrammes } from '../programmes/createProgrammes';
import { AlertCaringSource } from '../safety/escalation/caringSource';
import { startTelemetry } from '../telemetry/startTelemetry';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel);
  // Before anything sends: the HTTP instrumentation must be in place before the Bot Connector client is used.
  const telemetry = startTelemetry(config.telemetry, logger);
  const store = await createDocumentStore(config.store, { logger }).catch(exitOnDataFolderError);
  const adapter = createAdapter(config, logger);
  const programmes = createProgrammes({ settings: config.programmes, store, logger, adapter: () => adapter, botAppId: config.botAuth.MicrosoftAppId, caring: new AlertCaringSource(store) });
  programmes.dispatcher.start(config.programmes.schedulerIntervalSeconds * 1000);
  logger.info({ intervalSeconds: config.programmes.schedulerIntervalSeconds, store: config.store.kind }, 'Reminder worker running');

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'reminder worker stopping');
    programmes
      .stop()
      .then(() => store.close())
      .then(() => telemetry.shutdown())
      .then(
        () => process.exit(0),
        (error: Error) => {
          logger.error({ err: { name: error.name } }, 'reminder worker shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

void main();
