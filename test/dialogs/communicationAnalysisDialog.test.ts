import assert from 'node:assert/strict';
import { t } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';
import { BotStateStorage } from '../../src/storage/botStateStorage';
import { CommunicationAnalysisDialog } from '../../dialogs/communicationAnalysisDialog';
import { assertSays, CHANNELS, harness, HarnessOptions, LANGUAGES, offered, onboardedProfile, seedProfile, submit, tempStore } from './harness';

const WORDS = {
  en: { who: 'Ana', said: 'She said "you never call". I said "I am busy".', felt: 'Guilty, I wanted her to understand', other: 'Lonely, she wanted to hear from me', understood: 'She heard that I do not care', differently: 'I miss you too, can I call on Sunday?' },
  es: { who: 'Ana', said: 'Me dijo "nunca llamas". Le dije "estoy liada".', felt: 'Culpable, quería que me entendiera', other: 'Sola, quería saber de mí', understood: 'Entendió que no me importa', differently: 'Yo también te echo de menos, ¿te llamo el domingo?' },
};

describe('CommunicationAnalysisDialog', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => (temp = await tempStore()));
  afterEach(async () => temp.dispose());

  async function start(channelId: (typeof CHANNELS)[number], language: 'en' | 'es', extra: Partial<HarnessOptions> = {}) {
    const repo = new ClientRepository(temp.store);
    const profile = await onboardedProfile(repo, language);
    await seedProfile(temp.store, channelId, profile);
    return { h: harness((services) => new CommunicationAnalysisDialog(services), { channelId, language, store: temp.store, ...extra }), repo, clientId: profile.clientId as string, profile };
  }

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      const w = WORDS[language];
      const pick = (id: string, typed: string) => (channelId === 'msteams' ? submit({ choice: id }) : typed);
      describe(`${channelId} / ${language}`, () => {
        it('a new exchange: who → said → felt → other felt → understood → differently → shared, and saved', async () => {
          const { h, repo, clientId } = await start(channelId, language);
          assert.deepEqual(await h.say('hi'), [t(language, 'analysis.intro'), t(language, 'analysis.askWho')]);
          assert.deepEqual(await h.say(w.who), [t(language, 'analysis.ask_said', { name: w.who })]);
          assert.deepEqual(await h.say(w.said), [t(language, 'analysis.ask_felt')]);
          assert.deepEqual(await h.say(w.felt), [t(language, 'analysis.ask_otherFelt', { name: w.who })]);
          assert.deepEqual(await h.say(w.other), [t(language, 'analysis.ask_understood')]);
          assert.deepEqual(await h.say(w.understood), [t(language, 'analysis.ask_differently')]);
          const share = await h.send(w.differently);
          assert.equal(share[0].text, t(language, 'analysis.askShare'));
          assert.deepEqual(offered(share[0]), channelId === 'msteams' ? ['yes', 'no'] : [t(language, 'prompts.yesButton'), t(language, 'prompts.noButton')]);
          assert.deepEqual(await h.say(pick('yes', t(language, 'prompts.yesButton'))), [t(language, 'analysis.savedShared', { name: w.who })]);
          const [saved] = await repo.communicationAnalyses(clientId);
          assert.deepEqual(
            { personName: saved.personName, said: saved.said, felt: saved.felt, otherFelt: saved.otherFelt, understood: saved.understood, differently: saved.differently, share: saved.shareWithClinician, checkInDate: saved.checkInDate },
            { personName: w.who, said: w.said, felt: w.felt, otherFelt: w.other, understood: w.understood, differently: w.differently, share: true, checkInDate: undefined },
          );
        });

        it('picks the exchange from a recent check-in and keeps it private unless the client says yes', async () => {
          const { h, repo, clientId, profile } = await start(channelId, language);
          const { record } = await repo.saveCheckIn(clientId, profile.timeZone, { mood: 4, interaction: { name: 'Luis', how: 'worse' } });
          const pickReply = await h.send('hi');
          assert.deepEqual(pickReply.map((a) => a.text), [t(language, 'analysis.intro'), t(language, 'analysis.askPick')]);
          const choices = offered(pickReply[1]);
          assert.equal(choices.length, 2);
          if (channelId === 'msteams') assert.deepEqual(choices, [`checkIn:${record.localDate}`, 'new']);
          else assert.match(choices[0], /^Luis · /);
          assert.deepEqual(await h.say(channelId === 'msteams' ? submit({ choice: choices[0] }) : choices[0]), [t(language, 'analysis.ask_said', { name: 'Luis' })]);
          for (const answer of [w.said, w.felt, w.other, w.understood, w.differently]) await h.send(answer);
          assert.deepEqual(await h.say(pick('no', t(language, 'prompts.noButton'))), [t(language, 'analysis.savedPrivate', { name: 'Luis' })]);
          const [saved] = await repo.communicationAnalyses(clientId);
          assert.equal(saved.personName, 'Luis');
          assert.equal(saved.checkInDate, record.localDate);
          assert.equal(saved.shareWithClinician, false);
        });

        it('bad inputs (empty, emoji only, 10,000 characters) get a reprompt, then the menu, and nothing is stored', async () => {
          const { h, repo, clientId } = await start(channelId, language);
          await h.send('hi');
          await h.send(w.who);
          assert.deepEqual(await h.say(''), [t(language, 'prompts.retry_empty')]);
          const gaveUp = await h.say('x'.repeat(10_000));
          assert.equal(gaveUp.length, 1);
          // The person given is kept, and the next analysis carries on from what was said.
          assertSays(gaveUp[0], language, 'prompts.gaveUpKept');
          assert.deepEqual(h.client.dialogTurnResult.result, { showMenu: true });
          const resumed = await h.say('hi');
          assertSays(resumed[1], language, 'prompts.draftResumed');
          assert.equal(resumed[2], t(language, 'analysis.ask_said', { name: w.who }));
          await h.send(w.said);
          assert.deepEqual(await h.say('😀😀😀'), [t(language, 'prompts.retry_noLetters')]);
          assertSays((await h.say('🙂'))[0], language, 'prompts.gaveUpKept');
          const again = await h.say('hi');
          assertSays(again[1], language, 'prompts.draftResumed');
          assert.equal(again[2], t(language, 'analysis.ask_felt', { name: w.who }), 'what was said is not asked again');
          assert.deepEqual(await h.say('x'.repeat(10_000)), [t(language, 'prompts.retry_tooLong')]);
          assert.deepEqual(await repo.communicationAnalyses(clientId), []);
        });
      });
    }
  }

  it('continues after a restart mid-way (dialog state in the store)', async () => {
    const { h, clientId } = await start('webchat', 'en', { conversationStorage: new BotStateStorage(temp.store) });
    await h.send('hi');
    await h.send(WORDS.en.who);
    await h.send(WORDS.en.said);
    const reopened = await temp.reopen();
    const after = harness((s) => new CommunicationAnalysisDialog(s), { channelId: 'webchat', language: 'en', store: reopened, conversationStorage: new BotStateStorage(reopened) });
    assert.deepEqual(await after.say(WORDS.en.felt), [t('en', 'analysis.ask_otherFelt', { name: WORDS.en.who })]);
    for (const answer of [WORDS.en.other, WORDS.en.understood, WORDS.en.differently, 'no']) await after.send(answer);
    const [saved] = await new ClientRepository(reopened).communicationAnalyses(clientId);
    assert.equal(saved.said, WORDS.en.said);
    assert.equal(saved.felt, WORDS.en.felt);
  });
});
