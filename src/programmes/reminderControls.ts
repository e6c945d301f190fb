/**
 * What a linked client can do about their reminders from chat, beyond pause/resume (which the client
 * dialogs keep on the client's own profile and the dispatcher honours): snooze a reminder, change its time,
 * and see when the next ones come. Every change lands on the programme's schedule documents, so the
 * programme sees it through the API.
 */
import { DateTime } from 'luxon';
import { Clock, systemClock } from '../clock';
import { CONTAINERS } from '../storage/containers';
import { DocumentStore } from '../storage/documentStore';
import { StoreConflictError } from '../storage/errors';
import { bucketOf, DueReminder } from '../scheduling/reminderQueue';
import { ProgrammeStore } from './programmeStore';
import { ReminderKind, ScheduleDocument } from './schemas';

export interface ChatIdentity {
  channelId: string;
  userId: string;
}

export type ControlOutcome = { ok: true; nextDueAt?: string } | { ok: false; reason: 'notLinked' | 'noSuchReminder' | 'badTime' };

/** Longest snooze, so a "later" never silently becomes "never". */
export const MAX_SNOOZE_MINUTES = 12 * 60;

export class ReminderControls {
  constructor(
    private readonly programmes: ProgrammeStore,
    private readonly store: DocumentStore,
    private readonly clock: Clock = systemClock,
  ) {}

  private async schedule(identity: ChatIdentity, kind: ReminderKind): Promise<{ schedule?: ScheduleDocument; linked: boolean }> {
    const client = await this.programmes.clientForChat(identity.channelId, identity.userId);
    if (!client) return { linked: false };
    const schedules = await this.programmes.listSchedules(client.programmeId, client.id);
    return { linked: true, schedule: schedules.find((s) => s.kind === kind && !s.paused) };
  }

  /** The client's reminders: kind, next time (ISO) and whether paused. */
  async list(identity: ChatIdentity): Promise<Array<{ kind: ReminderKind; nextDueAt?: string; paused: boolean }> | undefined> {
    const client = await this.programmes.clientForChat(identity.channelId, identity.userId);
    if (!client) return undefined;
    return (await this.programmes.listSchedules(client.programmeId, client.id)).map((s) => ({ kind: s.kind, nextDueAt: s.nextDueAt, paused: s.paused }));
  }

  /**
   * "Remind me later": the reminder of this kind comes once more after `minutes` (at most 12 hours). Its
   * regular next occurrence stays as it was.
   */
  async snooze(identity: ChatIdentity, kind: ReminderKind, minutes: number): Promise<ControlOutcome> {
    const { schedule, linked } = await this.schedule(identity, kind);
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
    return { ok: true, nextDueAt: dueAt.toISOString() };
  }

  /** Moves the reminder of this kind to another local time of day ("HH:mm"); the next one is planned again. */
  async changeTime(identity: ChatIdentity, kind: ReminderKind, time: string): Promise<ControlOutcome> {
    if (!DateTime.fromFormat(time, 'HH:mm').isValid) return { ok: false, reason: 'badTime' };
    const { schedule, linked } = await this.schedule(identity, kind);
    if (!linked) return { ok: false, reason: 'notLinked' };
    if (!schedule) return { ok: false, reason: 'noSuchReminder' };
    const updated = await this.programmes.updateSchedule(schedule.programmeId, schedule.clientId, schedule.id, { rule: { ...schedule.rule, time } });
    return { ok: true, nextDueAt: updated.nextDueAt };
  }
}
