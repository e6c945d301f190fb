import assert from 'node:assert/strict';
import { Activity } from 'botbuilder';
import { t } from '../../src/i18n';
import { OnboardingDialog } from '../../dialogs/onboardingDialog';
import { countryFromText, parseCountry } from '../../dialogs/prompts/countries';
import { catalogueCountries } from '../../src/safety/crisisResources';
import { assertSays, CHANNELS, harness, HarnessOptions, LANGUAGES, offered, submit, tempStore } from './harness';

describe('the country question', () => {
  describe('reading the answer', () => {
    const typed: Array<[string, string | undefined]> = [
      ['Spain', 'ES'],
      ['españa', 'ES'],
      ['Estoy en España', 'ES'],
      ['México', 'MX'],
      ['mexico', 'MX'],
      ['I live in the UK', 'GB'],
      ['United Kingdom', 'GB'],
      ['Reino Unido', 'GB'],
      ['Scotland', 'GB'],
      ['USA', 'US'],
      ['Estados Unidos', 'US'],
      ['EE. UU.', 'US'],
      ['Canada', 'CA'],
      ['Canadá', 'CA'],
      ['ie', 'IE'],
      ['Ireland', 'IE'],
      ['Perú', 'PE'],
      ['Colombia', 'CO'],
      ['Argentina', 'AR'],
      ['Chile', 'CL'],
      ['Australia', 'AU'],
      ['India', 'IN'],
      ['Portugal', 'PT'],
      ['Dominican Republic', 'DO'],
      ['Dominica', 'DM'],
      ['Nigeria', 'NG'],
      ['Niger', 'NE'],
      ['Japón', 'JP'],
      ['banana', undefined],
      ['', undefined],
      ['xx', undefined],
    ];
    for (const [text, country] of typed) {
      it(`${JSON.stringify(text)} → ${country ?? 'not a country'}`, () => assert.equal(countryFromText(text), country));
    }

    it('takes a button (card or title), "another country" in either language, and rejects a bad card', () => {
      assert.deepEqual(parseCountry({ value: { choice: 'CO' } }), { ok: true, value: 'CO' });
      assert.deepEqual(parseCountry({ value: { choice: 'other' } }), { ok: true, value: 'other' });
      assert.deepEqual(parseCountry({ text: 'Another country' }), { ok: true, value: 'other' });
      assert.deepEqual(parseCountry({ text: 'otro país' }), { ok: true, value: 'other' });
      assert.deepEqual(parseCountry({ value: { choice: 'ZZ' } }), { ok: false, reason: 'badCard' });
      assert.deepEqual(parseCountry({ value: { choice: 42 } }), { ok: false, reason: 'empty' });
      assert.deepEqual(parseCountry({ text: 'x'.repeat(200) }), { ok: false, reason: 'tooLong' });
      assert.deepEqual(parseCountry({ text: 'somewhere nice' }), { ok: false, reason: 'unknownChoice' });
    });
  });

  describe('in onboarding, when the time zone names no country', () => {
    let temp: Awaited<ReturnType<typeof tempStore>>;
    beforeEach(async () => (temp = await tempStore()));
    afterEach(async () => temp.dispose());
    const make = (options: Omit<HarnessOptions, 'store'>) => harness((services) => new OnboardingDialog(services), { ...options, store: temp.store });

    /** Through consent, code and name to the time zone question, which gets an unknown zone twice. */
    async function toCountryQuestion(options: Omit<HarnessOptions, 'store'>) {
      const h = make(options);
      const { channelId, language } = options;
      await h.send('hello');
      await h.send(channelId === 'msteams' ? submit({ choice: 'yes' }) : t(language, 'onboarding.consentYes'));
      await h.send(channelId === 'msteams' ? submit({ choice: 'none' }) : t(language, 'onboarding.noCodeButton'));
      await h.send('Robin');
      await h.send('Atlantis');
      const replies = await h.send('Narnia/Cair');
      assertSays(replies[0].text, language, 'onboarding.timeZoneKept', { zone: 'UTC' });
      return { h, question: replies[1] };
    }

    for (const channelId of CHANNELS) {
      for (const language of LANGUAGES) {
        it(`${channelId} / ${language}: asks with a button per country with lines and "another country", and keeps the answer`, async () => {
          const { h, question } = await toCountryQuestion({ channelId, language });
          assertSays(question.text, language, 'safety.country.askOnboarding');
          const buttons = offered(question);
          assert.equal(buttons.length, catalogueCountries().length + 1);
          if (channelId === 'msteams') {
            assert.deepEqual([...buttons].sort(), [...catalogueCountries(), 'other'].sort());
          } else {
            assert.ok(buttons.includes(language === 'es' ? 'Colombia' : 'United Kingdom'));
            assert.equal(buttons.at(-1), t(language, 'safety.country.otherButton', {}, () => 0));
          }
          const done = await h.say(channelId === 'msteams' ? submit({ choice: 'CO' }) : 'Colombia');
          assertSays(done[0], language, 'onboarding.done', { name: 'Robin', language: t(language, `onboarding.languageName_${language}`), zone: 'UTC' });
          const profile = await h.profile();
          assert.equal(profile.country, 'CO');
          assert.ok(profile.onboardedAt);
          assert.equal((await h.repo.getProfile(profile.clientId as string))?.country, 'CO', 'kept in the client record too');
        });
      }
    }

    it('"another country" asks its name; a country named there is kept, even one without lines', async () => {
      const { h } = await toCountryQuestion({ channelId: 'webchat', language: 'es' });
      assert.deepEqual(await h.say('Otro país'), [t('es', 'safety.country.askName')]);
      await h.say('Uruguay');
      assert.equal((await h.profile()).country, 'UY');
    });

    it('an unreadable answer gets one hint, then onboarding finishes without a country', async () => {
      const { h } = await toCountryQuestion({ channelId: 'webchat', language: 'en' });
      const hint = await h.send('somewhere');
      assert.equal(hint[0].text, t('en', 'safety.country.retry'));
      assert.equal(offered(hint[0]).length, catalogueCountries().length + 1, 'the buttons come again');
      const done = await h.say('still not saying');
      assert.match(done[0], /Robin/);
      const profile = await h.profile();
      assert.equal(profile.country, undefined);
      assert.ok(profile.onboardedAt);
    });

    it('is not asked when the time zone names the country', async () => {
      const h = make({ channelId: 'webchat', language: 'en', template: { localTimezone: 'America/Bogota' } as Partial<Activity> });
      await h.send('hello');
      await h.send('yes');
      await h.send('skip');
      const done = await h.say('Robin');
      assert.ok(!done.includes(t('en', 'safety.country.askOnboarding')));
      assert.equal((await h.profile()).country, undefined);
    });
  });
});
