import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sinon from 'sinon';
import { CONTAINERS } from '../../src/storage/containers';
import { DocumentStore } from '../../src/storage/documentStore';
import { SqliteDocumentStore } from '../../src/storage/sqliteStore';
import { createLogger } from '../../src/logger';
import { systemClock } from '../../src/clock';
import { ProgrammeStore } from '../../src/programmes/programmeStore';
import { PROGRESS_EVERY, ReminderDispatcher } from '../../src/scheduling/reminderDispatcher';
import { CountingDocumentStore } from '../../src/storage/countingStore';
import { bucketOf, DueReminder } from '../../src/scheduling/reminderQueue';
import { ReminderSendError, ReminderSender } from '../../src/scheduling/reminderSender';
import { CosmosTestServer, createTestCosmosStore, startCosmosServer } from '../support/cosmosServer';
import { pendingIn, PROGRAMME, RecordingSender, reminderDoc, seedClientWithDueReminder, seedProgramme, SeededReminder } from './reminderFixtures';

const logger = createLogger('silent');

/** A clock the test moves by hand. */
function manualClock(start: string) {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    set: (iso: string) => (now = new Date(iso).getTime()),
    advance: (ms: number) => (now += ms),
  };
}

function dispatcher(store: DocumentStore, sender: ReminderSender, clock: { now(): Date }, extra: Partial<ConstructorParameters<typeof ReminderDispatcher>[0]> = {}) {
  return new ReminderDispatcher({ store, programmes: new ProgrammeStore(store, { clock }), sender, logger, clock, initialLookbackHours: 6, ...extra });
}

async function seedMany(store: DocumentStore, clock: { now(): Date }, count: number, dueAt: Date): Promise<SeededReminder[]> {
  const seeded: SeededReminder[] = [];
  for (let i = 0; i < count; i++) seeded.push(await seedClientWithDueReminder(store, clock, { dueAt: new Date(dueAt.getTime() - (i % 50) * 60_000) }));
  return seeded;
}

/** Two dispatchers, each with its own store connection, dispatching the same due reminders at once. */
async function exactlyOnce(storeA: DocumentStore, storeB: DocumentStore, count: number) {
  const clock = manualClock('2026-11-25T18:00:00Z');
  await seedProgramme(new ProgrammeStore(storeA, { clock }));
  const seeded = await seedMany(storeA, clock, count, new Date('2026-11-25T17:59:00Z'));
  clock.set('2026-11-25T18:05:00Z');
  const sender = new RecordingSender();
  const a = dispatcher(storeA, sender, clock, { instanceId: 'a' });
  const b = dispatcher(storeB, sender, clock, { instanceId: 'b' });
  const [ra, rb] = await Promise.all([a.tick(), b.tick()]);

  const ids = sender.sent.map((m) => m.reminderId);
  assert.equal(ids.length, count, `sent ${ids.length} of ${count}`);
  assert.equal(new Set(ids).size, count, 'a reminder was sent twice');
  assert.equal(ra.sent + rb.sent, count);
  assert.ok(ra.sent > 0 && rb.sent > 0, `both instances should take part (a ${ra.sent}, b ${rb.sent})`);
  for (const s of seeded.slice(0, 20)) assert.equal((await reminderDoc(storeA, s))?.status, 'sent');
  // Each schedule has exactly one next reminder, tomorrow at the same local time.
  const next = [...(await pendingIn(storeA, '2026-11-26T17')), ...(await pendingIn(storeA, '2026-11-26T16'))];
  assert.equal(next.length, count);
  assert.equal(new Set(next.map((r) => r.scheduleId)).size, count);
  // Nothing left to do.
  assert.deepEqual(await a.tick(), { sent: 0, skipped: 0, cancelled: 0, failed: 0, lost: 0 });
}

