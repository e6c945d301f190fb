import assert from 'node:assert/strict';
import { Activity } from 'botbuilder';
import { Language, t } from '../../src/i18n';
import { ConfigCareTeamDirectory, ProgrammeContacts } from '../../src/safety/escalation/careTeamDirectory';
import { ScreeningResult } from '../../src/safety/screener';
import { ScreenTexts, screenTexts } from '../../src/safety/turnScreening';
import { BotHarness, SETTINGS } from './safetyHarness';
import { CONTAINERS } from '../../src/storage/containers';

/**
 * The crisis conversation's questions, typed and pressed, in both languages and on both channels: the C-SSRS
 * screen, unclear answers, the confirm path, and the questions after an urgent message.
 */

const CHANNELS = ['webchat', 'msteams'] as const;
const LOCALE: Record<Language, string> = { en: 'en-US', es: 'es-MX' };
/** Where each language's client is: the lines follow the place (the browser's zone), not the language. */
const ZONE: Record<Language, string> = { en: 'America/New_York', es: 'America/Mexico_City' };

/** A button press: Teams submits the card's `{ choice }`, Web Chat sends the button's title as text. */
function press(channel: (typeof CHANNELS)[number], language: Language, choice: 'yes' | 'no'): Partial<Activity> {
  if (channel === 'msteams') return { text: undefined, value: { choice } };
  return { text: t(language, choice === 'yes' ? 'safety.answers.yesButton' : 'safety.answers.noButton') };
}

/** The buttons a reply offers: a card's submit choices on Teams, suggested actions on Web Chat. */
function buttons(reply: Partial<Activity> | undefined): string[] {
  const card = reply?.attachments?.[0]?.content as { actions?: Array<{ data?: { choice?: string } }> } | undefined;
  if (card) return (card.actions ?? []).map((a) => String(a.data?.choice));
  return (reply?.suggestedActions?.actions ?? []).map((a) => String(a.value));
}

/** A directory whose programme tells clients its usual reply time (or that it is out of hours). */
function directoryWith(extra: Partial<ProgrammeContacts>): ConfigCareTeamDirectory {
  const directory = new ConfigCareTeamDirectory(SETTINGS);
  const programmeFor = directory.programmeFor.bind(directory);
  directory.programmeFor = async () => ({ ...(await programmeFor()), ...extra }) as ProgrammeContacts;
  return directory;
}

/** The real screener, except that `trigger` is a concern the screener asks to confirm (as the learned layer will mark them). */
function confirmOn(trigger: string): ScreenTexts {
  return (texts, history, now) => {
    if (!texts.includes(trigger)) return screenTexts(texts, history, now);
    const at = now.toISOString();
    const result: ScreeningResult = {
      level: 'concern',
      messageLevel: 'concern',
      categories: ['self_harm_suicide'],
      signals: ['model'],
      evidence: [trigger],
      thirdParty: false,
      historyEntry: { at, level: 'concern', categories: ['self_harm_suicide'], signals: ['model'] },
      confirm: true,
    };
    return result;
  };
}

const TEXTS = {
  en: { concern: 'I wish I was dead', notSure: 'not sure', maybe: 'maybe', no: 'no', never: 'I did not', nope: 'nope', recentYes: 'yes, last month', weak: "I'm so tired of everything", idk: 'idk' },
  es: { concern: 'ojalá no despertar mañana', notSure: 'no sé', maybe: 'puede ser', no: 'no', never: 'nunca', nope: 'para nada', recentYes: 'sí, el mes pasado', weak: 'estoy harta de todo', idk: 'no lo sé' },
};

