/** Programmes, linked clients and due reminders written straight into a store, for dispatcher tests. */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { CONTAINERS } from '../../src/storage/containers';
import { DocumentStore } from '../../src/storage/documentStore';
import { Clock } from '../../src/clock';
import { ProgrammeStore } from '../../src/programmes/programmeStore';
import { ClientDocument, ScheduleDocument } from '../../src/programmes/schemas';
import { bucketOf, dueReminderId, DueReminder } from '../../src/scheduling/reminderQueue';
import { ReminderMessage, ReminderSender } from '../../src/scheduling/reminderSender';
import { ScheduleRule } from '../../src/scheduling/schedule';

export const PROGRAMME = 'prog';

export async function seedProgramme(programmes: ProgrammeStore): Promise<void> {
  await programmes.createProgramme({ id: PROGRAMME, name: 'Test', defaultLocale: 'en', defaultTimeZone: 'Europe/Madrid', ackTimeoutMinutes: 15 });
  await programmes.createClinician(PROGRAMME, { id: 'ana', name: 'Ana', aadObjectId: randomUUID() });
}

export interface SeededReminder {
  clientId: string;
  scheduleId: string;
  reminderId: string;
  dueAt: Date;
}

/**
 * One linked client with one schedule (daily, by default at `dueAt`'s local time) and one pending reminder
 * due at `dueAt` (written directly, as the planner would have).
 */
export async function seedClientWithDueReminder(
  store: DocumentStore,
  clock: Clock,
  options: { dueAt: Date; serviceUrl?: string; timeZone?: string; rule?: ScheduleRule; linked?: boolean; clientId?: string },
): Promise<SeededReminder> {
  const now = clock.now().toISOString();
  const clientId = options.clientId ?? randomUUID();
  const scheduleId = randomUUID();
  const client: ClientDocument = {
    type: 'client',
    id: clientId,
    programmeId: PROGRAMME,
    externalId: `ext-${clientId}`,
    clinicianId: 'ana',
    locale: 'en',
    timeZone: options.timeZone ?? 'Europe/Madrid',
    courseStart: '2026-01-01',
    courseEnd: '2027-12-31',
    status: options.linked === false ? 'enrolled' : 'linked',
    ...(options.linked === false
      ? {}
      : {
          chat: {
            channelId: 'webchat',
            userId: `user-${clientId}`,
            linkedAt: now,
            conversationReference: {
              serviceUrl: options.serviceUrl ?? 'http://127.0.0.1:1',
              channelId: 'webchat',
              conversation: { id: `conv-${clientId}` },
              user: { id: `user-${clientId}` },
              bot: { id: 'bot' },
            },
          },
        }),
    createdAt: now,
    updatedAt: now,
  };
  await store.create(CONTAINERS.programmes, PROGRAMME, `client:${clientId}`, client);
  const schedule: ScheduleDocument = {
    type: 'schedule',
    id: scheduleId,
    programmeId: PROGRAMME,
    clientId,
    kind: 'checkIn',
    // By default the rule fires daily at the due time's local time, so the seeded reminder is a real occurrence.
    rule: options.rule ?? { kind: 'weekly', time: DateTime.fromJSDate(options.dueAt, { zone: options.timeZone ?? 'Europe/Madrid' }).toFormat('HH:mm') },
    paused: false,
    version: 1,
    nextDueAt: options.dueAt.toISOString(),
    createdAt: now,
    updatedAt: now,
  };
  await store.create(CONTAINERS.programmes, PROGRAMME, `schedule:${scheduleId}`, schedule);
  const due: DueReminder = { type: 'due', programmeId: PROGRAMME, clientId, scheduleId, scheduleVersion: 1, kind: 'checkIn', dueAt: options.dueAt.toISOString(), status: 'pending', attempts: 0 };
  const reminderId = dueReminderId(scheduleId, 1, options.dueAt);
  await store.create(CONTAINERS.reminders, bucketOf(options.dueAt), reminderId, due);
  return { clientId, scheduleId, reminderId, dueAt: options.dueAt };
}

/** A sender that records what it was asked to send (and can be told to fail). */
export class RecordingSender implements ReminderSender {
  readonly sent: ReminderMessage[] = [];
  fail?: (message: ReminderMessage, attempt: number) => Error | undefined;
  private readonly attempts = new Map<string, number>();

  async send(message: ReminderMessage): Promise<void> {
    const attempt = (this.attempts.get(message.reminderId) ?? 0) + 1;
    this.attempts.set(message.reminderId, attempt);
    await new Promise((resolve) => setImmediate(resolve)); // let other sends interleave
    const error = this.fail?.(message, attempt);
    if (error) throw error;
    this.sent.push(message);
  }

  attemptsFor(reminderId: string): number {
    return this.attempts.get(reminderId) ?? 0;
  }
}

export async function reminderDoc(store: DocumentStore, seeded: SeededReminder): Promise<DueReminder | undefined> {
  return (await store.read<DueReminder>(CONTAINERS.reminders, bucketOf(seeded.dueAt), seeded.reminderId))?.body;
}

export async function pendingIn(store: DocumentStore, bucket: string): Promise<DueReminder[]> {
  return (await store.query<DueReminder>(CONTAINERS.reminders, { partitionKey: bucket, where: [{ field: 'status', op: '=', value: 'pending' }] })).map((d) => d.body);
}
