import assert from 'node:assert/strict';
import { Language, t } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';
import { ClientCourse } from '../../src/client/clientCourse';
import { MainDialog } from '../../dialogs/mainDialog';
import { CHANNELS, harness, LANGUAGES, offered, onboardedProfile, seedProfile, submit, tempStore } from './harness';

const ZONE = 'America/Mexico_City';
/** A 12-week course: Monday 7 September to Sunday 29 November 2026. */
const course: ClientCourse = { courseOf: async () => ({ courseStart: '2026-09-07', courseEnd: '2026-11-29', timeZone: ZONE }) };

describe('Ending work and the keep-well plan', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => (temp = await tempStore()));
  afterEach(async () => temp.dispose());

  /** A client whose records say: mood 3 and 4 in the first weeks, 6 and 7 lately; two people; one plan done; one talk that happened. */
  async function seeded(channelId: (typeof CHANNELS)[number], language: Language) {
    let now = new Date('2026-09-08T18:00:00Z');
    const clock = { now: () => now };
    const repo = new ClientRepository(temp.store, clock);
    const profile = await onboardedProfile(repo, language, { timeZone: ZONE });
    const clientId = profile.clientId as string;
    await seedProfile(temp.store, channelId, profile);
    for (const [day, mood] of [['2026-09-08', 3], ['2026-09-10', 4], ['2026-11-12', 6], ['2026-11-18', 7]] as const) {
      now = new Date(`${day}T18:00:00Z`);
      await repo.saveCheckIn(clientId, ZONE, { mood, sawNobody: true });
    }
    const sister = await repo.addPerson(clientId, { name: 'Ana', relationship: 'sister', circle: 'inner', supportive: true, conflict: false });
    await repo.addPerson(clientId, { name: 'Luis', relationship: 'friend', circle: 'middle', supportive: true, conflict: false });
    const plan = await repo.newProblem(clientId, 'Arguments about chores');
    await repo.saveProblem({ ...plan, stage: 'reviewed', outcome: 'done' });
    await repo.addNudge(clientId, sister, 'happened');
    now = new Date('2026-11-20T18:00:00Z'); // Friday of week 11: the last two weeks.
    const h = harness((services) => new MainDialog(services.profileAccessor, { clients: services.clients, clock, course: services.course }), { channelId, language, store: temp.store, clock, course });
    const tap = (id: string, key: string) => (channelId === 'msteams' ? submit({ choice: id }) : t(language, key));
    return { h, repo, clientId, tap };
  }

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      describe(`${channelId} / ${language}`, () => {
        it('in the last two weeks the menu offers ending work first; it shows what changed, asks what helped and about ending, credits the client and writes the plan', async () => {
          const { h, repo, clientId, tap } = await seeded(channelId, language);
          const menu = await h.send(t(language, 'commands.menu', {}, () => 0));
          assert.equal(menu[0].text, `${t(language, 'course.week', { week: 11, total: 12 })} ${t(language, 'course.suggest_ending')} ${t(language, 'main.menuIntro')}`);
          assert.equal(offered(menu[0])[0], channelId === 'msteams' ? 'ending' : t(language, 'menu.item_ending'));

          const review = await h.say(tap('ending', 'menu.item_ending'));
          const expected = [
            t(language, 'ending.intro'),
            t(language, 'ending.checkIns', { count: 4 }),
            t(language, 'ending.moodThenNow', { then: 3.5, now: 6.5 }),
            t(language, 'ending.moodUp'),
            t(language, 'ending.people', { count: 2 }),
            t(language, 'ending.plans', { made: 1, done: 1 }),
            t(language, 'ending.contacts', { count: 1 }),
          ].join(' ');
          assert.equal(review[0], expected);
          assert.equal(review[1], t(language, 'ending.ask_whatHelped'));

          assert.deepEqual(await h.say('Talking to Ana every week'), [t(language, 'ending.ask_endingFeelings')]);
          const credit = await h.say('A bit scared, and proud');
          assert.equal(credit[0], `${t(language, 'ending.transition')} ${t(language, 'ending.credit')}`);
          assert.equal(credit[1], t(language, 'ending.offerPlan'));

          const planStart = await h.say(tap('yes', 'prompts.yesButton'));
          assert.deepEqual(planStart, [t(language, 'ending.planIntro'), t(language, 'ending.ask_warningSigns')]);
          assert.deepEqual(await h.say('I stop answering messages'), [t(language, 'ending.ask_whatToDo')]);
          assert.deepEqual(await h.say('Go for a walk and call Ana'), [t(language, 'ending.ask_whoToTell')]);
          assert.deepEqual(await h.say('Ana'), [t(language, 'ending.ask_lowForTwoWeeks')]);
          const saved = await h.say('Call the clinic');
          assert.match(saved[0], new RegExp(t(language, 'ending.part_warningSigns', { text: 'I stop answering messages' })));
          assert.equal(saved[1], t(language, 'ending.planSaved'));

          const stored = await repo.keepWellPlans.get(clientId);
          assert.deepEqual(
            { warningSigns: stored?.warningSigns, whatToDo: stored?.whatToDo, whoToTell: stored?.whoToTell, lowForTwoWeeks: stored?.lowForTwoWeeks, whatHelped: stored?.whatHelped, endingFeelings: stored?.endingFeelings },
            { warningSigns: 'I stop answering messages', whatToDo: 'Go for a walk and call Ana', whoToTell: 'Ana', lowForTwoWeeks: 'Call the clinic', whatHelped: 'Talking to Ana every week', endingFeelings: 'A bit scared, and proud' },
          );

          // Viewable any time by typing it, in either language.
          const shown = await h.say(language === 'en' ? 'my keep-well plan' : 'mi plan para seguir bien');
          assert.equal(shown[0].split('\n\n')[0], t(language, 'ending.planShown'));
          assert.ok(shown[0].includes(t(language, 'ending.part_lowForTwoWeeks', { text: 'Call the clinic' })));
          assert.equal(shown[1], t(language, 'ending.askChange'));
          assert.deepEqual(await h.say(tap('no', 'prompts.noButton')), [t(language, 'ending.planLater')]);
        });

        it('a skipped question and a cancel keep what was written; changing the plan keeps the parts kept as they are', async () => {
          const { h, repo, clientId, tap } = await seeded(channelId, language);
          await h.send(language === 'en' ? 'my keep-well plan' : 'mi plan para seguir bien');
          assert.deepEqual(await h.say(tap('yes', 'prompts.yesButton')), [t(language, 'ending.planIntro'), t(language, 'ending.ask_warningSigns')]);
          await h.send('Sleeping badly');
          await h.send(t(language, 'commands.cancel', {}, () => 0));
          assert.equal((await repo.keepWellPlans.get(clientId))?.warningSigns, 'Sleeping badly');

          await h.send(language === 'en' ? 'keep well plan' : 'plan para seguir bien');
          await h.send(tap('yes', 'prompts.yesButton'));
          await h.send(tap('skip', 'ending.keepAsIs'));
          await h.send(tap('skip', 'checkin.skipButton'));
          await h.send('My partner');
          const end = await h.say('See my doctor');
          assert.equal(end[1], t(language, 'ending.planSaved'));
          const plan = await repo.keepWellPlans.get(clientId);
          assert.equal(plan?.warningSigns, 'Sleeping badly');
          assert.equal(plan?.whatToDo, undefined);
          assert.equal(plan?.whoToTell, 'My partner');
        });
      });
    }
  }

  it('the plan is in "export my data" and gone after "delete my data"', async () => {
    const repo = new ClientRepository(temp.store);
    const clientId = repo.newClientId();
    await repo.keepWellPlans.save(clientId, { warningSigns: 'Staying in bed' });
    const exported = await repo.exportEverything(clientId, []);
    assert.ok(exported.records.some((r) => r.kind === 'keepWellPlan' && r.warningSigns === 'Staying in bed'));
    await repo.deleteEverything(clientId, []);
    assert.equal(await repo.keepWellPlans.get(clientId), undefined);
  });
});