describe('the C-SSRS screen in chat, typed and pressed', () => {
  let h: BotHarness;
  afterEach(async () => h.dispose());

  for (const channel of CHANNELS) {
    for (const language of ['en', 'es'] as const) {
      const say = TEXTS[language];
      it(`${language}, ${channel}: an unclear answer is asked once more with buttons, then counts as yes; recent behaviour raises to urgent`, async () => {
        h = new BotHarness({ channelId: channel, locale: LOCALE[language], timeZone: ZONE[language] });
        const first = await h.send(say.concern);
        assert.equal(first.at(-1)?.text, t(language, 'safety.check.wishDead'));
        assert.deepEqual(buttons(first.at(-1)), ['yes', 'no'].map((c) => (channel === 'msteams' ? c : t(language, `safety.answers.${c}Button`))));

        const again = await h.send(say.notSure);
        assert.equal(again.length, 1);
        assert.equal(again[0].text, t(language, 'safety.answers.retry'), 'doubt is never read as no: asked again');
        assert.equal(buttons(again[0]).length, 2, 'with the buttons');
        assert.deepEqual(await h.say(say.maybe), [t(language, 'safety.check.thoughts')], 'still unclear: the screen goes on');

        assert.deepEqual(await h.say(press(channel, language, 'yes')), [t(language, 'safety.check.thankYouForTelling'), t(language, 'safety.check.method')]);
        assert.deepEqual(await h.say(say.no), [t(language, 'safety.check.intent')]);
        assert.deepEqual(await h.say(say.never), [t(language, 'safety.check.plan')]);
        assert.deepEqual(await h.say(press(channel, language, 'no')), [t(language, 'safety.check.behaviour')]);
        assert.deepEqual(await h.say(press(channel, language, 'yes')), [t(language, 'safety.check.behaviourRecent')]);
        assert.equal((await h.alerts())[0].level, 'concern');

        const recent = await h.say(say.recentYes);
        assert.ok(recent[0].startsWith(t(language, 'safety.careTeamTold')), 'told who was told');
        assert.equal(recent.at(-1), t(language, 'safety.urgent.areYouSafe'));
        const [alert] = await h.alerts();
        assert.equal(alert.level, 'urgent');
        assert.deepEqual(alert.screening, { wishDead: 'unclear', thoughts: 'yes', method: 'no', intent: 'no', plan: 'no', behaviour: 'yes', behaviourRecent: 'yes' });
      });

      it(`${language}, ${channel}: behaviour longer ago than 3 months stays a concern`, async () => {
        h = new BotHarness({ channelId: channel, locale: LOCALE[language], timeZone: ZONE[language] });
        await h.say(say.concern);
        await h.say(say.no);
        assert.deepEqual(await h.say(say.nope), [t(language, 'safety.check.oneMore'), t(language, 'safety.check.behaviour')]);
        await h.say(press(channel, language, 'yes'));
        const end = await h.say(press(channel, language, 'no'));
        assert.deepEqual(end, [t(language, 'safety.check.noThoughts'), t(language, 'safety.listen.invite')]);
        const [alert] = await h.alerts();
        assert.equal(alert.level, 'concern');
        assert.deepEqual(alert.screening, { wishDead: 'no', thoughts: 'no', behaviour: 'yes', behaviourRecent: 'no' });
      });
    }
  }
});

describe('a concern the screener asks to confirm', () => {
  let h: BotHarness;
  afterEach(async () => h.dispose());

  for (const [language, channel] of [['en', 'webchat'], ['es', 'msteams'], ['en', 'msteams'], ['es', 'webchat']] as const) {
    const say = TEXTS[language];

    it(`${language}, ${channel}: the lines are visible, a clear no to both questions ends kindly and alerts nobody`, async () => {
      h = new BotHarness({ channelId: channel, locale: LOCALE[language], timeZone: ZONE[language], screen: confirmOn(say.weak) });
      const first = await h.say(say.weak);
      assert.equal(first[0], t(language, 'safety.confirm.intro'));
      assert.match(first[1], language === 'en' ? /988/ : /800 911 2000/, 'the lines before the questions');
      assert.equal(first.at(-1), t(language, 'safety.check.wishDead'));
      assert.deepEqual(await h.alerts(), [], 'no alert before the answer');

      assert.deepEqual(await h.say(press(channel, language, 'no')), [t(language, 'safety.check.thoughts')]);
      assert.deepEqual(await h.say(say.never), [t(language, 'safety.confirm.clearNo'), t(language, 'safety.listen.invite')]);
      assert.deepEqual(await h.alerts(), [], 'a clear no alerts nobody');
      const state = (await h.state()) as { safety?: { level?: string } };
      assert.notEqual(state.safety?.level, 'concern', 'the conversation is not flagged by an unconfirmed concern');
    });

    it(`${language}, ${channel}: a yes creates the alert at once, with the answer, and says when the care team usually replies`, async () => {
      h = new BotHarness({ channelId: channel, locale: LOCALE[language], timeZone: ZONE[language], screen: confirmOn(say.weak), directory: () => directoryWith({ careTeamReplyHours: 4 }) });
      await h.say(say.weak);
      const yes = await h.say(press(channel, language, 'yes'));
      assert.deepEqual(yes, [`${t(language, 'safety.careTeamTold')} ${t(language, 'safety.careTeamReplyTime', { hours: 4 })}`, t(language, 'safety.check.thoughts')]);
      const [alert] = await h.alerts();
      assert.equal(alert.level, 'concern');
      assert.deepEqual(alert.screening, { wishDead: 'yes' });
      assert.ok(alert.deliveries.some((d) => d.event === 'alert.created'), 'notified, durably queued');
      assert.match(alert.excerpt, new RegExp(say.weak.slice(0, 10)));
      // Confirmed: the whole screen, the behaviour question included.
      assert.deepEqual(await h.say(say.no), [t(language, 'safety.check.oneMore'), t(language, 'safety.check.behaviour')]);
    });

    it(`${language}, ${channel}: an answer that stays unclear is treated as yes: the alert is created and the follow-ups asked`, async () => {
      h = new BotHarness({ channelId: channel, locale: LOCALE[language], timeZone: ZONE[language], screen: confirmOn(say.weak), directory: () => directoryWith({ outOfHours: true }) });
      await h.say(say.weak);
      await h.say(say.no);
      assert.deepEqual(await h.say(say.notSure), [t(language, 'safety.answers.retry')]);
      assert.deepEqual(await h.alerts(), []);
      const unclear = await h.say(say.idk);
      assert.deepEqual(unclear, [`${t(language, 'safety.careTeamTold')} ${t(language, 'safety.careTeamOutOfHours')}`, t(language, 'safety.check.thankYouForTelling'), t(language, 'safety.check.method')]);
      const [alert] = await h.alerts();
      assert.deepEqual(alert.screening, { wishDead: 'no', thoughts: 'unclear' });
    });
  }
});

