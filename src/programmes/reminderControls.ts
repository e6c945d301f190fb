/**
 * What a linked client can do about their reminders from chat, beyond pause/resume (which the client
 * dialogs keep on the client's own profile and the dispatcher honours): snooze a reminder, change its time,
 * see when the next ones come, and set up a yearly reminder of a hard date (the client dialogs'
 * `ClientReminders` port). Every change lands on the programme's schedule documents, so the programme sees
 * it through the API.
 */
import { DateTime } from 'luxon';
import { Clock, systemClock } from '../clock';
import { CONTAINERS } from '../storage/containers';
import { DocumentStore } from '../storage/documentStore';
import { StoreConflictError } from '../storage/errors';
import type { ClientReminders, ReminderChange, ReminderList, YearlyReminderResult } from '../client/clientReminders';
import { bucketOf, DueReminder } from '../scheduling/reminderQueue';
import { isInQuietHours, MonthDay, parseLocalTime, yearlyRrule } from '../scheduling/schedule';
import { ProgrammeStore } from './programmeStore';
import { ReminderKind, ScheduleDocument } from './schemas';

export interface ChatIdentity {
  channelId: string;
  userId: string;
}

/** Longest snooze, so a "later" never silently becomes "never". */
export const MAX_SNOOZE_MINUTES = 12 * 60;

/** When a yearly reminder of a hard date comes, in the client's time: mid-morning, not on waking. */
export const ANNIVERSARY_TIME = '10:00';

export class ReminderControls implements ClientReminders {
  constructor(
    private readonly programmes: ProgrammeStore,
    private readonly store: DocumentStore,
    private readonly clock: Clock = systemClock,
  ) {}

  private async schedule(identity: ChatIdentity, kind: ReminderKind): Promise<{ schedule?: ScheduleDocument; linked: boolean; timeZone?: string }> {
    const client = await this.programmes.clientForChat(identity.channelId, identity.userId);
    if (!client) return { linked: false };
    const schedules = await this.programmes.listSchedules(client.programmeId, client.id);
    return { linked: true, schedule: schedules.find((s) => s.kind === kind && !s.paused), timeZone: client.timeZone };
  }

  /** The client's reminders: kind, time of day, next time (ISO) and whether paused, in the client's zone. */
  async list(identity: ChatIdentity): Promise<ReminderList | undefined> {
    const client = await this.programmes.clientForChat(identity.channelId, identity.userId);
    if (!client) return undefined;
    const schedules = await this.programmes.listSchedules(client.programmeId, client.id);
    return { timeZone: client.timeZone, reminders: schedules.map((s) => ({ kind: s.kind, time: s.rule.time, nextDueAt: s.nextDueAt, paused: s.paused })) };
  }

  /**
   * "Remind me later": the reminder of this kind comes once more after `minutes` (at most 12 hours). Its
   * regular next occurrence stays as it was.
   */
  async snooze(identity: ChatIdentity, kind: ReminderKind, minutes: number): Promise<ReminderChange> {
    const { schedule, linked, timeZone } = await this.schedule(identity, kind);
    if (!linked) return { ok: false, reason: 'notLinked' };
    if (!schedule) return { ok: false, reason: 'noSuchReminder' };
    const dueAt = new Date(this.clock.now().getTime() + Math.min(Math.max(1, Math.round(minutes)), MAX_SNOOZE_MINUTES) * 60_000);
    const body: DueReminder = {
      type: 'due',
      programmeId: schedule.programmeId,
      clientId: schedule.clientId,
      scheduleId: schedule.id,
      scheduleVersion: schedule.version,
      kind,
      dueAt: dueAt.toISOString(),
      status: 'pending',
      attempts: 0,
      outcome: 'snoozed',
    };
    try {
      await this.store.create(CONTAINERS.reminders, bucketOf(dueAt), `${schedule.id}:${schedule.version}:snooze:${dueAt.toISOString()}`, body);
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
    }
    return { ok: true, nextDueAt: dueAt.toISOString(), timeZone: timeZone! };
  }

  /** Moves the reminder of this kind to another local time of day ("HH:mm"); the next one is planned again. */
  async changeTime(identity: ChatIdentity, kind: ReminderKind, time: string): Promise<ReminderChange> {
    if (!DateTime.fromFormat(time, 'HH:mm').isValid) return { ok: false, reason: 'badTime' };
    const { schedule, linked, timeZone } = await this.schedule(identity, kind);
    if (!linked) return { ok: false, reason: 'notLinked' };
    if (!schedule) return { ok: false, reason: 'noSuchReminder' };
    const updated = await this.programmes.updateSchedule(schedule.programmeId, schedule.clientId, schedule.id, { rule: { ...schedule.rule, time } });
    return { ok: true, nextDueAt: updated.nextDueAt, timeZone: timeZone! };
  }

  /** Whether the chat is linked to a programme that can still reach it (withdrawn or blocked: no). */
  async available(identity: ChatIdentity): Promise<boolean> {
    const client = await this.programmes.clientForChat(identity.channelId, identity.userId);
    return !!client && client.status !== 'unreachable' && client.status !== 'withdrawn';
  }

  /**
   * A gentle message on `date` once a year, as an `anniversary` schedule of the client's programme. The same
   * date asked for again keeps the one schedule. A date that does not come again before the course ends is
   * not kept (the programme would never send it), and the client is told so.
   */
  async remindYearly(identity: ChatIdentity, date: MonthDay): Promise<YearlyReminderResult> {
    const client = await this.programmes.clientForChat(identity.channelId, identity.userId);
    if (!client) return { ok: false, reason: 'notLinked' };
    // Mid-morning, unless the client's quiet hours cover it: then as soon as they end.
    const { hour, minute } = parseLocalTime(ANNIVERSARY_TIME);
    const time = client.quietHours && isInQuietHours(hour * 60 + minute, client.quietHours) ? client.quietHours.end : ANNIVERSARY_TIME;
    const rule = { kind: 'rrule' as const, rrule: yearlyRrule(date), time };
    const existing = (await this.programmes.listSchedules(client.programmeId, client.id)).find(
      (s) => s.kind === 'anniversary' && s.rule.kind === 'rrule' && s.rule.rrule === rule.rrule,
    );
    const schedule = existing?.nextDueAt
      ? existing
      : existing
        ? await this.programmes.updateSchedule(client.programmeId, client.id, existing.id, { rule, paused: false })
        : await this.programmes.createSchedule(client.programmeId, client.id, { kind: 'anniversary', rule, paused: false });
    if (schedule.nextDueAt) return { ok: true, nextDueAt: schedule.nextDueAt, timeZone: client.timeZone };
    await this.programmes.deleteSchedule(client.programmeId, client.id, schedule.id);
    return { ok: false, reason: 'afterCourse' };
  }
}
