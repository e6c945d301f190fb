import { TurnContext } from 'botbuilder';
import { Prompt, PromptOptions, PromptRecognizerResult, PromptValidatorContext } from 'botbuilder-dialogs';
import { Language } from '../../src/i18n';
import { ask, AskSpec, localizable, reprompt, toChoices } from './ask';
import { recognizeIntent } from './intents';
import { t } from '../../src/i18n';

/** What a person answered: typed text, or the `value` of an Adaptive Card submit (or both). */
export interface Answer {
  text?: string;
  value?: unknown;
}

/** Why an answer could not be used; each reason has its own reprompt. */
export type RejectReason = 'empty' | 'tooLong' | 'noLetters' | 'notNumber' | 'outOfRange' | 'unknownChoice' | 'badCard' | 'tooVague' | 'notYesNo' | 'badZone' | 'badDate' | 'ambiguousDate' | 'badTime' | 'notName' | 'question';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: RejectReason; /** usable anyway after the last try */ fallback?: T };

export type AnswerParser<T> = (answer: Answer, options: PromptOptions) => Parsed<T>;

/** What a step gets back: the parsed value, or `ok: false` when the person gave up after the reprompt. */
export type PromptOutcome<T> = Parsed<T>;

/**
 * What `ask` (./ask.ts) puts in `options.validations`: the spec the question was built from, so a reprompt
 * per reason is built when needed (and in a newly chosen language, when the spec is all locale keys).
 * Prompts built without `ask` use `retryPrompt` as usual.
 */
export interface AskValidations {
  /** Tries before the step gets `ok: false` (default 2: the question, then one reprompt with a hint). */
  maxAttempts?: number;
  /** The language the question was put in. */
  language?: Language;
  source?: AskSpec;
}

interface AnswerPromptState {
  reason?: RejectReason;
  /** What a question asked instead of an answer was about (an intent id), for the short answer. */
  asked?: string;
  /** Questions answered so far on this prompt; only the first two are free of an attempt, so it cannot go on forever. */
  asides?: number;
  attemptCount?: number;
}

/** An answer that is itself a question ("how does this therapy work?", "¿cómo funciona?"). */
const QUESTION = /\?\s*$|^\s*¿|^\s*(?:how|what|why|when|who|where|can you|could you|do you|does|is this|are you|como|cómo|que|qué|por que|por qué|cuando|cuándo|quien|quién|puedes|eres)\b/i;

/** The intents that have a short answer of their own (`prompts.aside_<id>`). */
const ANSWERED_ASIDES = new Set(['learn']);

/**
 * A prompt that takes a typed message or a card submit alike (TextPrompt reprompts on a submit, which has
 * no text), parses it with `parser`, reprompts once with a hint that says what was wrong, and after the
 * last attempt ends with `ok: false` so the step can offer the menu instead of asking forever.
 * Non-message activities (proactive events) are ignored, as with the built-in prompts.
 */
export class AnswerPrompt<T> extends Prompt<Parsed<T>> {
  constructor(
    dialogId: string,
    private readonly parser: AnswerParser<T>,
    /** The person's current language; with it a question is put again in a newly chosen language. */
    private readonly languageOf?: (context: TurnContext) => Promise<Language>,
  ) {
    super(dialogId, async (prompt: PromptValidatorContext<Parsed<T>>) => {
      if (prompt.recognized.value?.ok) return true;
      // A question instead of an answer is answered, then the question is put again: it costs no attempt.
      const state = prompt.state as AnswerPromptState;
      if (!prompt.recognized.value?.ok && prompt.recognized.value?.reason === 'question' && (state.asides ?? 0) <= 2) {
        state.attemptCount = Math.max(0, (state.attemptCount ?? 1) - 1);
        return false;
      }
      const max = (prompt.options.validations as AskValidations | undefined)?.maxAttempts ?? 2;
      return prompt.attemptCount >= max;
    });
  }

  protected async onPrompt(context: TurnContext, state: object, given: PromptOptions, isRetry: boolean): Promise<void> {
    const validations = given.validations as AskValidations | undefined;
    const spec = validations?.source;
    if (!spec || !validations?.language) {
      const activity = isRetry ? (given.retryPrompt ?? given.prompt) : given.prompt;
      if (activity) await context.sendActivity(activity);
      return;
    }
    // In the person's language now, when the question is all locale keys (they may have switched mid-question).
    const language = this.languageOf && localizable(spec) ? await this.languageOf(context) : validations.language;
    const promptState = state as AnswerPromptState;
    if (isRetry && promptState.reason === 'question') {
      if (promptState.asked && ANSWERED_ASIDES.has(promptState.asked)) await context.sendActivity(t(language, `prompts.aside_${promptState.asked}`));
      const again = ask(context, language, spec).prompt;
      if (again) await context.sendActivity(again);
      return;
    }
    if (isRetry) {
      await context.sendActivity(reprompt(context, language, spec, (state as AnswerPromptState).reason));
      return;
    }
    const prompt = language === validations.language ? given.prompt : ask(context, language, spec).prompt;
    if (prompt) await context.sendActivity(prompt);
  }

  protected async onRecognize(context: TurnContext, state: object, options: PromptOptions): Promise<PromptRecognizerResult<Parsed<T>>> {
    const { text, value } = context.activity;
    // The buttons' ids and titles in every language, from the question's spec (unless the step set wider choices).
    const items = (options.validations as AskValidations | undefined)?.source?.items;
    const withChoices = options.choices || !items?.length ? options : { ...options, choices: toChoices(items) };
    let parsed: Parsed<T>;
    try {
      parsed = this.parser({ text, value }, withChoices);
    } catch {
      parsed = { ok: false, reason: 'badCard' };
    }
    // A question about the therapy instead of an answer ("how does this therapy work?"): a free-text
    // question would otherwise take it as the answer. Other questions ("why does it matter?") get the
    // question's own hint, which says why it is asked; a chatty aside would not fit every question (the
    // crisis lines' country question among them).
    if (typeof text === 'string' && QUESTION.test(text) && (parsed.ok || parsed.reason !== 'badCard') && recognizeIntent(text) === 'learn') {
      parsed = { ok: false, reason: 'question' };
      (state as AnswerPromptState).asked = 'learn';
      (state as AnswerPromptState).asides = ((state as AnswerPromptState).asides ?? 0) + 1;
    }
    (state as AnswerPromptState).reason = parsed.ok ? undefined : parsed.reason;
    return { succeeded: true, value: parsed };
  }
}
