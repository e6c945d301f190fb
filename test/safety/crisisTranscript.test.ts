import assert from 'node:assert/strict';
import { t, variants } from '../../src/i18n';
import { SafetyPlanStore } from '../../src/safety/safetyPlan';
import { BotHarness } from './safetyHarness';

/** True when `text` is one of the variants of `key`. */
function isText(language: 'en' | 'es', key: string, text: string | undefined): boolean {
  return variants(language, key).some((variant) => variant === text);
}

describe('safety in the conversation (real IptBot, TestAdapter, SQLite)', () => {
  let h: BotHarness;
  afterEach(async () => h.dispose());

  it('a crisis message in the middle of a dialog interrupts it, gets the urgent response, and the dialog resumes', async () => {
    h = new BotHarness();
    const opening = await h.say('hello');
    const question = opening.at(-1);
    assert.ok(question, 'the bot asked something');

    const crisis = await h.say('I want to kill myself');
    assert.ok(isText('en', 'safety.urgent.opener', crisis[0]), `opener, got ${crisis[0]}`);
    const resources = crisis.find((text) => text.includes('988'));
    assert.ok(resources, 'US crisis lines for an en-US client');
    assert.match(resources, /741741/);
    assert.match(resources, /911/);
    assert.ok(crisis.includes(`${t('en', 'safety.careTeamTold')} ${t('en', 'safety.careTeamReplyUnknown')}`), 'the client hears the care team was told, and nothing promised about when');
    assert.ok(crisis.indexOf(resources) < crisis.indexOf(t('en', 'safety.urgent.areYouSafe')), 'the lines come before the question');
    assert.equal(crisis.at(-1), t('en', 'safety.urgent.areYouSafe'));
    assert.ok(!crisis.includes(question), 'the interrupted question is not asked in a crisis turn');

    // The alert was stored in the same turn, with the evidence and the clinician it goes to.
    const [alert] = await h.alerts();
    assert.equal(alert.level, 'urgent');
    assert.ok(alert.categories.includes('self_harm_suicide'));
    assert.equal(alert.clinicianId, 'c1');
    assert.ok(alert.deliveries.some((d) => d.channel === 'teams' && d.target === 'aad-c1'));

    // Safe now: the lethal-means step, without naming any method, then grounding.
    assert.deepEqual(await h.say('yes'), [t('en', 'safety.urgent.safeYes'), t('en', 'safety.means.ask')]);
    assert.deepEqual(await h.say("yes, I'll give them to my sister"), [t('en', 'safety.means.yes'), t('en', 'safety.grounding'), t('en', 'safety.listen.invite')]);

    const more = await h.say('it has been a long week at work');
    assert.ok(isText('en', 'safety.listen.heard', more[0]));
    assert.equal(more[1], t('en', 'safety.listen.again'));

    // After an urgent message, one "ok" does not close it: one more gentle question first.
    assert.deepEqual(await h.say("ok I'm fine"), [t('en', 'safety.listen.beforeYouGo')]);
    const back = await h.say('yes');
    assert.equal(back[0], t('en', 'safety.listen.safeEnough'));
    assert.equal(back.at(-1), question, 'the interrupted dialog asks its question again');
    assert.equal((await h.alerts()).length, 1, 'one alert for the conversation');
  });

  it('"are you safe?" answered no gets the emergency number and is noted on the alert', async () => {
    h = new BotHarness();
    await h.say('I am going to end my life tonight');
    const unsafe = await h.say("No, I'm not safe");
    // The emergency number and company; no grounding exercise competing with the call.
    assert.deepEqual(unsafe, [t('en', 'safety.urgent.safeNo', { number: '[911](tel:911)' }), t('en', 'safety.urgent.stay')]);
    const [alert] = await h.alerts();
    assert.ok(alert.audit.some((e) => e.event === 'screening_answers' && e.detail === 'safe right now: no'));
  });

  it('screens commands too: "help I want to kill myself" gets the crisis response, not the help text', async () => {
    h = new BotHarness();
    await h.say('hello');
    const replies = await h.say('help I want to kill myself');
    assert.ok(isText('en', 'safety.urgent.opener', replies[0]));
    assert.ok(!replies.includes(t('en', 'main.help')));
    assert.equal((await h.alerts()).length, 1);
  });

  it('screens every text field of a card submission', async () => {
    h = new BotHarness({ channelId: 'msteams' });
    await h.say('hello');
    const replies = await h.say({ text: undefined, value: { choice: 'other', details: { note: 'honestly I want to kill myself' } } });
    assert.ok(isText('en', 'safety.urgent.opener', replies[0]), `got ${replies.join(' | ')}`);
    assert.equal((await h.alerts())[0].level, 'urgent');
  });

  it('answers in Spanish, with the crisis lines of Spain, for a client whose browser is in Madrid', async () => {
    h = new BotHarness({ locale: 'es-ES', timeZone: 'Europe/Madrid' });
    const replies = await h.say('quiero suicidarme');
    assert.ok(isText('es', 'safety.urgent.opener', replies[0]), `got ${replies[0]}`);
    const resources = replies.find((text) => text.includes('024'));
    assert.ok(resources, 'Spain: 024');
    assert.match(resources, /717 003 717/);
    assert.match(resources, /112/);
    assert.ok(!resources.includes('988'));
    assert.equal(replies.at(-1), t('es', 'safety.urgent.areYouSafe'));
  });

  it('chooses Mexico’s line from the time zone the client gave, whatever the locale says', async () => {
    h = new BotHarness({ locale: 'es-ES' });
    await h.seedProfile({ timeZone: 'America/Mexico_City', language: 'es' });
    const replies = await h.say('me quiero matar');
    const resources = replies.find((text) => text.includes('800 911 2000'));
    assert.ok(resources, `Línea de la Vida, got ${replies.join(' | ')}`);
    assert.match(resources, /911/);
  });

  it('shows the client’s safety plan when their clinician recorded one', async () => {
    h = new BotHarness();
    await h.seedProfile({ clientId: 'client-record-1', preferredName: 'Robin' });
    await new SafetyPlanStore(h.store).put({
      kind: 'safetyPlan',
      clientId: 'client-record-1',
      updatedAt: new Date().toISOString(),
      warningSigns: ['Not sleeping'],
      copingStrategies: ['Walk the dog'],
      peopleToAsk: ['My sister Ana, 555 0100'],
      safeEnvironment: ['Give the pills to Ana'],
    });
    const replies = await h.say('I want to kill myself');
    const plan = replies.find((text) => text.startsWith(t('en', 'safety.plan.intro')));
    assert.ok(plan, 'the plan is shown');
    assert.match(plan, /Walk the dog/);
    assert.match(plan, /My sister Ana, 555 0100/);
    assert.match(plan, new RegExp(t('en', 'safety.plan.safeEnvironment')));
    assert.ok(!plan.includes(t('en', 'safety.plan.professionals')), 'empty parts are left out');
    assert.equal((await h.alerts())[0].clientName, 'Robin');
  });

  describe('concern: the screening questions', () => {
    it('the lines come first; "no" to thoughts of killing oneself still gets the behaviour question, and the answers go on the alert', async () => {
      h = new BotHarness();
      const first = await h.say('sometimes I wish I could go to sleep and not wake up');
      assert.equal(first[0], t('en', 'safety.check.intro'));
      assert.match(first[1], /988/, 'the lines before any question');
      assert.deepEqual(first.slice(2), [t('en', 'safety.check.askIntro'), t('en', 'safety.check.wishDead')]);
      assert.deepEqual(await h.say('yes'), [t('en', 'safety.check.thoughts')]);
      assert.deepEqual(await h.say('I did not'), [t('en', 'safety.check.oneMore'), t('en', 'safety.check.behaviour')]);
      const after = await h.say('no, never');
      assert.deepEqual(after, [t('en', 'safety.check.noThoughtsButWish'), t('en', 'safety.listen.invite')]);
      const [alert] = await h.alerts();
      assert.equal(alert.level, 'concern');
      assert.deepEqual(alert.screening, { wishDead: 'yes', thoughts: 'no', behaviour: 'no' });
      assert.ok(alert.audit.some((e) => e.event === 'screening_answers' && e.detail === 'wishDead: yes, thoughts: no, behaviour: no'));
      // The conversation stays flagged: a retraction does not clear it.
      await h.say('never mind, I was just being dramatic');
      const state = (await h.state()) as { safety?: { level?: string } };
      assert.equal(state.safety?.level, 'concern');
    });

    it('"yes" to thoughts asks method, intent and plan; a yes to intent raises the alert to urgent at once; behaviour is still asked', async () => {
      h = new BotHarness();
      await h.say('I wish I was dead');
      await h.say('yes');
      const thoughts = await h.say('yes');
      assert.deepEqual(thoughts, [t('en', 'safety.check.thankYouForTelling'), t('en', 'safety.check.method')]);
      assert.equal((await h.alerts())[0].level, 'concern', 'thoughts alone stay a concern, as the instrument says');
      assert.deepEqual(await h.say('no'), [t('en', 'safety.check.intent')]);
      const intent = await h.say('yes');
      assert.deepEqual(intent, [`${t('en', 'safety.careTeamTold')} ${t('en', 'safety.careTeamReplyUnknown')}`, t('en', 'safety.check.plan')]);
      const [alert] = await h.alerts();
      assert.equal(alert.level, 'urgent', 'raised on the answer, before the remaining questions');
      assert.equal(alert.round, 2, 'the rise to urgent notifies again');
      assert.ok(alert.deliveries.some((d) => d.event === 'alert.raised'));
      assert.deepEqual(alert.screening, { wishDead: 'yes', thoughts: 'yes', method: 'no', intent: 'yes' }, 'the card the rise sends carries the answers');

      assert.deepEqual(await h.say('no'), [t('en', 'safety.check.behaviour')]);
      const urgent = await h.say('no');
      assert.deepEqual(urgent, [t('en', 'safety.urgent.areYouSafe')], 'the lines are already above: straight to "are you safe?"');
      assert.deepEqual((await h.alerts())[0].screening, { wishDead: 'yes', thoughts: 'yes', method: 'no', intent: 'yes', plan: 'no', behaviour: 'no' });
    });

    it('an urgent message while the questions run switches to the urgent response', async () => {
      h = new BotHarness();
      await h.say('I wish I was dead');
      const switched = await h.say('I have the pills here and I am going to take them all tonight');
      assert.ok(switched.some((text) => text.includes('988')), switched.join(' | '));
      assert.equal(switched.at(-1), t('en', 'safety.urgent.areYouSafe'));
      assert.equal((await h.alerts())[0].level, 'urgent');
    });
  });

  it('someone worried about a friend hears how to help, and the same lines', async () => {
    h = new BotHarness();
    const replies = await h.say('my friend told me she wants to kill herself');
    assert.equal(replies[0], t('en', 'safety.thirdParty.intro'));
    assert.equal(replies[1], t('en', 'safety.thirdParty.howToHelp', { number: '[911](tel:911)' }));
    assert.ok(replies[2].includes('988'));
    assert.equal(replies[3], t('en', 'safety.thirdParty.aboutYou'));
  });

  it('a harmless message stores nothing for safety and raises nothing', async () => {
    h = new BotHarness();
    await h.say('hello');
    await h.say('this commute is killing me');
    const state = (await h.state()) as { safety?: unknown };
    assert.equal(state.safety, undefined, 'no screening history is written for a turn without signals');
    assert.deepEqual(await h.alerts(), []);
  });

  it('a message that carries risk is kept in the screening history of the person’s state', async () => {
    h = new BotHarness();
    await h.say('I want to kill myself');
    const state = (await h.state()) as { safety?: { history?: Array<{ level: string; signals: string[] }>; level?: string; alertId?: string } };
    assert.equal(state.safety?.history?.length, 1);
    assert.equal(state.safety?.history?.[0].level, 'urgent');
    assert.equal(state.safety?.level, 'urgent');
    assert.equal(state.safety?.alertId, (await h.alerts())[0].alertId);
  });
});

