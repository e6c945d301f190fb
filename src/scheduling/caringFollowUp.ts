/**
 * The caring follow-up: one message the day after a safety alert ("I've been thinking about you since
 * yesterday…"), at a reasonable local hour, sent by the reminder dispatcher with the same claim, lease and
 * eTag rules as any reminder, so it goes exactly once however many instances run and across a restart.
 *
 * It is a one-off due document in the `reminders` container (partition = the UTC hour it is due, like every
 * reminder) with a fixed id per alert, so planning it twice writes it once. It goes to the conversation the
 * alert came from (the alert keeps its conversation reference), so a client with no programme link gets it
 * too. Whether it is still owed is decided when it is due (`CaringSource`, implemented by the safety side):
 * always after an urgent alert; after a concern alert only while nobody has acknowledged it.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { Clock, systemClock } from '../clock';
import type { Language } from '../i18n';
import { CONTAINERS } from '../storage/containers';
import { DocumentStore } from '../storage/documentStore';
import { StoreConflictError } from '../storage/errors';
import { bucketOf, dueFields } from './reminderQueue';
import { isInQuietHours, isValidTimeZone, nextOccurrence } from './schedule';

/** The local time the follow-up is sent, unless quiet hours cover it (then when they end). */
export const CARING_LOCAL_TIME = '10:00';

export const caringDueSchema = z.object({
  type: z.literal('caring'),
  alertId: z.string(),
  ...dueFields,
});
export type CaringDue = z.infer<typeof caringDueSchema>;

export function caringDueId(alertId: string): string {
  return `caring:${alertId}`;
}

export interface QuietHours {
  start: string;
  end: string;
}

/** The next local day's `CARING_LOCAL_TIME` in `timeZone` (or the end of quiet hours that cover it), as an instant. */
export function caringFollowUpTime(after: Date, timeZone: string, quietHours?: QuietHours): Date {
  const zone = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  const [hour, minute] = CARING_LOCAL_TIME.split(':').map(Number);
  const time = quietHours && isInQuietHours(hour * 60 + minute, quietHours) ? quietHours.end : CARING_LOCAL_TIME;
  // From the start of the next local day: "tomorrow" even when the alert came just after midnight.
  const tomorrow = DateTime.fromJSDate(after, { zone }).plus({ days: 1 }).startOf('day').toJSDate();
  const due = nextOccurrence({ kind: 'weekly', time }, new Date(tomorrow.getTime() - 1), { timeZone: zone, quietHours });
  return due ?? DateTime.fromJSDate(tomorrow, { zone }).set({ hour, minute }).toJSDate();
}

/** Where the client's own zone and quiet hours come from when a programme knows them (else the chat profile's zone). */
export type ClientHoursLookup = (channelId: string, channelUserId: string) => Promise<{ timeZone?: string; quietHours?: QuietHours } | undefined>;

export interface PlanCaringInput {
  alertId: string;
  channelId: string;
  channelUserId: string;
  /** The zone the chat knows (profile or Teams); the programme's record of the client wins. */
  timeZone?: string;
}

/** Plans the follow-up of an alert, once. */
export class CaringFollowUps {
  private readonly clock: Clock;

  constructor(
    private readonly store: DocumentStore,
    private readonly options: { clock?: Clock; lookup?: ClientHoursLookup } = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  async plan(input: PlanCaringInput): Promise<Date> {
    const known = await this.options.lookup?.(input.channelId, input.channelUserId);
    const due = caringFollowUpTime(this.clock.now(), known?.timeZone ?? input.timeZone ?? 'UTC', known?.quietHours);
    const body: CaringDue = { type: 'caring', alertId: input.alertId, dueAt: due.toISOString(), status: 'pending', attempts: 0 };
    try {
      await this.store.create(CONTAINERS.reminders, bucketOf(due), caringDueId(input.alertId), body);
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
    }
    return due;
  }
}

/** What the follow-up needs when it is due, or why it is no longer owed. */
export type CaringDecision =
  | { send: true; conversationReference: Record<string, unknown>; language: Language; name?: string }
  | { send: false; reason: string };

/** Decides, when the follow-up is due, whether it is still owed and where it goes (the safety side implements it). */
export interface CaringSource {
  decide(alertId: string): Promise<CaringDecision>;
}
