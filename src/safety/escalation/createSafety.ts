import { CloudAdapter } from 'botbuilder';
import { Clock, systemClock } from '../../clock';
import { Logger } from '../../logger';
import { ClientState } from '../../bot/clientState';
import { CONTAINERS } from '../../storage/containers';
import { DocumentStore } from '../../storage/documentStore';
import { CrisisResourceCatalog } from '../crisisResources';
import { SafetyGuard } from '../safetyGuard';
import { SafetyPlanStore } from '../safetyPlan';
import type { ScreenTexts } from '../turnScreening';
import { CaringFollowUps, ClientHoursLookup } from '../../scheduling/caringFollowUp';
import { AlertService } from './alertService';
import { AlertRetention } from './alertRetention';
import { SafetySettings } from './careTeamConfig';
import { CareTeamDirectory, ConfigCareTeamDirectory, TeamsContactStore } from './careTeamDirectory';
import { AlertOutboxWorker } from './outboxWorker';
import { CloudAdapterProactiveSender, ProactiveSender, TeamsAlertChannel } from './teamsChannel';
import { WebhookAlertChannel } from './webhookChannel';
import { defaultRouteProblem } from './deliverability';
import { ClientRepository } from '../../client/clientRepository';
import { LowMoodNotices } from '../../clinician/lowMoodNotices';
import { LowMoodNoticeOutbox } from '../../clinician/lowMoodNoticeOutbox';

const NOTICE_POLL_MS = 60_000;

export interface SafetyServices {
  guard: SafetyGuard;
  alerts: AlertService;
  worker: AlertOutboxWorker;
  /** Delivers the clinician's low-mood notices (not alerts: no acknowledgement, no escalation). */
  noticeOutbox: LowMoodNoticeOutbox;
  /**
   * For `/readyz`: fails while some client's alert would reach no one (no default programme for unenrolled
   * clients, or it has no on-call or webhook), while a programme has a webhook that can never deliver, or
   * while a stored alert could not be routed to anyone.
   */
  readiness: { name: string; check(): Promise<void> };
}

export interface SafetyWiring {
  settings: SafetySettings;
  store: DocumentStore;
  clientState: ClientState;
  logger: Logger;
  clock?: Clock;
  /** The adapter the proactive Teams cards go through (a getter: the adapter may be built after the bot). */
  adapter: () => CloudAdapter;
  botAppId: string;
  /** Replaces the CloudAdapter sender (tests). */
  proactiveSender?: ProactiveSender;
  directory?: CareTeamDirectory;
  resources?: CrisisResourceCatalog;
  /** Replaces the screener (tests hand in the result a turn acts on). */
  screen?: ScreenTexts;
  /** Where a client's own zone and quiet hours are known (the programmes), for the caring follow-up's hour. */
  clientHours?: ClientHoursLookup;
}

/** Builds the safety side of the service: the turn guard, the alert service and the outbox worker. */
export function createSafety(wiring: SafetyWiring): SafetyServices {
  const { settings, store, logger } = wiring;
  const clock = wiring.clock ?? systemClock;
  const directory = wiring.directory ?? new ConfigCareTeamDirectory(settings);
  const contacts = new TeamsContactStore(store);
  const alerts = new AlertService({ store, directory, logger, clock, ackTimeoutMinutes: settings.ackTimeoutMinutes, onStored: () => worker.kick() });
  const sender: ProactiveSender = wiring.proactiveSender ?? {
    send: (reference, activity) => new CloudAdapterProactiveSender(wiring.adapter(), wiring.botAppId).send(reference, activity),
  };
  const worker = new AlertOutboxWorker({
    store,
    alerts,
    directory,
    channels: [new TeamsAlertChannel(sender, contacts, directory), new WebhookAlertChannel({ directory, clock, timeoutMs: settings.sendTimeoutSeconds * 1000, policy: settings.webhookPolicy })],
    logger,
    clock,
    ackTimeoutMinutes: settings.ackTimeoutMinutes,
    retryBaseMs: settings.retryBaseSeconds * 1000,
    pollMs: settings.outboxPollMs,
    sendTimeoutMs: settings.sendTimeoutSeconds * 1000,
    retention: new AlertRetention({ store, directory, logger, clock }),
  });
  const noticeOutbox = new LowMoodNoticeOutbox({
    store,
    sender,
    contacts,
    directory,
    logger,
    clock,
    retryBaseMs: settings.retryBaseSeconds * 1000,
    // A new notice is sent at once (kicked when stored); the poll only picks up retries and what a crash
    // left behind, and it scans every client's documents, so a minute is often enough for a non-urgent card.
    pollMs: Math.max(settings.outboxPollMs, NOTICE_POLL_MS),
    sendTimeoutMs: settings.sendTimeoutSeconds * 1000,
  });
  const lowMoodNotices = new LowMoodNotices({ clients: new ClientRepository(store, clock), directory, logger, clock, onStored: () => noticeOutbox.kick() });
  const guard = new SafetyGuard({
    clientState: wiring.clientState,
    clock,
    logger,
    alerts,
    directory,
    contacts,
    resources: wiring.resources,
    safetyPlans: new SafetyPlanStore(store),
    screen: wiring.screen,
    followUps: new CaringFollowUps(store, { clock, lookup: wiring.clientHours }),
    lowMoodNotices,
  });
  if (!settings.programme) {
    logger.warn(
      'No safety escalation programme is configured (SAFETY_WEBHOOK_URL, SAFETY_CLINICIANS, SAFETY_ONCALL): alerts of clients linked to no programme reach someone only if an API programme is marked defaultForUnenrolled (/readyz says whether one is).',
    );
  }
  const readiness = {
    name: 'safetyEscalation',
    async check(): Promise<void> {
      const problems = await directory.deliveryProblems();
      const route = defaultRouteProblem(await directory.defaultProgramme());
      if (route) problems.unshift(route);
      const unrouted = await store.query(CONTAINERS.alerts, {
        where: [
          { field: 'kind', op: '=', value: 'safetyAlert' },
          { field: 'unrouted', op: '=', value: true },
        ],
        limit: 100,
      });
      if (unrouted.length > 0) {
        problems.unshift(`${unrouted.length} safety alert(s) are stored but no one could be notified: configure SAFETY_WEBHOOK_URL or SAFETY_ONCALL (or an API programme with defaultForUnenrolled) and restart`);
      }
      if (problems.length > 0) throw new Error(problems.join('; '));
    },
  };
  return { guard, alerts, worker, noticeOutbox, readiness };
}
