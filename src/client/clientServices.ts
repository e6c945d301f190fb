import { StatePropertyAccessor } from 'botbuilder';
import { Clock, systemClock } from '../clock';
import { Profile } from '../bot/profile';
import { ClientRepository } from './clientRepository';
import { ClientReminders, noProgrammeReminders } from './clientReminders';
import { EnrolmentCodes, noProgrammeEnrolmentCodes } from './enrolmentCodes';
import { MeasureSafetyReferral } from '../measures/safetyReferral';
import { clinicianOnlyScores, MeasureSettings } from '../measures/measureSettings';
import { LowMoodNotifier, LowMoodWatch } from '../measures/lowMoodWatch';
import { createLogger, Logger } from '../logger';
import { ClientCourse, noProgrammeCourse } from './clientCourse';
import type { ClientSchedules } from '../scheduling/clientSchedule';

/** What the client dialogs need, injected once by MainDialog. */
export interface ClientServices {
  profileAccessor: StatePropertyAccessor<Profile>;
  clients: ClientRepository;
  clock: Clock;
  enrolment: EnrolmentCodes;
  /** The client's own reminders (a hard date, once a year); only a client linked to a programme gets them. */
  reminders: ClientReminders;
  /** Where a positive PHQ-9 item 9 goes (the safety guard); absent only in tests of dialogs without safety. */
  safetyReferral?: MeasureSafetyReferral;
  /** Whether the client's programme shows them their own scores. */
  measureSettings: MeasureSettings;
  /** Tells the clinician of a sustained low mood once per episode (after check-ins and PHQ-9s); absent without safety. */
  lowMood?: LowMoodWatch;
  /** The client's course dates (phases, "week 6 of 16"); only a client linked to a programme has a course. */
  course: ClientCourse;
  /** Reminders a client without a programme sets for themselves (daily check-in time); absent when not wired. */
  ownReminders?: ClientSchedules;
  /** Whether anyone (clinician, on-call, webhook) could be alerted about this chat identity; unknown when not wired. */
  careTeamReachable?: CareTeamReachable;
}

export type CareTeamReachable = (channelId: string, userId: string) => Promise<boolean>;

/** The collaborators the bot is built with. Records always go to a real store; no programme means no enrolment codes and no reminders. */
export interface ClientServiceOptions {
  clients: ClientRepository;
  clock?: Clock;
  enrolment?: EnrolmentCodes;
  reminders?: ClientReminders;
  safetyReferral?: MeasureSafetyReferral;
  measureSettings?: MeasureSettings;
  lowMoodNotifier?: LowMoodNotifier;
  logger?: Logger;
  course?: ClientCourse;
  ownReminders?: ClientSchedules;
  careTeamReachable?: CareTeamReachable;
}

export function clientServices(profileAccessor: StatePropertyAccessor<Profile>, options: ClientServiceOptions): ClientServices {
  const clock = options.clock ?? systemClock;
  return {
    profileAccessor,
    clock,
    clients: options.clients,
    enrolment: options.enrolment ?? noProgrammeEnrolmentCodes,
    reminders: options.reminders ?? noProgrammeReminders,
    safetyReferral: options.safetyReferral,
    measureSettings: options.measureSettings ?? clinicianOnlyScores,
    lowMood: options.lowMoodNotifier ? new LowMoodWatch(options.clients, options.lowMoodNotifier, options.logger ?? createLogger('silent'), clock) : undefined,
    course: options.course ?? noProgrammeCourse,
    ownReminders: options.ownReminders,
    careTeamReachable: options.careTeamReachable,
  };
}

/** turnState flag: this person's data was deleted during the turn, so their chat state must not be saved back. */
export const STATE_DELETED = Symbol('ipt.stateDeleted');
