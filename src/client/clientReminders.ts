/**
 * The port through which the client's dialogs reach their reminders: put one off ("later"), see them and
 * move one to another time of day, and set up a yearly reminder of a hard date (grief work). Reminders go
 * out through the programme's scheduler, so only a client linked to a programme has any; without a
 * programme every request says `notLinked`.
 */
import type { EnrolmentIdentity } from './enrolmentCodes';
import type { ReminderKind } from '../programmes/schemas';
import type { MonthDay } from '../scheduling/schedule';

/** What a change did: when the reminder now comes next (ISO) in the client's zone, or why nothing changed. */
export type ReminderChange = { ok: true; nextDueAt?: string; timeZone: string } | { ok: false; reason: 'notLinked' | 'noSuchReminder' | 'badTime' };

/** The client's reminders as they stand, for "my reminders". */
export interface ReminderList {
  timeZone: string;
  reminders: Array<{ kind: ReminderKind; time: string; nextDueAt?: string; paused: boolean }>;
}

export type YearlyReminderResult =
  | { ok: true; /** ISO instant of the first message, and the zone it was planned in. */ nextDueAt: string; timeZone: string }
  /** notLinked: no programme knows this chat; afterCourse: the date does not come again before the course ends. */
  | { ok: false; reason: 'notLinked' | 'afterCourse' };

export interface ClientReminders {
  /** Whether this chat can get reminders at all (it is linked to a programme that can reach it). */
  available(identity: EnrolmentIdentity): Promise<boolean>;
  /** A message on `date` every year (at `ANNIVERSARY_TIME`, the client's time), within the course. */
  remindYearly(identity: EnrolmentIdentity, date: MonthDay): Promise<YearlyReminderResult>;
  /** The reminder of this kind once more after `minutes`; its regular times stay as they are. */
  snooze(identity: EnrolmentIdentity, kind: ReminderKind, minutes: number): Promise<ReminderChange>;
  /** Undefined when the chat is not linked to a programme. */
  list(identity: EnrolmentIdentity): Promise<ReminderList | undefined>;
  /** Moves the reminder of this kind to another time of day ("HH:mm", the client's time). */
  changeTime(identity: EnrolmentIdentity, kind: ReminderKind, time: string): Promise<ReminderChange>;
}

export const noProgrammeReminders: ClientReminders = {
  async available() {
    return false;
  },
  async remindYearly() {
    return { ok: false, reason: 'notLinked' };
  },
  async snooze() {
    return { ok: false, reason: 'notLinked' };
  },
  async list() {
    return undefined;
  },
  async changeTime() {
    return { ok: false, reason: 'notLinked' };
  },
};
