/**
 * The crisis response and the client's own safety plan, through the real IptBot (screening, crisis dialog,
 * main dialog): the plan a client wrote is shown, and with no plan the response offers to make one
 * together, only after the lines, and the offer leads straight into building it.
 */
import assert from 'node:assert/strict';
import { Activity } from 'botbuilder';
import { Language, t } from '../../src/i18n';
import { SafetyPlanStore } from '../../src/safety/safetyPlan';
import { BotHarness } from './safetyHarness';

const CLIENT_ID = 'client-record-1';
const CHANNELS = ['webchat', 'msteams'] as const;
const WORDS = {
  en: { locale: 'en-US', zone: 'America/New_York', urgent: 'I want to kill myself tonight', safe: 'yes', line: '988', item: 'Not sleeping', done: 'done' },
  es: { locale: 'es-ES', zone: 'Europe/Madrid', urgent: 'quiero matarme esta noche', safe: 'sí', line: '024', item: 'No dormir', done: 'listo' },
};

describe('the crisis response and the client’s own safety plan', () => {
  let h: BotHarness;
  afterEach(async () => h.dispose());

  async function onboarded(channelId: (typeof CHANNELS)[number], language: Language): Promise<BotHarness> {
    h = new BotHarness({ channelId, locale: WORDS[language].locale });
    await h.seedOnboarded(CLIENT_ID, language, WORDS[language].zone);
    return h;
  }
  const texts = (replies: Partial<Activity>[]) => replies.map((a) => String(a.text ?? ''));
  /** "Yes, I'm safe", then yes to the lethal-means question that follows it: the replies to the second. */
  const safeThenMeans = async (language: Language, yes: string) => {
    assert.equal((await h.send(yes)).at(-1)?.text, t(language, 'safety.means.ask'));
    return h.send(yes);
  };

  for (const channelId of CHANNELS) {
    for (const language of ['en', 'es'] as const) {
      const w = WORDS[language];
      describe(`${channelId} / ${language}`, () => {
        it('with no plan: the lines first, then the offer to make one together, which starts building it', async () => {
          await onboarded(channelId, language);
          const crisis = texts(await h.send(w.urgent));
          const linesAt = crisis.findIndex((text) => text.includes(w.line));
          assert.ok(linesAt >= 0, `the lines are shown: ${crisis.join(' | ')}`);
          assert.ok(!crisis.some((text) => text.includes(t(language, 'safetyPlan.offer'))), 'no offer before help');

          const after = await safeThenMeans(language, w.safe);
          const invite = after.at(-1);
          assert.equal(invite?.text, `${t(language, 'safety.listen.invite')}\n\n${t(language, 'safetyPlan.offer')}`);
          if (channelId === 'msteams') {
            const card = invite?.attachments?.[0]?.content as { actions: Array<{ title: string; data: { choice: string } }> };
            assert.deepEqual(card.actions.map((a) => [a.title, a.data.choice]), [[t(language, 'safetyPlan.offerButton'), 'safetyPlan']]);
          } else {
            assert.deepEqual(invite?.suggestedActions?.actions.map((a) => a.title), [t(language, 'safetyPlan.offerButton')]);
          }

          const tap = channelId === 'msteams' ? { value: { choice: 'safetyPlan' } } : t(language, 'safetyPlan.offerButton');
          assert.deepEqual(texts(await h.send(tap)), [
            t(language, 'safetyPlan.introTogether'),
            t(language, 'safetyPlan.howToAnswer'),
            t(language, 'safetyPlan.ask.warningSigns', { number: 1, total: 7 }),
          ]);
          await h.send(w.item);
          assert.deepEqual(texts(await h.send(w.done)), [t(language, 'safetyPlan.ask.copingStrategies', { number: 2, total: 7 })]);
          const stored = await new SafetyPlanStore(h.store).get(CLIENT_ID);
          assert.deepEqual([stored?.warningSigns, stored?.author, stored?.needsReview, stored?.draft], [[w.item], 'client', true, { resumeAt: 'copingStrategies' }]);

          // A new crisis message mid-plan still gets the crisis response first, and now shows the draft.
          const again = texts(await h.send(w.urgent));
          const plan = again.find((text) => text.startsWith(t(language, 'safety.plan.introClientDraft')));
          assert.ok(plan, `the draft is shown: ${again.join(' | ')}`);
          assert.ok(plan.includes(w.item));
        });

        it('shows the plan the client wrote, and does not offer another', async () => {
          await onboarded(channelId, language);
          await new SafetyPlanStore(h.store).saveClientStep(CLIENT_ID, 'copingStrategies', () => ['Walk the dog']);
          await new SafetyPlanStore(h.store).saveClientStep(CLIENT_ID, 'reasonsForLiving', () => ['My nephew']);
          const crisis = texts(await h.send(w.urgent));
          const linesAt = crisis.findIndex((text) => text.includes(w.line));
          const planAt = crisis.findIndex((text) => text.startsWith(t(language, 'safety.plan.introClient')));
          assert.ok(planAt > linesAt && linesAt >= 0, `lines, then the client's plan: ${crisis.join(' | ')}`);
          assert.match(crisis[planAt], /Walk the dog/);
          assert.match(crisis[planAt], /My nephew/);
          assert.ok(crisis[planAt].includes(t(language, 'safety.plan.reasonsForLiving')));
          const after = texts(await safeThenMeans(language, w.safe));
          assert.equal(after.at(-1), t(language, 'safety.listen.invite'), 'no offer when a plan exists');
        });
      });
    }
  }

  it('from a crisis that paused a check-in: the plan, then the check-in asks its question again', async () => {
    await onboarded('webchat', 'en');
    const question = (await h.say('check in')).at(-1);
    await h.say(WORDS.en.urgent);
    assert.equal((await h.say('yes')).at(-1), t('en', 'safety.means.ask'));
    await h.say('yes');
    assert.deepEqual((await h.say('make a safety plan together')).at(-1), t('en', 'safetyPlan.ask.warningSigns', { number: 1, total: 7 }));
    await h.say('Not sleeping');
    assert.equal((await h.say('😶')).at(-1), t('en', 'prompts.retry_noLetters'));
    const back = await h.say('x'.repeat(10_000));
    assert.deepEqual(back, [t('en', 'safetyPlan.keptDraft'), question]);
    assert.deepEqual((await new SafetyPlanStore(h.store).get(CLIENT_ID))?.warningSigns, ['Not sleeping']);
  });

  it('no offer for someone who has not consented (nothing could be kept)', async () => {
    h = new BotHarness();
    await h.say('I want to kill myself tonight');
    assert.equal((await h.say('yes')).at(-1), t('en', 'safety.means.ask'));
    assert.equal((await h.say('yes')).at(-1), t('en', 'safety.listen.invite'));
  });
});
