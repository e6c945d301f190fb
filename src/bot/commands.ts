import { catalogKeys, SUPPORTED_LANGUAGES, variants } from '../i18n';

/** Commands that work anywhere, mid-dialog too, typed in any supported language. */
export const COMMANDS = ['help', 'menu', 'cancel', 'name', 'language', 'timeZone', 'pause', 'resume', 'export', 'delete', 'withdraw', 'start', 'reminders', 'safetyPlan'] as const;
export type Command = (typeof COMMANDS)[number];

/**
 * The commands Teams lists in its command menu: Teams takes at most 12. "start" is left out: a newcomer is
 * greeted and onboarded anyway, and the word still works when typed. "my safety plan" is in the main menu
 * instead (the twelve places are taken); typed, it works anywhere.
 */
export const TEAMS_MENU_COMMANDS: readonly Command[] = COMMANDS.filter((command) => command !== 'start' && command !== 'safetyPlan');

/** Lower case, no accents, no punctuation, single spaces: how typed commands are compared. */
export function normaliseCommandText(text: string): string {
  return normalisedCatalog.get(text) ?? normalise(text);
}

function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}?]+/gu, ' ')
    .trim();
}

/**
 * Every text of the catalogs, normalised once: the dialogs compare what was typed with catalog phrases
 * (answers, menu items, synonyms), normalising those phrases again on every turn.
 */
const normalisedCatalog = new Map<string, string>();
for (const language of SUPPORTED_LANGUAGES) {
  for (const key of catalogKeys(language)) {
    for (const phrase of variants(language, key)) normalisedCatalog.set(phrase, normalise(phrase));
  }
}

const lookup = new Map<string, Command>();
for (const language of SUPPORTED_LANGUAGES) {
  for (const command of COMMANDS) {
    for (const phrase of variants(language, `commands.${command}`)) lookup.set(normaliseCommandText(phrase), command);
  }
}

/** The command a message is, if the whole message is one (so "help" is, "help me with my sister" is not). */
export function recognizeCommand(text: string | undefined): Command | undefined {
  if (!text) return undefined;
  return lookup.get(normaliseCommandText(text));
}
