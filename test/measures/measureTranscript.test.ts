import assert from 'node:assert/strict';
import { Activity } from 'botbuilder';
import { IptBot } from '../../src/bot/iptBot';
import { ClientRepository } from '../../src/client/clientRepository';
import { Clock } from '../../src/clock';
import { Language, t, variants } from '../../src/i18n';
import { INSTRUMENTS } from '../../src/measures/instruments';
import { BotHarness } from '../safety/safetyHarness';
import { CHANNELS, offered } from '../dialogs/harness';

const CLIENT_ID = 'client-record-1';
const LOCALE: Record<Language, string> = { en: 'en-US', es: 'es-MX' };
const START: Record<Language, string> = { en: 'questionnaire', es: 'cuestionario' };
const GO_ON: Record<Language, string> = { en: 'continue', es: 'seguir' };

function isText(language: Language, key: string, text: string | undefined): boolean {
  return variants(language, key).includes(text ?? '');
}

/** The question the bot puts for item `n` (1-based) of an instrument, in the published wording. */
function itemText(language: Language, id: 'phq9' | 'gad7', n: number): string {
  const instrument = INSTRUMENTS[id];
  const text = instrument.text[language];
  return `${t(language, 'measures.itemHeader', { title: instrument.title, n, count: instrument.itemCodes.length })}\n\n${text.stem}\n\n**${text.items[n - 1]}**`;
}