describe('explicit words said with a laugh, with the real screener', () => {
  let h: BotHarness;
  afterEach(async () => h.dispose());

  for (const [language, channel, text] of [['en', 'webchat', 'one more zoom meeting and i kms lol'], ['es', 'msteams', 'le mandé el meme a mi jefe, me quiero morir jajaja']] as const) {
    it(`${language}, ${channel}: ${JSON.stringify(text)} is asked about first with the lines visible; a clear no alerts nobody`, async () => {
      h = new BotHarness({ channelId: channel, locale: LOCALE[language], timeZone: ZONE[language] });
      const first = await h.say(text);
      assert.equal(first[0], t(language, 'safety.confirm.intro'));
      assert.match(first[1], language === 'en' ? /988/ : /800 911 2000/, 'the lines before the questions');
      assert.equal(first.at(-1), t(language, 'safety.check.wishDead'));
      assert.deepEqual(await h.say(press(channel, language, 'no')), [t(language, 'safety.check.thoughts')]);
      await h.say(press(channel, language, 'no'));
      assert.deepEqual(await h.alerts(), [], 'a joke answered no twice alerts nobody');
    });
  }
});

describe('a confirm concern answered with certain risk words', () => {
  let h: BotHarness;
  afterEach(async () => h.dispose());

  it('the alert the answer raised gets the answers, and the screen goes on as a confirmed one', async () => {
    h = new BotHarness({ screen: confirmOn(TEXTS.en.weak) });
    await h.say(TEXTS.en.weak);
    const answer = await h.say('yes, I want to die');
    assert.equal(answer.at(-1), t('en', 'safety.check.thoughts'));
    assert.equal((await h.alerts())[0].level, 'concern', 'the guard alerted on the words');
    assert.deepEqual(await h.say('no'), [t('en', 'safety.check.oneMore'), t('en', 'safety.check.behaviour')]);
    assert.deepEqual((await h.alerts())[0].screening, { wishDead: 'yes', thoughts: 'no' });
  });
});

