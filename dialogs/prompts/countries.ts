import { getAllCountries } from 'countries-and-timezones';
import { Language, SUPPORTED_LANGUAGES, variants } from '../../src/i18n';
import { normaliseCommandText } from '../../src/bot/commands';
import { Answer, Parsed } from './answerPrompt';

/** The button and typed words for "a country not in the list". */
export const OTHER_COUNTRY = 'other';

const COUNTRIES = getAllCountries();
const ALL_CODES: string[] = Object.keys(COUNTRIES);

/** A country's name in the person's language, from the runtime's Unicode data ("Reino Unido"). */
export function countryName(language: Language, code: string): string {
  return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
}

/** What people call their country besides its name: short forms, and the nations of the UK. */
const ALIASES: Record<string, string[]> = {
  US: ['usa', 'us', 'u s a', 'america', 'united states of america', 'eeuu', 'ee uu', 'eua'],
  GB: ['uk', 'u k', 'britain', 'great britain', 'england', 'scotland', 'wales', 'northern ireland', 'inglaterra', 'escocia', 'gales', 'irlanda del norte', 'gran bretana'],
  IE: ['eire', 'republic of ireland'],
  MX: ['mejico'],
};

let names: Array<[string, string]> | undefined;

/** Every country's normalised name in every language, longest first, so "Dominican Republic" wins over "Dominica". */
function countryNames(): Array<[string, string]> {
  if (!names) {
    const all = new Map<string, string>();
    for (const code of ALL_CODES) {
      for (const language of SUPPORTED_LANGUAGES) all.set(normaliseCommandText(countryName(language, code)), code);
      all.set(normaliseCommandText(COUNTRIES[code as keyof typeof COUNTRIES].name), code);
    }
    for (const [code, aliases] of Object.entries(ALIASES)) for (const alias of aliases) all.set(alias, code);
    names = [...all.entries()].sort((a, b) => b[0].length - a[0].length);
  }
  return names;
}

/** The country named in a typed answer ("Spain", "estoy en México", "UK"), if exactly one place is named. */
export function countryFromText(text: string): string | undefined {
  const said = ` ${normaliseCommandText(text)} `;
  if (said.trim().length === 2) {
    const code = said.trim().toUpperCase();
    if (ALL_CODES.includes(code)) return code;
  }
  for (const [name, code] of countryNames()) if (said.includes(` ${name} `)) return code;
  return undefined;
}

function saysOther(text: string): boolean {
  const said = normaliseCommandText(text);
  return SUPPORTED_LANGUAGES.some((language) => variants(language, 'safety.country.otherButton').some((phrase) => normaliseCommandText(phrase) === said));
}

/** A country from a button (a card's `{ choice }` or a button title sent back as text), a typed name, or "another country". */
export function parseCountry(answer: Answer): Parsed<string> {
  const fromCard = answer.value && typeof answer.value === 'object' ? (answer.value as Record<string, unknown>).choice : undefined;
  if (typeof fromCard === 'string' && !answer.text) {
    if (fromCard === OTHER_COUNTRY || ALL_CODES.includes(fromCard)) return { ok: true, value: fromCard };
    return { ok: false, reason: 'badCard' };
  }
  const text = (answer.text ?? '').trim();
  if (!text) return { ok: false, reason: 'empty' };
  if (text.length > 100) return { ok: false, reason: 'tooLong' };
  if (saysOther(text)) return { ok: true, value: OTHER_COUNTRY };
  const code = countryFromText(text);
  return code ? { ok: true, value: code } : { ok: false, reason: 'unknownChoice' };
}
