import assert from 'node:assert/strict';
import { createLogger } from '../../src/logger';
import { DocumentStore } from '../../src/storage/documentStore';
import { tempStore } from '../support/tempStore';
import { ProgrammeStore } from '../../src/programmes/programmeStore';
import { seedLinkedClient } from '../support/linkedClient';
import { ReminderControls } from '../../src/programmes/reminderControls';
import { ReminderDispatcher } from '../../src/scheduling/reminderDispatcher';
import { ReminderMessage } from '../../src/scheduling/reminderSender';

describe('reminder controls from chat: snooze and change time', function () {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  let store: DocumentStore;
  let now: Date;
  const clock = { now: () => now };
  let programmes: ProgrammeStore;
  let controls: ReminderControls;
  const me = { channelId: 'webchat', userId: 'user-1' };
  let clientId: string;

  beforeEach(async function () {
    temp = await tempStore();
    store = temp.store;
    now = new Date('2026-11-25T12:00:00Z');
    ({ programmes, clientId } = await seedLinkedClient(store, clock, me, { courseStart: '2026-11-01', courseEnd: '2027-01-31' }));
    controls = new ReminderControls(programmes, store, clock);
    await programmes.createSchedule('p', clientId, { kind: 'checkIn', rule: { kind: 'weekly', time: '19:00' }, paused: false });
  });
  afterEach(async () => temp.dispose());

  it('changes the time of day; the programme sees the new rule and the next time', async function () {
    assert.deepEqual(await controls.changeTime(me, 'checkIn', '20:30'), { ok: true, nextDueAt: '2026-11-25T19:30:00.000Z', timeZone: 'Europe/Madrid' });
    const [schedule] = await programmes.listSchedules('p', clientId);
    assert.equal(schedule.rule.time, '20:30');
    assert.deepEqual(await controls.list(me), { timeZone: 'Europe/Madrid', reminders: [{ kind: 'checkIn', time: '20:30', nextDueAt: '2026-11-25T19:30:00.000Z', paused: false }] });
    assert.deepEqual(await controls.changeTime(me, 'checkIn', '25:00'), { ok: false, reason: 'badTime' });
    assert.deepEqual(await controls.changeTime(me, 'socialNudge', '10:00'), { ok: false, reason: 'noSuchReminder' });
    assert.deepEqual(await controls.changeTime({ channelId: 'webchat', userId: 'stranger' }, 'checkIn', '10:00'), { ok: false, reason: 'notLinked' });
  });

  it('snoozes: the reminder comes once more later, and the regular one still comes the next day', async function () {
    const sent: ReminderMessage[] = [];
    const dispatcher = new ReminderDispatcher({ store, programmes, sender: { send: async (m) => void sent.push(m) }, logger: createLogger('silent'), clock });
    now = new Date('2026-11-25T18:00:30Z');
    await dispatcher.tick();
    assert.equal(sent.length, 1);
    assert.deepEqual(await controls.snooze(me, 'checkIn', 60), { ok: true, nextDueAt: '2026-11-25T19:00:30.000Z', timeZone: 'Europe/Madrid' });
    now = new Date('2026-11-25T18:59:00Z');
    await dispatcher.tick();
    assert.equal(sent.length, 1);
    now = new Date('2026-11-25T19:01:00Z');
    await dispatcher.tick();
    assert.equal(sent.length, 2);
    now = new Date('2026-11-26T18:00:30Z');
    await dispatcher.tick();
    assert.equal(sent.length, 3);
    assert.equal(new Set(sent.map((m) => m.reminderId)).size, 3);
  });

  it('a yearly reminder of a hard date comes at 10:00, or when the client\'s quiet hours end; after the course, none', async function () {
    assert.deepEqual(await controls.remindYearly(me, { month: 12, day: 24 }), { ok: true, nextDueAt: '2026-12-24T09:00:00.000Z', timeZone: 'Europe/Madrid' });
    await programmes.updateClient('p', clientId, { quietHours: { start: '22:00', end: '11:30' } });
    assert.deepEqual(await controls.remindYearly(me, { month: 12, day: 31 }), { ok: true, nextDueAt: '2026-12-31T10:30:00.000Z', timeZone: 'Europe/Madrid' });
    assert.deepEqual(await controls.remindYearly(me, { month: 3, day: 3 }), { ok: false, reason: 'afterCourse' });
    assert.deepEqual(await controls.remindYearly({ channelId: 'webchat', userId: 'stranger' }, { month: 3, day: 3 }), { ok: false, reason: 'notLinked' });
    const kinds = (await programmes.listSchedules('p', clientId)).map((s) => s.kind).sort();
    assert.deepEqual(kinds, ['anniversary', 'anniversary', 'checkIn']);
  });
});