describe('leaving the crisis dialog with a command', () => {
  let h: BotHarness;
  afterEach(async () => h.dispose());

  it('"cancel" during the screening questions ends the crisis dialog and the interrupted dialog asks again', async () => {
    h = new BotHarness();
    const question = (await h.say('hello')).at(-1);
    await h.say('I wish I was dead');
    const left = await h.say('cancel');
    assert.equal(left[0], t('en', 'safety.listen.closing'));
    assert.equal(left.at(-1), question);
    assert.equal((await h.alerts())[0].level, 'concern', 'leaving does not change the alert');
  });
});

describe('risk that builds across messages', () => {
  let h: BotHarness;
  afterEach(async () => h.dispose());

  it('raises the response as signals accumulate, re-notifies on the rise to urgent, and a retraction clears nothing', async () => {
    h = new BotHarness();
    await h.say('hello');
    // Weak signals together (hopelessness, no one caring) are asked about (the lines visible), not alerted: a clear no
    // to both questions ends it. Weak signals, not the learned layer, so a retrain cannot move this message.
    const hopeless = await h.say('nothing is ever going to get better and nobody cares about me');
    assert.equal(hopeless[0], t('en', 'safety.confirm.intro'));
    assert.ok(hopeless.some((text) => text.includes('988')), hopeless.join(' | '));
    assert.equal(hopeless.at(-1), t('en', 'safety.check.wishDead'));
    assert.deepEqual(await h.say('no'), [t('en', 'safety.check.thoughts')]);
    assert.equal((await h.say('no'))[0], t('en', 'safety.confirm.clearNo'));
    assert.deepEqual(await h.alerts(), [], 'nobody is alerted for a concern the client said no to');

    // Said for certain now: the care team is told, and the screen starts again, the lines first.
    const burden = await h.say('everyone would be better off without me');
    assert.ok(burden[0].includes('988'), burden.join(' | '));
    assert.equal(burden.at(-1), t('en', 'safety.check.wishDead'));
    assert.equal((await h.alerts())[0].level, 'concern');

    const notAround = await h.say("I won't be around much longer");
    assert.ok(notAround.some((text) => text.includes('988')), notAround.join(' | '));
    assert.equal(notAround.at(-1), t('en', 'safety.urgent.areYouSafe'));
    assert.ok(notAround.includes(`${t('en', 'safety.careTeamTold')} ${t('en', 'safety.careTeamReplyUnknown')}`), 'the rise to urgent is news: the client hears the care team was told');
    const [alert] = await h.alerts();
    assert.equal(alert.level, 'urgent');
    assert.equal(alert.round, 2, 'the rise from concern to urgent notifies again');

    await h.say('never mind, I was just being dramatic');
    const state = (await h.state()) as { safety?: { level?: string } };
    assert.equal(state.safety?.level, 'urgent', 'the conversation stays flagged');
    assert.equal((await h.alerts())[0].level, 'urgent');
    assert.equal((await h.alerts()).length, 1);
  });
});

