import assert from 'node:assert/strict';
import { catalogKeys, Language, variants } from '../../src/i18n';
import { BUTTON_TITLE_KEY, isOwnButtonTitle, screenTexts } from '../../src/safety/turnScreening';
import { screenMessage } from '../../src/safety/screener';

/**
 * On Web Chat a pressed button sends its title as text, and every text is screened (with the learned layer too):
 * no title the bot offers — a menu item, a button, a choice — may be asked or alerted about, in either language.
 */
function titles(language: Language): [string, string][] {
  return catalogKeys(language)
    .filter((key) => BUTTON_TITLE_KEY.test(key))
    .flatMap((key) => variants(language, key).map((text): [string, string] => [key, text]));
}

describe('the titles of the bot’s own buttons are never asked or alerted about', () => {
  for (const language of ['en', 'es'] as const) {
    it(`${language}: every menu item, button and choice title screens none`, () => {
      const found = titles(language);
      assert.ok(found.length > 50, `only ${found.length} titles found: the key pattern no longer matches the locales`);
      const flagged = found.filter(([, text]) => screenTexts([text], [], new Date()).level !== 'none').map(([key, text]) => `${key}: ${text}`);
      assert.deepEqual(flagged, []);
    });
  }

  it('a title is known whatever its case or spaces; the same words inside a longer message are screened in full', () => {
    assert.equal(isOwnButtonTitle('  pensar en un problema '), true);
    assert.equal(isOwnButtonTitle('Pensar en un problema y en cómo acabar con todo'), false);
    assert.equal(screenTexts(['Pensar en un problema y en cómo acabar con todo'], [], new Date()).level, 'urgent');
    // The lexicon still reads a title: only the learned layer is left out.
    assert.equal(screenMessage('Pensar en un problema', { locale: 'es', model: false }).level, 'none');
  });
});
