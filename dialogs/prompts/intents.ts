import { SUPPORTED_LANGUAGES, variants } from '../../src/i18n';
import { normaliseCommandText } from '../../src/bot/commands';
import { FocusArea } from '../../src/bot/profile';
import { ChoiceItem } from './ask';

/** What the menu offers; the ids are also what menu buttons submit. */
export const MENU_IDS = ['checkIn', 'problem', 'followUp', 'people', 'nudge', 'week', 'exercises', 'safetyPlan', 'help'] as const;
export type MenuId = (typeof MENU_IDS)[number];

/** The between-session exercises, offered by the "exercises" menu item; free text reaches them too. */
export const EXERCISE_IDS = ['learn', 'analyse', 'rehearse', 'scripts', 'grief', 'roleDispute', 'roleTransition', 'connections'] as const;
export type ExerciseId = (typeof EXERCISE_IDS)[number];
/** The course's ending: offered first in the menu in the last two weeks, and reachable by typing at any time. */
export const COURSE_IDS = ['ending', 'keepWell'] as const;
export type CourseId = (typeof COURSE_IDS)[number];
export type IntentId = MenuId | ExerciseId | CourseId;
const ALL_IDS: readonly IntentId[] = [...MENU_IDS, ...EXERCISE_IDS, ...COURSE_IDS];

/** Checked in this order, so the specific ("check in", "my plan") wins over the broad ("problem", "alone"). */
const INTENT_ORDER: IntentId[] = ['keepWell', 'safetyPlan', 'checkIn', 'followUp', 'ending', 'people', 'week', 'scripts', 'rehearse', 'analyse', 'grief', 'roleDispute', 'roleTransition', 'connections', 'learn', 'exercises', 'problem', 'nudge'];

export const MENU_ITEMS: ChoiceItem[] = MENU_IDS.map((id) => ({ id, key: `menu.item_${id}` }));
export const EXERCISE_ITEMS: ChoiceItem[] = EXERCISE_IDS.map((id) => ({ id, key: `menu.item_${id}` }));

/** The exercise each focus area (set by the clinician) puts first. */
const FOCUS_FIRST: Record<FocusArea, ExerciseId> = { grief: 'grief', roleDispute: 'roleDispute', roleTransition: 'roleTransition', interpersonalDeficits: 'connections' };

/** The exercises, the client's focus area first. */
export function exerciseItems(focusArea: FocusArea | undefined): ChoiceItem[] {
  if (!focusArea) return EXERCISE_ITEMS;
  const first = FOCUS_FIRST[focusArea];
  return [...EXERCISE_ITEMS.filter((item) => item.id === first), ...EXERCISE_ITEMS.filter((item) => item.id !== first)];
}

function phrases(id: IntentId): string[] {
  return SUPPORTED_LANGUAGES.flatMap((language) => [...variants(language, `menu.item_${id}`), ...(id === 'help' ? [] : variants(language, `menu.intent_${id}`))]).map(
    normaliseCommandText,
  );
}

/**
 * The menu item a message asks for: a menu button's submitted `choice`, its title typed, or a phrase from
 * `menu.intent_<id>` anywhere in the message as whole words, in any supported language.
 */
export function recognizeIntent(text: string | undefined, value?: unknown): IntentId | 'menu' | undefined {
  const choice = value && typeof value === 'object' ? (value as Record<string, unknown>).choice : undefined;
  if (typeof choice === 'string' && !text) {
    if (choice === 'menu') return 'menu';
    return (ALL_IDS as readonly string[]).includes(choice) ? (choice as IntentId) : undefined;
  }
  const typed = normaliseCommandText(text ?? '');
  if (!typed) return undefined;
  if (SUPPORTED_LANGUAGES.some((l) => normaliseCommandText(variants(l, 'menu.item_menu')[0]) === typed)) return 'menu';
  for (const id of ALL_IDS) if (SUPPORTED_LANGUAGES.some((l) => normaliseCommandText(variants(l, `menu.item_${id}`)[0]) === typed)) return id;
  const padded = ` ${typed.replace(/\?/g, ' ').replace(/\s+/g, ' ').trim()} `;
  for (const id of INTENT_ORDER) {
    if (phrases(id).some((phrase) => phrase && padded.includes(` ${phrase} `))) return id;
  }
  return undefined;
}

/** Whether a message is only a menu or exercise button's title (typed, or sent by a Web Chat button). */
export function isItemTitle(text: string | undefined): boolean {
  const typed = normaliseCommandText(text ?? '');
  return typed !== '' && ALL_IDS.some((id) => SUPPORTED_LANGUAGES.some((l) => variants(l, `menu.item_${id}`).some((title) => normaliseCommandText(title) === typed)));
}
