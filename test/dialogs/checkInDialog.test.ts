import assert from 'node:assert/strict';
import { t, variants } from '../../src/i18n';
import { Clock } from '../../src/clock';
import { CheckInDialog } from '../../dialogs/checkInDialog';
import { assertSays, CHANNELS, harness, LANGUAGES, offered, onboardedProfile, seedProfile, submit, tempStore } from './harness';
import { ClientRepository } from '../../src/client/clientRepository';
import { CountingDocumentStore } from '../../src/storage/countingStore';

describe('CheckInDialog', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  let now: Date;
  const clock: Clock = { now: () => now };
  beforeEach(async () => {
    temp = await tempStore();
    now = new Date('2026-11-25T10:00:00Z');
  });
  afterEach(async () => temp.dispose());

  async function start(channelId: (typeof CHANNELS)[number], language: 'en' | 'es', extra = {}) {
    const repo = new ClientRepository(temp.store, clock);
    const profile = await onboardedProfile(repo, language, extra);
    await seedProfile(temp.store, channelId, profile);
    const h = harness((services) => new CheckInDialog(services), { channelId, language, store: temp.store, clock });
    return { h, clientId: profile.clientId as string, repo };
  }

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      describe(`${channelId} / ${language}`, () => {
        it('records mood, feelings, the day’s interaction and its effect on mood, and offers to analyse that very exchange after it went worse', async () => {
          const { h, clientId, repo } = await start(channelId, language);
          const mum = await repo.addPerson(clientId, { name: 'Mum', relationship: 'mother', circle: 'inner', supportive: true, conflict: true });
          const ask = await h.send('start');
          assertSays(ask[0].text, language, 'checkin.askMood', { name: 'Sam' });
          assert.equal(offered(ask[0]).length, 11);

          const feelings = await h.send(channelId === 'msteams' ? submit({ choice: '3' }) : '3');
          assertSays(feelings[0].text, language, 'checkin.askFeelings');
          const reflected = await h.send(language === 'en' ? 'tired, a bit low' : 'cansada, algo triste');
          // Tiredness and sadness are named before the next question.
          assert.equal(reflected.length, 2);
          for (const feeling of ['noun_tired', 'noun_sad']) assert.match((reflected[0].text ?? '').toLowerCase(), new RegExp(t(language, `reflect.${feeling}`)));
          const who = reflected.slice(1);
          assertSays(who[0].text, language, 'checkin.askWho');
          assert.ok(offered(who[0]).includes(channelId === 'msteams' ? `person:${mum.id}` : 'Mum'));
          const how = await h.send(channelId === 'msteams' ? submit({ choice: `person:${mum.id}` }) : 'mum');
          assertSays(how[0].text, language, 'checkin.askHow', { name: 'Mum' });
          const affected = await h.send(channelId === 'msteams' ? submit({ choice: 'worse' }) : t(language, 'checkin.how_worse'));
          assertSays(affected[0].text, language, 'checkin.askAffected', { name: 'Mum' });
          assert.deepEqual(offered(affected[0]), channelId === 'msteams' ? ['aLot', 'aBit', 'notReally'] : [t(language, 'checkin.affected_aLot'), t(language, 'checkin.affected_aBit'), t(language, 'checkin.affected_notReally')]);
          const close = await h.send(channelId === 'msteams' ? submit({ choice: 'aLot' }) : t(language, 'checkin.affected_aLot'));
          assert.equal(close.length, 1);
          assert.ok(close[0].text?.includes(t(language, 'checkin.suggestAnalyse', { name: 'Mum' })));
          assert.ok(close[0].text?.includes(t(language, 'checkin.reflect_worse', { name: 'Mum' })));
          assert.deepEqual(
            offered(close[0]),
            channelId === 'msteams' ? ['analyseThis', 'problem', 'menu'] : [t(language, 'checkin.analyseButton'), t(language, 'menu.item_problem'), t(language, 'menu.item_menu')],
          );

          const [record] = await repo.checkInsSince(clientId, '2026-11-25');
          assert.equal(record.localDate, '2026-11-25');
          assert.equal(record.mood, 3);
          assert.equal(record.feelings, language === 'en' ? 'tired, a bit low' : 'cansada, algo triste');
          assert.deepEqual(record.interaction, { personId: mum.id, name: 'Mum', how: 'worse', affectedMood: 'aLot' });

          // The analysis starts from that exchange: no question about which one, straight to what was said to Mum.
          const analysis = await h.send(channelId === 'msteams' ? submit({ choice: 'analyseThis' }) : t(language, 'checkin.analyseButton'));
          assertSays(analysis[0].text, language, 'analysis.intro');
          assertSays(analysis[1].text, language, 'analysis.ask_said', { name: 'Mum' });
          const said = language === 'en' ? 'I said she never listens' : 'Le dije que nunca escucha';
          for (const answer of [said, 'hurt', 'tired', 'not much', 'ask calmly']) await h.send(answer);
          await h.send(channelId === 'msteams' ? submit({ choice: 'no' }) : 'no');
          const [saved] = await repo.communicationAnalyses(clientId);
          assert.equal(saved.personName, 'Mum');
          assert.equal(saved.personId, mum.id);
          assert.equal(saved.checkInDate, '2026-11-25');
          assert.equal(saved.said, said);
          assert.equal(saved.shareWithClinician, false);
        });

        it('after "worse than expected", problem solving is still one tap away', async () => {
          const { h } = await start(channelId, language);
          for (const input of ['start', '4', t(language, 'checkin.skipButton'), 'Leo', t(language, 'checkin.how_worse')]) await h.send(input);
          await h.send(t(language, 'checkin.affected_aBit'));
          await h.send(channelId === 'msteams' ? submit({ choice: 'problem' }) : t(language, 'menu.item_problem'));
          assert.equal(h.client.dialogTurnResult.status, 'complete');
          assert.deepEqual(h.client.dialogTurnResult.result, { then: 'problem' });
        });

        it('an unclear answer about the effect on mood is not pressed: the check-in is saved without it', async () => {
          const { h, clientId, repo } = await start(channelId, language);
          for (const input of ['start', '6', t(language, 'checkin.skipButton'), 'Leo', t(language, 'checkin.how_better')]) await h.send(input);
          const reprompt = await h.send('banana');
          assert.deepEqual(offered(reprompt[0]).length, 3, 'asked once more with the buttons');
          const close = await h.send('banana');
          assert.ok(close.some((a) => a.text?.includes(t(language, 'checkin.reflect_better', { name: 'Leo' }))));
          const [record] = await repo.checkInsSince(clientId, '2026-11-25');
          assert.deepEqual(record.interaction, { name: 'Leo', how: 'better' });
        });

        it('accepts "seven", "siete" and "7/10", skips feelings, and suggests a nudge when nobody was seen', async () => {
          const { h, clientId, repo } = await start(channelId, language);
          for (const typed of ['seven', 'siete', '7/10', '7 de 10']) {
            await h.send('start');
            assertSays((await h.send(typed))[0].text, language, 'checkin.askFeelings');
            await h.send(channelId === 'msteams' ? submit({ choice: 'skip' }) : t(language, 'checkin.skipButton'));
            const close = await h.send(channelId === 'msteams' ? submit({ choice: 'nobody' }) : t(language, 'checkin.nobodyButton'));
            assert.ok(close[0].text?.includes(t(language, 'checkin.suggestNudge')), typed);
            assert.ok(close[0].text?.startsWith(t(language, 'checkin.updated')) || typed === 'seven');
          }
          const records = await repo.checkInsSince(clientId, '2000-01-01');
          assert.equal(records.length, 1, 'one record per local day');
          assert.equal(records[0].mood, 7);
          assert.equal(records[0].sawNobody, true);
          assert.equal(records[0].feelings, undefined);
        });

        it('reprompts a bad mood once with a hint, then offers the menu and stores nothing', async () => {
          for (const bad of [['11', '-1'], ['', '   '], ['😀', 'x'.repeat(10_000)], ['banana', '7.5']]) {
            const { h, clientId, repo } = await start(channelId, language);
            await h.send('start');
            const reprompt = await h.send(bad[0]);
            assert.equal(reprompt[0].text, t(language, 'checkin.moodRetry'), JSON.stringify(bad[0]));
            assert.equal(offered(reprompt[0]).length, 11, 'the buttons come again');
            const gaveUp = await h.say(bad[1]);
            assertSays(gaveUp[0], language, 'prompts.gaveUp');
            assert.equal(h.client.dialogTurnResult.status, 'complete');
            assert.deepEqual(h.client.dialogTurnResult.result, { showMenu: true });
            assert.deepEqual(await repo.checkInsSince(clientId, '2000-01-01'), []);
          }
        });

        it('rejects card submits with a missing or wrong-typed choice', async () => {
          const { h } = await start(channelId, language);
          await h.send('start');
          assert.equal((await h.send(submit({ choice: 'seventeen' })))[0].text, t(language, 'checkin.moodRetry'));
          const { h: h2 } = await start(channelId, language);
          await h2.send('start');
          assert.equal((await h2.send(submit({ mood: true })))[0].text, t(language, 'prompts.retry_badCard'));
        });
      });
    }
  }

  it('counts the day in the client’s time zone: 23:30 in Madrid and 00:30 the next day are two records', async () => {
    const { h, clientId, repo } = await start('webchat', 'en');
    now = new Date('2026-11-25T22:30:00Z'); // 23:30 in Madrid
    for (const input of ['start', '5', 'skip', 'nobody today']) await h.send(input);
    now = new Date('2026-11-25T23:30:00Z'); // 00:30 on the 26th in Madrid
    for (const input of ['start', '6', 'skip', 'nobody today']) await h.send(input);
    const records = await repo.checkInsSince(clientId, '2000-01-01');
    assert.deepEqual(records.map((r) => [r.localDate, r.mood]), [['2026-11-25', 5], ['2026-11-26', 6]]);
  });

  it('reads the inventory and the client record once, when the check-in starts; the answers read nothing more and the day is saved without reading it first', async () => {
    const repo = new ClientRepository(temp.store, clock);
    const profile = await onboardedProfile(repo, 'en');
    await seedProfile(temp.store, 'webchat', profile);
    await repo.addPerson(profile.clientId as string, { name: 'Ana', relationship: 'friend', circle: 'middle', supportive: true, conflict: false });
    const counted = new CountingDocumentStore(temp.store);
    const h = harness((services) => new CheckInDialog(services), { channelId: 'webchat', language: 'en', store: counted, clock });
    const clientReads = () => counted.countsByContainer().clients?.reads ?? 0;
    await h.send('start');
    const atStart = clientReads();
    assert.ok(atStart >= 1, 'the inventory is read when the check-in starts');
    for (const answer of ['6', 'skip', 'Ana']) assertSays((await h.send(answer))[0].text, 'en', answer === '6' ? 'checkin.askFeelings' : answer === 'skip' ? 'checkin.askWho' : 'checkin.askHow', { name: 'Ana' });
    assert.equal(clientReads(), atStart, 'no answer turn reads the client records');
    const before = counted.countsByContainer().clients;
    assertSays((await h.send(t('en', 'checkin.how_better')))[0].text, 'en', 'checkin.askAffected', { name: 'Ana' });
    assert.equal(clientReads(), atStart, 'no answer turn reads the client records');
    const close = await h.send(t('en', 'checkin.affected_notReally'));
    assert.ok(variants('en', 'checkin.saved').some((saved) => close[0].text?.startsWith(saved)), close[0].text);
    const after = counted.countsByContainer().clients;
    assert.equal((after?.reads ?? 0) - (before?.reads ?? 0), 0, 'the first check-in of the day is written without a read');
    assert.equal((after?.writes ?? 0) - (before?.writes ?? 0), 1);
    const [record] = await repo.checkInsSince(profile.clientId as string, '2026-11-25');
    assert.equal(record.interaction?.name, 'Ana');
    assert.equal(record.interaction?.how, 'better');
  });

  it('mentions the focus area the clinician set', async () => {
    const { h } = await start('webchat', 'es', { focusArea: 'roleTransition' });
    for (const input of ['hola', '8', 'saltar', 'Ana']) await h.send(input);
    await h.send('mejor de lo esperado');
    const close = await h.say('un poco');
    assert.ok(close[0].includes(t('es', 'checkin.focus_roleTransition')));
    assert.ok(close[0].includes(t('es', 'checkin.reflect_better', { name: 'Ana' })));
    // The exercise for that focus area is offered from the check-in, first.
    assert.ok(close[0].includes(t('es', 'checkin.suggestExercise')));
  });

  it('offers the focus area exercise as the first button', async () => {
    const { h } = await start('webchat', 'en', { focusArea: 'grief' });
    for (const input of ['hi', '6', 'skip', 'Ana']) await h.send(input);
    await h.send(t('en', 'checkin.how_asExpected'));
    const [close] = await h.send(t('en', 'checkin.affected_notReally'));
    assert.deepEqual(offered(close).slice(0, 2), [t('en', 'menu.item_grief'), t('en', 'menu.item_week')]);
  });
});