describe('reminder dispatcher', function () {
  this.timeout(120_000);
  let dir: string;
  let store: SqliteDocumentStore;

  beforeEach(function () {
    dir = mkdtempSync(join(tmpdir(), 'ipt-reminders-'));
    store = new SqliteDocumentStore({ dataDir: dir });
  });
  afterEach(async function () {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('exactly once', function () {
    it('two instances over the same SQLite file send each of 1,000 due reminders exactly once', async function () {
      const second = new SqliteDocumentStore({ dataDir: dir });
      try {
        await exactlyOnce(store, second, 1000);
      } finally {
        await second.close();
      }
    });

    it('an instance killed mid-dispatch loses nothing and sends nothing twice once another takes over', async function () {
      const clock = manualClock('2026-11-25T18:00:00Z');
      await seedProgramme(new ProgrammeStore(store, { clock }));
      await seedMany(store, clock, 40, new Date('2026-11-25T17:59:00Z'));
      clock.set('2026-11-25T18:01:00Z');
      const delivered: string[] = [];
      // Instance A delivers 10 reminders, then dies with its next sends in flight (they never complete).
      const dying: ReminderSender = {
        send: (message) => {
          if (delivered.length >= 10) return new Promise(() => undefined);
          delivered.push(message.reminderId);
          return Promise.resolve();
        },
      };
      const a = dispatcher(store, dying, clock, { instanceId: 'a', concurrency: 4, leaseMs: 120_000 });
      void a.tick();
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(delivered.length, 10);

      const healthy: ReminderSender = { send: async (message) => void delivered.push(message.reminderId) };
      const b = dispatcher(store, healthy, clock, { instanceId: 'b', leaseMs: 120_000 });
      // Before A's claims run out, B leaves them alone.
      await b.tick();
      assert.equal(delivered.length, 36, 'B sends everything A had not claimed');
      clock.advance(121_000);
      await b.tick();
      assert.equal(delivered.length, 40);
      assert.equal(new Set(delivered).size, 40);
    });
  });

  describe('catching up after downtime', function () {
    it('sends a reminder missed within the grace window once, and records an older one as skipped', async function () {
      const clock = manualClock('2026-11-25T09:00:00Z');
      await seedProgramme(new ProgrammeStore(store, { clock }));
      const recent = await seedClientWithDueReminder(store, clock, { dueAt: new Date('2026-11-25T10:30:00Z'), rule: { kind: 'weekly', time: '11:30' } });
      const old = await seedClientWithDueReminder(store, clock, { dueAt: new Date('2026-11-25T09:30:00Z'), rule: { kind: 'weekly', time: '10:30' } });
      clock.set('2026-11-25T12:00:00Z'); // the service was down from 09:00 to 12:00
      const sender = new RecordingSender();
      const d = dispatcher(store, sender, clock, { graceMinutes: 120 });
      const report = await d.tick();
      assert.deepEqual(report, { sent: 1, skipped: 1, cancelled: 0, failed: 0, lost: 0 });
      assert.deepEqual(sender.sent.map((m) => m.reminderId), [recent.reminderId]);
      assert.equal((await reminderDoc(store, old))?.status, 'skipped');
      assert.equal((await reminderDoc(store, old))?.outcome, 'missed');
      // Both schedules go on tomorrow, with no burst today.
      const schedule = await new ProgrammeStore(store).getSchedule(PROGRAMME, old.scheduleId);
      assert.equal(schedule?.nextDueAt, '2026-11-26T09:30:00.000Z');
      assert.deepEqual(await d.tick(), { sent: 0, skipped: 0, cancelled: 0, failed: 0, lost: 0 });
      assert.equal(sender.sent.length, 1);
    });

    it('never sends before the due time, and fires at the local time on the night the clocks change (sinon clock)', async function () {
      const fake = sinon.useFakeTimers({ now: new Date('2026-03-07T12:00:00Z'), toFake: ['Date'] });
      try {
        await seedProgramme(new ProgrammeStore(store));
        const programmes = new ProgrammeStore(store);
        const seeded = await seedClientWithDueReminder(store, systemClock, { dueAt: new Date('2026-03-08T07:00:00Z'), timeZone: 'America/New_York', rule: { kind: 'weekly', time: '02:30' } });
        await programmes.replan(PROGRAMME, seeded.scheduleId); // plans it properly: the 02:30 that does not exist
        const planned = await programmes.getSchedule(PROGRAMME, seeded.scheduleId);
        assert.equal(planned?.nextDueAt, '2026-03-08T07:00:00.000Z');

        const sender = new RecordingSender();
        const d = dispatcher(store, sender, systemClock);
        fake.setSystemTime(new Date('2026-03-08T06:59:59Z'));
        await d.tick();
        assert.equal(sender.sent.length, 0);
        fake.setSystemTime(new Date('2026-03-08T07:00:00Z'));
        await d.tick();
        assert.equal(sender.sent.length, 1);
        await d.tick();
        assert.equal(sender.sent.length, 1);
        assert.equal((await programmes.getSchedule(PROGRAMME, seeded.scheduleId))?.nextDueAt, '2026-03-09T06:30:00.000Z');
      } finally {
        fake.restore();
      }
    });
  });

  describe('what it costs, and what the schedule shows', function () {
    it('sends with three writes and three reads a reminder, and the schedule still shows the next reminder and the last send, day after day', async function () {
      const clock = manualClock('2026-11-25T09:00:00Z');
      const programmes = new ProgrammeStore(store, { clock });
      await seedProgramme(programmes);
      const seeded = await seedClientWithDueReminder(store, clock, { dueAt: new Date('2026-11-25T10:00:00Z') });
      const counted = new CountingDocumentStore(store);
      const sender = new RecordingSender();
      const d = dispatcher(counted, sender, clock);
      let scheduleWrites = 0;
      for (let day = 0; day < 20; day++) {
        const due = new Date(Date.parse('2026-11-25T10:00:00Z') + day * 86_400_000);
        clock.set(new Date(due.getTime() + 5_000).toISOString());
        const cursor = async () => (await store.read(CONTAINERS.reminders, 'cursor', 'cursor'))?.etag;
        const cursorBefore = await cursor();
        const before = counted.countsByContainer();
        assert.equal((await d.tick()).sent, 1, `day ${day}`);
        const after = counted.countsByContainer();
        const cursorMoved = (await cursor()) !== cursorBefore ? 1 : 0;
        const reminderWrites = (after.reminders?.writes ?? 0) - (before.reminders?.writes ?? 0) - cursorMoved;
        const programmeWrites = (after.programmes?.writes ?? 0) - (before.programmes?.writes ?? 0);
        const programmeReads = (after.programmes?.reads ?? 0) - (before.programmes?.reads ?? 0);
        assert.equal(reminderWrites, 3, 'claim, successor, sent');
        assert.equal(programmeReads, 2, 'the schedule and the client, once each');
        assert.equal((after.clients?.reads ?? 0) - (before.clients?.reads ?? 0), 1, 'the consent and name, once');
        scheduleWrites += programmeWrites;
        // What the programme (API) and the client (chat) see.
        const schedule = await programmes.getSchedule(PROGRAMME, seeded.scheduleId);
        assert.equal(schedule?.lastSentAt, clock.now().toISOString(), `day ${day}`);
        assert.equal(schedule?.nextDueAt, new Date(due.getTime() + 86_400_000).toISOString(), `day ${day}`);
        assert.deepEqual((await programmes.listSchedules(PROGRAMME, seeded.clientId)).map((s) => s.nextDueAt), [schedule?.nextDueAt]);
      }
      assert.equal(scheduleWrites, Math.floor(20 / PROGRESS_EVERY), 'the schedule document is written every PROGRESS_EVERY reminders');
      assert.equal(sender.sent.length, 20);
    });

    it('keeps the last send when a schedule stops, and after it is planned again', async function () {
      const clock = manualClock('2026-11-25T09:00:00Z');
      const programmes = new ProgrammeStore(store, { clock });
      await seedProgramme(programmes);
      const seeded = await seedClientWithDueReminder(store, clock, { dueAt: new Date('2026-11-25T10:00:00Z') });
      const sender = new RecordingSender();
      const d = dispatcher(store, sender, clock);
      clock.set('2026-11-25T10:00:05Z');
      await d.tick();
      // The client blocks the bot: the next reminder answers 403.
      sender.fail = () => new ReminderSendError(403);
      clock.set('2026-11-26T10:00:05Z');
      assert.equal((await d.tick()).failed, 1);
      const stopped = await programmes.getSchedule(PROGRAMME, seeded.scheduleId);
      assert.equal(stopped?.stoppedReason, 'unreachable');
      assert.equal(stopped?.nextDueAt, undefined);
      assert.equal(stopped?.lastSentAt, '2026-11-25T10:00:05.000Z');
      await programmes.updateClient(PROGRAMME, seeded.clientId, { status: 'linked' });
      const resumed = await programmes.getSchedule(PROGRAMME, seeded.scheduleId);
      assert.equal(resumed?.lastSentAt, '2026-11-25T10:00:05.000Z');
      assert.equal(resumed?.nextDueAt, '2026-11-27T10:00:00.000Z');
    });
  });

  describe('who never gets a reminder', function () {
    it('skips or cancels for withdrawn consent, a removed client, a paused schedule, paused reminders and an unlinked client', async function () {
      const clock = manualClock('2026-11-25T10:00:00Z');
      const programmes = new ProgrammeStore(store, { clock });
      await seedProgramme(programmes);
      const due = new Date('2026-11-25T10:00:00Z');
      const withdrawn = await seedClientWithDueReminder(store, clock, { dueAt: due });
      await store.create(CONTAINERS.clients, withdrawn.clientId, 'profile', { kind: 'profile', consent: { given: false, at: '2026-11-20T10:00:00Z', withdrawnAt: '2026-11-24T10:00:00Z' } });
      const removed = await seedClientWithDueReminder(store, clock, { dueAt: due });
      await store.delete(CONTAINERS.programmes, PROGRAMME, `client:${removed.clientId}`);
      const paused = await seedClientWithDueReminder(store, clock, { dueAt: due });
      const pausedDoc = await store.read<Record<string, unknown>>(CONTAINERS.programmes, PROGRAMME, `schedule:${paused.scheduleId}`);
      await store.upsert(CONTAINERS.programmes, PROGRAMME, `schedule:${paused.scheduleId}`, { ...pausedDoc!.body, paused: true });
      const pausedByClient = await seedClientWithDueReminder(store, clock, { dueAt: due });
      await store.create(CONTAINERS.clients, pausedByClient.clientId, 'profile', { kind: 'profile', remindersPaused: true, preferredName: 'Sam' });
      const unlinked = await seedClientWithDueReminder(store, clock, { dueAt: due, linked: false });
      const welcome = await seedClientWithDueReminder(store, clock, { dueAt: due });
      await store.create(CONTAINERS.clients, welcome.clientId, 'profile', { kind: 'profile', preferredName: 'Lucía', language: 'es', consent: { given: true, at: '2026-11-20T10:00:00Z' } });

      clock.set('2026-11-25T10:01:00Z');
      const sender = new RecordingSender();
      const report = await dispatcher(store, sender, clock).tick();
      assert.deepEqual(sender.sent.map((m) => m.reminderId), [welcome.reminderId]);
      assert.equal(sender.sent[0].name, 'Lucía');
      assert.equal(sender.sent[0].language, 'es');
      assert.deepEqual(report, { sent: 1, skipped: 2, cancelled: 3, failed: 0, lost: 0 });
      assert.equal((await reminderDoc(store, withdrawn))?.outcome, 'consentWithdrawn');
      assert.equal((await programmes.getSchedule(PROGRAMME, withdrawn.scheduleId))?.stoppedReason, 'withdrawn');
      assert.equal((await reminderDoc(store, removed))?.outcome, 'clientRemoved');
      assert.equal((await reminderDoc(store, paused))?.outcome, 'paused');
      assert.equal((await reminderDoc(store, pausedByClient))?.outcome, 'pausedByClient');
      assert.equal((await reminderDoc(store, unlinked))?.outcome, 'notLinked');
      // A client who paused from chat keeps a planned reminder (so resuming needs nothing else); the withdrawn one does not.
      const tomorrow = (await pendingIn(store, '2026-11-26T10')).map((r) => r.clientId).sort();
      assert.deepEqual(tomorrow, [pausedByClient.clientId, unlinked.clientId, welcome.clientId].sort());
    });
  });

  describe('Bot Connector answers (stub sender)', function () {
    it('429: waits the Retry-After before any further send, then sends once', async function () {
      const clock = manualClock('2026-11-25T10:00:00Z');
      await seedProgramme(new ProgrammeStore(store, { clock }));
      const seeded = await seedMany(store, clock, 3, new Date('2026-11-25T10:00:00Z'));
      seeded.sort((x, y) => x.dueAt.getTime() - y.dueAt.getTime()); // the dispatcher works oldest first
      clock.set('2026-11-25T10:01:00Z');
      const sender = new RecordingSender();
      const events: string[] = [];
      sender.fail = (message, attempt) => (message.reminderId === seeded[0].reminderId && attempt === 1 ? new ReminderSendError(429, 30_000) : undefined);
      const sleeps: number[] = [];
      const sleep = async (ms: number) => {
        sleeps.push(ms);
        events.push(`sleep ${ms}`);
        clock.advance(ms);
      };
      const original = sender.send.bind(sender);
      sender.send = async (message) => {
        events.push(`send ${message.reminderId === seeded[0].reminderId ? 'first' : 'other'}`);
        return original(message);
      };
      const report = await dispatcher(store, sender, clock, { sleep, concurrency: 1 }).tick();
      assert.equal(report.sent, 3);
      assert.equal(new Set(sender.sent.map((m) => m.reminderId)).size, 3);
      assert.deepEqual(sleeps, [30_000]);
      // The throttled send and every send after it wait out the Retry-After.
      assert.deepEqual(events, ['send first', 'sleep 30000', 'send first', 'send other', 'send other']);
    });

    it('403: marks the client unreachable, stops their schedules, and sends them nothing more', async function () {
      const clock = manualClock('2026-11-25T10:00:00Z');
      const programmes = new ProgrammeStore(store, { clock });
      await seedProgramme(programmes);
      const blocked = await seedClientWithDueReminder(store, clock, { dueAt: new Date('2026-11-25T10:00:00Z') });
      const fine = await seedClientWithDueReminder(store, clock, { dueAt: new Date('2026-11-25T10:00:00Z') });
      clock.set('2026-11-25T10:01:00Z');
      const sender = new RecordingSender();
      sender.fail = (message) => (message.reminderId === blocked.reminderId ? new ReminderSendError(403) : undefined);
      const report = await dispatcher(store, sender, clock).tick();
      assert.deepEqual(report, { sent: 1, skipped: 0, cancelled: 0, failed: 1, lost: 0 });
      assert.equal(sender.attemptsFor(blocked.reminderId), 1, 'a 403 is not retried');
      const client = await programmes.getClient(PROGRAMME, blocked.clientId);
      assert.equal(client?.status, 'unreachable');
      assert.equal(client?.unreachableAt, '2026-11-25T10:01:00.000Z');
      const schedule = await programmes.getSchedule(PROGRAMME, blocked.scheduleId);
      assert.equal(schedule?.stoppedReason, 'unreachable');
      assert.equal(schedule?.nextDueAt, undefined);
      const tomorrow = (await pendingIn(store, bucketOf(new Date('2026-11-26T10:00:00Z')))).map((r: DueReminder) => r.clientId);
      assert.deepEqual(tomorrow, [fine.clientId]);

      // The programme resumes them (e.g. the client added the bot again): reminders are planned again.
      await programmes.updateClient(PROGRAMME, blocked.clientId, { status: 'linked' });
      assert.equal((await programmes.getClient(PROGRAMME, blocked.clientId))?.status, 'linked');
      const resumed = await programmes.getSchedule(PROGRAMME, blocked.scheduleId);
      assert.equal(resumed?.stoppedReason, undefined);
      assert.equal(resumed?.nextDueAt, '2026-11-26T10:00:00.000Z');
    });

    it('5xx: retries with growing backoff, a bounded number of times, then records the failure and moves on', async function () {
      const clock = manualClock('2026-11-25T10:00:00Z');
      await seedProgramme(new ProgrammeStore(store, { clock }));
      const flaky = await seedClientWithDueReminder(store, clock, { dueAt: new Date('2026-11-25T10:00:00Z') });
      const down = await seedClientWithDueReminder(store, clock, { dueAt: new Date('2026-11-25T10:00:00Z') });
      clock.set('2026-11-25T10:01:00Z');
      const sender = new RecordingSender();
      sender.fail = (message, attempt) => {
        if (message.reminderId === flaky.reminderId && attempt <= 2) return new ReminderSendError(503);
        if (message.reminderId === down.reminderId) return new ReminderSendError(500);
        return undefined;
      };
      const sleeps: number[] = [];
      const report = await dispatcher(store, sender, clock, { sleep: async (ms) => void sleeps.push(ms), concurrency: 1, retryBaseMs: 1000, maxServerErrorRetries: 2 }).tick();
      assert.deepEqual(report, { sent: 1, skipped: 0, cancelled: 0, failed: 1, lost: 0 });
      assert.equal(sender.attemptsFor(flaky.reminderId), 3);
      assert.equal(sender.attemptsFor(down.reminderId), 3);
      assert.deepEqual(sleeps, [1000, 2000, 1000, 2000]);
      assert.equal((await reminderDoc(store, down))?.status, 'failed');
      assert.equal((await reminderDoc(store, down))?.outcome, 'serverError');
      assert.equal((await pendingIn(store, '2026-11-26T10')).length, 2, 'both schedules go on');
    });
  });
});

describe('reminder dispatcher on Cosmos DB (cosmosdb-server)', function () {
  this.timeout(180_000);
  let server: CosmosTestServer;

  before(async function () {
    server = await startCosmosServer();
  });
  after(async function () {
    await server?.stop();
  });

  it('two instances, each with its own client, send each of 1,000 due reminders exactly once', async function () {
    const a = await createTestCosmosStore(server);
    const databaseId = (a as unknown as { databaseId: string }).databaseId;
    const b = await createTestCosmosStore(server, { databaseId });
    try {
      await exactlyOnce(a, b, 1000);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
