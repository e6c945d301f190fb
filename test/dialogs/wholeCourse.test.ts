import assert from 'node:assert/strict';
import { createLogger } from '../../src/logger';
import { t } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';
import { ClientCourse } from '../../src/client/clientCourse';
import { ProgrammeStore } from '../../src/programmes/programmeStore';
import { updateProgrammeSchema } from '../../src/programmes/schemas';
import { ReminderDispatcher } from '../../src/scheduling/reminderDispatcher';
import { reminderActivity } from '../../src/scheduling/reminderSender';
import { MainDialog } from '../../dialogs/mainDialog';
import { harness, LANGUAGES, offered, onboardedProfile, seedProfile, tempStore } from './harness';
import { PROGRAMME, RecordingSender, seedClientWithDueReminder, seedProgramme } from '../scheduling/reminderFixtures';

const ZONE = 'Europe/Madrid';
/** Twelve weeks: Monday 7 September to Sunday 29 November 2026. */
const COURSE = { courseStart: '2026-09-07', courseEnd: '2026-11-29', timeZone: ZONE };
const course: ClientCourse = { courseOf: async () => COURSE };

/**
 * A whole course with a fake clock, as the client lives it: the inventory first in week 1, the week said
 * lightly mid-course, ending work and the keep-well plan in the last two weeks, and a keep-well check-in
 * after the end that opens the plan.
 */
describe('A whole simulated course (12 weeks, fake clock)', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => (temp = await tempStore()));
  afterEach(async () => temp.dispose());

  for (const language of LANGUAGES) {
    it(`${language}: first-week inventory, week 6, ending work and the keep-well plan, a keep-well check-in after the end`, async () => {
      let now = new Date('2026-09-08T17:00:00Z');
      const clock = { now: () => now };
      const repo = new ClientRepository(temp.store, clock);
      const profile = await onboardedProfile(repo, language, { timeZone: ZONE });
      await seedProfile(temp.store, 'webchat', profile);
      const h = harness((services) => new MainDialog(services.profileAccessor, { clients: services.clients, clock, course: services.course }), { channelId: 'webchat', language, store: temp.store, clock, course });
      const menu = () => h.send(t(language, 'commands.menu', {}, () => 0));

      // Week 1: the menu and the check-in close both put the inventory first.
      const first = await menu();
      assert.equal(first[0].text, `${t(language, 'course.week', { week: 1, total: 12 })} ${t(language, 'course.suggest_initial')} ${t(language, 'main.menuIntro')}`);
      assert.equal(offered(first[0])[0], t(language, 'menu.item_people'));
      await h.send(t(language, 'menu.item_checkIn'));
      await h.send('4');
      await h.send(t(language, 'checkin.skipButton'));
      await h.send('Ana');
      await h.send(t(language, 'checkin.how_better'));
      const close = await h.send(t(language, 'checkin.affected_aBit'));
      const closing = close[close.length - 1];
      assert.ok(closing.text?.includes(t(language, 'course.week', { week: 1, total: 12 })), closing.text);
      assert.ok(closing.text?.includes(t(language, 'course.suggest_initial')), closing.text);
      assert.equal(offered(closing)[0], t(language, 'menu.item_people'));

      // Week 6: the week, lightly; the usual order.
      now = new Date('2026-10-14T17:00:00Z');
      await repo.saveCheckIn(profile.clientId as string, ZONE, { mood: 5, sawNobody: true });
      const mid = await menu();
      assert.equal(mid[0].text, `${t(language, 'course.week', { week: 6, total: 12 })} ${t(language, 'main.menuIntro')}`);
      assert.equal(offered(mid[0])[0], t(language, 'menu.item_checkIn'));

      // Week 11: ending work first; what changed, from the check-ins of the first and last two weeks.
      now = new Date('2026-11-20T17:00:00Z');
      await repo.saveCheckIn(profile.clientId as string, ZONE, { mood: 7, sawNobody: true });
      const late = await menu();
      assert.equal(offered(late[0])[0], t(language, 'menu.item_ending'));
      const review = await h.say(t(language, 'menu.item_ending'));
      assert.ok(review[0].includes(t(language, 'ending.moodThenNow', { then: 4, now: 7 })), review[0]);
      await h.send('Talking things through');
      await h.send(t(language, 'checkin.skipButton'));
      await h.send(t(language, 'prompts.yesButton'));
      for (const answer of ['Staying in bed', 'Walk every morning', 'Ana', 'Call the clinic']) await h.send(answer);
      assert.equal((await repo.keepWellPlans.get(profile.clientId as string))?.warningSigns, 'Staying in bed');

      // After the end: a monthly keep-well check-in from the programme's scheduler, once; its button opens the plan.
      now = new Date('2026-11-29T17:59:00Z');
      const programmes = new ProgrammeStore(temp.store, { clock });
      await seedProgramme(programmes);
      await programmes.updateProgramme(PROGRAMME, updateProgrammeSchema.parse({ afterCourse: { keepWellCheckIns: true, contactText: 'Call 555 0100' } }));
      const seeded = await seedClientWithDueReminder(temp.store, clock, { dueAt: new Date('2026-11-29T18:00:00Z') });
      await programmes.updateClientDoc(PROGRAMME, seeded.clientId, (doc) => ({ ...doc, ...COURSE, locale: language }));
      const sender = new RecordingSender();
      const dispatcher = new ReminderDispatcher({ store: temp.store, programmes, sender, logger: createLogger('silent'), clock, initialLookbackHours: 6 });
      now = new Date('2026-11-29T18:01:00Z');
      await dispatcher.tick();
      now = new Date('2026-11-30T18:01:00Z');
      await dispatcher.tick();
      await dispatcher.tick();
      assert.deepEqual(sender.sent.map((m) => m.kind), ['checkIn', 'keepWell']);
      assert.equal(reminderActivity(sender.sent[1]).text, t(language, 'reminders.keepWellAnonymous'));

      const after = await menu();
      assert.equal(after[0].text, `${t(language, 'course.suggest_after')} ${t(language, 'main.menuIntro')}`);
      const plan = await h.say({ value: { choice: 'keepWell', reminder: 'keepWell', reminderId: sender.sent[1].reminderId } });
      assert.ok(plan[0].includes(t(language, 'ending.part_whatToDo', { text: 'Walk every morning' })), plan[0]);
    });
  }
});
