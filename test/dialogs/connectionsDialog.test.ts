import assert from 'node:assert/strict';
import { t } from '../../src/i18n';
import { Clock } from '../../src/clock';
import { ClientRepository } from '../../src/client/clientRepository';
import { CONNECTION_GOAL_KINDS, ConnectionsDialog } from '../../dialogs/connectionsDialog';
import { assertSays, CHANNELS, harness, LANGUAGES, offered, onboardedProfile, seedProfile, submit, tempStore } from './harness';

describe('Connecting with people (interpersonal deficits)', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  let now: Date;
  const clock: Clock = { now: () => now };
  beforeEach(async () => {
    temp = await tempStore();
    now = new Date('2026-11-20T10:00:00Z');
  });
  afterEach(async () => temp.dispose());

  async function start(channelId: (typeof CHANNELS)[number], language: 'en' | 'es') {
    const repo = new ClientRepository(temp.store, clock);
    const profile = await onboardedProfile(repo, language);
    await seedProfile(temp.store, channelId, profile);
    const h = harness((services) => new ConnectionsDialog(services), { channelId, language, store: temp.store, clock });
    return { h, repo, clientId: profile.clientId as string };
  }

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      const pick = (id: string, key: string) => (channelId === 'msteams' ? submit({ choice: id }) : t(language, key));
      it(`${channelId} / ${language}: looks at patterns, sets one small goal, and asks how it went next time before the next goal`, async () => {
        const { h, repo, clientId } = await start(channelId, language);
        const opening = await h.say('start');
        assertSays(opening[0], language, 'interpersonalDeficits.intro');
        assertSays(opening[1], language, 'interpersonalDeficits.ask_pastPattern');
        const past = language === 'en' ? 'Friendships faded when I moved' : 'Las amistades se apagaron cuando me mudé';
        assertSays((await h.say(past))[0], language, 'interpersonalDeficits.ask_present');
        assertSays((await h.say(language === 'en' ? 'A cousin, a little' : 'Una prima, un poco'))[0], language, 'interpersonalDeficits.ask_hard');
        const kinds = await h.send(t(language, 'checkin.skipButton'));
        assertSays(kinds[0].text, language, 'interpersonalDeficits.ask_goalKind');
        assert.deepEqual(offered(kinds[0]), channelId === 'msteams' ? CONNECTION_GOAL_KINDS : CONNECTION_GOAL_KINDS.map((k) => t(language, `interpersonalDeficits.goalKind_${k}`)));
        assertSays((await h.say(pick('reconnect', 'interpersonalDeficits.goalKind_reconnect')))[0], language, 'interpersonalDeficits.ask_goal');
        const goal = language === 'en' ? 'Send Marta a message' : 'Mandarle un mensaje a Marta';
        assertSays((await h.say(goal))[0], language, 'interpersonalDeficits.ask_when');
        const saved = await h.send(language === 'en' ? 'Saturday' : 'el sábado');
        assertSays(saved[0].text, language, 'interpersonalDeficits.saved');
        assert.deepEqual(offered(saved[0]), channelId === 'msteams' ? ['nudge', 'rehearse'] : [t(language, 'menu.item_nudge'), t(language, 'menu.item_rehearse')]);
        const [first] = await repo.reflections(clientId);
        assert.equal(first.area, 'interpersonalDeficits');
        assert.deepEqual(first.answers, { pastPattern: past, present: language === 'en' ? 'A cousin, a little' : 'Una prima, un poco', goalKind: 'reconnect', goal, when: language === 'en' ? 'Saturday' : 'el sábado' });

        // Days later: the open goal is followed up first; the pattern questions are not asked again.
        now = new Date('2026-11-24T10:00:00Z');
        const followUp = await h.send('hi');
        assertSays(followUp[0].text, language, 'interpersonalDeficits.askOutcome', { goal });
        const next = await h.say(pick('done', 'interpersonalDeficits.outcome_done'));
        assertSays(next[0], language, 'interpersonalDeficits.outcomeSaid_done');
        assertSays(next[1], language, 'interpersonalDeficits.intro');
        assertSays(next[2], language, 'interpersonalDeficits.ask_hard');
        const reflections = await repo.reflections(clientId);
        assert.equal(reflections.length, 1, 'nothing new is stored until the next goal is finished');
        assert.equal(reflections[0].answers.outcome, 'done');
      });

      it(`${channelId} / ${language}: "not yet" is answered kindly, and an unclear answer is asked again, then the menu`, async () => {
        const { h, repo, clientId } = await start(channelId, language);
        await repo.addReflection(clientId, 'interpersonalDeficits', { goalKind: 'group', goal: 'Walking group', when: 'Tuesday' });
        await h.send('start');
        const again = await h.send('banana');
        assert.equal(offered(again[0]).length, 3);
        assertSays((await h.say('banana'))[0], language, 'prompts.gaveUp');
        assert.deepEqual(h.client.dialogTurnResult.result, { showMenu: true });
        assert.equal((await repo.reflections(clientId))[0].answers.outcome, undefined, 'doubt is not read as an answer');
        await h.send('start');
        assertSays((await h.say(pick('notYet', 'interpersonalDeficits.outcome_notYet')))[0], language, 'interpersonalDeficits.outcomeSaid_notYet');
        assert.equal((await repo.reflections(clientId))[0].answers.outcome, 'notYet');
      });
    }
  }
});
