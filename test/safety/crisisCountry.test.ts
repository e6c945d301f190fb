import assert from 'node:assert/strict';
import { Activity } from 'botbuilder';
import { Language, t, variants } from '../../src/i18n';
import { ConfigCareTeamDirectory } from '../../src/safety/escalation/careTeamDirectory';
import { ProgrammeStore } from '../../src/programmes/programmeStore';
import { StoreCareTeamDirectory } from '../../src/programmes/storeCareTeamDirectory';
import { systemClock } from '../../src/clock';
import { seedLinkedClient } from '../support/linkedClient';
import { BotHarness, SETTINGS, USER_ID } from './safetyHarness';

/** The texts of a turn's messages, and the buttons of its last one (card choices on Teams, titles on Web Chat). */
function read(replies: Partial<Activity>[]): { texts: string[]; buttons: string[] } {
  const messages = replies.filter((a) => a.type === 'message');
  const last = messages.at(-1);
  const card = last?.attachments?.[0]?.content as { actions?: Array<{ data?: { choice?: string } }>; body?: Array<{ actions?: Array<{ data?: { choice?: string } }> }> } | undefined;
  const buttons = card
    ? [...(card.body ?? []).flatMap((b) => b.actions ?? []), ...(card.actions ?? [])].map((a) => a.data?.choice ?? '')
    : (last?.suggestedActions?.actions ?? []).map((a) => String(a.title));
  return { texts: messages.map((a) => String(a.text ?? '')), buttons };
}

const CRISIS: Record<Language, string> = { en: 'I want to kill myself', es: 'quiero suicidarme' };

