import { StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, PromptValidatorContext, TextPrompt, WaterfallDialog, WaterfallStepContext, DialogTurnResult } from 'botbuilder-dialogs';
import { t } from '../src/i18n';
import { Profile } from '../src/bot/profile';
import { languageOf } from './dialogContext';
import { AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { ask, YES_NO } from './prompts/ask';
import { readName } from './prompts/names';
import { parseYesNo } from './prompts/parsers';

export const NAME_DIALOG = 'nameDialog';
const NAME_PROMPT = 'namePrompt';
const CONFIRM_PROMPT = 'nameConfirmPrompt';
const NAME_WATERFALL = 'nameWaterfall';
const MAX_NAME_LENGTH = 40;

interface NameOptions {
  changing?: boolean;
  /** Asked again after the person said the name read from their sentence was wrong. */
  again?: boolean;
}

/**
 * Asks what the person wants to be called and remembers it. The name is read from a sentence ("Nice to
 * meet you, you can call me Dani." → Dani, "me llamo Lucía" → Lucía); when it came out of a longer sentence
 * a short confirmation follows, so a misreading never spreads into the week, the summary or an alert.
 * Options: `{ changing: true }` when renaming.
 */
export class NameDialog extends ComponentDialog {
  constructor(private readonly profileAccessor: StatePropertyAccessor<Profile>) {
    super(NAME_DIALOG);
    this.addDialog(new TextPrompt(NAME_PROMPT, (prompt) => this.validateName(prompt)));
    this.addDialog(new AnswerPrompt<boolean>(CONFIRM_PROMPT, parseYesNo));
    this.addDialog(new WaterfallDialog(NAME_WATERFALL, [this.askStep.bind(this), this.confirmStep.bind(this), this.saveStep.bind(this)]));
    this.initialDialogId = NAME_WATERFALL;
  }

  /** A name is some letters, at most 40 characters: not empty, not only emoji or punctuation, not a sentence without a name. */
  static cleanName(text: string | undefined): string | undefined {
    const name = readName(text).name?.replace(/\s+/g, ' ').trim();
    if (!name || name.length > MAX_NAME_LENGTH || !/\p{L}/u.test(name)) return undefined;
    return name;
  }

  private async validateName(prompt: PromptValidatorContext<string>): Promise<boolean> {
    return NameDialog.cleanName(prompt.recognized.value) !== undefined;
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const language = languageOf(step.context, await this.profileAccessor.get(step.context, {}));
    const again = (step.options as NameOptions | undefined)?.again === true;
    return step.prompt(NAME_PROMPT, { prompt: t(language, again ? 'main.askNameAgain' : 'main.askName'), retryPrompt: t(language, 'main.askNameRetry') });
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const typed = step.result as string;
    const name = NameDialog.cleanName(typed) as string;
    (step.values as { name?: string }).name = name;
    if (!readName(typed).extracted) return step.next({ ok: true, value: true } satisfies Parsed<boolean>);
    const language = languageOf(step.context, await this.profileAccessor.get(step.context, {}));
    return step.prompt(CONFIRM_PROMPT, ask(step.context, language, { text: { key: 'main.confirmName', vars: { name } }, items: YES_NO }));
  }

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const confirmed = step.result as Parsed<boolean>;
    const options = (step.options ?? {}) as NameOptions;
    // "No": ask once more. Still unclear after the reprompt: keep the name (it can be changed any time).
    if (confirmed.ok && !confirmed.value) return step.replaceDialog(NAME_WATERFALL, { ...options, again: true } satisfies NameOptions);
    const profile = await this.profileAccessor.get(step.context, {});
    profile.preferredName = (step.values as { name?: string }).name as string;
    await this.profileAccessor.set(step.context, profile);
    const language = languageOf(step.context, profile);
    await step.context.sendActivity(t(language, options.changing ? 'main.nameChanged' : 'main.nameSaved', { name: profile.preferredName }));
    return step.endDialog(profile.preferredName);
  }
}
