import { SUPPORTED_LANGUAGES, variants } from '../i18n';

/** Commands that work anywhere, mid-dialog too, typed in any supported language. */
export const COMMANDS = ['help', 'menu', 'cancel', 'name', 'language', 'timeZone', 'pause', 'resume', 'export', 'delete', 'withdraw', 'start'] as const;
export type Command = (typeof COMMANDS)[number];

/** Lower case, no accents, no punctuation, single spaces: how typed commands are compared. */
export function normaliseCommandText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}?]+/gu, ' ')
    .trim();
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
