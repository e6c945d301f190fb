import assert from 'node:assert/strict';
import { createLogger } from '../../src/logger';
import { t } from '../../src/i18n';
import { ProgrammeStore } from '../../src/programmes/programmeStore';
import { ReminderDispatcher } from '../../src/scheduling/reminderDispatcher';
import { reminderActivity } from '../../src/scheduling/reminderSender';
import { updateProgrammeSchema } from '../../src/programmes/schemas';
import { tempStore } from '../support/tempStore';
import { PROGRAMME, RecordingSender, seedClientWithDueReminder, seedProgramme } from './reminderFixtures';

const logger = createLogger('silent');

function manualClock(start: string) {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), set: (iso: string) => (now = new Date(iso).getTime()) };
}

/** The button choices of a reminder card. */
function buttons(message: Parameters<typeof reminderActivity>[0]): string[] {
  const card = reminderActivity(message).attachments?.[0]?.content as { buttons?: Array<{ value: { choice: string } }> } | undefined;
  return (card?.buttons ?? []).map((b) => b.value.choice);
}

describe('After the course: keep-well check-ins or a goodbye, and ending work offered by reminder', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => (temp = await tempStore()));
  afterEach(async () => temp.dispose());

  /** A client in Madrid whose 12-week course ends on Sunday 29 November 2026, with a daily check-in at 19:00. */
  async function setUp(afterCourse?: { keepWellCheckIns: boolean; contactText: string; contactUrl?: string }, dueAt = '2026-11-29T18:00:00Z') {
    const clock = manualClock('2026-09-01T08:00:00Z');
    const programmes = new ProgrammeStore(temp.store, { clock });
    await seedProgramme(programmes);
    if (afterCourse) await programmes.updateProgramme(PROGRAMME, updateProgrammeSchema.parse({ afterCourse }));
    const seeded = await seedClientWithDueReminder(temp.store, clock, { dueAt: new Date(dueAt) });
    await programmes.updateClientDoc(PROGRAMME, seeded.clientId, (doc) => ({ ...doc, courseStart: '2026-09-07', courseEnd: '2026-11-29' }));
    const sender = new RecordingSender();
    const dispatcher = new ReminderDispatcher({ store: temp.store, programmes, sender, logger, clock, initialLookbackHours: 6 });
    return { clock, programmes, sender, dispatcher, clientId: seeded.clientId };
  }

  it('the programme allows it: after the last check-in, a keep-well check-in the next day at the check-in time and monthly after, each sent once', async () => {
    const { clock, programmes, sender, dispatcher, clientId } = await setUp({ keepWellCheckIns: true, contactText: 'Call 555 0100' });
    clock.set('2026-11-29T18:01:00Z');
    await dispatcher.tick();
    assert.deepEqual(sender.sent.map((m) => m.kind), ['checkIn']);
    const afterCourse = (await programmes.listSchedules(PROGRAMME, clientId)).find((s) => s.kind === 'keepWell');
    assert.equal(afterCourse?.nextDueAt, '2026-11-30T18:00:00.000Z', 'at the check-in time, 19:00 in Madrid, the day after the last day');
    await dispatcher.tick();
    assert.equal(sender.sent.length, 1, 'nothing more the same evening');

    clock.set('2026-11-30T18:01:00Z');
    await dispatcher.tick();
    await dispatcher.tick();
    assert.deepEqual(sender.sent.map((m) => m.kind), ['checkIn', 'keepWell']);
    const message = sender.sent[1];
    assert.equal(reminderActivity(message).text, t('en', 'reminders.keepWellAnonymous'));
    assert.deepEqual(buttons(message), ['checkIn', 'keepWell']);
    assert.equal((await programmes.getSchedule(PROGRAMME, `afterCourse-${clientId}`))?.nextDueAt, '2026-12-30T18:00:00.000Z');

    clock.set('2026-12-30T18:01:00Z');
    await dispatcher.tick();
    assert.deepEqual(sender.sent.map((m) => m.kind), ['checkIn', 'keepWell', 'keepWell']);
  });

  it('the programme does not: one goodbye the next day with how to reach the clinic, then nothing', async () => {
    const { clock, sender, dispatcher } = await setUp({ keepWellCheckIns: false, contactText: 'Call 555 0100, weekdays 9–17.', contactUrl: 'https://clinic.example/book' });
    clock.set('2026-11-29T18:01:00Z');
    await dispatcher.tick();
    clock.set('2026-11-30T18:01:00Z');
    await dispatcher.tick();
    await dispatcher.tick();
    assert.deepEqual(sender.sent.map((m) => m.kind), ['checkIn', 'courseEnded']);
    assert.equal(reminderActivity(sender.sent[1]).text, `${t('en', 'reminders.courseEndedAnonymous')} Call 555 0100, weekdays 9–17. https://clinic.example/book`);
    assert.deepEqual(buttons(sender.sent[1]), ['keepWell']);
    for (const day of ['2026-12-01T18:01:00Z', '2026-12-30T18:01:00Z']) {
      clock.set(day);
      await dispatcher.tick();
    }
    assert.equal(sender.sent.length, 2, 'reminders stop after the goodbye');
  });

  it('without an afterCourse setting the goodbye still says to contact the clinic', async () => {
    const { clock, sender, dispatcher } = await setUp();
    clock.set('2026-11-29T18:01:00Z');
    await dispatcher.tick();
    clock.set('2026-11-30T18:01:00Z');
    await dispatcher.tick();
    assert.equal(reminderActivity(sender.sent[1]).text, `${t('en', 'reminders.courseEndedAnonymous')} ${t('en', 'reminders.courseEndedNoContact')}`);
  });

  it('in the last two weeks a check-in reminder also offers the ending work', async () => {
    const late = await setUp(undefined, '2026-11-20T18:00:00Z');
    late.clock.set('2026-11-20T18:01:00Z');
    await late.dispatcher.tick();
    assert.equal(reminderActivity(late.sender.sent[0]).text?.endsWith(t('en', 'reminders.checkInEnding')), true);
    assert.deepEqual(buttons(late.sender.sent[0]), ['checkIn', 'snooze', 'ending']);
  });

  it('mid-course a check-in reminder is as before', async () => {
    const mid = await setUp(undefined, '2026-10-14T17:00:00Z');
    mid.clock.set('2026-10-14T17:01:00Z');
    await mid.dispatcher.tick();
    assert.ok(!reminderActivity(mid.sender.sent[0]).text?.includes(t('en', 'reminders.checkInEnding')));
    assert.deepEqual(buttons(mid.sender.sent[0]), ['checkIn', 'snooze']);
  });

  /** The client's check-in schedule removed: the after-course plan has no time of the client's to follow. */
  async function withoutCheckIn(quietHours?: { start: string; end: string }) {
    const set = await setUp({ keepWellCheckIns: true, contactText: 'Call 555 0100' });
    const checkIn = (await set.programmes.listSchedules(PROGRAMME, set.clientId)).find((s) => s.kind === 'checkIn');
    await set.programmes.deleteSchedule(PROGRAMME, set.clientId, checkIn!.id);
    const client = await set.programmes.updateClientDoc(PROGRAMME, set.clientId, (doc) => ({ ...doc, ...(quietHours ? { quietHours } : {}) }));
    return { ...set, planned: await set.programmes.planAfterCourse(client) };
  }

  it('a client with no check-in reminder gets them mid-morning', async () => {
    const { planned } = await withoutCheckIn();
    assert.equal(planned?.nextDueAt, '2026-11-30T09:00:00.000Z', '10:00 in Madrid, the day after the last day');
  });

  it('…or as their quiet hours end, when those cover mid-morning (a quiet hour skips a reminder, it never moves it)', async () => {
    const { planned, clock, dispatcher, sender, programmes, clientId } = await withoutCheckIn({ start: '09:30', end: '10:30' });
    assert.equal(planned?.rule.time, '10:30');
    assert.equal(await programmes.planAfterCourse((await programmes.getClient(PROGRAMME, clientId))!), undefined, 'planned once');
    clock.set('2026-11-30T09:31:00Z');
    await dispatcher.tick();
    await dispatcher.tick();
    assert.deepEqual(sender.sent.map((m) => m.kind), ['keepWell']);
  });

  it('the API setting is checked: a contact text is required and the URL must be a URL', () => {
    const bad = updateProgrammeSchema.safeParse({ afterCourse: { keepWellCheckIns: true, contactUrl: 'not a url' } });
    assert.equal(bad.success, false);
    const paths = bad.success ? [] : bad.error.issues.map((i) => i.path.join('.'));
    assert.deepEqual(paths.sort(), ['afterCourse.contactText', 'afterCourse.contactUrl']);
  });
});
