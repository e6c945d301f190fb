/**
 * Reminders a client sets for themselves, without a programme: a daily check-in at the time they choose,
 * and one-off follow-ups ("ask me on Saturday how the talk went"). Same scheduler as programme reminders:
 * due documents in the hourly partitions of the `reminders` container, claimed by the dispatcher with an
 * eTag and a lease, so each goes exactly once however many instances run; same quiet hours and grace window.
 *
 * What the client owns lives in their own partition of the `clients` container (`ownReminders`): where to
 * reach them (the conversation reference of the chat they set it in), their zone, quiet hours and the
 * daily time with a version. Deleting the client deletes it; a daily due document whose version no longer
 * matches (time changed or stopped) is cancelled when it comes up, like a changed programme schedule; a
 * one-off follow-up is kept through such changes (it was promised about a particular plan or talk).
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { Clock, systemClock } from '../clock';
import { toLanguage } from '../i18n';
import { CONTAINERS } from '../storage/containers';
import { DocumentStore, StoredDocument } from '../storage/documentStore';
import { StoreConflictError, StorePreconditionFailedError } from '../storage/errors';
import { bucketOf, claimBody, dueFields } from './reminderQueue';
import { isInQuietHours, isValidTimeZone, nextOccurrence } from './schedule';
import type { ReminderMessage } from './reminderSender';

/**
 * The follow-ups an exercise promises ("did the talk happen?", "did the next step with her happen?"): one
 * each, a few days after the exercise, for a client whose reminders no programme sends.
 */
export const EXERCISE_FOLLOW_UP_KINDS = ['talkFollowUp', 'disputeFollowUp', 'transitionFollowUp', 'griefFollowUp'] as const;
export type ExerciseFollowUpKind = (typeof EXERCISE_FOLLOW_UP_KINDS)[number];

/** The kinds a client can set for themselves; the first two share their messages and buttons with programme reminders. */
export const OWN_REMINDER_KINDS = ['checkIn', 'problemFollowUp', ...EXERCISE_FOLLOW_UP_KINDS] as const;
export type OwnReminderKind = (typeof OWN_REMINDER_KINDS)[number];

/** No reminder between these local hours unless the client says otherwise: nobody asked for a 3 a.m. message. */
export const DEFAULT_QUIET_HOURS = { start: '22:00', end: '07:00' };
export const OWN_REMINDERS_ID = 'ownReminders';

const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const ownRemindersSchema = z.object({
  kind: z.literal('ownReminders'),
  clientId: z.string(),
  timeZone: z.string(),
  quietHours: z.object({ start: localTime, end: localTime }).optional(),
  conversationReference: z.record(z.string(), z.unknown()),
  /** Bumped on every change; due documents of an older version are cancelled when they come up. */
  version: z.number().int(),
  /** The daily check-in time, local; absent: no daily check-in. */
  dailyCheckIn: localTime.optional(),
  updatedAt: z.string(),
});
export type OwnReminders = z.infer<typeof ownRemindersSchema>;

export const ownDueSchema = z.object({
  type: z.literal('own'),
  clientId: z.string(),
  kind: z.enum(OWN_REMINDER_KINDS),
  /** daily: the next one is planned when this one ends; once: nothing after it. */
  repeat: z.enum(['daily', 'once']),
  /**
   * The client record a one-off follow-up asks about, as it was when the follow-up was promised: if the
   * record changed since (the client already said how it went, or replaced the plan) or is gone, the
   * reminder is not sent.
   */
  about: z.object({ docId: z.string(), updatedAt: z.string() }).optional(),
  version: z.number().int(),
  ...dueFields,
});
export type OwnDue = z.infer<typeof ownDueSchema>;

/** Deterministic: planning the same occurrence twice (two instances, a retry) writes it once. */
export function ownDueId(due: Pick<OwnDue, 'clientId' | 'kind' | 'version' | 'dueAt' | 'about'>): string {
  return `own:${due.clientId}:${due.kind}:${due.version}:${due.dueAt}${due.about ? `:${due.about.docId}` : ''}`;
}

async function createOnce(store: DocumentStore, due: OwnDue): Promise<void> {
  try {
    await store.create(CONTAINERS.reminders, bucketOf(new Date(due.dueAt)), ownDueId(due), due);
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
  }
}

/** The next daily time after `after`, in the client's zone, outside their quiet hours. */
export function nextDaily(settings: Pick<OwnReminders, 'timeZone' | 'quietHours' | 'dailyCheckIn'>, after: Date): Date | undefined {
  if (!settings.dailyCheckIn) return undefined;
  const timeZone = isValidTimeZone(settings.timeZone) ? settings.timeZone : 'UTC';
  return nextOccurrence({ kind: 'weekly', time: settings.dailyCheckIn }, after, { timeZone, quietHours: settings.quietHours ?? DEFAULT_QUIET_HOURS });
}