for (const channelId of CHANNELS) {
  for (const language of ['en', 'es'] as const) {
    describe(`PHQ-9 and GAD-7 in the chat (${channelId} / ${language}, real IptBot)`, () => {
      let h: BotHarness;
      let now: Date;
      const clock: Clock = { now: () => now };
      const answers = INSTRUMENTS.phq9.text[language].answers;

      beforeEach(async () => {
        now = new Date('2026-11-25T15:00:00Z');
        h = new BotHarness({ channelId, locale: LOCALE[language], clock });
        await h.seedProfile({
          clientId: CLIENT_ID,
          preferredName: 'Robin',
          language,
          timeZone: 'America/New_York',
          consent: { given: true, at: '2026-11-01T10:00:00.000Z' },
          onboardedAt: '2026-11-01T10:00:00.000Z',
        });
      });
      afterEach(async () => h.dispose());

      /** Answers with a button: a card submit on Teams, the button's title on Web Chat. */
      function press(value: number): string | Partial<Activity> {
        return channelId === 'msteams' ? { value: { choice: String(value) } } : answers[value];
      }

      /** Each turn a little later, as in a real chat (so records sort by time). */
      async function say(input: string | Partial<Activity>): Promise<string[]> {
        now = new Date(now.getTime() + 30_000);
        return h.say(input);
      }

      /** The urgent response to its end: safe now, the means question, then leaving; returns the last turn's replies. */
      async function leaveUrgent(): Promise<string[]> {
        const yes = language === 'en' ? 'yes' : 'sí';
        assert.equal((await say(yes)).at(-1), t(language, 'safety.means.ask'));
        assert.ok((await say(yes)).at(-1)?.startsWith(t(language, 'safety.listen.invite')));
        assert.deepEqual(await say(GO_ON[language]), [t(language, 'safety.listen.beforeYouGo')]);
        const back = await say(yes);
        assert.equal(back[0], t(language, 'safety.listen.safeEnough'));
        return back;
      }

      async function measures() {
        return new ClientRepository(h.store, clock).measures(CLIENT_ID);
      }

      it('completes both questionnaires with buttons and typed answers, and stores each score', async () => {
        const first = await h.send(START[language]);
        assert.ok(isText(language, 'measures.intro', first[0].text));
        assert.equal(first[1].text, itemText(language, 'phq9', 1));
        assert.deepEqual(offered(first[1]), channelId === 'msteams' ? ['0', '1', '2', '3'] : [...answers]);

        // Hand-scored: 2+1+3+0+2+1+1+0+0 = 10, moderate.
        const typed: Record<Language, string[]> = {
          en: ['more than half the days', '1', 'Nearly every day', 'not at all'],
          es: ['más de la mitad de los días', '1', 'casi todos los días', 'ningún día'],
        };
        let reply: string[] = [];
        for (const [n, answer] of typed[language].entries()) {
          reply = await say(answer);
          assert.equal(reply.at(-1), itemText(language, 'phq9', n + 2), `after typed answer ${n + 1}`);
        }
        for (const value of [2, 1, 1, 0]) reply = await say(press(value));
        assert.equal(reply.at(-1), itemText(language, 'phq9', 9));
        reply = await say(press(0));
        assert.ok(isText(language, 'measures.introNext_gad7', reply[0]));
        assert.equal(reply[1], itemText(language, 'gad7', 1));

        // GAD-7: 1+1+1+1+1+0+0 = 5, mild.
        for (const value of [1, 1, 1, 1, 1, 0]) reply = await say(press(value));
        assert.equal(reply.at(-1), itemText(language, 'gad7', 7));
        reply = await say(press(0));
        assert.ok(isText(language, 'measures.done', reply[0]));

        const stored = await measures();
        assert.deepEqual(
          stored.map((m) => [m.instrument, m.total, m.band, m.answers.join(''), m.language, m.source]),
          [
            ['phq9', 10, 'moderate', '213021100', language, 'client'],
            ['gad7', 5, 'mild', '1111100', language, 'client'],
          ],
        );
        assert.equal((await h.alerts()).length, 0, 'item 9 answered "not at all" raises nothing');
        const state = await h.state();
        assert.equal((state?.profile as { measureDraft?: unknown }).measureDraft, undefined, 'nothing left under way');
      });

      it('a measure reminder’s button starts the programme’s questionnaires', async () => {
        const started = await say({ value: { choice: 'questionnaire', reminder: 'measure', reminderId: 'r-1', instruments: ['gad7'] } });
        assert.ok(isText(language, 'measures.intro', started[0]));
        assert.equal(started[1], itemText(language, 'gad7', 1));
        let reply: string[] = [];
        for (let n = 1; n <= 7; n++) reply = await say(press(3));
        assert.ok(isText(language, 'measures.done', reply[0]));
        const [gad7] = await measures();
        assert.deepEqual([gad7.instrument, gad7.total, gad7.band, gad7.source], ['gad7', 21, 'severe', 'scheduled']);
      });

      it('shows the client their own score in plain words only when the programme allows it', async () => {
        Object.assign(h, { bot: new IptBot(h.clientState, clock, { clients: new ClientRepository(h.store, clock), measureSettings: { showScoresToClient: async () => true } }, h.safety.guard) });
        const tap = { value: { choice: 'questionnaire', reminder: 'measure', reminderId: 'r-1', instruments: ['gad7'] } };
        await say(tap);
        let reply: string[] = [];
        for (const value of [2, 2, 2, 2, 1, 1, 0]) reply = await say(press(value));
        assert.equal(reply[0], t(language, 'measures.yourScore', { title: 'GAD-7', total: 10, max: 21, band: t(language, 'measures.band_moderate') }));
        assert.ok(isText(language, 'measures.done', reply[1]));
        await say(tap);
        for (const value of [1, 1, 1, 1, 1, 0, 0]) reply = await say(press(value));
        assert.equal(reply[0], `${t(language, 'measures.yourScore', { title: 'GAD-7', total: 5, max: 21, band: t(language, 'measures.band_mild') })} ${t(language, 'measures.scoreChange_better')}`);
      });

      it('a crisis message during the C-SSRS questions item 9 began gets one urgent response, not a second crisis dialog', async () => {
        await say(START[language]);
        for (let n = 1; n <= 8; n++) await say(press(0));
        await say(press(2));
        const urgent = await say(language === 'en' ? 'I want to kill myself' : 'me quiero matar');
        assert.equal(urgent.filter((text) => isText(language, 'safety.urgent.openerAgain', text) || isText(language, 'safety.urgent.opener', text)).length, 1, urgent.join(' | '));
        assert.equal(urgent.at(-1), t(language, 'safety.urgent.areYouSafe'));
        const [alert] = await h.alerts();
        assert.equal(alert.level, 'urgent');
        assert.equal((await h.alerts()).length, 1);
        // Afterwards the questionnaire does not carry on by itself: the GAD-7 waits until the client asks.
        const back = await leaveUrgent();
        assert.ok(!back.some((text) => text.includes(INSTRUMENTS.gad7.text[language].items[0])));
        const later = await say(START[language]);
        assert.equal(later[1], itemText(language, 'gad7', 1));
      });

      it('a PHQ-9 reliably worse than baseline tells the clinician once, as a notice of its own (not an alert)', async () => {
        const tap = { value: { choice: 'questionnaire', reminder: 'measure', reminderId: 'r-1', instruments: ['phq9'] } };
        for (const answers of [[0, 0, 0, 0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1, 0, 0, 0], [1, 1, 1, 1, 1, 1, 1, 0, 0]]) {
          now = new Date(now.getTime() + 14 * 86_400_000);
          await say(tap);
          for (const value of answers) await say(press(value));
        }
        assert.deepEqual((await measures()).map((m) => m.total), [0, 6, 7]);
        assert.deepEqual(await h.alerts(), [], 'no safety alert: nobody is paged');
        const notices = await new ClientRepository(h.store, clock).lowMoodNotices(CLIENT_ID);
        assert.equal(notices.length, 1, 'once per episode');
        assert.equal(notices[0].clinicianId, 'c1');
        assert.deepEqual(notices[0].facts, { kind: 'phq9', latest: 6, band: 'mild', baseline: 0, change: 6 }, 'as seen when the episode began');
      });

      it('asks again with the buttons when an answer is not one of the four, and offers the menu after the second, keeping what was answered', async () => {
        await say(START[language]);
        await say(press(2));
        for (const bad of ['banana', '4']) {
          const again = await h.send(bad);
          if (bad === '4') {
            assert.equal(again[0].text, t(language, 'measures.gaveUp'));
            assert.ok(offered(again[1]).length > 4, 'then the menu');
            break;
          }
          assert.equal(again[0].text, t(language, 'measures.retry'), bad);
          assert.deepEqual(offered(again[0]), channelId === 'msteams' ? ['0', '1', '2', '3'] : [...answers]);
        }
        assert.deepEqual(await measures(), [], 'nothing half-answered is scored');
        const resumed = await say(START[language]);
        assert.deepEqual(resumed, [t(language, 'measures.resumed'), itemText(language, 'phq9', 2)]);
      });

      it('pauses for the menu and a restart, and picks up at the same item; after more than a day it starts again', async () => {
        await say(START[language]);
        await say(press(3));
        await say(press(3));
        await say('menu');
        // A restart: a new bot over the same store.
        Object.assign(h, { bot: new IptBot(h.clientState, clock, { clients: new ClientRepository(h.store, clock) }, h.safety.guard) });
        now = new Date('2026-11-26T09:00:00Z');
        const resumed = await say(START[language]);
        assert.equal(resumed[0], t(language, 'measures.resumed'));
        assert.equal(resumed[1], itemText(language, 'phq9', 3));
        await say(press(3));

        // The next answer comes more than a day after the first item was asked: the measure starts again.
        now = new Date('2026-11-26T15:00:01Z');
        const restarted = await say(press(1));
        assert.equal(restarted[0], t(language, 'measures.restarted'));
        assert.equal(restarted[1], itemText(language, 'phq9', 1));
        for (let n = 0; n < 9; n++) await say(press(1));
        const [phq9] = await measures();
        assert.equal(phq9.total, 9, 'only the new day’s answers count');
        assert.equal(phq9.startedAt, '2026-11-26T15:00:31.000Z');
      });

      it('a crisis message in the middle pauses the questionnaire; it asks the same item again afterwards', async () => {
        await say(START[language]);
        await say(press(1));
        const crisis = await say(language === 'en' ? 'I want to kill myself' : 'me quiero matar');
        assert.ok(isText(language, 'safety.urgent.opener', crisis[0]), crisis[0]);
        assert.ok(!crisis.includes(itemText(language, 'phq9', 2)));
        assert.equal((await h.alerts())[0].level, 'urgent');
        const back = await leaveUrgent();
        assert.equal(back.at(-1), itemText(language, 'phq9', 2));
        for (let n = 2; n <= 9; n++) await say(press(0));
        const [phq9] = await measures();
        assert.equal(phq9.total, 1);
      });

      it('a non-zero item 9 stores a concern alert with the answer and starts the C-SSRS questions; "yes" to intent makes it urgent', async () => {
        await say(START[language]);
        for (let n = 1; n <= 8; n++) await say(press(0));
        const item9 = await say(press(1));
        assert.ok(isText(language, 'safety.check.intro', item9[0]), item9[0]);
        assert.equal(item9.at(-1), t(language, 'safety.check.wishDead'));

        const [alert] = await h.alerts();
        assert.equal(alert.level, 'concern');
        assert.deepEqual(alert.categories, ['self_harm_suicide']);
        assert.equal(alert.clientId, CLIENT_ID);
        assert.equal(alert.clinicianId, 'c1');
        assert.match(alert.excerpt, /PHQ-9 item 9: "Several days" \(1 of 3\)/);
        assert.ok(alert.audit.some((e) => e.detail?.includes('PHQ-9 item 9')));
        const [phq9] = await measures();
        assert.equal(phq9.total, 1, 'the PHQ-9 is complete and stored');

        const yes = language === 'en' ? 'yes' : 'sí';
        assert.deepEqual(await say('no'), [t(language, 'safety.check.thoughts')]);
        assert.equal((await say(yes)).at(-1), t(language, 'safety.check.method'));
        assert.deepEqual(await say('no'), [t(language, 'safety.check.intent')]);
        await say(yes);
        const raised = await h.alerts();
        assert.equal(raised.length, 1, 'the same alert, raised');
        assert.equal(raised[0].level, 'urgent', 'urgent by the C-SSRS answers');
        assert.deepEqual(raised[0].screening, { wishDead: 'no', thoughts: 'yes', method: 'no', intent: 'yes' });
        assert.match(raised[0].excerpt, /PHQ-9 item 9/, 'still carrying the item’s answer');
      });
    });
  }
}
