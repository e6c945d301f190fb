/**
 * Finds due reminders and sends each exactly once, however many instances run.
 *
 * - **Finding.** Due reminders live in hourly partitions (`reminderQueue.ts`). A cursor document remembers
 *   the oldest hour that may still hold work; a tick queries that hour up to the current one, and only for
 *   `status = pending AND dueAt <= now` (plus claims whose lease ran out). The cost follows the number of
 *   reminders due, not the number of clients.
 * - **Claiming.** pending → sending is an eTag-conditional write; the loser of a race gets a 412 and moves
 *   on. Only the claimer sends. A claim has a lease: if its instance dies before recording the outcome,
 *   another instance takes the reminder over after the lease (at-least-once at that one boundary; the
 *   window is one in-flight send per crashed instance slot).
 * - **Catching up.** A reminder more than the grace window late is recorded as `skipped` and the schedule
 *   moves on to its first occurrence inside the window: never a burst after downtime.
 * - **Channel answers.** 429: every send of this dispatcher waits the Retry-After, then retries. 403: the
 *   client is marked unreachable and their schedules stop (visible in the API). 5xx or a network error:
 *   a bounded number of retries with exponential backoff, then recorded as failed.
 * - **Never** to a client who withdrew consent, was removed, paused reminders, or is not linked to a chat.
 * - **Reminders a client set for themselves** without a programme (`clientSchedule.ts`) live in the same
 *   partitions and go through the same claim, lease, grace window and channel answers.
 * - **Caring follow-ups** after a safety alert (`caringFollowUp.ts`) live in the same hourly partitions and are
 *   claimed the same way; whether one is still owed, and where it goes, is asked of `caring` when it is due.
 * - **Cost.** Per reminder 3 reads (schedule, client, consent) and 3 writes (claim, successor, outcome); the
 *   schedule's progress rides on the reminders and reaches the schedule document every `PROGRESS_EVERY`
 *   reminders (see `planSuccessor`). Up to `concurrency` (32) reminders are in progress at once, so a slow
 *   channel does not serialise the sends; a 429 still pauses every one of them.
 */
import { randomUUID } from 'node:crypto';
import { Clock, systemClock } from '../clock';
import { Logger } from '../logger';
import { toLanguage } from '../i18n';
import { CONTAINERS } from '../storage/containers';
import { DocumentStore, StoredDocument } from '../storage/documentStore';
import { StoreConflictError, StorePreconditionFailedError } from '../storage/errors';
import { ProgrammeStore } from '../programmes/programmeStore';
import { AFTER_COURSE_REMINDER_KINDS, ClientDocument, ScheduleDocument } from '../programmes/schemas';
import { coursePosition } from '../client/coursePhase';
import { bucketOf, bucketsBetween, claimBody, bucketStart, DueReminder, dueReminderId, dueReminderSchema, memoisedNextOccurrence, planInputFor } from './reminderQueue';
import { ReminderMessage, ReminderSender, toSendError } from './reminderSender';
import { CaringDue, caringDueSchema, CaringSource } from './caringFollowUp';
import { serviceMetrics } from '../telemetry/serviceMetrics';
import { OwnDue, ownDueSchema, processOwnReminder } from './clientSchedule';

const R = CONTAINERS.reminders;
const CURSOR_PARTITION = 'cursor';
const CURSOR_ID = 'cursor';
/** The schedule document gets the dispatcher's progress every this many reminders (see `planSuccessor`). */
export const PROGRESS_EVERY = 8;

interface CursorDocument {
  type: 'cursor';
  /** The oldest hour bucket that may still hold pending reminders. */
  bucket: string;
}

/** What the client dialogs store about consent and pausing (`clients` container, id `profile`). */
interface ClientProfileFields {
  preferredName?: string;
  language?: string;
  consent?: { given?: boolean; withdrawnAt?: string };
  remindersPaused?: boolean;
}

