import assert from 'node:assert/strict';
import { t } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';
import { NameDialog } from '../../dialogs/nameDialog';
import { InventoryDialog } from '../../dialogs/inventoryDialog';
import { ProblemSolvingDialog } from '../../dialogs/problemSolvingDialog';
import { CheckInDialog } from '../../dialogs/checkInDialog';
import { SocialNudgeDialog } from '../../dialogs/socialNudgeDialog';
import { MainDialog } from '../../dialogs/mainDialog';
import { OnboardingDialog } from '../../dialogs/onboardingDialog';
import { assertSays, CHANNELS, isReflection, harness, LANGUAGES, onboardedProfile, seedProfile, tempStore } from './harness';

/** The phrases people typed that the bot refused or misread, now read as they were meant, in transcripts. */
const SAID = {
  en: {
    callMe: 'Nice to meet you, you can call me Dani.',
    no: 'no',
    plainName: 'Dani',
    sister: 'my sister Ana, we talked on the phone',
    fairlyClose: 'fairly close',
    aBit: 'yeah, a bit',
    sometimes: 'sometimes',
    dad: 'my dad',
    problem: 'my sister and I keep arguing about our mother',
    optionA: 'Call Ana tonight and explain',
    optionB: 'Write her a message',
    allDone: "that's all I can think of",
    choose: 'I think writing her a message is best',
    mood: 'about a 4 I guess',
    notYet: "not yet, it's still tomorrow",
    accept: "ok I'll text her",
    noCode: "No I don't think so",
    four: '4',
    howItWorks: 'how does this therapy work?',
    tiredLonely: 'tired and a bit lonely',
    dadDied: 'my dad passed away',
  },
  es: {
    callMe: 'Un placer conocerte, me llamo Lucía.',
    no: 'no',
    plainName: 'Lucía',
    sister: 'mi hermana Ana, hablamos por teléfono',
    fairlyClose: 'bastante cerca',
    aBit: 'sí, un poco',
    sometimes: 'a veces',
    dad: 'mi papá',
    problem: 'mi hermana y yo discutimos por nuestra madre',
    optionA: 'Llamar a Ana esta noche',
    optionB: 'Escribirle un mensaje',
    allDone: 'ya está, no se me ocurre nada más',
    choose: 'creo que escribirle un mensaje es lo mejor',
    mood: 'un 5 más o menos',
    notYet: 'todavía no, es mañana',
    accept: 'vale, le escribo',
    noCode: 'No, creo que no',
    four: '4',
    howItWorks: '¿cómo funciona esta terapia?',
    tiredLonely: 'cansada y un poco sola',
    dadDied: 'mi papá falleció, quiero recordarlo',
  },
};

