import { Activity } from 'botbuilder';
import assert from 'node:assert/strict';
import { t } from '../../src/i18n';
import { EnrolmentCodes } from '../../src/client/enrolmentCodes';
import { OnboardingDialog } from '../../dialogs/onboardingDialog';
import { assertSays, CHANNELS, harness, HarnessOptions, LANGUAGES, offered, submit, tempStore } from './harness';

describe('OnboardingDialog', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => (temp = await tempStore()));
  afterEach(async () => temp.dispose());

  const make = (options: Omit<HarnessOptions, 'store'>) => harness((services) => new OnboardingDialog(services), { ...options, store: temp.store });

  for (const channelId of CHANNELS) {
    for (const language of LANGUAGES) {
      describe(`${channelId} / ${language}`, () => {
        it('explains what the bot is, asks consent, then name and time zone, and stores the client', async () => {
          const h = make({ channelId, language });
          const intro = await h.send('hello');
          assertSays(intro[0].text, language, 'onboarding.intro');
          assertSays(intro[1].text, language, 'onboarding.whatIsStored');
          assertSays(intro[2].text, language, 'onboarding.askConsent');
          assert.deepEqual(offered(intro[2]), channelId === 'msteams' ? ['yes', 'no'] : [t(language, 'onboarding.consentYes'), t(language, 'onboarding.consentNo')]);

          const consent = await h.send(channelId === 'msteams' ? submit({ choice: 'yes' }) : t(language, 'onboarding.consentYes'));
          assertSays(consent[0].text, language, 'onboarding.consentThanks');
          assertSays(consent[1].text, language, 'onboarding.askCode');

          const code = await h.say(channelId === 'msteams' ? submit({ choice: 'none' }) : t(language, 'onboarding.noCodeButton'));
          assert.deepEqual(code, [t(language, 'main.askName')]);
          const named = await h.say('Robin');
          assertSays(named[0], language, 'main.nameSaved', { name: 'Robin' });
          assertSays(named[1], language, 'onboarding.askTimeZone');

          const done = await h.say(language === 'es' ? 'bogotá' : 'Chicago');
          const zone = language === 'es' ? 'America/Bogota' : 'America/Chicago';
          assert.match(done[0], /Robin/);

          const profile = await h.profile();
          assert.equal(profile.consent?.given, true);
          assert.equal(profile.timeZone, zone);
          assert.equal(profile.language, language);
          assert.ok(profile.onboardedAt);
          const stored = await h.repo.getProfile(profile.clientId as string);
          assert.equal(stored?.preferredName, 'Robin');
          assert.equal(stored?.timeZone, zone);
          assert.equal(stored?.consent?.given, true);
        });

        it('promises an alert to the care team only when someone can be alerted', async () => {
          const alone = make({ channelId, language, careTeamReachable: async () => false });
          assertSays((await alone.send('hello'))[1].text, language, 'onboarding.whatIsStoredNoCareTeam');
          await temp.reopen();
          const cared = make({ channelId, language, careTeamReachable: async () => true });
          assertSays((await cared.send('hello'))[1].text, language, 'onboarding.whatIsStored');
        });

        it('a natural yes is a yes; doubt is asked again, never taken as a no', async () => {
          const h = make({ channelId, language });
          await h.send('hello');
          assert.deepEqual(await h.say(language === 'en' ? "I'm not sure" : 'no sé'), [t(language, 'onboarding.consentRetry')]);
          assert.equal((await h.profile()).consent, undefined, 'doubt records nothing');
          assertSays((await h.send(language === 'en' ? 'yes' : 'sí'))[0].text, language, 'onboarding.consentThanks');
          assert.equal((await h.profile()).consent?.given, true);

          const yeses = language === 'en' ? ['sure, that sounds fine', "yes that's ok", 'ok', 'yeah go ahead'] : ['sí, claro', 'vale', 'de acuerdo', 'sí, me parece bien'];
          for (const answer of yeses) {
            const again = make({ channelId, language });
            await again.send('hello');
            assertSays((await again.send(answer))[0].text, language, 'onboarding.consentThanks');
          }
        });

        it('declining stores nothing in the client records and says how to change one’s mind', async () => {
          const h = make({ channelId, language });
          await h.send('hi');
          const replies = await h.say(channelId === 'msteams' ? submit({ choice: 'no' }) : t(language, 'prompts.noButton'));
          assert.deepEqual(replies, [t(language, 'onboarding.declined')]);
          const profile = await h.profile();
          assert.equal(profile.consent?.given, false);
          assert.equal(profile.clientId, undefined);
          assert.deepEqual(await temp.store.query('clients', {}), []);
        });

        it('reprompts a specific hint for each bad consent answer, then lets it go without recording consent', async () => {
          const bad = ['', '   ', '😀😀😀', 'x'.repeat(10_000), 'banana'];
          for (const input of bad) {
            const h = make({ channelId, language });
            await h.send('hello');
            const reprompt = await h.send(input);
            assert.equal(reprompt.length, 1, `one reprompt for ${JSON.stringify(input.slice(0, 10))}`);
            assert.ok(reprompt[0].text && reprompt[0].text !== t(language, 'onboarding.askConsent'));
            const giveUp = await h.say(input);
            assert.deepEqual(giveUp, [t(language, 'onboarding.consentUnclear')]);
            assert.equal((await h.profile()).consent, undefined);
            await temp.reopen();
          }
        });

        it('a malformed card submit gets a reprompt, not a crash', async () => {
          for (const value of [{ choice: 42 }, { other: true }, 'yes', { choice: 'maybe' }, null]) {
            const h = make({ channelId, language });
            await h.send('hello');
            const replies = await h.send(submit(value));
            assert.equal(replies.length, 1, JSON.stringify(value));
            assert.ok(replies[0].text && replies[0].text !== t(language, 'main.error') && replies[0].text !== t(language, 'onboarding.askConsent'));
            assert.equal((await h.profile()).consent, undefined);
            await temp.reopen();
          }
        });

        it('accepts an answer in the other language', async () => {
          const h = make({ channelId, language });
          await h.send('hello');
          const replies = await h.say(language === 'en' ? 'sí' : 'yes');
          assertSays(replies[0], language, 'onboarding.consentThanks');
        });
      });
    }
  }

  it('takes the time zone from Teams clientInfo instead of asking', async () => {
    const h = make({ channelId: 'msteams', language: 'es', template: { entities: [{ type: 'clientInfo', timezone: 'America/Mexico_City', locale: 'es-MX' }] } });
    await h.send('hola');
    await h.send(submit({ choice: 'yes' }));
    await h.send(submit({ choice: 'none' }));
    const done = await h.say('Lupe');
    assertSays(done[0], 'es', 'main.nameSaved', { name: 'Lupe' });
    assert.match(done[1], /Mexico City/);
    assert.equal((await h.profile()).timeZone, 'America/Mexico_City');
  });

  it("takes the time zone Web Chat reports (the browser's) instead of asking", async () => {
    const h = make({ channelId: 'webchat', language: 'en', template: { localTimezone: 'America/Bogota' } as Partial<Activity> });
    await h.send('hello');
    await h.send('yes');
    await h.send('skip');
    const done = await h.say('Robin');
    assertSays(done[0], 'en', 'main.nameSaved', { name: 'Robin' });
    assert.match(done[1], /Bogota/);
    assert.equal((await h.profile()).timeZone, 'America/Bogota');
  });

  it('a time zone Web Chat reports that is not a real zone is ignored, and the question is asked', async () => {
    const bogus = make({ channelId: 'webchat', language: 'en', template: { localTimezone: 'Mars/Olympus' } as Partial<Activity> });
    await bogus.send('hello');
    await bogus.send('yes');
    await bogus.send('skip');
    const asked = await bogus.say('Robin');
    assert.ok(asked.includes(t('en', 'onboarding.askTimeZone')), asked.join(' | '));
  });

  it('an unknown time zone gets one hint, then the default is kept', async () => {
    const h = make({ channelId: 'webchat', language: 'en' });
    await h.send('hello');
    await h.send('yes');
    await h.send('skip');
    await h.send('Robin');
    assert.deepEqual(await h.say('Atlantis'), [t('en', 'onboarding.timeZoneRetry')]);
    const kept = await h.say('Narnia/Cair');
    assert.equal(kept[0], t('en', 'onboarding.timeZoneKept', { zone: 'UTC' }));
    assert.equal((await h.profile()).timeZone, undefined);
  });

  it('says kindly that codes are not accepted when no programme is configured, and carries on', async () => {
    const h = make({ channelId: 'webchat', language: 'en' });
    await h.send('hello');
    await h.send('yes');
    assert.deepEqual(await h.say('ABC-123'), [t('en', 'onboarding.codeNoProgramme'), t('en', 'main.askName')]);
    assert.ok((await h.profile()).clientId);
  });

  it('links the client record a programme created when the code is redeemed', async () => {
    const enrolment: EnrolmentCodes = { redeem: async (code) => (code === 'ABC-123' ? { ok: true, clientId: 'client-from-programme' } : { ok: false, reason: 'unknownCode' }) };
    const h = make({ channelId: 'webchat', language: 'en', enrolment });
    await h.send('hello');
    await h.send('yes');
    assert.deepEqual(await h.say('ABC-123'), [t('en', 'onboarding.codeAccepted'), t('en', 'main.askName')]);
    assert.equal((await h.profile()).clientId, 'client-from-programme');
  });

  it('explains again in the new language when the person writes in another one before consenting', async () => {
    const h = make({ channelId: 'webchat', language: 'en' });
    assertSays((await h.send('hello'))[1].text, 'en', 'onboarding.whatIsStored');
    // "hola" from a Spanish browser: the explanation comes again in Spanish, then the question — not only the question.
    // (The test adapter stamps its template on every activity: the locale changes there.)
    (h.client as unknown as { _testAdapter: { template: Partial<Activity> } })._testAdapter.template.locale = 'es-ES';
    const switched = await h.send('hola');
    assertSays(switched[0].text, 'es', 'onboarding.whatIsStored');
    assertSays(switched[1].text, 'es', 'onboarding.askConsent');
    assert.equal(switched.length, 2);
    const agreed = await h.send(t('es', 'onboarding.consentYes'));
    assertSays(agreed[0].text, 'es', 'onboarding.consentThanks');
    assert.equal((await h.profile()).consent?.given, true);
  });
});