export interface DispatcherOptions {
  store: DocumentStore;
  programmes: ProgrammeStore;
  sender: ReminderSender;
  logger: Logger;
  clock?: Clock;
  /** Reminders later than this are skipped, not sent. */
  graceMinutes?: number;
  /** How long a claim holds before another instance may take the reminder over. */
  leaseMs?: number;
  /** Reminders in progress (and so sends in flight) at once; a 429 still pauses all of them. */
  concurrency?: number;
  /**
   * Retries after a 5xx or network error. The Bot Connector client already retries 3 times inside each
   * send (exponential backoff; Retry-After for 429), so the total stays bounded: (1 + this) × 4 requests.
   */
  maxServerErrorRetries?: number;
  retryBaseMs?: number;
  /** Retries after a 429. */
  maxThrottleRetries?: number;
  /** Longest Retry-After honoured while holding a claim; longer hands the reminder back to a later tick. */
  maxRetryAfterMs?: number;
  /** Where the cursor starts the first time (hours back). */
  initialLookbackHours?: number;
  /** How to wait (sinon fake timers drive the default). */
  sleep?: (ms: number) => Promise<void>;
  instanceId?: string;
  /** Decides whether a due caring follow-up (after a safety alert) is still owed; without it they wait. */
  caring?: CaringSource;
}

export interface TickReport {
  sent: number;
  skipped: number;
  cancelled: number;
  failed: number;
  /** Reminders another instance claimed first. */
  lost: number;
}

