import assert from 'node:assert/strict';
import { Activity, TestAdapter, TurnContext } from 'botbuilder';
import { t, variants } from '../../src/i18n';
import { catalogue } from '../../src/safety/crisisCatalogue';
import { channelCountry, countryFor, countryFromTimeZone, CrisisResourceCatalog } from '../../src/safety/crisisResources';

const catalog = new CrisisResourceCatalog();

function context(activity: Partial<Activity> = {}): TurnContext {
  return new TurnContext(new TestAdapter(), { type: 'message', channelId: 'webchat', from: { id: 'u', name: 'u' }, conversation: { id: 'c' } as Activity['conversation'], ...activity } as Activity);
}

/** The lines (the "- " rows) of a rendered message. */
function rows(message: string): string[] {
  return message.split('\n').filter((line) => line.startsWith('- '));
}

describe('crisis lines for the country where the client is', () => {
  describe('the country', () => {
    it('comes from the zone a city names, with links and old names resolved', () => {
      assert.equal(countryFromTimeZone('America/Toronto'), 'CA');
      assert.equal(countryFromTimeZone('Europe/London'), 'GB');
      assert.equal(countryFromTimeZone('Europe/Belfast'), 'GB');
      assert.equal(countryFromTimeZone('Asia/Calcutta'), 'IN');
      assert.equal(countryFromTimeZone('US/Eastern'), 'US');
      assert.equal(countryFromTimeZone('Europe/Copenhagen'), 'DK', 'a link keeps its own country, not the zone it points to');
      assert.equal(countryFromTimeZone('Atlantic/Canary'), 'ES');
      assert.equal(countryFromTimeZone('UTC'), undefined);
      assert.equal(countryFromTimeZone('Etc/GMT+3'), undefined);
      assert.equal(countryFromTimeZone('Not/AZone'), undefined);
      assert.equal(countryFromTimeZone(undefined), undefined);
    });

    it('every zone onboarding suggests, in either language, resolves to a country with lines of its own', () => {
      const zones = (['en', 'es'] as const).flatMap((language) => variants(language, 'onboarding.likelyZones'));
      assert.ok(zones.length >= 12);
      for (const zone of zones) {
        const country = countryFromTimeZone(zone);
        assert.ok(country && country in catalogue(), `${zone} → ${country} has its own catalogue entry`);
        const message = catalog.describe('en', country);
        assert.ok(rows(message).length > 0, `${zone} shows lines`);
        assert.ok(!message.includes(t('en', 'safety.noLinesForCountry')));
      }
    });

    it('follows the profile zone, then the channel’s zone, then Teams’ country, then the country the client chose', () => {
      const teams = (entity: Record<string, unknown>) => context({ channelId: 'msteams', entities: [{ type: 'clientInfo', ...entity }] });
      assert.equal(countryFor(teams({ timezone: 'Europe/London', country: 'US' }), { timeZone: 'America/Bogota', country: 'MX' }), 'CO');
      assert.equal(countryFor(teams({ timezone: 'Europe/London', country: 'US' }), { timeZone: 'UTC', country: 'MX' }), 'GB');
      assert.equal(countryFor(context({ localTimezone: 'America/Lima' }), { country: 'MX' }), 'PE');
      assert.equal(countryFor(teams({ country: 'ie' }), { country: 'MX' }), 'IE');
      assert.equal(countryFor(teams({ country: 'Ireland' }), { country: 'MX' }), 'MX', 'only a two-letter country counts');
      assert.equal(countryFor(context(), { country: 'MX' }), 'MX');
      assert.equal(countryFor(context()), undefined);
      assert.equal(channelCountry(teams({ country: 42 })), undefined);
      const withOthers = context({ channelId: 'msteams', entities: [{ type: 'mention', country: 'US', timezone: 'America/New_York' }, { type: 'clientInfo', country: 'CL' }] });
      assert.equal(countryFor(withOthers), 'CL', 'only the clientInfo entity counts');
    });

    it('a Web Chat client whose clientInfo carries no zone is placed by the browser’s zone (Bogotá, not the chosen Mexico)', () => {
      const webChat = context({ entities: [{ type: 'clientInfo', locale: 'es-MX' }], localTimezone: 'America/Bogota' });
      assert.equal(countryFor(webChat, { country: 'MX' }), 'CO');
      assert.equal(countryFor(context({ entities: [{ type: 'clientInfo', timezone: 7 }], localTimezone: 'America/Toronto' })), 'CA', 'a zone that is not text is no zone');
      assert.equal(countryFor(context({ localTimezone: 42 } as unknown as Partial<Activity>), { country: 'MX' }), 'MX');
    });

    it('never guesses from the language: en-GB, es-ES, en-CA and unsupported locales leave the country unknown, without throwing', () => {
      for (const locale of ['en-GB', 'es-ES', 'es-MX', 'en-CA', 'en-IN', 'fr-FR', 'pt', 'zz-ZZ', '', 'not a locale']) {
        const turn = context({ locale });
        assert.equal(countryFor(turn), undefined, locale);
        for (const language of ['en', 'es'] as const) {
          assert.equal(catalog.describe(language, countryFor(turn)), t(language, 'safety.emergencyUnknownCountry'), `${locale}/${language}`);
        }
      }
    });
  });
});
