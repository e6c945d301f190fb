import assert from 'node:assert/strict';
import { Activity } from 'botbuilder';
import { Language, t } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';
import { BotStateStorage } from '../../src/storage/botStateStorage';
import { SAFETY_PLAN_STEPS, SafetyPlan } from '../../src/safety/safetyPlan';
import { MainDialog } from '../../dialogs/mainDialog';
import { splitPlanItems } from '../../dialogs/prompts/planItems';
import { assertSays, CHANNELS, harness, HarnessOptions, LANGUAGES, offered, onboardedProfile, seedProfile, submit, tempStore, textsOf } from './harness';

type Channel = (typeof CHANNELS)[number];

const WORDS = {
  en: {
    command: 'my safety plan',
    signs: 'Not sleeping, pacing at night',
    moreSigns: 'Snapping at people',
    people: 'My sister Lena, 555 0100\nMum, 555 0111',
    reasons: 'My dog Max',
    done: "that's all",
    skip: 'skip',
  },
  es: {
    command: 'mi plan de seguridad',
    signs: 'No dormir, dar vueltas por la noche',
    moreSigns: 'Contestar mal a la gente',
    people: 'Mi hermana Lena, 555 0100\nMamá, 555 0111',
    reasons: 'Mi perro Max',
    done: 'ya está',
    skip: 'saltar',
  },
};

/** Asks for a step by its locale key with its number filled. */
function stepQuestion(language: Language, step: (typeof SAFETY_PLAN_STEPS)[number]): string {
  return t(language, `safetyPlan.ask.${step}`, { number: SAFETY_PLAN_STEPS.indexOf(step) + 1, total: SAFETY_PLAN_STEPS.length });
}