type Outcome = keyof TickReport | 'released';

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class ReminderDispatcher {
  private readonly clock: Clock;
  private readonly graceMs: number;
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private readonly instanceId: string;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Epoch ms until which every send waits (a 429 anywhere slows the whole dispatch). */
  private pausedUntil = 0;
  /** Successors of reminders due together mostly fall on the same instant: computed once each. */
  private readonly nextOccurrence = memoisedNextOccurrence();
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(private readonly options: DispatcherOptions) {
    this.clock = options.clock ?? systemClock;
    this.graceMs = (options.graceMinutes ?? 120) * 60_000;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.concurrency = Math.max(1, options.concurrency ?? 32);
    this.instanceId = options.instanceId ?? randomUUID();
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** Runs a tick every `intervalMs` (one at a time) until `stop()`. */
  start(intervalMs: number): void {
    this.stopped = false;
    const loop = async () => {
      if (this.stopped) return;
      this.running = this.tick().catch((error: Error) => this.options.logger.error({ err: { name: error.name, stack: error.stack } }, 'reminder tick failed'));
      await this.running;
      if (!this.stopped) this.timer = setTimeout(loop, intervalMs);
    };
    this.timer = setTimeout(loop, 0);
  }

  /** Stops ticking and waits for the tick in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  async tick(): Promise<TickReport> {
    const report: TickReport = { sent: 0, skipped: 0, cancelled: 0, failed: 0, lost: 0 };
    const now = this.clock.now();
    const cursor = await this.options.store.read<CursorDocument>(R, CURSOR_PARTITION, CURSOR_ID);
    const lookbackMs = (this.options.initialLookbackHours ?? 24 * 7) * 3_600_000;
    const from = cursor ? bucketStart(cursor.body.bucket) : new Date(now.getTime() - lookbackMs);
    const current = bucketOf(now);
    let advanceTo: string | undefined;
    let clean = true;
    for (const bucket of bucketsBetween(from, now)) {
      const nowIso = now.toISOString();
      const due = await this.options.store.query<unknown>(R, {
        partitionKey: bucket,
        where: [
          { field: 'status', op: '=', value: 'pending' },
          { field: 'dueAt', op: '<=', value: nowIso },
        ],
        orderBy: { field: 'dueAt' },
      });
      const abandoned = await this.options.store.query<unknown>(R, {
        partitionKey: bucket,
        where: [
          { field: 'status', op: '=', value: 'sending' },
          { field: 'claimUntil', op: '<=', value: nowIso },
        ],
      });
      await this.pool([...due, ...abandoned], async (doc) => {
        const parsed = dueReminderSchema.safeParse(doc.body);
        const caring = parsed.success ? undefined : caringDueSchema.safeParse(doc.body);
        const own = parsed.success || caring?.success ? undefined : ownDueSchema.safeParse(doc.body);
        let outcome: Outcome;
        if (parsed.success) outcome = await this.process({ ...doc, body: parsed.data }, now);
        else if (caring?.success && this.options.caring) outcome = await this.processCaring({ ...doc, body: caring.data }, now, this.options.caring);
        else if (own?.success) outcome = await this.processOwn({ ...doc, body: own.data }, now);
        else return;
        if (outcome !== 'released') report[outcome]++;
      });
      if (bucket < current && clean) {
        const left = await this.options.store.query<unknown>(R, { partitionKey: bucket, where: [{ field: 'status', op: '=', value: 'pending' }], limit: 1 });
        const claimed = await this.options.store.query<unknown>(R, { partitionKey: bucket, where: [{ field: 'status', op: '=', value: 'sending' }], limit: 1 });
        if (left.length === 0 && claimed.length === 0) advanceTo = bucketOf(new Date(bucketStart(bucket).getTime() + 3_600_000));
        else clean = false;
      }
    }
    if (advanceTo && (!cursor || advanceTo > cursor.body.bucket)) await this.moveCursor(cursor, advanceTo);
    if (report.sent + report.skipped + report.failed + report.cancelled > 0) this.options.logger.info({ reminders: report, instance: this.instanceId }, 'reminders dispatched');
    return report;
  }

  private async moveCursor(current: StoredDocument<CursorDocument> | undefined, bucket: string): Promise<void> {
    const body: CursorDocument = { type: 'cursor', bucket };
    try {
      if (current) await this.options.store.upsert(R, CURSOR_PARTITION, CURSOR_ID, body, { ifMatch: current.etag });
      else await this.options.store.create(R, CURSOR_PARTITION, CURSOR_ID, body);
    } catch (error) {
      // Another instance moved it meanwhile; it moves again on the next tick.
      if (!(error instanceof StorePreconditionFailedError || error instanceof StoreConflictError)) throw error;
    }
  }

  private async pool<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length && !this.stopped) await work(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, items.length) }, worker));
  }

  /** Writes the reminder's new state with its eTag; undefined when someone else changed it first. */
  private async write<T extends DueReminder | CaringDue | OwnDue>(doc: StoredDocument<T>, body: T): Promise<StoredDocument<T> | undefined> {
    try {
      return await this.options.store.upsert(R, doc.partitionKey, doc.id, body, { ifMatch: doc.etag });
    } catch (error) {
      if (error instanceof StorePreconditionFailedError) return undefined;
      throw error;
    }
  }

  private async process(doc: StoredDocument<DueReminder>, now: Date): Promise<Outcome> {
    const claimed = await this.write(doc, claimBody(doc.body, this.instanceId, now, this.leaseMs));
    if (!claimed) return 'lost';
    const reminder = claimed.body;
    const finish = async (status: DueReminder['status'], outcome: string, extra: Partial<DueReminder> = {}) => {
      await this.write(claimed, { ...reminder, status, outcome, claimUntil: undefined, ...extra });
    };

    const { programmes } = this.options;
    // Read with its eTag: the progress written after the send reuses it instead of reading again.
    const scheduleDoc = await programmes.readSchedule(reminder.programmeId, reminder.scheduleId);
    const schedule = scheduleDoc?.body;
    if (!scheduleDoc || !schedule || schedule.version !== reminder.scheduleVersion) {
      await finish('cancelled', schedule ? 'scheduleChanged' : 'scheduleDeleted');
      return 'cancelled';
    }
    const client = await programmes.getClient(reminder.programmeId, reminder.clientId);
    if (!client) {
      await finish('cancelled', 'clientRemoved');
      return 'cancelled';
    }
    if (client.status === 'unreachable' || client.status === 'withdrawn') {
      await finish('cancelled', client.status);
      await programmes.recordScheduleProgress(schedule.programmeId, schedule.id, { nextDueAt: undefined, stoppedReason: client.status }, scheduleDoc);
      return 'cancelled';
    }
    if (schedule.paused) {
      await finish('cancelled', 'paused');
      return 'cancelled';
    }
    const profile = (await this.options.store.read<ClientProfileFields>(CONTAINERS.clients, client.id, 'profile'))?.body;
    if (profile?.consent?.withdrawnAt || profile?.consent?.given === false) {
      await finish('cancelled', 'consentWithdrawn');
      await programmes.recordScheduleProgress(schedule.programmeId, schedule.id, { nextDueAt: undefined, stoppedReason: 'withdrawn' }, scheduleDoc);
      return 'cancelled';
    }

    const dueMs = Date.parse(reminder.dueAt);
    const reference = client.chat?.conversationReference;
    let skipReason: string | undefined;
    if (now.getTime() - dueMs > this.graceMs) skipReason = 'missed';
    else if (profile?.remindersPaused) skipReason = 'pausedByClient';
    else if (!reference) skipReason = 'notLinked';
    // The successor is planned before the reminder is recorded as ended, so a crash in between never
    // loses the schedule's future reminders (the lease hands this one to another instance instead).
    if (skipReason) {
      const nextDueAt = await this.planSuccessor(scheduleDoc, claimed, client, reminder, now);
      await finish('skipped', skipReason, { nextDueAt });
      return 'skipped';
    }

    const result = await this.send(reminder, client, profile, reference!, claimed.id);
    if (result === 'sent') {
      const sentAt = this.clock.now().toISOString();
      recordReminderLag(reminder.kind, reminder.dueAt, sentAt);
      const nextDueAt = await this.planSuccessor(scheduleDoc, claimed, client, reminder, now, sentAt);
      await finish('sent', 'sent', { sentAt, nextDueAt });
      return 'sent';
    }
    if (result === 'forbidden') {
      await finish('failed', 'forbidden');
      await this.markUnreachable(client);
      return 'failed';
    }
    if (result === 'throttled') {
      // Hand it back untouched (still pending) so a later tick tries again within the grace window.
      await this.write(claimed, { ...reminder, status: 'pending', claimUntil: undefined, claimedBy: undefined });
      return 'released';
    }
    const nextDueAt = await this.planSuccessor(scheduleDoc, claimed, client, reminder, now);
    await finish('failed', result, { nextDueAt });
    return 'failed';
  }

  /**
   * A caring follow-up: claimed like any reminder (one instance sends it; a crashed claim is taken over
   * after the lease), then sent to the alert's conversation if it is still owed. Nothing is planned after it.
   */
  private async processCaring(doc: StoredDocument<CaringDue>, now: Date, source: CaringSource): Promise<Outcome> {
    const claimed = await this.write(doc, claimBody(doc.body, this.instanceId, now, this.leaseMs));
    if (!claimed) return 'lost';
    const finish = async (status: CaringDue['status'], outcome: string, extra: Partial<CaringDue> = {}) => {
      await this.write(claimed, { ...claimed.body, status, outcome, claimUntil: undefined, ...extra });
    };
    if (now.getTime() - Date.parse(claimed.body.dueAt) > this.graceMs) {
      await finish('skipped', 'missed');
      return 'skipped';
    }
    const decision = await source.decide(claimed.body.alertId);
    if (!decision.send) {
      await finish('cancelled', decision.reason);
      return 'cancelled';
    }
    const result = await this.deliver({ reminderId: claimed.id, kind: 'caringFollowUp', language: decision.language, name: decision.name, conversationReference: decision.conversationReference });
    if (result === 'sent') {
      const sentAt = this.clock.now().toISOString();
      recordReminderLag('caringFollowUp', claimed.body.dueAt, sentAt);
      await finish('sent', 'sent', { sentAt });
      return 'sent';
    }
    if (result === 'throttled') {
      await this.write(claimed, { ...claimed.body, status: 'pending', claimUntil: undefined, claimedBy: undefined });
      return 'released';
    }
    await finish('failed', result);
    return 'failed';
  }

  private processOwn(doc: StoredDocument<OwnDue>, now: Date): Promise<Outcome> {
    return processOwnReminder(doc, {
      store: this.options.store,
      now,
      graceMs: this.graceMs,
      leaseMs: this.leaseMs,
      instanceId: this.instanceId,
      write: (d, body) => this.write(d, body),
      deliver: (message) => this.deliver(message),
      sentAt: () => this.clock.now().toISOString(),
    });
  }

  private async send(
    reminder: DueReminder,
    client: ClientDocument,
    profile: ClientProfileFields | undefined,
    reference: Record<string, unknown>,
    reminderId: string,
  ): Promise<'sent' | 'forbidden' | 'throttled' | 'serverError' | 'rejected'> {
    const endingWeeks = reminder.kind === 'checkIn' && coursePosition(client, this.clock.now())?.phase === 'ending';
    const afterCourse = reminder.kind === 'courseEnded' ? (await this.options.programmes.getProgramme(client.programmeId))?.afterCourse : undefined;
    return this.deliver({
      reminderId,
      kind: reminder.kind,
      language: toLanguage(profile?.language ?? client.locale),
      name: profile?.preferredName,
      conversationReference: reference,
      ...(reminder.instruments ? { instruments: reminder.instruments } : {}),
      ...(endingWeeks ? { endingWeeks } : {}),
      ...(afterCourse ? { contact: { text: afterCourse.contactText, ...(afterCourse.contactUrl ? { url: afterCourse.contactUrl } : {}) } } : {}),
    });
  }

  /** Sends one message, waiting out 429s and retrying 5xx a bounded number of times. */
  private async deliver(message: ReminderMessage): Promise<'sent' | 'forbidden' | 'throttled' | 'serverError' | 'rejected'> {
    const reminderId = message.reminderId;
    const maxServer = this.options.maxServerErrorRetries ?? 2;
    const maxThrottle = this.options.maxThrottleRetries ?? 5;
    const maxRetryAfter = this.options.maxRetryAfterMs ?? 60_000;
    const base = this.options.retryBaseMs ?? 1000;
    let serverErrors = 0;
    let throttles = 0;
    for (;;) {
      await this.waitForGate();
      try {
        await this.options.sender.send(message);
        return 'sent';
      } catch (error) {
        const failure = toSendError(error);
        this.options.logger.warn({ status: failure.status, reminder: reminderId, instance: this.instanceId }, 'reminder send failed');
        if (failure.status === 429) {
          const wait = failure.retryAfterMs ?? base * 2 ** throttles;
          if (++throttles > maxThrottle || wait > maxRetryAfter) {
            this.pauseAll(Math.min(wait, maxRetryAfter));
            return 'throttled';
          }
          this.pauseAll(wait);
          continue;
        }
        if (failure.status === 403) return 'forbidden';
        if (failure.status >= 500 || failure.status === 408) {
          if (++serverErrors > maxServer) return 'serverError';
          await this.sleep(base * 2 ** (serverErrors - 1));
          continue;
        }
        return 'rejected';
      }
    }
  }

  private pauseAll(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now().getTime() + ms);
  }

  private async waitForGate(): Promise<void> {
    for (let wait = this.pausedUntil - this.clock.now().getTime(); wait > 0; wait = this.pausedUntil - this.clock.now().getTime()) {
      await this.sleep(wait);
    }
  }

  /**
   * Plans the schedule's next occurrence: after this one, and never before the grace window. Returns its
   * due time (null when the schedule has ended), which the ending reminder records as its link.
   *
   * The schedule document is written only now and then: when the schedule ends, for a snoozed (extra)
   * reminder, and every `PROGRESS_EVERY` reminders, so readers follow at most that many links. Every other
   * send costs one write less (claim, successor, end: three writes a reminder).
   */
  private async planSuccessor(
    scheduleDoc: StoredDocument<ScheduleDocument>,
    claimed: StoredDocument<DueReminder>,
    client: ClientDocument,
    reminder: DueReminder,
    now: Date,
    sentAt?: string,
  ): Promise<string | null> {
    const schedule = scheduleDoc.body;
    const after = new Date(Math.max(Date.parse(reminder.dueAt), now.getTime() - this.graceMs));
    const regular = claimed.id === dueReminderId(reminder.scheduleId, reminder.scheduleVersion, new Date(reminder.dueAt));
    const hops = regular ? (reminder.hops ?? 0) + 1 : PROGRESS_EVERY;
    const writeSchedule = hops >= PROGRESS_EVERY;
    const next = await this.options.programmes.queue.planNext(
      { ...planInputFor(schedule, client, reminder.scheduleVersion), hops: writeSchedule ? 0 : hops },
      after,
      this.nextOccurrence,
    );
    if (writeSchedule || !next) {
      await this.options.programmes.recordScheduleProgress(
        schedule.programmeId,
        schedule.id,
        {
          nextDueAt: next?.toISOString(),
          ...(sentAt ? { lastSentAt: sentAt } : {}),
          ...(next ? {} : { stoppedReason: 'courseOver' as const }),
        },
        scheduleDoc,
      );
    }
    // The course's reminders have stopped: keep-well check-ins or a goodbye come next (planned once per client).
    if (!next && !(AFTER_COURSE_REMINDER_KINDS as readonly string[]).includes(schedule.kind)) await this.options.programmes.planAfterCourse(client);
    return next ? next.toISOString() : null;
  }

  /** 403 from the channel: the bot was blocked or removed. No more reminders until the programme acts. */
  private async markUnreachable(client: ClientDocument): Promise<void> {
    const { programmes } = this.options;
    const at = this.clock.now().toISOString();
    await programmes.updateClientDoc(client.programmeId, client.id, (doc) => ({ ...doc, status: 'unreachable', unreachableAt: at, updatedAt: at }));
    for (const schedule of await programmes.listSchedules(client.programmeId, client.id)) {
      await programmes.recordScheduleProgress(client.programmeId, schedule.id, { nextDueAt: undefined, stoppedReason: 'unreachable' });
    }
  }
}

/** Seconds between when a reminder was due and when it went out (by kind only: no client, no schedule). */
function recordReminderLag(kind: DueReminder['kind'] | 'caringFollowUp', dueAt: string, sentAt: string): void {
  serviceMetrics().reminderLag.record(Math.max(0, Date.parse(sentAt) - Date.parse(dueAt)) / 1000, { 'ipt.reminder.kind': kind });
}
