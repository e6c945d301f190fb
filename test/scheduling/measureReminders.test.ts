import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/logger';
import { ProgrammeStore } from '../../src/programmes/programmeStore';
import { ReminderDispatcher } from '../../src/scheduling/reminderDispatcher';
import { reminderActivity } from '../../src/scheduling/reminderSender';
import { SqliteDocumentStore } from '../../src/storage/sqliteStore';
import { DocumentStore } from '../../src/storage/documentStore';
import { pendingIn, PROGRAMME, RecordingSender, seedClientWithDueReminder, seedProgramme } from './reminderFixtures';

const logger = createLogger('silent');

function manualClock(start: string) {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), set: (iso: string) => (now = new Date(iso).getTime()) };
}

describe('measure reminders through the reminder dispatcher', function () {
  this.timeout(60_000);
  let dir: string;
  let store: SqliteDocumentStore;
  let second: SqliteDocumentStore;

  beforeEach(function () {
    dir = mkdtempSync(join(tmpdir(), 'ipt-measures-'));
    store = new SqliteDocumentStore({ dataDir: dir });
    second = new SqliteDocumentStore({ dataDir: dir });
  });
  afterEach(async function () {
    await store.close();
    await second.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function dispatcher(s: DocumentStore, sender: RecordingSender, clock: { now(): Date }, instanceId: string) {
    return new ReminderDispatcher({ store: s, programmes: new ProgrammeStore(s, { clock }), sender, logger, clock, initialLookbackHours: 6, instanceId });
  }

  it('two instances send exactly one measure per client per due date, naming its questionnaires, then the next one 14 days later', async function () {
    const clock = manualClock('2026-11-25T17:00:00Z');
    const programmes = new ProgrammeStore(store, { clock });
    await seedProgramme(programmes);
    const clients: string[] = [];
    for (let i = 0; i < 40; i++) {
      // Each client's own check-in reminder is far ahead, out of the way.
      const { clientId } = await seedClientWithDueReminder(store, clock, { dueAt: new Date('2027-06-01T08:00:00Z') });
      const schedule = await programmes.createSchedule(PROGRAMME, clientId, {
        kind: 'measure',
        rule: { kind: 'measure', instruments: ['phq9', 'gad7'], time: '19:00', firstDate: '2026-11-25' },
        paused: false,
      });
      assert.equal(schedule.nextDueAt, '2026-11-25T18:00:00.000Z', '19:00 in Madrid');
      clients.push(clientId);
    }

    const sender = new RecordingSender();
    const a = dispatcher(store, sender, clock, 'a');
    const b = dispatcher(second, sender, clock, 'b');
    for (const due of ['2026-11-25T18:05:00Z', '2026-12-09T18:05:00Z']) {
      clock.set(due);
      const before = sender.sent.length;
      const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
      const sent = sender.sent.slice(before);
      assert.equal(sent.length, clients.length, `one measure per client on ${due}`);
      assert.equal(ra.sent + rb.sent, clients.length);
      assert.equal(new Set(sent.map((m) => m.reminderId)).size, clients.length, 'no reminder twice');
      for (const message of sent) {
        assert.equal(message.kind, 'measure');
        assert.deepEqual(message.instruments, ['phq9', 'gad7']);
      }
      // A second pass on both instances finds nothing more to send that day.
      const [again, againB] = await Promise.all([a.tick(), b.tick()]);
      assert.equal(again.sent + againB.sent, 0);
    }
    const next = (await pendingIn(store, '2026-12-23T18')).filter((r) => r.kind === 'measure');
    assert.equal(next.length, clients.length, 'each schedule has exactly one next measure, 14 days on');
  });

  it('the reminder card’s button starts the named questionnaires', function () {
    const activity = reminderActivity({ reminderId: 'r-1', kind: 'measure', language: 'es', name: 'Robin', conversationReference: {}, instruments: ['gad7'] });
    const buttons = (activity.attachments?.[0].content as { buttons: Array<{ title: string; value: unknown }> }).buttons;
    assert.deepEqual(buttons[0], { type: 'messageBack', title: 'Empezar el cuestionario', displayText: 'Empezar el cuestionario', value: { choice: 'questionnaire', reminder: 'measure', reminderId: 'r-1', instruments: ['gad7'] } });
    assert.equal((buttons[1].value as { choice: string }).choice, 'snooze');
  });
});
