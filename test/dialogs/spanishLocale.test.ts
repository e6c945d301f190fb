import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The bot's Spanish is neutral and Latin-American-friendly: tú, never vosotros; no words only Spain uses in
 * what the bot says. Lists of words the bot recognises (commands, intents, cues, answers) keep words from
 * both sides of the Atlantic on purpose, and quoted words (what a client or the other person might say, a
 * command to type) are not the bot's own voice, so both are left out.
 */
const ES = join(__dirname, '..', '..', 'locales', 'es');

/** Keys whose values are words the bot recognises, not words it says. */
const RECOGNISED = /^(commands\.|clinician\.cmd\.|menu\.intent_|prompts\.(yes|no|skip|done|numberWords)$|rehearsal\.cues_|safety\.answers\.|safetyPlan\.endWords$|onboarding\.likelyZones$)/;

const RULES: Array<[string, RegExp]> = [
  ['vosotros pronoun or possessive', /(?<!\p{L})(os|vosotr[oa]s|vuestr[oa]s?)(?!\p{L})/iu],
  // -áis/-éis (estáis, habéis), preterite -asteis/-isteis (pasasteis, dijisteis); "dieciséis" is a number.
  ['vosotros verb ending', /(?<!\p{L})(?!(?:diecis|veintis)éis(?!\p{L}))\p{L}+(áis|éis|asteis|isteis)(?!\p{L})/iu],
  ['"vale" as the bot\'s word for okay', /(?<!\p{L})vale(?!\p{L})(?! la pena)/iu],
  ['"apetecer"', /(?<!\p{L})apete(c|zc)\p{L}*/iu],
  ['"móvil" for a phone', /(?<!\p{L})m[oó]vil(es)?(?!\p{L})/iu],
  ['"¿cómo de …?"', /(?<!\p{L})c[oó]mo de (?!costumbre)/iu],
  ['leísmo with a person as direct object', /(?<!\p{L})(cuidarle|cuidarles|ayúdale|ayúdales|le dejes solo)(?!\p{L})/iu],
];

/** Drops quoted passages: "…", “…”, «…». */
function unquoted(text: string): string {
  return text.replace(/"[^"]*"|“[^”]*”|«[^»]*»/g, ' ');
}

function botTexts(): Array<{ where: string; text: string }> {
  const out: Array<{ where: string; text: string }> = [];
  for (const file of readdirSync(ES).filter((f) => f.endsWith('.json'))) {
    const area = file.slice(0, -'.json'.length);
    const walk = (value: unknown, key: string): void => {
      if (RECOGNISED.test(`${area}.${key}`)) return;
      if (typeof value === 'string') out.push({ where: `${area}.json ${key}`, text: unquoted(value) });
      else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${key}[${i}]`));
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, key ? `${key}.${k}` : k);
    };
    walk(JSON.parse(readFileSync(join(ES, file), 'utf8')), '');
  }
  return out;
}

/** What the rules find in one text (exported shape kept local: the test checks the rules themselves too). */
function findings(text: string): string[] {
  return RULES.filter(([, rule]) => rule.test(unquoted(text))).map(([name]) => name);
}

describe('Spanish for everyone: locales/es', () => {
  it('has no vosotros forms, no Spain-only bot words and no leísmo in what the bot says', () => {
    const found = botTexts().flatMap(({ where, text }) => findings(text).map((name) => `${where}: ${name}: ${text}`));
    assert.deepEqual(found, []);
  });

  it('the rules catch the kinds of Spain-only Spanish they are for', () => {
    for (const text of ['¿Qué os dijisteis?', 'En qué punto estáis', 'el tiempo que pasasteis', 'Vale, lo dejamos aquí.', 'Lee lo que te apetezca', 'desde el móvil', '¿Cómo de cerca sientes a Ana?', 'quieras cuidarle', 'ayúdale a llamar', 'Vosotros podéis']) {
      assert.notDeepEqual(findings(text), [], text);
    }
  });

  it('does not trip on "os" inside words, numbers, "vale la pena", or quoted words', () => {
    for (const text of ['nosotros, todos los días, otros casos', 'Semana dieciséis de veintiséis', 'Vale la pena intentarlo.', 'Si te dice "vale, os veo luego", respira.', 'Escribe “vale” para seguir', 'países, maíz, oír']) {
      assert.deepEqual(findings(text), [], text);
    }
  });

  it('recognises words from both sides of the Atlantic where the bot matches words', () => {
    const menu = JSON.parse(readFileSync(join(ES, 'menu.json'), 'utf8')) as Record<string, string[]>;
    for (const word of ['me enfade', 'me enoje', 'enojado', 'bronca', 'cabreado']) assert.ok(menu.intent_problem.includes(word), word);
    const rehearsal = JSON.parse(readFileSync(join(ES, 'rehearsal.json'), 'utf8')) as Record<string, string[]>;
    for (const word of ['enfadado', 'enojado']) assert.ok(rehearsal.cues_feeling.includes(word), word);
  });
});