describe('after an urgent message, and other kinds of risk', () => {
  let h: BotHarness;
  afterEach(async () => h.dispose());

  for (const channel of CHANNELS) {
    it(`es, ${channel}: "vale" does not close it; "no estoy a salvo" gets the emergency number and company, no grounding`, async () => {
      h = new BotHarness({ channelId: channel, locale: 'es-ES', timeZone: 'Europe/Madrid' });
      await h.say('quiero suicidarme');
      assert.deepEqual(await h.say(press(channel, 'es', 'yes')), [t('es', 'safety.urgent.safeYes'), t('es', 'safety.means.ask')]);
      assert.deepEqual(await h.say('no sé'), [t('es', 'safety.answers.retry')]);
      assert.deepEqual(await h.say('no lo sé'), [t('es', 'safety.means.no'), t('es', 'safety.grounding'), t('es', 'safety.listen.invite')]);
      assert.deepEqual(await h.say('vale'), [t('es', 'safety.listen.beforeYouGo')]);
      const unsafe = await h.say('no estoy a salvo');
      assert.deepEqual(unsafe, [t('es', 'safety.urgent.safeNo', { number: '[112](tel:112)' }), t('es', 'safety.urgent.stay')]);
      const audit = (await h.alerts())[0].audit.filter((e) => e.event === 'screening_answers').map((e) => e.detail);
      assert.deepEqual(audit, ['safe right now: yes', 'means out of reach: unclear', 'safe enough before closing: no']);
      // Still with them: the next words are heard, and "estoy bien" now closes.
      assert.ok((await h.say('ya llamé')).length > 0);
      assert.deepEqual((await h.say('estoy bien'))[0], t('es', 'safety.listen.closing'));
    });

    it(`en, ${channel}: being harmed by someone gets the lines first, then "are you safe right now?"`, async () => {
      h = new BotHarness({ channelId: channel });
      const replies = await h.say('my husband hits me');
      assert.equal(replies[0], t('en', 'safety.support.harmedByOthers'));
      assert.match(replies[1], /911/);
      assert.equal(replies.at(-1), t('en', 'safety.urgent.areYouSafe'));
      assert.deepEqual(await h.say("No, I'm not safe"), [t('en', 'safety.support.harmedSafeNo', { number: '[911](tel:911)' }), t('en', 'safety.urgent.stay')]);
    });

    it(`es, ${channel}: harm to others gets immediate-safety steps after the lines, and no lethal-means question about themselves`, async () => {
      h = new BotHarness({ channelId: channel, locale: 'es-ES', timeZone: 'Europe/Madrid' });
      const replies = await h.say('quiero hacerle daño a mi jefe');
      const lines = replies.findIndex((text) => text.includes('024'));
      assert.ok(lines > 0);
      assert.equal(replies[lines + 1], t('es', 'safety.support.harmToOthersSafety', { number: '[112](tel:112)' }));
      assert.equal(replies.at(-1), t('es', 'safety.urgent.areYouSafe'));
      assert.deepEqual(await h.say('sí'), [t('es', 'safety.urgent.safeYes'), t('es', 'safety.grounding'), t('es', 'safety.listen.invite')]);
    });
  }

  it('a worried friend is told to ask directly about suicide, in both languages', async () => {
    h = new BotHarness();
    const en = await h.say('my friend told me she wants to kill herself');
    assert.match(en[1], /ask them directly whether they're thinking about suicide/);
    await h.dispose();
    h = new BotHarness({ locale: 'es-ES' });
    const es = await h.say('mi amiga quiere suicidarse');
    assert.match(es[1], /pregúntale directamente si está pensando en suicidarse/);
  });

  it("a new alert plans one caring follow-up for the next day at 10:00 in the client's zone; a clear no on the confirm path plans none", async () => {
    const clock = { now: () => new Date('2026-11-25T22:30:00Z') };
    h = new BotHarness({ locale: 'es-MX', clock, screen: confirmOn(TEXTS.es.weak) });
    await h.seedProfile({ timeZone: 'America/Mexico_City', language: 'es' });
    const caring = async () => (await h.store.query<{ type: string; dueAt: string; alertId: string }>(CONTAINERS.reminders, { where: [{ field: 'type', op: '=', value: 'caring' }] })).map((d) => d.body);
    await h.say(TEXTS.es.weak);
    await h.say('no');
    await h.say('nunca');
    assert.deepEqual(await caring(), [], 'nobody was alerted, so nothing to follow up');
    await h.say('quiero suicidarme');
    await h.say('me quiero matar');
    const planned = await caring();
    assert.equal(planned.length, 1, 'one follow-up per alert');
    assert.equal(planned[0].dueAt, '2026-11-26T16:00:00.000Z', '10:00 in Mexico City');
    assert.equal(planned[0].alertId, (await h.alerts())[0].alertId);
  });

  it('no wording suggests someone is reading live', () => {
    for (const language of ['en', 'es'] as const) {
      for (const key of ['safety.listen.invite', 'safety.listen.again', 'safety.careTeamTold']) assert.doesNotMatch(t(language, key), /I'm reading|Te leo/i);
    }
  });
});

describe('honest expectations (the real bot)', () => {
  let h: BotHarness;
  afterEach(async () => h.dispose());

  it('onboarding promises an alert only when the service has someone to alert', async () => {
    h = new BotHarness({ settings: { ...SETTINGS, programme: undefined } });
    assert.ok((await h.say('hello')).includes(t('en', 'onboarding.whatIsStoredNoCareTeam')));
    await h.dispose();
    h = new BotHarness({ locale: 'es-ES' });
    assert.ok((await h.say('hola')).includes(t('es', 'onboarding.whatIsStored')));
  });
});
