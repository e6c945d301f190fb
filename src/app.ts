import { AddressInfo, isIP } from 'node:net';
import { Config } from './config';
import { Logger } from './logger';
import { createAdapter } from './bot/adapter';
import { ClientState } from './bot/clientState';
import { IptBot } from './bot/iptBot';
import { ClientRepository } from './client/clientRepository';
import { createHttpServer } from './server/httpServer';
import { LocalDirectLine } from './server/localDirectLine';
import { registerWebChatPage } from './server/webChatPage';
import { createDocumentStore } from './storage/createStore';
import { BotStateStorage } from './storage/botStateStorage';
import { DocumentStore } from './storage/documentStore';
import { StoreWriteCheck } from './storage/writeCheck';
import { Clock, systemClock } from './clock';
import { createSafety } from './safety/escalation/createSafety';
import { AlertCaringSource } from './safety/escalation/caringSource';
import type { ProactiveSender } from './safety/escalation/teamsChannel';
import { ConfigCareTeamDirectory } from './safety/escalation/careTeamDirectory';
import { createProgrammes } from './programmes/createProgrammes';
import type { ReminderSender } from './scheduling/reminderSender';
import { createClinician } from './clinician/createClinician';
import { ProgrammeMeasureSettings } from './programmes/programmeMeasureSettings';
import { AccessAuditStore } from './clinician/accessAudit';
import { AlertErasure } from './safety/escalation/alertErasure';
import { ClientUnlinking } from './programmes/clientUnlinking';
import { OutboxGauges } from './telemetry/outboxGauges';
import { ClientSchedules } from './scheduling/clientSchedule';

export interface Service {
  /** The base URL it listens on, e.g. http://127.0.0.1:3978. */
  url: string;
  /** The address it listens on (config.host): 127.0.0.1 in local mode unless HOST says otherwise. */
  host: string;
  port: number;
  store: DocumentStore;
  /** Stops accepting, lets running turns finish (up to the grace period), closes the store. */
  stop(): Promise<void>;
}

export interface ServiceDependencies {
  clock?: Clock;
  store?: DocumentStore;
  /** Safety: replaces the CloudAdapter proactive sender of alert cards (tests). */
  proactiveSender?: ProactiveSender;
  /** Programmes: replaces the CloudAdapter reminder sender (tests). */
  reminderSender?: ReminderSender;
}

/** Builds and starts the whole service from a configuration. `src/index.ts` is its only production caller. */
export async function startService(config: Config, logger: Logger, deps: ServiceDependencies = {}): Promise<Service> {
  const clock = deps.clock ?? systemClock;
  const store = deps.store ?? (await createDocumentStore(config.store));
  const clientState = new ClientState(new BotStateStorage(store));
  // Programmes: programme store, enrolment, care-team directory, API and reminder scheduler.
  const programmes = createProgrammes({
    settings: config.programmes,
    store,
    logger,
    clock,
    adapter: () => adapter,
    botAppId: config.botAuth.MicrosoftAppId,
    reminderSender: deps.reminderSender,
    webhookPolicy: config.safety.webhookPolicy,
    configuredProgrammeId: config.safety.programme?.id,
    defaultAckTimeoutMinutes: config.safety.ackTimeoutMinutes,
    caring: new AlertCaringSource(store),
  });
  // Safety: screening guard, alerts and their outbox worker. The adapter is built just below.
  const safety = createSafety({
    settings: config.safety,
    store,
    clientState,
    logger,
    clock,
    adapter: () => adapter,
    botAppId: config.botAuth.MicrosoftAppId,
    proactiveSender: deps.proactiveSender,
    directory: programmes.careTeamDirectory(new ConfigCareTeamDirectory(config.safety)),
    // The caring follow-up after an alert comes at the client's local hour, outside their quiet hours.
    clientHours: async (channelId, userId) => {
      const client = await programmes.programmes.clientForChat(channelId, userId);
      return client ? { timeZone: client.timeZone, quietHours: client.quietHours } : undefined;
    },
  });
  // "Delete my data" keeps safety alerts, the access audit and the programme's record, without the client in them.
  const keepers = [new AlertErasure(store, clock), new AccessAuditStore(store, clock), new ClientUnlinking(programmes.programmes, store, clock)];
  const bot = new IptBot(clientState, clock, { clients: new ClientRepository(store, clock, keepers), enrolment: programmes.enrolmentCodes, reminders: programmes.reminderControls, measureSettings: new ProgrammeMeasureSettings(programmes.programmes), course: programmes.course, ownReminders: new ClientSchedules(store, { clock }) }, safety.guard);
  // Clinicians: their Teams turns (alert inbox, summary, authoring) and API routes, with an access audit.
  const clinician = createClinician({ store, programmes: programmes.programmes, alerts: safety.alerts, logger, clock });
  bot.useClinicianTurns(clinician.turns);
  const adapter = createAdapter(config, logger);
  adapter.use(programmes.conversationReferences);

  const { server, inFlight } = createHttpServer({
    adapter,
    bot,
    logger,
    maxBodyBytes: config.maxBodyBytes,
    readiness: [new StoreWriteCheck(store, { clock }), safety.readiness],
  });
  clinician.registerApi(programmes.registerApi(server, (alertId, aadObjectId) => safety.alerts.acknowledge(alertId, aadObjectId)));

  if (config.localMode) {
    new LocalDirectLine(server, logger).register();
    registerWebChatPage(server);
  }

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port, address } = server.server.address() as AddressInfo;
  // A wildcard address is reached through loopback from this machine; a specific one through itself.
  const reachable = isIP(address) === 6 ? (address === '::' ? '127.0.0.1' : `[${address}]`) : address === '0.0.0.0' ? '127.0.0.1' : address;
  safety.worker.start();
  safety.noticeOutbox.start();
  programmes.start();
  // Outbox depth and oldest undelivered alert, read when metrics are collected (no-ops without telemetry).
  const removeGauges = new OutboxGauges({ store, clock }).register();

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.server.close(() => resolve()));
      server.server.closeIdleConnections();
      await inFlight.drain(config.shutdownGraceMs);
      server.server.closeAllConnections();
      await closed;
      await safety.worker.stop();
      await safety.noticeOutbox.stop();
      await programmes.stop();
      removeGauges();
      await store.close();
    })());

  return { url: `http://${reachable}:${port}`, host: address, port, store, stop };
}
