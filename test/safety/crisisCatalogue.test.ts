import assert from 'node:assert/strict';
import { Language, t } from '../../src/i18n';
import { catalogue, emergencyOnly, servedBy } from '../../src/safety/crisisCatalogue';
import { catalogueCountries, countryFromTimeZone, CrisisResourceCatalog, hasLines, renderNumber } from '../../src/safety/crisisResources';

/*
 * What a client sees for a country: no chat turn is needed here, so these tests load no Bot Framework code,
 * which keeps a mutation run of the catalogue (a new test process per changed number) fast.
 */

const catalog = new CrisisResourceCatalog();

/** The lines (the "- " rows) of a rendered message. */
function rows(message: string): string[] {
  return message.split('\n').filter((line) => line.startsWith('- '));
}

function lineText(language: Language, id: string): string {
  const line = Object.values(catalogue())
    .flatMap((entry) => entry.lines)
    .find((l) => l.id === id);
  assert.ok(line, `catalogue line ${id}`);
  return `- ${t(language, `safety.lines.${id}`, Object.fromEntries(Object.entries(line.numbers).map(([name, contact]) => [name, contact.shown])))}`;
}

describe('crisis lines for the country where the client is: what they see', () => {
  describe('which lines a client sees', () => {
    // city, zone, language, the rows in order, the emergency number(s)
    const table: Array<[string, string, Language, string[], string]> = [
      ['Toronto', 'America/Toronto', 'en', ['ca988'], '911'],
      ['New York', 'America/New_York', 'en', ['us988', 'usCrisisTextLine'], '911'],
      ['New York, in Spanish', 'America/New_York', 'es', ['us988', 'usCrisisTextLine'], '911'],
      ['London', 'Europe/London', 'en', ['samaritans', 'gbShout'], '999'],
      ['Dublin', 'Europe/Dublin', 'en', ['samaritans', 'ieText50808'], '112 or 999'],
      ['Sydney', 'Australia/Sydney', 'en', ['auLifeline'], '000'],
      ['Kolkata', 'Asia/Kolkata', 'en', ['inTeleManas'], '112'],
      ['Madrid', 'Europe/Madrid', 'es', ['es024', 'esTelefonoEsperanza'], '112'],
      ['Mexico City', 'America/Mexico_City', 'es', ['mxLineaVida'], '911'],
      ['Bogotá', 'America/Bogota', 'es', ['co192', 'coBogota106'], '123'],
      ['Lima', 'America/Lima', 'es', ['pe113'], '106 o 105'],
      ['Buenos Aires', 'America/Argentina/Buenos_Aires', 'es', ['arAsistenciaSuicida'], '911'],
      ['Santiago', 'America/Santiago', 'es', ['cl4141'], '131 o 133'],
      ['San Juan (a US territory)', 'America/Puerto_Rico', 'en', ['us988', 'usCrisisTextLine'], '911'],
      ['Jersey (served by UK lines)', 'Europe/Jersey', 'en', ['samaritans', 'gbShout'], '999'],
    ];
    for (const [city, zone, language, ids, emergency] of table) {
      it(`${city}: ${ids.join(', ')} and ${emergency}`, () => {
        const message = catalog.describe(language, countryFromTimeZone(zone));
        assert.deepEqual(message.split('\n'), [t(language, 'safety.resourcesIntro'), ...ids.map((id) => lineText(language, id)), t(language, 'safety.emergency', { number: emergency })]);
      });
    }

    it('says the numbers a person dials, in their words', () => {
      assert.match(catalog.describe('en', 'US'), /call or text 988.*press 2, or text AYUDA to 988/);
      assert.match(catalog.describe('es', 'US'), /marca 2, o envía AYUDA al 988/);
      assert.match(catalog.describe('en', 'US'), /text HOME to 741741/);
      assert.match(catalog.describe('en', 'GB'), /text SHOUT to 85258/);
      assert.match(catalog.describe('en', 'IE'), /Text HELLO to 50808/);
      assert.match(catalog.describe('es', 'AR'), /llama al 135 .* o al 011 5275-1135 desde todo el país/);
      assert.match(catalog.describe('es', 'CO'), /192 y marca la opción 4/);
      assert.match(catalog.describe('es', 'CO'), /En Bogotá, Línea 106/);
      assert.match(catalog.describe('es', 'PE'), /113 y marca la opción 5/);
      assert.match(catalog.describe('es', 'CL'), /\*4141/);
      assert.match(catalog.describe('en', 'AU'), /13 11 14/);
    });

    it('a country without lines here gets its emergency number and a plain sentence, never another country’s lines', () => {
      for (const [zone, country, emergency] of [
        ['Asia/Tokyo', 'JP', '119 or 110'],
        ['Europe/Berlin', 'DE', '112'],
        ['Pacific/Auckland', 'NZ', '111'],
        ['America/Montevideo', 'UY', '911'],
      ] as const) {
        assert.equal(countryFromTimeZone(zone), country);
        assert.equal(hasLines(country), false);
        assert.deepEqual(catalog.describe('en', country).split('\n'), [t('en', 'safety.noLinesForCountry'), t('en', 'safety.emergency', { number: emergency })]);
      }
      assert.deepEqual(catalog.describe('es', 'JP').split('\n'), [t('es', 'safety.noLinesForCountry'), t('es', 'safety.emergency', { number: '119 o 110' })]);
    });

    it('a country whose emergency number is not known here is told to call the local one', () => {
      assert.equal(countryFromTimeZone('Africa/Nairobi'), 'KE');
      assert.deepEqual(catalog.describe('en', 'KE').split('\n'), [t('en', 'safety.noLinesForCountry'), t('en', 'safety.emergency', { number: t('en', 'safety.localEmergencyNumber') })]);
      assert.equal(catalog.emergencyNumber('es', 'KE'), 'tu número local de emergencias');
    });

    it('with no country at all: the emergency guidance alone, in English and in Spanish', () => {
      assert.equal(catalog.describe('en', undefined), t('en', 'safety.emergencyUnknownCountry'));
      assert.equal(catalog.describe('es', undefined), t('es', 'safety.emergencyUnknownCountry'));
      assert.match(t('en', 'safety.emergencyUnknownCountry'), /911.*999.*112.*000/);
      assert.match(t('es', 'safety.emergencyUnknownCountry'), /911.*112.*123.*131.*106/);
      assert.equal(catalog.emergencyNumber('en', undefined), 'your local emergency number');
    });
  });

  describe('being harmed by someone, and eating problems', () => {
    it('puts the domestic-abuse line first for someone being harmed, then the crisis lines', () => {
      const spain = catalog.describe('es', 'ES', { categories: ['harmed_by_others'] });
      assert.deepEqual(rows(spain), [lineText('es', 'es016'), lineText('es', 'es024'), lineText('es', 'esTelefonoEsperanza')]);
      assert.deepEqual(rows(catalog.describe('en', 'GB', { categories: ['harmed_by_others'] }))[0], '- National Domestic Abuse Helpline: call 0808 2000 247, free, day or night');
      assert.match(rows(catalog.describe('en', 'US', { categories: ['harmed_by_others'] }))[0], /1-800-799-7233/);
    });

    it('puts the eating-disorder line first where one exists, and only the crisis lines where none does', () => {
      assert.match(rows(catalog.describe('en', 'GB', { categories: ['disordered_eating'] }))[0], /Beat .*0808 801 0677/);
      assert.deepEqual(rows(catalog.describe('es', 'MX', { categories: ['disordered_eating'] })), [lineText('es', 'mxLineaVida')]);
    });

    it('shows neither to someone whose messages are about suicide only', () => {
      for (const country of catalogueCountries()) {
        const ids = rows(catalog.describe('en', country, { categories: ['self_harm_suicide'] }));
        const crisis = catalogue()[country].lines.filter((l) => l.kind === 'crisis').map((l) => lineText('en', l.id));
        assert.deepEqual(ids, crisis, country);
      }
    });
  });

  describe('the catalogue', () => {
    it('has the countries the product promises, each with a crisis line, an emergency number, a source and a check date', () => {
      for (const code of ['US', 'CA', 'GB', 'IE', 'AU', 'ES', 'MX', 'AR', 'CL', 'CO', 'PE']) assert.ok(code in catalogue(), code);
      for (const [country, entry] of Object.entries(catalogue())) {
        assert.ok(entry.emergency.length > 0, country);
        assert.ok(entry.lines.some((l) => l.kind === 'crisis'), `${country} has a crisis line`);
        for (const line of entry.lines) {
          assert.match(line.source, /^https:\/\//, `${line.id} source`);
          assert.match(line.checked, /2026-12-07/, `${line.id} checked`);
          // Each number names the page that confirmed it, or is flagged for a person to verify before a release.
          if (line.verify === true) assert.match(line.checked, /not confirmed \(to be verified\)$/, `${line.id} is flagged and says why`);
          else assert.match(line.checked, /^confirmed 2026-12-07 in https?:\/\/\S+/, `${line.id} names the page that confirmed it`);
        }
      }
      assert.deepEqual([...catalogueCountries()].sort(), Object.keys(catalogue()).sort());
      for (const [territory, country] of Object.entries(servedBy())) assert.ok(country in catalogue() && hasLines(territory), territory);
      for (const country of Object.keys(emergencyOnly())) assert.ok(!(country in catalogue()), `${country} is either catalogued or emergency-only`);
    });

    it('shows every number of every entry, in both languages, for a client in that country', () => {
      for (const [country, entry] of Object.entries(catalogue())) {
        for (const language of ['en', 'es'] as const) {
          const message = catalog.describe(language, country, { categories: ['harmed_by_others', 'disordered_eating', 'harmed_by_others', 'third_party'] });
          assert.equal(rows(message).length, entry.lines.length, `${country}/${language}: every line shown once`);
          for (const line of entry.lines) {
            assert.ok(message.includes(lineText(language, line.id)), `${country}/${language}: ${line.id}`);
            for (const contact of Object.values(line.numbers)) assert.ok(message.includes(contact.shown), `${country}/${language}: ${contact.shown}`);
          }
          for (const number of entry.emergency) assert.ok(message.split('\n').at(-1)?.includes(number), `${country}: emergency ${number}`);
          assert.ok(!/\{\w+\}/.test(message), `${country}/${language}: every placeholder filled`);
        }
      }
    });

    it('holds exactly the numbers the product promises for each country (a changed number fails here)', () => {
      const promised: Record<string, { emergency: string[]; numbers: string[] }> = {
        US: { emergency: ['911'], numbers: ['988', '741741', '1-800-799-7233', '88788', '1-888-375-7767'] },
        CA: { emergency: ['911'], numbers: ['988', '1-866-633-4220'] },
        GB: { emergency: ['999'], numbers: ['116 123', '85258', '0808 2000 247', '0808 801 0677'] },
        IE: { emergency: ['112', '999'], numbers: ['116 123', '50808', '1800 341 900', '01 210 7906'] },
        AU: { emergency: ['000'], numbers: ['13 11 14', '1800 737 732', '1800 33 4673'] },
        ES: { emergency: ['112'], numbers: ['024', '717 003 717', '016'] },
        MX: { emergency: ['911'], numbers: ['800 911 2000', '800 822 4460'] },
        AR: { emergency: ['911'], numbers: ['135', '011 5275-1135', '144'] },
        CL: { emergency: ['131', '133'], numbers: ['*4141', '1455'] },
        CO: { emergency: ['123'], numbers: ['192', '106', '155'] },
        PE: { emergency: ['106', '105'], numbers: ['113', '100'] },
        IN: { emergency: ['112'], numbers: ['14416', '1-800-891-4416', '181'] },
      };
      const actual = Object.fromEntries(
        Object.entries(catalogue()).map(([country, entry]) => [country, { emergency: entry.emergency, numbers: entry.lines.flatMap((l) => Object.values(l.numbers).map((c) => c.shown)) }]),
      );
      assert.deepEqual(actual, promised);
      const textOnly = Object.values(catalogue()).flatMap((e) => e.lines.flatMap((l) => Object.values(l.numbers).filter((c) => c.kind === 'text').map((c) => c.shown)));
      assert.deepEqual(textOnly.sort(), ['50808', '741741', '85258', '88788']);
    });

    it('gives the emergency number of the countries without lines whose number is known', () => {
      const zones: Record<string, string> = {
        'Europe/Vienna': '112', 'Europe/Brussels': '112', 'Europe/Sofia': '112', 'Asia/Nicosia': '112', 'Europe/Prague': '112', 'Europe/Berlin': '112',
        'Europe/Copenhagen': '112', 'Europe/Tallinn': '112', 'Europe/Helsinki': '112', 'Europe/Paris': '112', 'Europe/Athens': '112', 'Europe/Zagreb': '112',
        'Europe/Budapest': '112', 'Europe/Rome': '112', 'Europe/Vilnius': '112', 'Europe/Luxembourg': '112', 'Europe/Riga': '112', 'Europe/Malta': '112',
        'Europe/Amsterdam': '112', 'Europe/Warsaw': '112', 'Europe/Lisbon': '112', 'Europe/Bucharest': '112', 'Europe/Stockholm': '112', 'Europe/Ljubljana': '112',
        'Europe/Bratislava': '112', 'Europe/Oslo': '113 or 112', 'Europe/Zurich': '144 or 112', 'Asia/Tokyo': '119 or 110', 'Pacific/Auckland': '111',
        'America/Guayaquil': '911', 'America/Montevideo': '911', 'America/Asuncion': '911', 'America/Costa_Rica': '911', 'America/Panama': '911',
        'America/El_Salvador': '911', 'America/Santo_Domingo': '911',
      };
      for (const [zone, number] of Object.entries(zones)) assert.equal(catalog.emergencyNumber('en', countryFromTimeZone(zone)), number, zone);
      assert.equal(Object.keys(zones).length, Object.keys(emergencyOnly()).length, 'one zone per emergency-only country');
    });

    it('keeps each sentence’s placeholders in step with the entry’s numbers', () => {
      for (const line of Object.values(catalogue()).flatMap((e) => e.lines)) {
        for (const language of ['en', 'es'] as const) {
          const sentence = t(language, `safety.lines.${line.id}`);
          const used = new Set([...sentence.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
          assert.deepEqual([...used].sort(), Object.keys(line.numbers).sort(), `${language} ${line.id}`);
        }
      }
    });
  });

  describe('a programme’s own line', () => {
    it('comes first, with its hours when given, wherever the client is', () => {
      const line = { name: 'Clínica Norte', phone: '+34 900 123 456', hours: 'noches y fines de semana' };
      assert.deepEqual(rows(catalog.describe('es', 'ES', { programmeLines: [line] })), [
        '- Clínica Norte: llama al +34 900 123 456 (noches y fines de semana)',
        lineText('es', 'es024'),
        lineText('es', 'esTelefonoEsperanza'),
      ]);
      assert.deepEqual(catalog.describe('en', 'JP', { programmeLines: [{ name: 'North Clinic', phone: '900 123 456' }] }).split('\n'), [
        t('en', 'safety.resourcesIntro'),
        '- North Clinic: call 900 123 456',
        t('en', 'safety.noLinesForCountry'),
        t('en', 'safety.emergency', { number: '119 or 110' }),
      ]);
    });
  });

  describe('numbers as links', () => {
    it('makes callable numbers tel: links on Teams and Web Chat, and leaves text-only numbers and other channels plain', () => {
      const us = catalog.describe('en', 'US', { channelId: 'webchat' });
      assert.match(us, /call or text \[988\]\(tel:988\)/);
      assert.match(us, /text HOME to 741741$/m, 'a text-only number is no tel: link');
      assert.match(us, /call \[911\]\(tel:911\) now/);
      assert.match(catalog.describe('es', 'AR', { channelId: 'msteams' }), /\[011 5275-1135\]\(tel:01152751135\)/);
      assert.match(catalog.describe('es', 'CL', { channelId: 'msteams' }), /\[\\\*4141\]\(tel:\*4141\)/);
      assert.match(catalog.describe('en', 'GB', { channelId: 'msteams' }), /\[116 123\]\(tel:116123\)/);
      assert.ok(!catalog.describe('en', 'GB', { channelId: 'sms' }).includes('tel:'));
      assert.equal(catalog.emergencyNumber('es', 'CL', 'webchat'), '[131](tel:131) o [133](tel:133)');
      assert.equal(renderNumber('1-800-799-7233', 'msteams'), '[1-800-799-7233](tel:18007997233)');
      assert.equal(renderNumber('85258', 'msteams', 'text'), '85258');
    });

    it('keeps the + of an international number and the # of an extension in the link, so the phone dials them', () => {
      const line = { name: 'Clínica Norte', phone: '+34 900 123 456' };
      assert.deepEqual(rows(catalog.describe('es', 'ES', { channelId: 'webchat', programmeLines: [line] }))[0], '- Clínica Norte: llama al [+34 900 123 456](tel:+34900123456)');
      assert.equal(renderNumber('900 123 456 #2', 'msteams'), '[900 123 456 #2](tel:900123456#2)');
    });
  });
});
