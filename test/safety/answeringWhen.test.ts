import assert from 'node:assert/strict';
import { Language, t, variants } from '../../src/i18n';
import { BotHarness } from './safetyHarness';

/**
 * The walk-through asks "When will you do it?" and a connection goal "When will you try it?". A typed answer such as
 * "I'm doing it tomorrow" answers them; the same words with nothing before them point at an act and are alerted on.
 * With the real bot and the real screener.
 */
const WORDS = {
  en: { locale: 'en-US', zone: 'America/New_York', problem: 'My sister and I argue about Mum', a: 'Call her calmly', b: 'Write her a letter', step: 'Text her to pick a time', answer: "I'm doing it tomorrow" },
  es: { locale: 'es-MX', zone: 'America/Mexico_City', problem: 'Mi hermana y yo discutimos por mamá', a: 'Llamarla con calma', b: 'Escribirle una carta', step: 'Escribirle para quedar', answer: 'lo hago mañana' },
};

describe('an answer to "When will you do it?" is an answer, not an act announced', () => {
  let h: BotHarness;
  afterEach(async () => h.dispose());

  async function onboarded(language: Language): Promise<BotHarness> {
    h = new BotHarness({ channelId: 'webchat', locale: WORDS[language].locale, timeZone: WORDS[language].zone });
    await h.seedOnboarded(`client-when-${language}`, language, WORDS[language].zone);
    return h;
  }

  for (const language of ['en', 'es'] as const) {
    const w = WORDS[language];
    it(`${language}: ${JSON.stringify(w.answer)} typed to the walk-through's question saves the plan and alerts nobody`, async () => {
      await onboarded(language);
      assert.equal((await h.say(t(language, 'menu.item_problem'))).at(-1), t(language, 'problem.askDefine'));
      await h.say(w.problem);
      await h.say(w.a);
      await h.say(w.b);
      assert.equal((await h.say(t(language, 'problem.doneButton'))).at(-1), t(language, 'problem.askPros', { option: w.a }));
      for (let i = 0; i < 4; i += 1) await h.say(t(language, 'checkin.skipButton'));
      assert.deepEqual(await h.say('1'), [t(language, 'problem.askFirstStep', { option: w.a })]);
      assert.deepEqual(await h.say(w.step), [t(language, 'problem.askWhen')]);
      assert.deepEqual(await h.say(w.answer), [t(language, 'problem.planned', { step: w.step, when: w.answer })]);
      assert.deepEqual(await h.alerts(), []);
    });

    it(`${language}: ${JSON.stringify(w.answer)} typed to the connection goal's "When will you try it?" is saved, and nobody is alerted`, async () => {
      await onboarded(language);
      assert.equal((await h.say(t(language, 'menu.item_connections'))).at(-1), t(language, 'interpersonalDeficits.ask_pastPattern'));
      await h.say(w.problem);
      await h.say(w.a);
      await h.say(t(language, 'checkin.skipButton'));
      assert.equal((await h.say(t(language, 'interpersonalDeficits.goalKind_reconnect'))).at(-1), t(language, 'interpersonalDeficits.ask_goal'));
      assert.deepEqual(await h.say(w.step), [t(language, 'interpersonalDeficits.ask_when')]);
      const saved = await h.say(w.answer);
      assert.ok(variants(language, 'interpersonalDeficits.saved').includes(saved[0]), saved[0]);
      assert.deepEqual(await h.alerts(), []);
    });

    it(`${language}: ${JSON.stringify(w.answer)} with nothing before it is alerted on at once`, async () => {
      await onboarded(language);
      const replies = await h.say(w.answer);
      assert.ok(variants(language, 'safety.urgent.opener').includes(replies[0]), replies[0]);
      assert.equal((await h.alerts()).length, 1);
    });
  }
});
