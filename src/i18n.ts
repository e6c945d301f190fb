import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from './projectRoot';

/**
 * Every user-facing text lives in `locales/<language>/<area>.json`. Keys are `<area>.<key>` (the file
 * name is the area), values are strings with `{name}` placeholders, arrays of strings (variants
 * picked at random so the bot does not sound like a form), or plural forms — an object keyed by the
 * language's plural categories (`one`, `other`, …, `other` required) chosen by the `count` placeholder
 * through Intl.PluralRules, so "1 day" is never "1 days".
 */
export const SUPPORTED_LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
type Catalog = Record<string, string | string[] | PluralForms>;

const LOCALES_DIR = projectPath('locales');

function loadCatalog(language: Language): Catalog {
  const dir = join(LOCALES_DIR, language);
  const catalog: Catalog = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const area = file.slice(0, -'.json'.length);
    const entries = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Catalog;
    for (const [key, value] of Object.entries(entries)) catalog[`${area}.${key}`] = value;
  }
  return catalog;
}

const catalogs: Record<Language, Catalog> = {
  en: loadCatalog('en'),
  es: loadCatalog('es'),
};

/** Maps a BCP-47 locale (`es-MX`, `en-US`, undefined) to a language we have texts for. */
export function toLanguage(locale: string | undefined | null): Language {
  // A channel (or a forged request) can send anything as the locale: anything but a string is no locale.
  const primary = (typeof locale === 'string' ? locale : '').toLowerCase().split(/[-_]/)[0];
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(primary) ? (primary as Language) : 'en';
}

export type Vars = Record<string, string | number>;

function fill(template: string, vars: Vars): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/**
 * The text for `key` in `language`, with placeholders filled. A key that is missing is a programming
 * error (a test checks every locale has every key), so it throws rather than showing a key to a client.
 */
export function t(language: Language, key: string, vars: Vars = {}, pick: (n: number) => number = randomIndex): string {
  const value = catalogs[language][key] ?? catalogs.en[key];
  if (value === undefined) throw new Error(`Missing locale text: ${key}`);
  const template = typeof value === 'string' ? value : Array.isArray(value) ? value[pick(value.length)] : pluralForm(language, key, value, vars);
  return fill(template, vars);
}

const pluralRules = Object.fromEntries(SUPPORTED_LANGUAGES.map((language) => [language, new Intl.PluralRules(language)])) as Record<Language, Intl.PluralRules>;

function pluralForm(language: Language, key: string, forms: PluralForms, vars: Vars): string {
  const count = Number(vars.count);
  if (!Number.isFinite(count)) throw new Error(`Locale text ${key} has plural forms and needs a numeric {count}`);
  return forms[pluralRules[language].select(count)] ?? forms.other;
}

/** Every variant of a key (for matching typed answers such as "yes"/"sí" or for tests). */
export function variants(language: Language, key: string): string[] {
  const value = catalogs[language][key];
  if (value === undefined) throw new Error(`Missing locale text: ${key}`);
  return typeof value === 'string' ? [value] : Array.isArray(value) ? value : Object.values(value);
}

export function catalogKeys(language: Language): string[] {
  return Object.keys(catalogs[language]).sort();
}

function randomIndex(n: number): number {
  return Math.floor(Math.random() * n);
}
