import assert from 'node:assert/strict';
import { t } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';
import { MainDialog } from '../../dialogs/mainDialog';
import { FOCUS_AREAS, Profile } from '../../src/bot/profile';
import { EXERCISE_IDS, ExerciseId } from '../../dialogs/prompts/intents';
import { assertSays, CHANNELS, harness, LANGUAGES, offered, onboardedProfile, seedProfile, stateKey, submit, tempStore, withoutReflections } from './harness';

const FREE_TEXT: Record<'en' | 'es', Record<ExerciseId, string>> = {
  en: {
    learn: 'how does IPT work?',
    analyse: 'can we go over a conversation I had',
    rehearse: 'I want to rehearse a difficult conversation',
    scripts: 'show my scripts',
    grief: 'I am grieving my dad',
    roleDispute: 'my partner and I keep clashing',
    roleTransition: 'since my retirement I feel lost',
    connections: 'I would like to make friends here',
  },
  es: {
    learn: '¿cómo funciona esto?',
    analyse: 'quiero repasar una conversación',
    rehearse: 'quiero ensayar lo que le voy a decir',
    scripts: 'enséñame mis guiones',
    grief: 'estoy en duelo por mi padre',
    roleDispute: 'mi pareja y yo chocamos todo el rato',
    roleTransition: 'desde la jubilación estoy perdido',
    connections: 'quiero conocer gente nueva',
  },
};
const OPENING: Record<ExerciseId, string> = {
  learn: 'learn.intro',
  analyse: 'analysis.intro',
  rehearse: 'rehearsal.intro',
  scripts: 'rehearsal.noScripts',
  grief: 'grief.intro',
  roleDispute: 'roleDispute.intro',
  roleTransition: 'roleTransition.intro',
  connections: 'interpersonalDeficits.intro',
};

describe('Between-session exercises from the main menu', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => (temp = await tempStore()));
  afterEach(async () => temp.dispose());

  async function onboarded(channelId: (typeof CHANNELS)[number], language: 'en' | 'es', extra: Partial<Profile> = {}) {
    const repo = new ClientRepository(temp.store);
    const profile = await onboardedProfile(repo, language, extra);
    await seedProfile(temp.store, channelId, profile);
    const h = harness((services) => new MainDialog(services.profileAccessor, { clients: services.clients }), { channelId, language, store: temp.store });
    return { h, repo, clientId: profile.clientId as string };
  }

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      const pick = (id: string, key: string) => (channelId === 'msteams' ? submit({ choice: id }) : t(language, key));
      describe(`${channelId} / ${language}`, () => {
        it('"More exercises" shows the exercises; each one starts its dialog', async () => {
          const { h } = await onboarded(channelId, language);
          for (const id of EXERCISE_IDS) {
            const menu = await h.send(pick('exercises', 'menu.item_exercises'));
            assert.equal(menu[0].text, t(language, 'menu.exercisesIntro'));
            assert.deepEqual(offered(menu[0]), channelId === 'msteams' ? [...EXERCISE_IDS] : EXERCISE_IDS.map((e) => t(language, `menu.item_${e}`)));
            assertSays((await h.say(pick(id, `menu.item_${id}`)))[0], language, OPENING[id]);
            await h.send(t(language, 'commands.cancel', {}, () => 0));
          }
        });

        it('the focus area set by the clinician decides which exercise comes first', async () => {
          const first = { grief: 'grief', roleDispute: 'roleDispute', roleTransition: 'roleTransition', interpersonalDeficits: 'connections' } as const;
          for (const focusArea of FOCUS_AREAS) {
            const { h } = await onboarded(channelId, language, { focusArea });
            const menu = await h.send(pick('exercises', 'menu.item_exercises'));
            const ids = offered(menu[0]);
            assert.equal(ids.length, EXERCISE_IDS.length);
            assert.equal(ids[0], channelId === 'msteams' ? first[focusArea] : t(language, `menu.item_${first[focusArea]}`), focusArea);
          }
        });

        it("an anniversary reminder's buttons start grief work or a social-support nudge", async () => {
          const { h } = await onboarded(channelId, language);
          for (const [choice, opening] of [['grief', 'grief.intro'], ['nudge', 'nudge.emptyInventory']]) {
            // What the reminder card's buttons send back (src/scheduling/reminderSender.ts).
            const replies = await h.say(submit({ choice, reminder: 'anniversary', reminderId: 'r-1' }));
            assertSays(replies[0], language, opening);
            await h.send(t(language, 'commands.cancel', {}, () => 0));
          }
        });

        it('free text reaches each exercise, in either language', async () => {
          const { h } = await onboarded(channelId, language);
          for (const id of EXERCISE_IDS) {
            for (const typedIn of LANGUAGES) {
              assertSays(withoutReflections(await h.say(FREE_TEXT[typedIn][id]))[0], language, OPENING[id]);
              await h.send(t(language, 'commands.cancel', {}, () => 0));
            }
          }
        });

        it('cancel mid-way through an analysis or a rehearsal stores nothing', async () => {
          const { h, repo, clientId } = await onboarded(channelId, language);
          await h.send(pick('analyse', 'menu.item_analyse'));
          await h.send('Ana');
          await h.send(language === 'en' ? 'She said I was late again' : 'Me dijo que llegaba tarde otra vez');
          assert.deepEqual(await h.say(t(language, 'commands.cancel', {}, () => 0)), [t(language, 'main.cancelled')]);
          await h.send(pick('rehearse', 'menu.item_rehearse'));
          await h.send('Ana');
          await h.send(language === 'en' ? 'To be on time' : 'Llegar a la hora');
          assert.deepEqual(await h.say(t(language, 'commands.cancel', {}, () => 0)), [t(language, 'main.cancelled')]);
          assert.deepEqual(await repo.communicationAnalyses(clientId), []);
          assert.deepEqual(await repo.scripts(clientId), []);
        });
      });
    }
  }

  it('export and delete of the client data include analyses, scripts and guided exercises', async () => {
    const repo = new ClientRepository(temp.store);
    const profile = await onboardedProfile(repo, 'en');
    const clientId = profile.clientId as string;
    await repo.addCommunicationAnalysis(clientId, { personName: 'Ana', said: 'a', felt: 'b', otherFelt: 'c', understood: 'd', differently: 'e', shareWithClinician: false });
    await repo.addScript(clientId, { personName: 'Ana', goal: 'g', drafts: ['Could you call me on Sunday?'], text: 'Could you call me on Sunday?', checklist: ['clearRequest'], practisedReplies: [] });
    await repo.addReflection(clientId, 'grief', { who: 'Rosa' });
    const exported = await repo.exportEverything(clientId, [stateKey('webchat')]);
    assert.deepEqual(exported.records.map((r) => r.kind).sort(), ['communicationAnalysis', 'profile', 'reflection', 'script']);
    const report = await repo.deleteEverything(clientId, [stateKey('webchat')]);
    assert.equal(report.profile, 1);
    assert.equal(report.other, 3);
    assert.deepEqual(await temp.store.query('clients', { partitionKey: clientId }), []);
  });
});
