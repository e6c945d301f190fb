import { SUPPORTED_LANGUAGES, variants } from '../../src/i18n';
import { normaliseCommandText } from '../../src/bot/commands';
import { ChoiceItem } from './ask';

/** What the menu offers; the ids are also what menu buttons submit. */
export const MENU_IDS = ['checkIn', 'problem', 'followUp', 'people', 'nudge', 'week', 'help'] as const;
export type MenuId = (typeof MENU_IDS)[number];

/** Checked in this order, so the specific ("check in", "my plan") wins over the broad ("problem", "alone"). */
const INTENT_ORDER: MenuId[] = ['checkIn', 'followUp', 'people', 'week', 'problem', 'nudge'];

export const MENU_ITEMS: ChoiceItem[] = MENU_IDS.map((id) => ({ id, key: `menu.item_${id}` }));

function phrases(id: MenuId): string[] {
  return SUPPORTED_LANGUAGES.flatMap((language) => [...variants(language, `menu.item_${id}`), ...(id === 'help' ? [] : variants(language, `menu.intent_${id}`))]).map(
    normaliseCommandText,
  );
}

/**
 * The menu item a message asks for: a menu button's submitted `choice`, its title typed, or a phrase from
 * `menu.intent_<id>` anywhere in the message as whole words, in any supported language.
 */
export function recognizeIntent(text: string | undefined, value?: unknown): MenuId | 'menu' | undefined {
  const choice = value && typeof value === 'object' ? (value as Record<string, unknown>).choice : undefined;
  if (typeof choice === 'string' && !text) {
    if (choice === 'menu') return 'menu';
    return (MENU_IDS as readonly string[]).includes(choice) ? (choice as MenuId) : undefined;
  }
  const typed = normaliseCommandText(text ?? '');
  if (!typed) return undefined;
  if (SUPPORTED_LANGUAGES.some((l) => normaliseCommandText(variants(l, 'menu.item_menu')[0]) === typed)) return 'menu';
  for (const id of MENU_IDS) if (SUPPORTED_LANGUAGES.some((l) => normaliseCommandText(variants(l, `menu.item_${id}`)[0]) === typed)) return id;
  const padded = ` ${typed.replace(/\?/g, ' ').replace(/\s+/g, ' ').trim()} `;
  for (const id of INTENT_ORDER) {
    if (phrases(id).some((phrase) => phrase && padded.includes(` ${phrase} `))) return id;
  }
  return undefined;
}
