import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { variants } from '../../src/i18n';
import { createLogger } from '../../src/logger';
import { ProgrammeStore } from '../../src/programmes/programmeStore';
import { ClientRepository } from '../../src/client/clientRepository';
import { ClientSchedules, OwnDue, ownDueSchema } from '../../src/scheduling/clientSchedule';
import { ReminderDispatcher } from '../../src/scheduling/reminderDispatcher';
import { reminderActivity, ReminderSender } from '../../src/scheduling/reminderSender';
import { CONTAINERS } from '../../src/storage/containers';
import { DocumentStore } from '../../src/storage/documentStore';
import { SqliteDocumentStore } from '../../src/storage/sqliteStore';
import { RecordingSender } from './reminderFixtures';

const logger = createLogger('silent');
const REFERENCE = { channelId: 'webchat', serviceUrl: 'http://127.0.0.1:1', conversation: { id: 'conv-own-1' }, user: { id: 'own-1' } };

function manualClock(start: string) {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), set: (iso: string) => (now = new Date(iso).getTime()) };
}

describe('reminders a client sets without a programme', function () {
  this.timeout(60_000);
  let dir: string;
  let storeA: SqliteDocumentStore;
  let storeB: SqliteDocumentStore;
  const clock = manualClock('2026-11-25T12:00:00Z');

  beforeEach(function () {
    dir = mkdtempSync(join(tmpdir(), 'ipt-own-'));
    storeA = new SqliteDocumentStore({ dataDir: dir });
    storeB = new SqliteDocumentStore({ dataDir: dir });
    clock.set('2026-11-25T12:00:00Z');
  });
  afterEach(async function () {
    await storeA.close();
    await storeB.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const dispatcher = (store: DocumentStore, sender: ReminderSender, instanceId: string) =>
    new ReminderDispatcher({ store, programmes: new ProgrammeStore(store, { clock }), sender, logger, clock, instanceId, leaseMs: 120_000, initialLookbackHours: 48 });

  async function client(language: 'en' | 'es'): Promise<string> {
    const repo = new ClientRepository(storeA, clock);
    const clientId = repo.newClientId();
    await repo.saveProfile(clientId, { preferredName: 'Robin', language, timeZone: 'America/Mexico_City', consent: { given: true, at: clock.now().toISOString() } });
    return clientId;
  }

  async function pendingOwn(store: DocumentStore): Promise<OwnDue[]> {
    const all = await store.query<unknown>(CONTAINERS.reminders, { where: [{ field: 'status', op: '=', value: 'pending' }] });
    return all.flatMap((d) => {
      const parsed = ownDueSchema.safeParse(d.body);
      return parsed.success ? [parsed.data] : [];
    });
  }

  for (const language of ['en', 'es'] as const) {
    it(`${language}: a daily check-in time set by the client goes exactly once a day across two dispatcher instances, to their chat`, async function () {
      const clientId = await client(language);
      const schedules = new ClientSchedules(storeA, { clock });
      const set = await schedules.setDailyCheckIn(clientId, '19:00', { timeZone: 'America/Mexico_City', conversationReference: REFERENCE });
      assert.deepEqual(set, { ok: true, nextDueAt: '2026-11-26T01:00:00.000Z', timeZone: 'America/Mexico_City' });

      const sender = new RecordingSender();
      const a = dispatcher(storeA, sender, 'a');
      const b = dispatcher(storeB, sender, 'b');
      clock.set('2026-11-26T00:59:00Z');
      await Promise.all([a.tick(), b.tick()]);
      assert.equal(sender.sent.length, 0, 'not before it is due');

      clock.set('2026-11-26T01:00:30Z');
      const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
      assert.equal(sender.sent.length, 1);
      assert.equal(ra.sent + rb.sent, 1);
      assert.equal(ra.lost + rb.lost <= 1, true);
      const [message] = sender.sent;
      assert.equal(message.kind, 'checkIn');
      assert.equal(message.language, language);
      assert.deepEqual(message.conversationReference, REFERENCE);
      const text = reminderActivity(message).text;
      assert.ok(variants(language, 'reminders.checkIn').some((v) => v.replace('{name}', 'Robin') === text), text);

      await Promise.all([a.tick(), b.tick()]);
      assert.equal(sender.sent.length, 1, 'never twice');
      assert.deepEqual((await pendingOwn(storeA)).map((d) => d.dueAt), ['2026-11-27T01:00:00.000Z'], 'the next day is planned, once');

      clock.set('2026-11-27T01:00:10Z');
      await Promise.all([a.tick(), b.tick()]);
      assert.equal(sender.sent.length, 2, 'the next day comes too');
    });
  }

  it('a new time replaces the old one: the old pending reminder is cancelled, not sent', async function () {
    const clientId = await client('en');
    const schedules = new ClientSchedules(storeA, { clock });
    await schedules.setDailyCheckIn(clientId, '19:00', { timeZone: 'America/Mexico_City', conversationReference: REFERENCE });
    await schedules.setDailyCheckIn(clientId, '20:30', { timeZone: 'America/Mexico_City', conversationReference: REFERENCE });
    const sender = new RecordingSender();
    const a = dispatcher(storeA, sender, 'a');
    clock.set('2026-11-26T01:00:30Z');
    assert.equal((await a.tick()).cancelled, 1);
    assert.equal(sender.sent.length, 0);
    clock.set('2026-11-26T02:30:30Z');
    assert.equal((await a.tick()).sent, 1);
  });

  it('a time inside the quiet hours is refused and nothing changes; a withdrawn consent stops the reminders', async function () {
    const clientId = await client('es');
    const schedules = new ClientSchedules(storeA, { clock });
    assert.deepEqual(await schedules.setDailyCheckIn(clientId, '23:30', { timeZone: 'America/Mexico_City', conversationReference: REFERENCE }), { ok: false, reason: 'quietHours' });
    assert.deepEqual(await schedules.setDailyCheckIn(clientId, '25:00', { timeZone: 'America/Mexico_City', conversationReference: REFERENCE }), { ok: false, reason: 'badTime' });
    assert.equal(await schedules.get(clientId), undefined);
    assert.deepEqual(await pendingOwn(storeA), []);

    await schedules.setDailyCheckIn(clientId, '09:00', { timeZone: 'America/Mexico_City', conversationReference: REFERENCE });
    const repo = new ClientRepository(storeA, clock);
    await repo.saveProfile(clientId, { language: 'es', consent: { given: false, at: clock.now().toISOString(), withdrawnAt: clock.now().toISOString() } });
    const sender = new RecordingSender();
    clock.set('2026-11-26T15:00:30Z');
    assert.equal((await dispatcher(storeA, sender, 'a').tick()).cancelled, 1);
    assert.equal(sender.sent.length, 0);
  });

  it('a one-off follow-up goes once at its time, and the daily time carries on', async function () {
    const clientId = await client('en');
    const schedules = new ClientSchedules(storeA, { clock });
    await schedules.setDailyCheckIn(clientId, '19:00', { timeZone: 'America/Mexico_City', conversationReference: REFERENCE });
    await schedules.remindOnce(clientId, 'problemFollowUp', new Date('2026-11-26T16:00:00Z'), { timeZone: 'America/Mexico_City', conversationReference: REFERENCE });
    const sender = new RecordingSender();
    const a = dispatcher(storeA, sender, 'a');
    const b = dispatcher(storeB, sender, 'b');
    clock.set('2026-11-26T01:00:30Z');
    await Promise.all([a.tick(), b.tick()]);
    clock.set('2026-11-26T16:00:30Z');
    await Promise.all([a.tick(), b.tick()]);
    clock.set('2026-11-26T20:00:00Z');
    await Promise.all([a.tick(), b.tick()]);
    assert.deepEqual(sender.sent.map((m) => m.kind), ['checkIn', 'problemFollowUp']);
    assert.deepEqual((await pendingOwn(storeA)).map((d) => `${d.kind} ${d.dueAt}`), ['checkIn 2026-11-27T01:00:00.000Z']);
  });

  it('a one-off follow-up promised earlier still goes after the daily time is changed or stopped', async function () {
    const clientId = await client('es');
    const schedules = new ClientSchedules(storeA, { clock });
    await schedules.remindOnce(clientId, 'problemFollowUp', new Date('2026-11-26T16:00:00Z'), { timeZone: 'America/Mexico_City', conversationReference: REFERENCE });
    await schedules.setDailyCheckIn(clientId, '19:00', { timeZone: 'America/Mexico_City', conversationReference: REFERENCE });
    await schedules.setDailyCheckIn(clientId, '20:00', { timeZone: 'America/Mexico_City', conversationReference: REFERENCE });
    await schedules.stop(clientId);
    const sender = new RecordingSender();
    clock.set('2026-11-26T16:00:30Z');
    await dispatcher(storeA, sender, 'a').tick();
    await dispatcher(storeB, sender, 'b').tick();
    assert.deepEqual(sender.sent.map((m) => [m.kind, m.language]), [['problemFollowUp', 'es']]);
    clock.set('2026-11-27T03:00:00Z');
    await dispatcher(storeA, sender, 'a').tick();
    assert.equal(sender.sent.length, 1, 'the stopped daily check-ins stay stopped');
  });

  it('a one-off inside the quiet hours waits until they end', async function () {
    const clientId = await client('en');
    const schedules = new ClientSchedules(storeA, { clock });
    // 23:30 in Mexico City: the quiet hours (22:00–07:00) end at 07:00 the next morning.
    const result = await schedules.remindOnce(clientId, 'checkIn', new Date('2026-11-26T05:30:00Z'), { timeZone: 'America/Mexico_City', conversationReference: REFERENCE });
    assert.deepEqual(result, { ok: true, nextDueAt: '2026-11-26T13:00:00.000Z', timeZone: 'America/Mexico_City' });
  });
});
