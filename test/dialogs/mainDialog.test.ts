import assert from 'node:assert/strict';
import { t } from '../../src/i18n';
import { ClientRepository } from '../../src/client/clientRepository';
import { CONTAINER_NAMES } from '../../src/storage/containers';
import { MainDialog } from '../../dialogs/mainDialog';
import { EXPORT_FILE_NAME } from '../../dialogs/exportData';
import { assertSays, CHANNELS, harness, LANGUAGES, offered, onboardedProfile, seedProfile, stateKey, submit, tempStore } from './harness';
import { botStatePartitionKey } from '../../src/storage/botStateStorage';

describe('MainDialog: routing, free text and commands', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => (temp = await tempStore()));
  afterEach(async () => temp.dispose());

  const make = (channelId: (typeof CHANNELS)[number], language: 'en' | 'es') =>
    harness((services) => new MainDialog(services.profileAccessor, { clients: services.clients }), { channelId, language, store: temp.store });

  async function onboarded(channelId: (typeof CHANNELS)[number], language: 'en' | 'es') {
    const repo = new ClientRepository(temp.store);
    const profile = await onboardedProfile(repo, language);
    await seedProfile(temp.store, channelId, profile);
    return { h: make(channelId, language), repo, clientId: profile.clientId as string };
  }

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      describe(`${channelId} / ${language}`, () => {
        it('a newcomer is onboarded first, then sees the menu', async () => {
          const h = make(channelId, language);
          const intro = await h.say(language === 'en' ? 'I had a fight with my mum' : 'quiero hacer el check-in');
          assertSays(intro[0], language, 'onboarding.intro');
          await h.send(channelId === 'msteams' ? submit({ choice: 'yes' }) : t(language, 'prompts.yesButton'));
          await h.send(channelId === 'msteams' ? submit({ choice: 'none' }) : t(language, 'onboarding.noCodeButton'));
          await h.send('Robin');
          const done = await h.send('Madrid');
          assert.match(done[0].text ?? '', /Robin/);
          assert.equal(done[1].text, t(language, 'main.menuIntro'));
          // On first use, the introduction to how the therapy works is offered first.
          const firstUse = ['learn', 'checkIn', 'problem', 'followUp', 'people', 'nudge', 'week', 'exercises', 'safetyPlan', 'help'];
          assert.deepEqual(offered(done[1]), channelId === 'msteams' ? firstUse : firstUse.map((id) => t(language, `menu.item_${id}`)));
        });

        it('free text starts the right dialog, in either language', async () => {
          const { h } = await onboarded(channelId, language);
          // The fight is named before the walk-through starts.
          const fight = await h.say('I had a fight with my mum');
          assertSays(fight[0], language, 'reflect.conflict');
          assertSays(fight[1], language, 'problem.intro');
          await h.send(t(language, 'commands.cancel', {}, () => 0));
          assertSays((await h.say('quiero hacer el check-in'))[0], language, 'checkin.askMood', { name: 'Sam' });
          await h.send(t(language, 'commands.cancel', {}, () => 0));
          const argued = await h.say(language === 'en' ? 'discutí con mi hermana' : 'I argued with my brother');
          assertSays(argued[0], language, 'reflect.conflict');
          assertSays(argued[1], language, 'problem.intro');
        });

        it('a menu button (card submit or typed title) starts its dialog; an unknown card action is a misunderstanding', async () => {
          const { h } = await onboarded(channelId, language);
          const reply = await h.say(channelId === 'msteams' ? submit({ choice: 'checkIn' }) : t(language, 'menu.item_checkIn'));
          assertSays(reply[0], language, 'checkin.askMood', { name: 'Sam' });
          await h.send(t(language, 'commands.cancel', {}, () => 0));
          assertSays((await h.say(submit({ choice: 'launchRockets' })))[0], language, 'menu.notUnderstood');
        });

        it('after a check-in whose exchange went worse, "work through a problem" starts problem solving', async () => {
          const { h } = await onboarded(channelId, language);
          for (const input of [t(language, 'menu.item_checkIn'), '4', t(language, 'checkin.skipButton'), 'Leo', t(language, 'checkin.how_worse'), t(language, 'checkin.affected_aBit')]) await h.send(input);
          const next = await h.say(channelId === 'msteams' ? submit({ choice: 'problem' }) : t(language, 'menu.item_problem'));
          assertSays(next[0], language, 'problem.intro');
        });

        it('after two misunderstandings shows the menu instead of asking again', async () => {
          const { h } = await onboarded(channelId, language);
          assertSays((await h.say('purple monkey dishwasher'))[0], language, 'menu.notUnderstood');
          const second = await h.send('🙃');
          assert.equal(second[0].text, t(language, 'menu.notUnderstoodMenu'));
          assert.equal(offered(second[0]).length, 9);
          assertSays((await h.say('x'.repeat(10_000)))[0], language, 'menu.notUnderstood', {});
        });

        it('language and time zone can be changed mid check-in, which then asks its question again', async () => {
          const { h } = await onboarded(channelId, language);
          await h.send('check in');
          const other = language === 'en' ? 'es' : 'en';
          assert.equal((await h.say(t(language, 'commands.language', {}, () => 0)))[0], t(language, 'onboarding.askLanguage'));
          const switched = await h.say(channelId === 'msteams' ? submit({ choice: other }) : t(language, `onboarding.languageName_${other}`));
          assert.equal(switched[0], t(other, 'onboarding.languageSaved'));
          // The interrupted question is asked again, now in the new language.
          assertSays(switched[1], other, 'checkin.askMood', { name: 'Sam' });
          assert.equal((await h.profile()).language, other);

          assert.equal((await h.say(t(other, 'commands.timeZone', {}, () => 0)))[0], t(other, 'onboarding.askTimeZone'));
          const zone = await h.say('Lima');
          assert.equal(zone[0], t(other, 'onboarding.timeZoneSaved', { zone: 'Lima' }));
          assertSays(zone[1], other, 'checkin.askMood', { name: 'Sam' });
          assert.equal((await h.profile()).timeZone, 'America/Lima');
          assertSays((await h.say('8'))[0], other, 'checkin.askFeelings');
        });

        it('pause and resume reminders work mid-dialog and are stored in the profile and the client record', async () => {
          const { h, repo, clientId } = await onboarded(channelId, language);
          await h.send('check in');
          const paused = await h.say(t(language, 'commands.pause', {}, () => 0));
          assert.equal(paused[0], t(language, 'menu.paused'));
          assertSays(paused[1], language, 'checkin.askMood', { name: 'Sam' });
          assert.equal((await h.profile()).remindersPaused, true);
          assert.equal((await repo.getProfile(clientId))?.remindersPaused, true);
          assert.equal((await h.say(t(language, 'commands.resume', {}, () => 0)))[0], t(language, 'menu.resumed'));
          assert.equal((await h.profile()).remindersPaused, false);
        });

        it('export sends everything stored about the client as JSON', async () => {
          const { h, repo, clientId } = await onboarded(channelId, language);
          await repo.saveCheckIn(clientId, 'Europe/Madrid', { mood: 6, sawNobody: true });
          await repo.addPerson(clientId, { name: 'Ana', relationship: 'friend', circle: 'inner', supportive: true, conflict: false });
          await repo.newProblem(clientId, 'Work is too much lately');
          await temp.store.upsert('alerts', 'alert-1', 'alert-1', { clientId, level: 'concern' });
          await h.send('hello'); // a turn, so the chat state is saved too
          const replies = await h.send(t(language, 'commands.export', {}, () => 0));
          let json: string;
          if (channelId === 'msteams') {
            assert.equal(replies[0].text, t(language, 'menu.exportIntroText'));
            json = replies.slice(1).map((r) => r.text).join('');
          } else {
            assert.equal(replies[0].text, t(language, 'menu.exportIntroFile'));
            const attachment = replies[0].attachments?.[0];
            assert.equal(attachment?.contentType, 'application/json');
            assert.equal(attachment?.name, EXPORT_FILE_NAME);
            json = Buffer.from(String(attachment?.contentUrl).split(',')[1], 'base64').toString('utf8');
          }
          const data = JSON.parse(json);
          const stored = await temp.store.query('clients', { partitionKey: clientId });
          assert.equal(data.clientId, clientId);
          assert.deepEqual(new Set(data.records.map((r: { kind: string }) => r.kind)), new Set(['profile', 'checkIn', 'person', 'problem']));
          assert.equal(data.records.length, stored.length);
          assert.deepEqual(data.related, [{ container: 'alerts', id: 'alert-1', body: { clientId, level: 'concern' } }]);
          assert.equal(data.botState[0].key, stateKey(channelId));
          assert.equal(data.botState[0].body.profile.clientId, clientId);
        });

        it('delete my data asks once, removes every record of the client in every container but the alerts and says what went', async () => {
          const { h, repo, clientId } = await onboarded(channelId, language);
          await repo.saveCheckIn(clientId, 'Europe/Madrid', { mood: 6, sawNobody: true });
          await repo.addPerson(clientId, { name: 'Ana', relationship: 'friend', circle: 'inner', supportive: true, conflict: false });
          await repo.addPerson(clientId, { name: 'Leo', relationship: 'brother', circle: 'middle', supportive: false, conflict: true });
          await repo.newProblem(clientId, 'Work is too much lately');
          await temp.store.upsert('alerts', 'alert-1', 'alert-1', { clientId, level: 'concern' });
          await temp.store.upsert('clients', 'someone-else', 'profile', { kind: 'profile', clientId: 'someone-else' });
          await h.send('check in');
          const confirm = await h.say(t(language, 'commands.delete', {}, () => 0));
          assert.equal(confirm[0], t(language, 'menu.deleteConfirm'));
          const done = await h.say(channelId === 'msteams' ? submit({ choice: 'yes' }) : t(language, 'prompts.yesButton'));
          assert.deepEqual(done, [t(language, 'menu.deleted', { checkIns: 1, problems: 1, people: 2, nudges: 0, other: 2 })]);

          // Safety alerts are never deleted (the service's alert keeper strips them of the client instead).
          assert.ok(await temp.store.read('alerts', 'alert-1', 'alert-1'));
          for (const container of CONTAINER_NAMES) {
            if (container === 'alerts') continue;
            assert.deepEqual(await temp.store.query(container, { partitionKey: clientId }), [], `${container} partition`);
            assert.deepEqual(await temp.store.query(container, { where: [{ field: 'clientId', op: '=', value: clientId }] }), [], `${container} by clientId`);
          }
          assert.equal(await temp.store.read('botState', botStatePartitionKey(stateKey(channelId)), stateKey(channelId)), undefined);
          assert.ok(await temp.store.read('clients', 'someone-else', 'profile'), 'other clients are untouched');
          // The next message starts from the beginning.
          assertSays((await h.say('hello'))[0], language, 'onboarding.intro');
        });

        it('declining delete keeps everything and returns to the interrupted question', async () => {
          const { h, repo, clientId } = await onboarded(channelId, language);
          await h.send('check in');
          await h.send(t(language, 'commands.delete', {}, () => 0));
          const kept = await h.say(channelId === 'msteams' ? submit({ choice: 'no' }) : 'no');
          assert.equal(kept[0], t(language, 'menu.deleteKept'));
          assertSays(kept[1], language, 'checkin.askMood', { name: 'Sam' });
          assert.ok(await repo.getProfile(clientId));
        });

        it('withdrawing consent stops everything but help and "start"', async () => {
          const { h, repo, clientId } = await onboarded(channelId, language);
          await h.send(t(language, 'commands.withdraw', {}, () => 0));
          assert.deepEqual(await h.say(channelId === 'msteams' ? submit({ choice: 'yes' }) : t(language, 'prompts.yesButton')), [t(language, 'onboarding.withdrawn')]);
          const profile = await h.profile();
          assert.equal(profile.consent?.given, false);
          assert.ok(profile.consent?.withdrawnAt);
          assert.equal((await repo.getProfile(clientId))?.consent?.given, false);
          assert.deepEqual(await h.say('check in'), [t(language, 'onboarding.noConsentYet')]);
          assert.equal((await h.say(t(language, 'commands.help', {}, () => 0)))[0], t(language, 'main.help'));
          const again = await h.say(t(language, 'commands.start', {}, () => 0));
          assertSays(again[0], language, 'onboarding.intro');
          const back = await h.say(channelId === 'msteams' ? submit({ choice: 'yes' }) : t(language, 'prompts.yesButton'));
          assert.equal(back[0], t(language, 'onboarding.consentThanks'));
          assert.equal(back[1], t(language, 'main.menuIntro'));
          assert.equal((await h.profile()).consent?.given, true);
        });

        it('cancel mid problem-solving keeps the draft, which is offered again', async () => {
          const { h } = await onboarded(channelId, language);
          await h.send(t(language, 'menu.item_problem'));
          await h.send(language === 'en' ? 'My boss keeps ignoring my emails' : 'Mi jefe no contesta mis correos');
          assert.deepEqual(await h.say(t(language, 'commands.cancel', {}, () => 0)), [t(language, 'main.cancelled')]);
          const offer = await h.say(t(language, 'menu.item_problem'));
          assert.equal(offer[0], t(language, 'problem.resumeDraft', { problem: language === 'en' ? 'My boss keeps ignoring my emails' : 'Mi jefe no contesta mis correos' }));
        });
      });
    }
  }
});
