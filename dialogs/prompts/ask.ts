import { ActionTypes, Activity, Attachment, CardFactory, MessageFactory, TurnContext } from 'botbuilder';
import { Choice, PromptOptions } from 'botbuilder-dialogs';
import { Language, SUPPORTED_LANGUAGES, t, Vars, variants } from '../../src/i18n';
import { AskValidations, RejectReason } from './answerPrompt';
import { ADAPTIVE_CARD } from '../../src/adaptiveCard';
import type { ScreenContext } from '../../src/safety/turnScreening';

/** A button: an id the step understands, and what the person sees (a locale key or a ready title). */
export interface ChoiceItem {
  id: string;
  /** Locale key of the title; its texts in every language are accepted when typed. */
  key?: string;
  /** A ready title (e.g. a person's name). */
  title?: string;
}

export function isTeams(context: TurnContext): boolean {
  return context.activity.channelId === 'msteams';
}

function titleOf(language: Language, item: ChoiceItem): string {
  return item.title ?? t(language, item.key ?? item.id, {}, () => 0);
}

/** Teams shows at most six actions in one set; longer lists are split into balanced rows of buttons. */
const MAX_CARD_BUTTONS = 6;

/** An Adaptive Card whose submits carry `{ choice: id }`. */
export function choiceCard(language: Language, items: ChoiceItem[], heading?: string): Attachment {
  const body: Record<string, unknown>[] = heading ? [{ type: 'TextBlock', text: heading, wrap: true }] : [];
  const submit = (item: ChoiceItem) => ({ type: 'Action.Submit', title: titleOf(language, item), data: { choice: item.id } });
  let actions: Record<string, unknown>[] = [];
  if (items.length <= MAX_CARD_BUTTONS) {
    actions = items.map(submit);
  } else {
    const rows = Math.ceil(items.length / MAX_CARD_BUTTONS);
    const perRow = Math.ceil(items.length / rows);
    for (let i = 0; i < items.length; i += perRow) body.push({ type: 'ActionSet', actions: items.slice(i, i + perRow).map(submit) });
  }
  return CardFactory.adaptiveCard({ ...ADAPTIVE_CARD, body, actions });
}

/** A question with buttons: suggested actions on Web Chat (and other channels), an Adaptive Card on Teams. */
export function question(context: TurnContext, language: Language, text: string, items: ChoiceItem[] = []): Partial<Activity> {
  if (items.length === 0) return MessageFactory.text(text);
  if (isTeams(context)) {
    const activity = MessageFactory.attachment(choiceCard(language, items));
    activity.text = text;
    return activity;
  }
  const titles = items.map((item) => titleOf(language, item));
  return MessageFactory.suggestedActions(titles.map((title) => ({ type: ActionTypes.ImBack, title, value: title })), text);
}

/** The prompt's `choices`: ids with every language's title as synonyms, so typed answers match. */
export function toChoices(items: ChoiceItem[]): Choice[] {
  return items.map((item) => ({
    value: item.id,
    synonyms: item.title ? [item.title] : SUPPORTED_LANGUAGES.flatMap((l) => variants(l, item.key ?? item.id)),
  }));
}

/** A text by locale key, so a question can be put again in another language after the person switches. */
export interface LocalText {
  key: string;
  vars?: Vars;
  /** Which variant of the key (see ./openings.ts); a random one when absent. */
  variant?: number;
}

export interface AskSpec {
  text: string | LocalText;
  items?: ChoiceItem[];
  /** Reprompt per reason; `prompts.retry_<reason>` texts fill the gaps. The buttons are shown again. */
  retries?: Partial<Record<RejectReason, string | LocalText>>;
  maxAttempts?: number;
  /**
   * The question asks *when* the person will do something: the safety guard reads it from the dialog state (the
   * spec is kept in the prompt's options), so "I'm doing it tomorrow" typed here answers it rather than announces an act.
   */
  answering?: ScreenContext['answering'];
}

function resolve(language: Language, text: string | LocalText): string {
  if (typeof text === 'string') return text;
  const { variant } = text;
  return t(language, text.key, text.vars, variant === undefined ? undefined : (n) => Math.min(variant, n - 1));
}

/** Whether a spec can be rebuilt in another language (all its texts are keys). */
export function localizable(spec: AskSpec): boolean {
  return typeof spec.text !== 'string' && Object.values(spec.retries ?? {}).every((r) => typeof r !== 'string');
}

/**
 * Prompt options for an AnswerPrompt: the question and its buttons, and the spec itself, from which the
 * prompt builds a reprompt that says what was wrong only when one is needed (`reprompt`) and the choices
 * typed answers are matched against (`toChoices`). The options live in the dialog state and are read and
 * written every turn, so they hold nothing that can be built again.
 */
export function ask(context: TurnContext, language: Language, spec: AskSpec): PromptOptions {
  const items = spec.items ?? [];
  const validations: AskValidations = { maxAttempts: spec.maxAttempts, language, source: spec };
  return { prompt: question(context, language, resolve(language, spec.text), items), validations };
}

/** The reprompt for an answer rejected for `reason`: the spec's own hint, else `prompts.retry_<reason>`, and the buttons again. */
export function reprompt(context: TurnContext, language: Language, spec: AskSpec, reason: RejectReason = 'unknownChoice'): Partial<Activity> {
  const custom = spec.retries?.[reason];
  const hint = custom !== undefined ? resolve(language, custom) : t(language, `prompts.retry_${reason}`);
  return question(context, language, hint, spec.items ?? []);
}

/** Yes / no buttons. */
export const YES_NO: ChoiceItem[] = [
  { id: 'yes', key: 'prompts.yesButton' },
  { id: 'no', key: 'prompts.noButton' },
];