describe('crisis lines when the client’s country is not known: guidance at once, then the question, then the lines', () => {
  let h: BotHarness;
  afterEach(async () => h.dispose());

  for (const channelId of ['webchat', 'msteams'] as const) {
    for (const language of ['en', 'es'] as const) {
      it(`${channelId} / ${language}: asks once, shows that country's lines, and remembers it`, async () => {
        // A browser in UTC and a Teams client without clientInfo: nothing says where the person is.
        h = new BotHarness({ channelId, locale: language === 'es' ? 'es-ES' : 'en-GB', timeZone: null });
        const first = read(await h.send(CRISIS[language]));
        assert.equal(first.texts[0], t(language, 'safety.emergencyUnknownCountry'), 'what to do in danger comes first');
        assert.equal(first.texts.at(-1), t(language, 'safety.country.askCrisis'));
        assert.ok(!first.texts.some((text) => /988|116 123|024|800 911 2000/.test(text)), 'no other country’s lines from the language');
        assert.equal((await h.alerts()).length, 1, 'the alert does not wait for the answer');
        const other = language === 'es' ? 'Otro país' : 'Another country';
        assert.ok(first.buttons.includes(channelId === 'msteams' ? 'GB' : language === 'es' ? 'Reino Unido' : 'United Kingdom'));
        assert.ok(first.buttons.includes(channelId === 'msteams' ? 'other' : other));

        const answer = channelId === 'msteams' ? { text: undefined, value: { choice: 'GB' } } : language === 'es' ? 'Reino Unido' : 'United Kingdom';
        const second = read(await h.send(answer));
        const lines = second.texts.find((text) => text.startsWith(t(language, 'safety.resourcesIntro')));
        assert.ok(lines, `the lines follow, got ${second.texts.join(' | ')}`);
        assert.match(lines, /116 123/);
        assert.match(lines, /85258/);
        assert.match(lines, /\[999\]\(tel:999\)/, 'a tel: link on Web Chat and Teams');
        assert.equal(second.texts.at(-1), t(language, 'safety.urgent.areYouSafe'), 'then the crisis dialog carries on');
        assert.ok(variants(language, 'safety.urgent.opener').includes(second.texts[0]));

        const state = (await h.state()) as { profile?: { country?: string } };
        assert.equal(state.profile?.country, 'GB', 'remembered in the profile');

        // Later turns, and a later crisis: no second question, the lines at once.
        await h.say(language === 'es' ? 'sí' : 'yes');
        await h.say(language === 'es' ? 'seguir' : 'continue');
        const again = await h.say(CRISIS[language]);
        assert.ok(!again.includes(t(language, 'safety.country.askCrisis')));
        assert.ok(again.some((text) => text.includes('116 123')), `the lines straight away, got ${again.join(' | ')}`);
      });
    }
  }

  it('a locale the bot has no texts for (en-CA, fr-FR, pt-BR, nonsense) never throws: English, the guidance and the question', async () => {
    for (const locale of ['en-CA', 'fr-FR', 'pt-BR', 'zz']) {
      h = new BotHarness({ locale, timeZone: null });
      const replies = await h.say(CRISIS.en);
      assert.deepEqual(replies, [t('en', 'safety.emergencyUnknownCountry'), t('en', 'safety.country.askCrisis')], locale);
      await h.dispose();
    }
    h = new BotHarness();
  });

  it('a country without lines here: the plain sentence and its emergency number, never another country’s lines', async () => {
    h = new BotHarness({ locale: 'es-ES', timeZone: null });
    await h.say(CRISIS.es);
    assert.deepEqual(await h.say('Otro país'), [t('es', 'safety.country.askName')]);
    const replies = await h.say('Uruguay');
    const lines = replies.find((text) => text.includes(t('es', 'safety.noLinesForCountry')));
    assert.ok(lines, replies.join(' | '));
    assert.match(lines, /\[911\]\(tel:911\)/);
    assert.ok(!replies.some((text) => /024|800 911 2000|988/.test(text)));
  });

  it('an answer that names no country twice: the crisis response goes on with the emergency guidance, and asks again next time', async () => {
    h = new BotHarness({ locale: 'en-GB', timeZone: null });
    await h.say(CRISIS.en);
    assert.deepEqual(await h.say('why does it matter'), [t('en', 'safety.country.retry')]);
    const after = await h.say('whatever');
    assert.ok(after.includes(t('en', 'safety.emergencyUnknownCountry')));
    assert.equal(after.at(-1), t('en', 'safety.urgent.areYouSafe'));
    const state = (await h.state()) as { profile?: { country?: string } };
    assert.equal(state.profile?.country, undefined);
  });

  it('Teams’ reported country is enough: no question', async () => {
    h = new BotHarness({ channelId: 'msteams', timeZone: null });
    const replies = await h.say({ text: CRISIS.en, entities: [{ type: 'clientInfo', country: 'AU', locale: 'en-AU' }] });
    assert.ok(!replies.includes(t('en', 'safety.country.askCrisis')));
    assert.ok(replies.some((text) => text.includes('13 11 14')));
  });

  it('a zone the onboarding kept wins over the country chosen earlier', async () => {
    h = new BotHarness({ timeZone: null });
    await h.seedProfile({ country: 'GB', timeZone: 'America/Lima', language: 'es' });
    const replies = await h.say(CRISIS.es);
    assert.ok(replies.some((text) => text.includes('113')));
    assert.ok(!replies.some((text) => text.includes('116 123')));
  });

  it('a programme’s own out-of-hours line comes first, before the country’s lines, as a tel: link', async () => {
    h = new BotHarness({ timeZone: 'Europe/London', directory: (store) => new StoreCareTeamDirectory(new ProgrammeStore(store, { clock: systemClock }), new ConfigCareTeamDirectory(SETTINGS)) });
    const { programmes } = await seedLinkedClient(h.store, systemClock, { channelId: 'webchat', userId: USER_ID });
    await programmes.updateProgramme('p', { outOfHoursLine: { name: 'North Clinic on call', phone: '+44 20 7946 0000', hours: 'evenings and weekends' } });
    const replies = await h.say(CRISIS.en);
    const lines = replies.find((text) => text.startsWith(t('en', 'safety.resourcesIntro')));
    assert.ok(lines, replies.join(' | '));
    const rows = lines.split('\n').filter((line) => line.startsWith('- '));
    assert.equal(rows[0], '- North Clinic on call: call [+44 20 7946 0000](tel:+442079460000) (evenings and weekends)');
    assert.match(rows[1], /Samaritans/);

    // Without the line, the country's lines alone.
    await programmes.updateProgramme('p', { outOfHoursLine: null });
    await h.say('continue');
    const again = await h.say(CRISIS.en);
    assert.match(again.find((text) => text.startsWith(t('en', 'safety.resourcesIntro'))) ?? '', /^[^\n]+\n- Samaritans/);
  });

  it('a programme line reaches a client whose country is unknown, with the plain emergency guidance', async () => {
    h = new BotHarness({ timeZone: null, directory: (store) => new StoreCareTeamDirectory(new ProgrammeStore(store, { clock: systemClock }), new ConfigCareTeamDirectory(SETTINGS)) });
    const { programmes } = await seedLinkedClient(h.store, systemClock, { channelId: 'webchat', userId: USER_ID });
    await programmes.updateProgramme('p', { outOfHoursLine: { name: 'Clínica Norte', phone: '900 123 456' } });
    const replies = await h.say(CRISIS.en);
    assert.deepEqual(replies[0].split('\n'), [t('en', 'safety.resourcesIntro'), '- Clínica Norte: call [900 123 456](tel:900123456)', t('en', 'safety.emergencyUnknownCountry')]);
    assert.equal(replies.at(-1), t('en', 'safety.country.askCrisis'));
  });

  describe('being harmed by someone and eating problems get the lines for them, in the client’s country', () => {
    const cases: Array<[string, string, string, string, RegExp]> = [
      ['es-ES', 'Europe/Madrid', 'mi pareja me pega', '016', /^- 016, atención a víctimas de violencia de género: llama al \[016\]\(tel:016\)/],
      ['en-US', 'Europe/London', 'he hits me when he drinks', '0808 2000 247', /^- National Domestic Abuse Helpline/],
      ['en-US', 'America/Chicago', "I'm scared of my partner, he hurts me", '1-800-799-7233', /^- National Domestic Violence Hotline/],
      ['es-MX', 'America/Bogota', 'mi pareja me pega', '155', /^- Línea 155/],
      ['en-US', 'Europe/London', "I've been starving myself", '0808 801 0677', /^- Beat eating disorder helpline/],
      ['en-US', 'Australia/Sydney', 'I make myself throw up after eating', '1800 33 4673', /^- Butterfly/],
    ];
    for (const [locale, timeZone, message, number, first] of cases) {
      it(`${timeZone}: "${message}" → ${number} first`, async () => {
        h = new BotHarness({ locale, timeZone });
        const replies = await h.say(message);
        const lines = replies.find((text) => text.includes(number));
        assert.ok(lines, `got ${replies.join(' | ')}`);
        assert.match(lines.split('\n')[1], first);
      });
    }

    it('an eating problem where no eating-disorder line is known gets the crisis lines, not another country’s', async () => {
      h = new BotHarness({ locale: 'es-MX', timeZone: 'America/Mexico_City' });
      const replies = await h.say('no como nada para adelgazar');
      const lines = replies.find((text) => text.startsWith(t('es', 'safety.resourcesIntro')));
      assert.ok(lines, replies.join(' | '));
      assert.deepEqual(
        lines.split('\n').filter((line) => line.startsWith('- ')),
        ['- Línea de la Vida: llama al [800 911 2000](tel:8009112000), gratis, 24 horas'],
      );
    });
  });
});