describe('in Spanish', () => {
  let h: BotHarness;
  afterEach(async () => h.dispose());

  it('asks the screening questions in Spanish and understands "sí" and "no"', async () => {
    h = new BotHarness({ locale: 'es-MX', timeZone: 'America/Mexico_City' });
    const first = await h.say('ojalá no despertar mañana');
    assert.equal(first[0], t('es', 'safety.check.intro'));
    assert.match(first[1], /800 911 2000/, 'the lines first; Mexico from es-MX');
    assert.deepEqual(first.slice(2), [t('es', 'safety.check.askIntro'), t('es', 'safety.check.wishDead')]);
    assert.deepEqual(await h.say('sí'), [t('es', 'safety.check.thoughts')]);
    assert.deepEqual(await h.say('no, la verdad es que no'), [t('es', 'safety.check.oneMore'), t('es', 'safety.check.behaviour')]);
    assert.deepEqual(await h.say('nunca'), [t('es', 'safety.check.noThoughtsButWish'), t('es', 'safety.listen.invite')]);
  });

  it('answers a Spanish-speaking helper worried about a friend in Spanish', async () => {
    h = new BotHarness({ locale: 'es-ES', timeZone: 'Europe/Madrid' });
    const replies = await h.say('mi amiga quiere suicidarse');
    assert.equal(replies[0], t('es', 'safety.thirdParty.intro'));
    assert.equal(replies[1], t('es', 'safety.thirdParty.howToHelp', { number: '[112](tel:112)' }));
    assert.ok(replies[2].includes('024'));
  });
});

describe('activities other than messages', () => {
  let h: BotHarness;
  afterEach(async () => h.dispose());

  it('an edited message that shows risk gets the crisis response and an alert', async () => {
    h = new BotHarness({ channelId: 'msteams' });
    const replies = await h.say({ type: 'messageUpdate', text: 'I want to kill myself', channelData: { eventType: 'editMessage' } });
    assert.ok(replies.some((text) => text.includes('988')), replies.join(' | '));
    assert.equal((await h.alerts())[0].level, 'urgent');
  });
});
