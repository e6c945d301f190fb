/**
 * Builds the programme side of the service: the store-backed programmes, enrolment (the client dialogs'
 * `EnrolmentCodes` port), the care-team directory (the safety escalation's port), the programme API and
 * the in-process reminder scheduler. `src/app.ts` wires it; `src/scheduling/worker.ts` uses it without
 * the HTTP server.
 */
import type { CloudAdapter } from 'botbuilder';
import type { Server } from 'restify';
import { Clock, systemClock } from '../clock';
import { Config } from '../config';
import { Logger } from '../logger';
import { DocumentStore } from '../storage/documentStore';
import type { EnrolmentCodes } from '../client/enrolmentCodes';
import type { CareTeamDirectory } from '../safety/escalation/careTeamDirectory';
import { AlertAcknowledger, registerProgrammeApi } from '../api/programmeApi';
import { ApiRouter } from '../api/apiRouter';
import type { CaringSource } from '../scheduling/caringFollowUp';
import { ReminderDispatcher } from '../scheduling/reminderDispatcher';
import { BotReminderSender, ReminderSender } from '../scheduling/reminderSender';
import { Enrolment, StoreEnrolmentCodes } from './enrolment';
import { ConversationReferenceMiddleware } from './conversationReferenceMiddleware';
import { ProgrammeStore } from './programmeStore';
import { ReminderControls } from './reminderControls';
import { ProgrammeCourse } from './programmeCourse';
import { StoreCareTeamDirectory } from './storeCareTeamDirectory';
import type { DestinationPolicy } from '../safety/escalation/webhookDestination';

export interface ProgrammeWiring {
  settings: Config['programmes'];
  store: DocumentStore;
  logger: Logger;
  clock?: Clock;
  /** The adapter reminders go through (a getter: it may be built later). */
  adapter: () => CloudAdapter;
  botAppId: string;
  /** Replaces the CloudAdapter reminder sender (tests). */
  reminderSender?: ReminderSender;
  /** Which alert webhook destinations the API accepts (the safety settings' policy). */
  webhookPolicy?: DestinationPolicy;
  /** The programme configured with SAFETY_*, when there is one. */
  configuredProgrammeId?: string;
  /** SAFETY_ACK_TIMEOUT_MINUTES: the acknowledgement timeout of a programme that sets none (shown by the API). */
  defaultAckTimeoutMinutes?: number;
  /** Decides the caring follow-ups after safety alerts (the safety side's); without it the scheduler leaves them. */
  caring?: CaringSource;
}

export interface ProgrammeServices {
  programmes: ProgrammeStore;
  enrolment: Enrolment;
  enrolmentCodes: EnrolmentCodes;
  dispatcher: ReminderDispatcher;
  /** Snooze, change time, list: what a linked client can do about their reminders from chat. */
  reminderControls: ReminderControls;
  /** The course dates of a linked client (phases, "week 6 of 16"). */
  course: ProgrammeCourse;
  /** Adapter middleware: stores a linked client's conversation reference for reminders. */
  conversationReferences: ConversationReferenceMiddleware;
  /** The safety escalation's directory over the stored programmes, falling back to `fallback`. */
  careTeamDirectory(fallback?: CareTeamDirectory): CareTeamDirectory;
  /** Serves /api/v1 when an admin key is configured; returns undefined (API off) otherwise. */
  registerApi(server: Server, acknowledgeAlert?: AlertAcknowledger): ApiRouter | undefined;
  /** Starts the scheduler when SCHEDULER_ENABLED. */
  start(): void;
  stop(): Promise<void>;
}

export function createProgrammes(wiring: ProgrammeWiring): ProgrammeServices {
  const clock = wiring.clock ?? systemClock;
  const { settings, store, logger } = wiring;
  const programmes = new ProgrammeStore(store, {
    clock,
    enrolmentCodeTtlDays: settings.enrolmentCodeTtlDays,
    webhookPolicy: wiring.webhookPolicy,
    configuredProgrammeId: wiring.configuredProgrammeId,
  });
  const references = new ConversationReferenceMiddleware(programmes, clock);
  const enrolment = new Enrolment(programmes, store, { clock, onLinked: (identity) => references.forget(identity.channelId, identity.userId) });
  const sender: ReminderSender = wiring.reminderSender ?? {
    send: (message) => new BotReminderSender(wiring.adapter(), wiring.botAppId).send(message),
  };
  const dispatcher = new ReminderDispatcher({ store, programmes, sender, logger, clock, graceMinutes: settings.reminderGraceMinutes, caring: wiring.caring });
  return {
    programmes,
    enrolment,
    enrolmentCodes: new StoreEnrolmentCodes(enrolment),
    dispatcher,
    conversationReferences: references,
    reminderControls: new ReminderControls(programmes, store, clock),
    course: new ProgrammeCourse(programmes),
    careTeamDirectory: (fallback) => new StoreCareTeamDirectory(programmes, fallback, wiring.webhookPolicy),
    registerApi(server, acknowledgeAlert) {
      if (!settings.adminApiKey) {
        logger.info('Programme API off: set ADMIN_API_KEY to serve /api/v1');
        return undefined;
      }
      return registerProgrammeApi({ server, store, programmes, adminKey: settings.adminApiKey, logger, acknowledgeAlert, defaultAckTimeoutMinutes: wiring.defaultAckTimeoutMinutes });
    },
    start() {
      if (settings.schedulerEnabled) dispatcher.start(settings.schedulerIntervalSeconds * 1000);
    },
    stop: () => dispatcher.stop(),
  };
}
