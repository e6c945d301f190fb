import { StatePropertyAccessor } from 'botbuilder';
import { Clock, systemClock } from '../clock';
import { Profile } from '../bot/profile';
import { ClientRepository } from './clientRepository';
import { ClientReminders, noProgrammeReminders } from './clientReminders';
import { EnrolmentCodes, noProgrammeEnrolmentCodes } from './enrolmentCodes';
import type { ClientSchedules } from '../scheduling/clientSchedule';

/** What the client dialogs need, injected once by MainDialog. */
export interface ClientServices {
  profileAccessor: StatePropertyAccessor<Profile>;
  clients: ClientRepository;
  clock: Clock;
  enrolment: EnrolmentCodes;
  /** The client's own reminders (a hard date, once a year); only a client linked to a programme gets them. */
  reminders: ClientReminders;
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
    ownReminders: options.ownReminders,
    careTeamReachable: options.careTeamReachable,
  };
}

/** turnState flag: this person's data was deleted during the turn, so their chat state must not be saved back. */
export const STATE_DELETED = Symbol('ipt.stateDeleted');
