/**
 * The proactive sender port, and the real one over the Bot Framework adapter. A reminder is a short
 * message and one button; tapping the button sends `value: { choice, reminder, reminderId }` back, and the
 * main dialog starts the matching dialog (check-in, problem follow-up, social nudge) from `choice`.
 */
import { Activity, ActivityTypes, CardFactory, CloudAdapter, ConversationReference, MessageFactory } from 'botbuilder';
import { Language, t } from '../i18n';
import type { ReminderKind } from '../programmes/schemas';
import type { InstrumentId } from '../measures/instruments';
import type { ExerciseFollowUpKind } from './clientSchedule';

export interface ReminderMessage {
  reminderId: string;
  /** A programme's reminder, or the caring follow-up after a safety alert (words only, no buttons). */
  kind: ReminderKind | ExerciseFollowUpKind | 'caringFollowUp';
  language: Language;
  /** The client's preferred name, when they gave one. */
  name?: string;
  conversationReference: Partial<ConversationReference>;
  /** A `measure` reminder: the questionnaires its button starts. */
  instruments?: InstrumentId[];
  /** The last two weeks of the course: a check-in reminder also offers the ending work. */
  endingWeeks?: boolean;
  /** The goodbye after the course: how to reach the clinic (the programme's `afterCourse` contact). */
  contact?: { text: string; url?: string };
}

export interface ReminderSender {
  /** Sends the reminder; throws a `ReminderSendError` (or any error, treated as a 5xx) when it fails. */
  send(message: ReminderMessage): Promise<void>;
}

/** A failed send with what the channel answered: the status and, for 429, how long to wait. */
export class ReminderSendError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs?: number,
  ) {
    super(`The channel answered ${status}`);
    this.name = 'ReminderSendError';
  }
}

/** A menu choice (dialogs/prompts/intents.ts) a reminder's button starts, or `snooze` ("later": it comes again in an hour). */
export type ReminderChoice = 'checkIn' | 'followUp' | 'nudge' | 'grief' | 'questionnaire' | 'snooze' | 'ending' | 'keepWell' | 'rehearse' | 'roleDispute' | 'roleTransition';

/** How long "later" puts a reminder off. */
export const SNOOZE_MINUTES = 60;

/**
 * The buttons of each reminder, the main one first; each title is `reminders.<kind>Button` (the first),
 * `reminders.snoozeButton`, or `reminders.<kind>Button_<choice>`. A hard date offers a quiet moment of grief
 * work or reaching out to someone, and no "later".
 */
export const REMINDER_CHOICES: Record<ReminderKind | ExerciseFollowUpKind, [ReminderChoice, ...ReminderChoice[]]> = {
  checkIn: ['checkIn', 'snooze'],
  problemFollowUp: ['followUp', 'snooze'],
  socialNudge: ['nudge', 'snooze'],
  anniversary: ['grief', 'nudge'],
  measure: ['questionnaire', 'snooze'],
  keepWell: ['checkIn', 'keepWell'],
  courseEnded: ['keepWell'],
  // An exercise's follow-up opens that exercise, which asks about the step first.
  talkFollowUp: ['rehearse'],
  disputeFollowUp: ['roleDispute'],
  transitionFollowUp: ['roleTransition'],
  griefFollowUp: ['grief'],
};

function buttonTitleKey(kind: ReminderKind | ExerciseFollowUpKind, choice: ReminderChoice, index: number): string {
  if (index === 0) return `reminders.${kind}Button`;
  return choice === 'snooze' ? 'reminders.snoozeButton' : `reminders.${kind}Button_${choice}`;
}

/**
 * The payload a reminder's button sends back: `choice` is what the main dialog already routes on (a menu
 * choice, sent without text), `reminder` and `reminderId` say which reminder was answered.
 */
export interface ReminderButtonValue {
  choice: ReminderChoice;
  reminder: ReminderKind | ExerciseFollowUpKind;
  reminderId: string;
  /** The questionnaires a `measure` reminder's button starts. */
  instruments?: InstrumentId[];
}

export function reminderActivity(message: ReminderMessage): Partial<Activity> {
  if (message.kind === 'caringFollowUp') {
    return MessageFactory.text(t(message.language, message.name ? 'safety.caring.message' : 'safety.caring.messageAnonymous', message.name ? { name: message.name } : {}));
  }
  const kind = message.kind;
  const textKey = message.name ? `reminders.${kind}` : `reminders.${kind}Anonymous`;
  const lines = [t(message.language, textKey, message.name ? { name: message.name } : {})];
  if (kind === 'courseEnded') lines.push(message.contact ? [message.contact.text, message.contact.url].filter(Boolean).join(' ') : t(message.language, 'reminders.courseEndedNoContact'));
  const choices: ReminderChoice[] = kind === 'checkIn' && message.endingWeeks ? [...REMINDER_CHOICES[kind], 'ending'] : REMINDER_CHOICES[kind];
  if (kind === 'checkIn' && message.endingWeeks) lines.push(t(message.language, 'reminders.checkInEnding'));
  const text = lines.join(' ');
  const buttons = choices.map((choice, index) => {
    const title = t(message.language, buttonTitleKey(kind, choice, index));
    const value: ReminderButtonValue = { choice, reminder: kind, reminderId: message.reminderId, ...(message.instruments ? { instruments: message.instruments } : {}) };
    return { type: 'messageBack', title, displayText: title, value };
  });
  const card = CardFactory.heroCard('', text, undefined, buttons);
  const activity = MessageFactory.attachment(card);
  activity.text = text; // channels that cannot show cards still show the words
  activity.type = ActivityTypes.Message;
  return activity;
}

/** Reads the HTTP status and Retry-After from whatever the connector client threw. */
export function toSendError(error: unknown): ReminderSendError {
  if (error instanceof ReminderSendError) return error;
  const e = error as { statusCode?: number; status?: number; response?: { status?: number; headers?: { get?(name: string): string | undefined } | Record<string, string> } };
  const status = e?.statusCode ?? e?.status ?? e?.response?.status ?? 500;
  const headers = e?.response?.headers;
  const raw = typeof headers?.get === 'function' ? headers.get('retry-after') : (headers as Record<string, string> | undefined)?.['retry-after'];
  return new ReminderSendError(status, parseRetryAfter(raw));
}

/** Retry-After as seconds or an HTTP date, in milliseconds. */
export function parseRetryAfter(raw: string | undefined, now: number = Date.now()): number | undefined {
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Sends through `CloudAdapter.continueConversationAsync` with the bot's app id (empty in local mode). */
export class BotReminderSender implements ReminderSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
  ) {}

  async send(message: ReminderMessage): Promise<void> {
    // The adapter hands errors inside the turn to onTurnError (which logs and swallows them), so the
    // send's own failure is caught here and rethrown after the turn.
    let failure: unknown;
    try {
      await this.adapter.continueConversationAsync(this.appId, message.conversationReference, async (context) => {
        try {
          await context.sendActivity(reminderActivity(message));
        } catch (error) {
          failure = error;
        }
      });
    } catch (error) {
      failure ??= error;
    }
    if (failure) throw toSendError(failure);
  }
}
