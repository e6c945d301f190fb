import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { catalogKeys, SUPPORTED_LANGUAGES, t, variants } from '../../src/i18n';

const ROOT = join(__dirname, '..', '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Places where a user-facing text would be written inline: sending a literal, a prompt or card text set
 * to a literal with words in it. Texts come from `t()`; literals in code are ids, types and JSON names.
 */
const INLINE_TEXT = [
  /sendActivity\(\s*['"`]/,
  /MessageFactory\.(text|suggestedActions|attachment)\(\s*['"`]/,
  /MessageFactory\.(suggestedActions|attachment)\([^,]+,\s*['"`]/,
  /\b(prompt|retryPrompt|text|speak)\s*:\s*['"`][^'"`$]*\p{L}{2,}[^'"`]*['"`]/u,
];
/** Card and button titles are chat texts in dialogs/ (elsewhere `title` also names API documents). */
const INLINE_TITLE = /\btitle\s*:\s*['"`][^'"`$]*\p{L}{2,}[^'"`]*['"`]/u;

describe('locales and user-facing texts', () => {
  it('every language has exactly the same keys', () => {
    const [first, ...others] = SUPPORTED_LANGUAGES;
    for (const language of others) {
      const a = new Set(catalogKeys(first));
      const b = new Set(catalogKeys(language));
      assert.deepEqual([...a].filter((k) => !b.has(k)), [], `keys in ${first} missing from ${language}`);
      assert.deepEqual([...b].filter((k) => !a.has(k)), [], `keys in ${language} missing from ${first}`);
    }
  });

  it('placeholders match between languages, and no text is empty', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of catalogKeys('en')) {
      const en = new Set(variants('en', key).flatMap(placeholders));
      for (const language of SUPPORTED_LANGUAGES) {
        for (const text of variants(language, key)) {
          assert.ok(text.trim().length > 0, `${language} ${key} is empty`);
          for (const name of placeholders(text)) assert.ok(en.has(name), `${language} ${key} uses {${name}}, which English does not`);
        }
      }
    }
  });

  it('counts agree with their noun: a summary after a session held today covers "1 day", not "1 days"', () => {
    const period = (language: 'en' | 'es', count: number) => t(language, 'clinician.summary.period', { from: '2026-12-07', to: '2026-12-07', count });
    assert.equal(period('en', 1), '2026-12-07 to 2026-12-07 (1 day)');
    assert.equal(period('en', 14), '2026-12-07 to 2026-12-07 (14 days)');
    assert.equal(period('es', 1), 'Del 2026-12-07 al 2026-12-07 (1 día)');
    assert.equal(period('es', 0), 'Del 2026-12-07 al 2026-12-07 (0 días)');
    assert.equal(t('en', 'clinician.summary.adherence', { done: 1, count: 1, percent: 100 }), 'Check-ins: 1 of 1 day (100%)');
    assert.equal(t('es', 'clinician.summary.basis.days', { count: 1 }), 'El último día');
    assert.throws(() => t('en', 'clinician.summary.period', { from: 'a', to: 'b' }), /needs a numeric \{count\}/);
  });

  it('the number words list 0 to 10 in every language', () => {
    for (const language of SUPPORTED_LANGUAGES) assert.equal(variants(language, 'prompts.numberWords').length, 11);
  });

  it('no user-facing string literal lives in dialogs/ or src/', () => {
    const offenders: string[] = [];
    for (const file of [...tsFiles(join(ROOT, 'dialogs')), ...tsFiles(join(ROOT, 'src'))]) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/^\s*(\/\/|\*|\/\*)/.test(line)) return;
          const patterns = file.includes(`${join(ROOT, 'dialogs')}`) ? [...INLINE_TEXT, INLINE_TITLE] : INLINE_TEXT;
          if (patterns.some((pattern) => pattern.test(line))) offenders.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepEqual(offenders, []);
  });
});