describe('Understanding typed answers in dialogs', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => (temp = await tempStore()));
  afterEach(async () => temp.dispose());

  async function onboarded(channelId: (typeof CHANNELS)[number], language: 'en' | 'es') {
    const repo = new ClientRepository(temp.store);
    const profile = await onboardedProfile(repo, language);
    await seedProfile(temp.store, channelId, profile);
    return { repo, clientId: profile.clientId as string };
  }

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      const said = SAID[language];
      describe(`${channelId} / ${language}`, () => {
        it('takes the name out of a sentence, confirms it, and asks again after a no', async () => {
          const h = harness((s) => new NameDialog(s.profileAccessor), { channelId, language, store: temp.store });
          assert.deepEqual(await h.say('hi'), [t(language, 'main.askName')]);
          const name = said.plainName;
          assertSays((await h.say(said.callMe))[0], language, 'main.confirmName', { name });
          assert.deepEqual(await h.say(said.no), [t(language, 'main.askNameAgain')]);
          assertSays((await h.say(said.callMe))[0], language, 'main.confirmName', { name });
          assertSays((await h.say(language === 'en' ? 'yes' : 'sí'))[0], language, 'main.nameSaved', { name });
          assert.equal((await h.profile()).preferredName, name);
        });

        it('"No I don\'t think so" to the enrolment code is no code, and the name comes out of a greeting', async () => {
          const h = harness((s) => new OnboardingDialog(s), { channelId, language, store: temp.store });
          await h.send('hello');
          const consent = await h.say(t(language, 'onboarding.consentYes'));
          assertSays(consent.at(-1), language, 'onboarding.askCode');
          assert.deepEqual(await h.say(said.noCode), [t(language, 'main.askName')]);
          assertSays((await h.say(said.callMe))[0], language, 'main.confirmName', { name: said.plainName });
          const saved = await h.say(language === 'en' ? 'yes' : 'sí');
          assertSays(saved[0], language, 'main.nameSaved', { name: said.plainName });
          assert.equal((await h.profile()).preferredName, said.plainName);
        });

        it('a plain name is saved without a confirmation; a sentence with no name is asked again', async () => {
          const h = harness((s) => new NameDialog(s.profileAccessor), { channelId, language, store: temp.store });
          await h.send('hi');
          assert.deepEqual(await h.say(language === 'en' ? 'Nice to meet you' : 'Encantada'), [t(language, 'main.askNameRetry')]);
          assertSays((await h.say(said.plainName))[0], language, 'main.nameSaved', { name: said.plainName });
        });

        it('adds "my sister Ana, we talked on the phone" as Ana, sister, and reads "fairly close", "a bit", "sometimes"', async () => {
          const { repo, clientId } = await onboarded(channelId, language);
          const h = harness((s) => new InventoryDialog(s), { channelId, language, store: temp.store }, { startWith: 'add', then: 'end' });
          assert.deepEqual(await h.say('hi'), [t(language, 'inventory.askName')]);
          const relation = language === 'en' ? 'sister' : 'hermana';
          assert.deepEqual(await h.say(said.sister), [t(language, 'inventory.notedRelation', { name: 'Ana', relation }), t(language, 'inventory.askCircle', { name: 'Ana' })]);
          assert.deepEqual(await h.say(said.fairlyClose), [t(language, 'inventory.askSupportive', { name: 'Ana' })]);
          assert.deepEqual(await h.say(said.aBit), [t(language, 'inventory.askConflict', { name: 'Ana' })]);
          assert.deepEqual(await h.say(said.sometimes), [t(language, 'inventory.added', { name: 'Ana' })]);
          const [ana] = await repo.people(clientId);
          assert.deepEqual(
            { name: ana.name, relationship: ana.relationship, circle: ana.circle, supportive: ana.supportive, conflict: ana.conflict },
            { name: 'Ana', relationship: relation, circle: 'middle', supportive: true, conflict: true },
          );
        });

        it('stopping after two misunderstood answers keeps the name and relation, and the next add finishes that person', async () => {
          const { repo, clientId } = await onboarded(channelId, language);
          const h = harness((s) => new InventoryDialog(s), { channelId, language, store: temp.store });
          await h.send('hi');
          await h.send(t(language, 'inventory.addButton'));
          await h.send('Ana');
          assert.deepEqual(await h.say(language === 'en' ? 'sister' : 'hermana'), [t(language, 'inventory.askCircle', { name: 'Ana' })]);
          assert.deepEqual(await h.say('purple'), [t(language, 'prompts.retry_unknownChoice')]);
          assertSays((await h.say('🙂'))[0], language, 'prompts.gaveUpKept');
          assert.deepEqual(h.client.dialogTurnResult.result, { showMenu: true });
          assert.deepEqual(await repo.people(clientId), [], 'a draft, not a person yet');
          assert.equal((await h.profile()).drafts?.inventoryPerson?.values.name, 'Ana');

          const later = harness((s) => new InventoryDialog(s), { channelId, language, store: temp.store });
          assert.deepEqual(await later.say('hi'), [t(language, 'inventory.draftResumed', { name: 'Ana' }), t(language, 'inventory.askCircle', { name: 'Ana' })]);
          await later.send(said.fairlyClose);
          await later.send(language === 'en' ? 'yes' : 'sí');
          await later.send('no');
          for (let i = 0; i < 6; i++) await later.send(language === 'en' ? 'skip' : 'saltar');
          const [ana] = await repo.people(clientId);
          assert.deepEqual([ana.name, ana.relationship, ana.circle], ['Ana', language === 'en' ? 'sister' : 'hermana', 'middle']);
          assert.equal((await later.profile()).drafts, undefined, 'the draft is gone once finished');
        });

        it('"my dad" is kept as Dad, relation dad', async () => {
          const { repo, clientId } = await onboarded(channelId, language);
          const h = harness((s) => new InventoryDialog(s), { channelId, language, store: temp.store }, { startWith: 'add', then: 'end' });
          await h.send('hi');
          const [label, relation] = language === 'en' ? ['Dad', 'dad'] : ['Papá', 'papá'];
          assert.deepEqual(await h.say(said.dad), [t(language, 'inventory.notedRelation', { name: label, relation }), t(language, 'inventory.askCircle', { name: label })]);
          await h.send('1');
          await h.send(language === 'en' ? 'yes' : 'sí');
          await h.send('no');
          const [dad] = await repo.people(clientId);
          assert.deepEqual([dad.name, dad.relationship, dad.circle], [label, relation, 'inner']);
        });

        it('"that\'s all I can think of" ends the options, and an option is chosen by its words', async () => {
          const { repo, clientId } = await onboarded(channelId, language);
          const h = harness((s) => new ProblemSolvingDialog(s), { channelId, language, store: temp.store });
          await h.send('go');
          await h.send(said.problem);
          await h.send(said.optionA);
          await h.send(said.optionB);
          assert.deepEqual(await h.say(said.allDone), [t(language, 'problem.askPros', { option: said.optionA })]);
          for (let i = 0; i < 3; i++) await h.send(language === 'en' ? 'skip' : 'saltar');
          const choose = await h.say(language === 'en' ? 'skip' : 'saltar');
          assert.equal(choose.at(-1), t(language, 'problem.askChoose'));
          assert.deepEqual(await h.say(said.choose), [t(language, 'problem.askFirstStep', { option: said.optionB })]);
          const [draft] = await repo.problems(clientId);
          assert.deepEqual(draft.options.map((o) => o.text), [said.optionA, said.optionB]);
          assert.equal(draft.chosen, 1);
        });

        it('reads a mood inside a sentence', async () => {
          const { repo, clientId } = await onboarded(channelId, language);
          const h = harness((s) => new CheckInDialog(s), { channelId, language, store: temp.store });
          await h.send('hi');
          assertSays((await h.say(said.mood))[0], language, 'checkin.askFeelings');
          await h.send(language === 'en' ? 'skip' : 'saltar');
          await h.send(t(language, 'checkin.nobodyButton'));
          const [record] = await repo.checkInsSince(clientId, '2000-01-01');
          assert.equal(record.mood, language === 'en' ? 4 : 5);
        });

        it('a 4 with "tired and a bit lonely" names tiredness and loneliness, and the same words are not answered with the same sentence twice', async () => {
          await onboarded(channelId, language);
          const h = harness((s) => new CheckInDialog(s), { channelId, language, store: temp.store });
          const said1: string[] = [];
          for (let round = 0; round < 2; round++) {
            await h.send('hi');
            await h.send(said.four);
            const replies = await h.say(said.tiredLonely);
            assert.equal(replies.length, 2);
            for (const noun of ['noun_tired', 'noun_lonely']) assert.ok(replies[0].toLowerCase().includes(t(language, `reflect.${noun}`)), replies[0]);
            assertSays(replies[1], language, 'checkin.askWho');
            said1.push(replies[0]);
            const close = await h.say(t(language, 'checkin.nobodyButton'));
            for (const mixed of [t(language, 'checkin.mood_middle', { mood: 4 }, () => 0), t(language, 'checkin.mood_middle', { mood: 4 }, () => 1)]) {
              assert.ok(!close[0].includes(mixed), 'the day is not summed up as "mixed" after the feelings were named');
            }
          }
          assert.notEqual(said1[0], said1[1]);
        });

        it('a question instead of an answer gets a short answer, then the question again, at no cost of an attempt', async () => {
          const { repo, clientId } = await onboarded(channelId, language);
          const h = harness((s) => new CheckInDialog(s), { channelId, language, store: temp.store });
          await h.send('hi');
          const aside = await h.say(said.howItWorks);
          assert.equal(aside[0], t(language, 'prompts.aside_learn'));
          assertSays(aside[1], language, 'checkin.askMood', { name: 'Sam' });
          assert.deepEqual(await h.say('purple'), [t(language, 'checkin.moodRetry')], 'one misunderstood answer still gets a reprompt, not the end');
          assertSays((await h.say(said.four))[0], language, 'checkin.askFeelings');
          // The same question where a free-text answer is expected is answered too, not stored as the feelings.
          const again = await h.say(said.howItWorks);
          assert.equal(again[0], t(language, 'prompts.aside_learn'));
          assertSays(again[1], language, 'checkin.askFeelings');
          await h.send(language === 'en' ? 'calm' : 'tranquila');
          await h.send(t(language, 'checkin.nobodyButton'));
          const [record] = await repo.checkInsSince(clientId, '2000-01-01');
          assert.equal(record.feelings, language === 'en' ? 'calm' : 'tranquila');
        });

        it('"my dad passed away" is met with condolence before grief work asks its first question', async () => {
          await onboarded(channelId, language);
          const h = harness((s) => new MainDialog(s.profileAccessor, { clients: s.clients }), { channelId, language, store: temp.store });
          const replies = await h.say(said.dadDied);
          assertSays(replies[0], language, 'reflect.loss');
          assertSays(replies[1], language, 'grief.intro');
          assert.ok(replies.slice(1).every((r) => !isReflection(r)));
        });

        it('"not yet, it\'s still tomorrow" to "did it happen?" is a not yet', async () => {
          const { repo, clientId } = await onboarded(channelId, language);
          const ana = await repo.addPerson(clientId, { name: 'Ana', relationship: 'friend', circle: 'inner', supportive: true, conflict: false });
          const h = harness((s) => new SocialNudgeDialog(s), { channelId, language, store: temp.store });
          await h.send('hi');
          assert.deepEqual(await h.say(said.accept), [t(language, 'nudge.accepted', { name: 'Ana' })]);
          const later = harness((s) => new SocialNudgeDialog(s), { channelId, language, store: temp.store });
          assert.deepEqual(await later.say('hi'), [t(language, 'nudge.askDidIt', { name: 'Ana' })]);
          assert.deepEqual(await later.say(said.notYet), [t(language, 'nudge.didNotHappen', { name: 'Ana' })]);
          const [nudge] = await repo.nudges(clientId);
          assert.deepEqual([nudge.personId, nudge.status], [ana.id, 'didNotHappen']);
        });
      });
    }
  }
});