/** `at`, or the end of the client's quiet hours when they cover it. */
export function outsideQuietHours(at: Date, settings: Pick<OwnReminders, 'timeZone' | 'quietHours'>): Date {
  const zone = isValidTimeZone(settings.timeZone) ? settings.timeZone : 'UTC';
  const quiet = settings.quietHours ?? DEFAULT_QUIET_HOURS;
  const local = DateTime.fromJSDate(at, { zone });
  if (!isInQuietHours(local.hour * 60 + local.minute, quiet)) return at;
  const [hour, minute] = quiet.end.split(':').map(Number);
  const end = local.set({ hour, minute, second: 0, millisecond: 0 });
  return (end > local ? end : end.plus({ days: 1 })).toJSDate();
}

export interface OwnReminderSetting {
  timeZone: string;
  conversationReference: Record<string, unknown>;
  quietHours?: { start: string; end: string };
}

export type OwnReminderResult = { ok: true; nextDueAt: string; timeZone: string } | { ok: false; reason: 'badTime' | 'quietHours' };

/** Sets and stops the reminders a client owns. */
export class ClientSchedules {
  private readonly clock: Clock;

  constructor(
    private readonly store: DocumentStore,
    options: { clock?: Clock } = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  private async update(clientId: string, change: (current: OwnReminders | undefined) => Omit<OwnReminders, 'version' | 'updatedAt' | 'kind' | 'clientId'>): Promise<OwnReminders> {
    for (let attempt = 0; ; attempt++) {
      const existing = await this.store.read<unknown>(CONTAINERS.clients, clientId, OWN_REMINDERS_ID);
      const parsed = existing ? ownRemindersSchema.safeParse(existing.body) : undefined;
      const current = parsed?.success ? parsed.data : undefined;
      const next: OwnReminders = { kind: 'ownReminders', clientId, ...change(current), version: (current?.version ?? 0) + 1, updatedAt: this.clock.now().toISOString() };
      try {
        if (existing) await this.store.upsert(CONTAINERS.clients, clientId, OWN_REMINDERS_ID, next, { ifMatch: existing.etag });
        else await this.store.create(CONTAINERS.clients, clientId, OWN_REMINDERS_ID, next);
        return next;
      } catch (error) {
        const raced = error instanceof StorePreconditionFailedError || error instanceof StoreConflictError;
        if (!raced || attempt >= 4) throw error;
      }
    }
  }

  async get(clientId: string): Promise<OwnReminders | undefined> {
    const doc = await this.store.read<unknown>(CONTAINERS.clients, clientId, OWN_REMINDERS_ID);
    const parsed = doc ? ownRemindersSchema.safeParse(doc.body) : undefined;
    return parsed?.success ? parsed.data : undefined;
  }

  /** A daily check-in at `time` ("HH:mm", the client's time); replaces any earlier daily time. */
  async setDailyCheckIn(clientId: string, time: string, setting: OwnReminderSetting): Promise<OwnReminderResult> {
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return { ok: false, reason: 'badTime' };
    // A time inside the quiet hours would never come: say so before changing anything.
    if (!nextDaily({ ...setting, dailyCheckIn: time }, this.clock.now())) return { ok: false, reason: 'quietHours' };
    const settings = await this.update(clientId, () => ({ ...setting, dailyCheckIn: time }));
    const due = nextDaily(settings, this.clock.now());
    if (!due) return { ok: false, reason: 'quietHours' };
    await createOnce(this.store, { type: 'own', clientId, kind: 'checkIn', repeat: 'daily', version: settings.version, dueAt: due.toISOString(), status: 'pending', attempts: 0 });
    return { ok: true, nextDueAt: due.toISOString(), timeZone: settings.timeZone };
  }

  /**
   * One reminder of `kind` at `at` (or when the quiet hours covering it end): "later" on a reminder, or a
   * follow-up the client asked for. The daily time (if any) stays as it is.
   */
  async remindOnce(clientId: string, kind: OwnReminderKind, at: Date, setting: OwnReminderSetting, about?: OwnDue['about']): Promise<OwnReminderResult> {
    const settings = await this.update(clientId, (current) => ({ ...setting, ...(current?.dailyCheckIn ? { dailyCheckIn: current.dailyCheckIn } : {}) }));
    // A new version cancels pending daily ones of the old: plan the daily one again under the new version.
    const daily = nextDaily(settings, this.clock.now());
    if (daily) await createOnce(this.store, { type: 'own', clientId, kind: 'checkIn', repeat: 'daily', version: settings.version, dueAt: daily.toISOString(), status: 'pending', attempts: 0 });
    const due = outsideQuietHours(at, settings);
    await createOnce(this.store, { type: 'own', clientId, kind, repeat: 'once', version: settings.version, dueAt: due.toISOString(), status: 'pending', attempts: 0, ...(about ? { about } : {}) });
    return { ok: true, nextDueAt: due.toISOString(), timeZone: settings.timeZone };
  }

  /** No more daily check-ins; what is pending is cancelled when it comes up (its version is old). */
  async stop(clientId: string): Promise<void> {
    const current = await this.get(clientId);
    if (!current) return;
    await this.update(clientId, (c) => ({ timeZone: c?.timeZone ?? 'UTC', conversationReference: c?.conversationReference ?? {}, ...(c?.quietHours ? { quietHours: c.quietHours } : {}) }));
  }
}

/** What processing an own reminder needs from the dispatcher: its claim-safe write and its send with retries. */
export interface OwnDispatch {
  store: DocumentStore;
  now: Date;
  graceMs: number;
  leaseMs: number;
  instanceId: string;
  write: (doc: StoredDocument<OwnDue>, body: OwnDue) => Promise<StoredDocument<OwnDue> | undefined>;
  deliver: (message: ReminderMessage) => Promise<'sent' | 'forbidden' | 'throttled' | 'serverError' | 'rejected'>;
  sentAt: () => string;
}

interface ProfileFields {
  preferredName?: string;
  language?: string;
  consent?: { given?: boolean; withdrawnAt?: string };
  remindersPaused?: boolean;
}

/**
 * One due own reminder: claimed (only the claimer goes on), checked against what the client owns now
 * (version, consent, pause), sent to their conversation, and for a daily one the next planned before it
 * is recorded as ended, so a crash in between never loses the series.
 */
export async function processOwnReminder(doc: StoredDocument<OwnDue>, d: OwnDispatch): Promise<'sent' | 'skipped' | 'cancelled' | 'failed' | 'lost' | 'released'> {
  const claimed = await d.write(doc, claimBody(doc.body, d.instanceId, d.now, d.leaseMs));
  if (!claimed) return 'lost';
  const due = claimed.body;
  const finish = async (status: OwnDue['status'], outcome: string, extra: Partial<OwnDue> = {}) => {
    await d.write(claimed, { ...due, status, outcome, claimUntil: undefined, ...extra });
  };
  const settingsDoc = await d.store.read<unknown>(CONTAINERS.clients, due.clientId, OWN_REMINDERS_ID);
  const parsed = settingsDoc ? ownRemindersSchema.safeParse(settingsDoc.body) : undefined;
  const settings = parsed?.success ? parsed.data : undefined;
  // A new daily time replaces the old series; a one-off (a follow-up the client was promised) stays due
  // whatever else changed since, and only goes with the settings themselves (the client deleted).
  if (!settings || (due.repeat === 'daily' && settings.version !== due.version)) {
    await finish('cancelled', settings ? 'changed' : 'removed');
    return 'cancelled';
  }
  const profile = (await d.store.read<ProfileFields>(CONTAINERS.clients, due.clientId, 'profile'))?.body;
  if (!profile || profile.consent?.withdrawnAt || profile.consent?.given === false) {
    await finish('cancelled', 'consentWithdrawn');
    return 'cancelled';
  }
  if (due.about) {
    const record = (await d.store.read<{ updatedAt?: string }>(CONTAINERS.clients, due.clientId, due.about.docId))?.body;
    if (record?.updatedAt !== due.about.updatedAt) {
      await finish('cancelled', record ? 'answered' : 'removed');
      return 'cancelled';
    }
  }
  const planNext = async () => {
    if (due.repeat !== 'daily') return;
    const after = new Date(Math.max(Date.parse(due.dueAt), d.now.getTime() - d.graceMs));
    const next = nextDaily(settings, after);
    if (next) await createOnce(d.store, { ...due, dueAt: next.toISOString(), status: 'pending', attempts: 0, claimedBy: undefined, claimUntil: undefined, sentAt: undefined, outcome: undefined });
  };
  const skip = d.now.getTime() - Date.parse(due.dueAt) > d.graceMs ? 'missed' : profile.remindersPaused ? 'pausedByClient' : undefined;
  if (skip) {
    await planNext();
    await finish('skipped', skip);
    return 'skipped';
  }
  const result = await d.deliver({
    reminderId: claimed.id,
    kind: due.kind,
    language: toLanguage(profile.language),
    name: profile.preferredName,
    conversationReference: settings.conversationReference,
  });
  if (result === 'throttled') {
    await d.write(claimed, { ...due, status: 'pending', claimUntil: undefined, claimedBy: undefined });
    return 'released';
  }
  if (result === 'forbidden') {
    // Blocked or removed: the series stops here; setting a time again starts it anew.
    await finish('failed', 'forbidden');
    return 'failed';
  }
  await planNext();
  if (result === 'sent') {
    await finish('sent', 'sent', { sentAt: d.sentAt() });
    return 'sent';
  }
  await finish('failed', result);
  return 'failed';
}
