import assert from 'node:assert/strict';
import { t, variants } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';
import { PsychoeducationDialog, TOPICS } from '../../dialogs/psychoeducationDialog';
import { BotStateStorage } from '../../src/storage/botStateStorage';
import { assertSays, CHANNELS, harness, LANGUAGES, offered, onboardedProfile, seedProfile, submit, tempStore } from './harness';

describe('PsychoeducationDialog', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => (temp = await tempStore()));
  afterEach(async () => temp.dispose());

  it('every topic has the same number of pieces in every language', () => {
    for (const topic of TOPICS) assert.equal(variants('es', `learn.pieces_${topic}`).length, variants('en', `learn.pieces_${topic}`).length, topic);
  });

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      describe(`${channelId} / ${language}`, () => {
        async function start() {
          const repo = new ClientRepository(temp.store);
          await seedProfile(temp.store, channelId, await onboardedProfile(repo, language));
          return harness((services) => new PsychoeducationDialog(services), { channelId, language, store: temp.store });
        }
        const pick = (id: string, key: string) => (channelId === 'msteams' ? submit({ choice: id }) : t(language, key));
        const piece = (topic: string, n: number) => {
          const pieces = variants(language, `learn.pieces_${topic}`);
          return t(language, 'learn.piece', { text: pieces[n], n: n + 1, total: pieces.length });
        };

        it('navigates pieces with "tell me more" and "back", moves on to the next topic, and ends on "done"', async () => {
          const h = await start();
          const first = await h.send('hi');
          assert.deepEqual(first.map((a) => a.text), [t(language, 'learn.intro'), t(language, 'learn.chooseTopic')]);
          const topicIds = [...TOPICS, 'done'];
          assert.deepEqual(offered(first[1]), channelId === 'msteams' ? topicIds : [...TOPICS.map((id) => t(language, `learn.topic_${id}`)), t(language, 'learn.doneButton')]);

          const p1 = await h.send(pick('moodAndPeople', 'learn.topic_moodAndPeople'));
          assert.deepEqual(p1.map((a) => a.text), [piece('moodAndPeople', 0)]);
          assert.deepEqual(offered(p1[0]), channelId === 'msteams' ? ['more', 'back', 'done'] : ['learn.moreButton', 'learn.backButton', 'learn.doneButton'].map((k) => t(language, k)));
          assert.deepEqual(await h.say(pick('more', 'learn.moreButton')), [piece('moodAndPeople', 1)]);
          assert.deepEqual(await h.say(pick('back', 'learn.backButton')), [piece('moodAndPeople', 0)]);
          assert.deepEqual(await h.say(pick('back', 'learn.backButton')), [t(language, 'learn.chooseTopic')], 'back from the first piece: the topic list, without the intro');
          await h.send(pick('moodAndPeople', 'learn.topic_moodAndPeople'));
          await h.send(pick('more', 'learn.moreButton'));
          await h.send(pick('more', 'learn.moreButton'));
          assert.deepEqual(await h.say(pick('more', 'learn.moreButton')), [
            t(language, 'learn.nextTopic', { topic: t(language, 'learn.topic_problemAreas') }),
            piece('problemAreas', 0),
          ]);
          await h.send(pick('back', 'learn.backButton'));
          assert.deepEqual(await h.say(pick('sickRole', 'learn.topic_sickRole')), [piece('sickRole', 0)]);
          await h.send(pick('more', 'learn.moreButton'));
          await h.send(pick('more', 'learn.moreButton'));
          assert.deepEqual(await h.say(pick('more', 'learn.moreButton')), [t(language, 'learn.allRead'), t(language, 'learn.chooseTopic')]);
          assert.deepEqual(await h.say(pick('done', 'learn.doneButton')), [t(language, 'learn.bye')]);
          assert.equal(h.client.dialogTurnResult.status, 'complete');
        });

        it('bad inputs (10,000 characters, emoji only, an empty card) get a reprompt, then the menu', async () => {
          const h = await start();
          await h.send('hi');
          assert.deepEqual(await h.say('x'.repeat(10_000)), [t(language, 'prompts.retry_unknownChoice')]);
          const gaveUp = await h.say('😀😀');
          assert.equal(gaveUp.length, 1);
          assertSays(gaveUp[0], language, 'prompts.gaveUp');
          assert.deepEqual(h.client.dialogTurnResult.result, { showMenu: true });

          await h.send('hi');
          assert.deepEqual(await h.say(submit({})), [t(language, 'prompts.retry_badCard')]);
        });
      });
    }
  }

  for (const language of LANGUAGES) {
    it(`goes on from the piece it was on after a restart (dialog state in the store), in ${language}`, async () => {
      await seedProfile(temp.store, 'webchat', await onboardedProfile(new ClientRepository(temp.store), language));
      const before = harness((services) => new PsychoeducationDialog(services), { channelId: 'webchat', language, store: temp.store, conversationStorage: new BotStateStorage(temp.store) });
      await before.send('hi');
      await before.send(t(language, 'learn.topic_sickRole'));
      await before.send(t(language, 'learn.moreButton'));
      const reopened = await temp.reopen();
      const after = harness((services) => new PsychoeducationDialog(services), { channelId: 'webchat', language, store: reopened, conversationStorage: new BotStateStorage(reopened) });
      const pieces = variants(language, 'learn.pieces_sickRole');
      assert.deepEqual(await after.say(t(language, 'learn.moreButton')), [t(language, 'learn.piece', { text: pieces[2], n: 3, total: pieces.length })]);
    });
  }
});