describe('SafetyPlanDialog: the client builds, sees and changes their safety plan', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => (temp = await tempStore()));
  afterEach(async () => temp.dispose());

  async function start(channelId: Channel, language: Language, extra: Partial<HarnessOptions> = {}) {
    const repo = new ClientRepository(temp.store);
    const profile = await onboardedProfile(repo, language);
    await seedProfile(temp.store, channelId, profile);
    const h = harness((services) => new MainDialog(services.profileAccessor, { clients: services.clients }), { channelId, language, store: temp.store, ...extra });
    return { h, repo, clientId: profile.clientId as string };
  }

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      const w = WORDS[language];
      /** A button: the card submit on Teams, its title typed on Web Chat. */
      const tap = (id: string, key: string): string | Partial<Activity> => (channelId === 'msteams' ? submit({ choice: id }) : t(language, key));
      const plan = async (repo: ClientRepository, clientId: string): Promise<SafetyPlan> => {
        const stored = await repo.safetyPlans.get(clientId);
        assert.ok(stored, 'a plan is stored');
        return stored;
      };

      describe(`${channelId} / ${language}`, () => {
        it('builds a plan step by step: several items per step, a skipped step, "done" in the language, then shows it', async () => {
          const { h, repo, clientId } = await start(channelId, language);
          const offer = await h.send(w.command);
          assert.equal(offer[0].text, t(language, 'safetyPlan.introNone'));
          assert.deepEqual(offered(offer[0]), channelId === 'msteams' ? ['build', 'notNow'] : [t(language, 'safetyPlan.buildButton'), t(language, 'safetyPlan.notNowButton')]);
          assert.deepEqual(await h.say(tap('build', 'safetyPlan.buildButton')), [t(language, 'safetyPlan.howToAnswer'), stepQuestion(language, 'warningSigns')]);

          assertSays((await h.say(w.signs))[0], language, 'safetyPlan.askMore');
          const more = await h.send(w.moreSigns);
          assertSays(more[0].text, language, 'safetyPlan.askMore');
          assert.deepEqual(offered(more[0]), channelId === 'msteams' ? ['done'] : [t(language, 'safetyPlan.doneButton')]);
          // Saved as the client types, as a draft at the step reached.
          const draft = await plan(repo, clientId);
          assert.deepEqual(draft.warningSigns, language === 'en' ? ['Not sleeping', 'pacing at night', 'Snapping at people'] : ['No dormir', 'dar vueltas por la noche', 'Contestar mal a la gente']);
          assert.deepEqual(draft.draft, { resumeAt: 'warningSigns' });

          assert.deepEqual(await h.say(w.done), [stepQuestion(language, 'copingStrategies')]);
          const skipped = await h.say(tap('skip', 'safetyPlan.skipButton'));
          assertSays(skipped[0], language, 'safetyPlan.skipped');
          assert.deepEqual(skipped.slice(1), [stepQuestion(language, 'distractions')]);
          assertSays((await h.say(w.skip))[0], language, 'safetyPlan.skipped');
          assertSays((await h.say(w.people))[0], language, 'safetyPlan.askMore');
          assert.deepEqual(await h.say(tap('done', 'safetyPlan.doneButton')), [stepQuestion(language, 'professionals')]);
          await h.send(w.skip);
          await h.send(w.skip);
          const reasons = await h.say(w.reasons);
          assertSays(reasons[0], language, 'safetyPlan.askMore');
          const finished = await h.say(w.done);
          assert.equal(finished[0], t(language, 'safetyPlan.finished'));
          assert.ok(finished[1].startsWith(t(language, 'safety.plan.introClient')), finished[1]);
          assert.match(finished[1], /555 0100/);
          assert.equal(finished[2], t(language, 'safetyPlan.afterFinished'));

          const saved = await plan(repo, clientId);
          assert.equal(saved.draft, undefined, 'no longer a draft');
          assert.equal(saved.author, 'client');
          assert.equal(saved.needsReview, true);
          assert.deepEqual(saved.copingStrategies, []);
          assert.deepEqual(saved.peopleToAsk, language === 'en' ? ['My sister Lena, 555 0100', 'Mum, 555 0111'] : ['Mi hermana Lena, 555 0100', 'Mamá, 555 0111']);
          assert.deepEqual(saved.reasonsForLiving, [w.reasons]);
          assert.deepEqual(saved.changedByClient, ['warningSigns', 'peopleToAsk', 'reasonsForLiving']);
        });

        it("shows the clinician's plan and changes one step: the new items replace the old, the rest is kept, and it goes for review", async () => {
          const { h, repo, clientId } = await start(channelId, language);
          await repo.safetyPlans.put({ kind: 'safetyPlan', clientId, updatedAt: '2026-11-01T10:00:00.000Z', warningSigns: ['Skipping meals'], peopleToAsk: ['Dr Ana'] });
          const shown = await h.send(w.command);
          assert.ok(shown[0].text?.startsWith(t(language, 'safety.plan.intro')), shown[0].text);
          assert.match(shown[0].text ?? '', /Skipping meals/);
          assert.equal(shown[1].text, t(language, 'safetyPlan.askChange'));
          const which = await h.send(tap('change', 'safetyPlan.changeButton'));
          assert.equal(which[0].text, t(language, 'safetyPlan.askWhichStep'));
          assert.equal(offered(which[0]).length, SAFETY_PLAN_STEPS.length);
          const asked = await h.say(tap('peopleToAsk', 'safetyPlan.stepName.peopleToAsk'));
          assert.deepEqual(asked, [t(language, 'safetyPlan.howToAnswerChange'), t(language, 'safetyPlan.currentItems', { items: '- Dr Ana' }), stepQuestion(language, 'peopleToAsk')]);
          await h.send('Lena, 555 0100');
          assert.deepEqual(await h.say(w.done), [t(language, 'safetyPlan.changed')]);
          const saved = await plan(repo, clientId);
          assert.deepEqual(saved.peopleToAsk, ['Lena, 555 0100']);
          assert.deepEqual(saved.warningSigns, ['Skipping meals']);
          assert.deepEqual([saved.author, saved.needsReview, saved.changedByClient], ['client', true, ['peopleToAsk']]);

          // Shown again: the client's own version now, with the note that the clinician will look at it.
          const again = await h.send(w.command);
          assert.ok(again[0].text?.startsWith(t(language, 'safety.plan.introClient')), again[0].text);
          assert.equal(again[1].text, t(language, 'safetyPlan.askChangeOwn'));
          assert.deepEqual(await h.say(tap('allGood', 'safetyPlan.allGoodButton')), [t(language, 'safetyPlan.closing')]);
        });

        it('bad input at every step (empty, emoji only, 10,000 characters): a reprompt, then the menu, the draft kept and said so; carrying on resumes there', async () => {
          const { h, repo, clientId } = await start(channelId, language);
          await h.send(w.command);
          await h.send(tap('build', 'safetyPlan.buildButton'));
          for (const [index, step] of SAFETY_PLAN_STEPS.entries()) {
            assertSays((await h.say(`item ${index + 1}`))[0], language, 'safetyPlan.askMore');
            const bad = index % 3 === 0 ? '' : index % 3 === 1 ? '😀😀' : 'x'.repeat(10_000);
            const reason = index % 3 === 0 ? 'prompts.retry_empty' : index % 3 === 1 ? 'prompts.retry_noLetters' : 'safetyPlan.retryTooLong';
            assertSays((await h.say(bad))[0], language, reason);
            const gaveUp = await h.send(index % 2 === 0 ? '🙂' : 'y'.repeat(10_000));
            assert.equal(gaveUp[0].text, t(language, 'safetyPlan.keptDraft'));
            assert.equal(gaveUp[1].text, t(language, 'main.menuIntro'), 'then the menu');
            const stored = await plan(repo, clientId);
            assert.deepEqual(stored.draft, { resumeAt: step });
            assert.deepEqual(stored[step], [`item ${index + 1}`], 'nothing typed before was lost');

            const shown = await h.send(w.command);
            assert.ok(shown[0].text?.startsWith(t(language, 'safety.plan.introClientDraft')), shown[0].text);
            assert.equal(shown[1].text, t(language, 'safetyPlan.draftNote'));
            assert.deepEqual(await h.say(tap('carryOn', 'safetyPlan.carryOnButton')), [
              t(language, 'safetyPlan.howToAnswer'),
              t(language, 'safetyPlan.currentItems', { items: `- item ${index + 1}` }),
              stepQuestion(language, step),
            ]);
            if (index + 1 < SAFETY_PLAN_STEPS.length) assert.deepEqual(await h.say(w.done), [stepQuestion(language, SAFETY_PLAN_STEPS[index + 1])]);
          }
          // The offer's and the step list's questions reprompt too, then give way to the menu.
          assert.equal((await h.say(w.done))[0], t(language, 'safetyPlan.finished'));
          await h.send(w.command);
          assertSays((await h.say('🙃'))[0], language, 'prompts.retry_empty');
          const gaveUp = await h.say('z'.repeat(10_000));
          assert.deepEqual(gaveUp, [t(language, 'safetyPlan.keptPlan'), t(language, 'main.menuIntro')]);
          await h.send(w.command);
          await h.send(tap('change', 'safetyPlan.changeButton'));
          assertSays((await h.say(''))[0], language, 'prompts.retry_empty');
          assert.equal((await h.say('🙃'))[0], t(language, 'safetyPlan.keptPlan'));
          const final = await plan(repo, clientId);
          assert.deepEqual(
            SAFETY_PLAN_STEPS.map((step) => final[step]),
            SAFETY_PLAN_STEPS.map((_, index) => [`item ${index + 1}`]),
          );
        });

        it('"my safety plan" mid check-in opens the plan, and the check-in asks its question again after', async () => {
          const { h } = await start(channelId, language);
          assertSays((await h.say(t(language, 'menu.item_checkIn')))[0], language, 'checkin.askMood', { name: 'Sam' });
          assert.equal((await h.say(w.command))[0], t(language, 'safetyPlan.introNone'));
          const back = await h.say(tap('notNow', 'safetyPlan.notNowButton'));
          assert.equal(back[0], t(language, 'safetyPlan.closing'));
          assertSays(back[1], language, 'checkin.askMood', { name: 'Sam' });
        });

        it('the menu offers it, and a menu tap starts it', async () => {
          const { h } = await start(channelId, language);
          const menu = await h.send(t(language, 'commands.menu', {}, () => 0));
          assert.ok(offered(menu[0]).includes(channelId === 'msteams' ? 'safetyPlan' : t(language, 'menu.item_safetyPlan')));
          assert.equal((await h.say(tap('safetyPlan', 'menu.item_safetyPlan')))[0], t(language, 'safetyPlan.introNone'));
        });
      });
    }
  }

  it('needs consent: nothing is stored for someone who has not agreed', async () => {
    const repo = new ClientRepository(temp.store);
    const profile = await onboardedProfile(repo, 'en', { consent: { given: false, at: '2026-11-01T10:00:00.000Z', withdrawnAt: '2026-11-02T10:00:00.000Z' } });
    await seedProfile(temp.store, 'webchat', profile);
    const h = harness((services) => new MainDialog(services.profileAccessor, { clients: services.clients }), { channelId: 'webchat', language: 'en', store: temp.store });
    assert.deepEqual(await h.say('my safety plan'), [t('en', 'safetyPlan.needsConsent')]);
    assert.equal(await repo.safetyPlans.get(profile.clientId as string), undefined);
  });

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      it(`${channelId} / ${language}: continues after a restart mid-way (dialog state and the draft in the store)`, async () => {
        const w = WORDS[language];
        const { h, clientId } = await start(channelId, language, { conversationStorage: new BotStateStorage(temp.store) });
        await h.send(w.command);
        await h.send(channelId === 'msteams' ? submit({ choice: 'build' }) : t(language, 'safetyPlan.buildButton'));
        await h.send(w.signs);
        await h.send(w.done);
        const reopened = await temp.reopen();
        const after = harness((s) => new MainDialog(s.profileAccessor, { clients: s.clients }), { channelId, language, store: reopened, conversationStorage: new BotStateStorage(reopened) });
        assertSays((await after.say(w.reasons))[0], language, 'safetyPlan.askMore');
        assert.deepEqual(await after.say(w.done), [stepQuestion(language, 'distractions')]);
        const stored = await new ClientRepository(reopened).safetyPlans.get(clientId);
        assert.deepEqual([stored?.warningSigns.length, stored?.copingStrategies, stored?.draft], [2, [w.reasons], { resumeAt: 'distractions' }]);
      });
    }
  }

  it('export contains the plan; delete removes it', async () => {
    const { h, repo, clientId } = await start('webchat', 'en');
    await repo.safetyPlans.saveClientStep(clientId, 'reasonsForLiving', () => ['My dog Max']);
    const exported = await h.send('export my data');
    const data = JSON.parse(Buffer.from(String(exported[0].attachments?.[0].contentUrl).split(',')[1], 'base64').toString('utf8'));
    const record = data.records.find((r: { kind: string }) => r.kind === 'safetyPlan');
    assert.deepEqual([record?.reasonsForLiving, record?.author, record?.needsReview], [['My dog Max'], 'client', true]);
    await h.send('delete my data');
    await h.send('yes');
    assert.equal(await repo.safetyPlans.get(clientId), undefined);
  });

  it('splits items on lines, commas, semicolons and bullets, keeps a phone number with its name, drops emoji-only pieces', () => {
    assert.deepEqual(splitPlanItems('- Walk the dog\n2. Music; a shower • 🎧'), ['Walk the dog', 'Music', 'a shower']);
    assert.deepEqual(splitPlanItems('Lena, 555 0100, Mum, +44 7700 900123'), ['Lena, 555 0100', 'Mum, +44 7700 900123']);
    assert.deepEqual(splitPlanItems('988'), ['988']);
    assert.deepEqual(splitPlanItems('😀, 🙃'), []);
  });

  it('the "safer surroundings" step asks what could be put away or given to someone trusted, and never names a method', () => {
    const methods = /pill|medic|tablet|gun|firearm|weapon|knife|knives|blade|razor|rope|poison|bridge|pastilla|medicament|arma|pistola|cuchillo|navaja|cuerda|veneno|puente/i;
    for (const language of LANGUAGES) {
      for (const key of ['safetyPlan.ask.safeEnvironment', 'safetyPlan.stepName.safeEnvironment', 'safety.plan.safeEnvironment']) {
        for (const text of textsOf(language, key)) assert.doesNotMatch(text, methods, `${language} ${key}`);
      }
    }
    assert.match(t('en', 'safetyPlan.ask.safeEnvironment'), /put away.*someone you trust/);
    assert.match(t('es', 'safetyPlan.ask.safeEnvironment'), /guardar lejos.*alguien de confianza/);
  });
});
