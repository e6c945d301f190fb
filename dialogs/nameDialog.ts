import { StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, PromptValidatorContext, TextPrompt, WaterfallDialog, WaterfallStepContext, DialogTurnResult } from 'botbuilder-dialogs';
import { t } from '../src/i18n';
import { Profile } from '../src/bot/profile';
import { languageOf } from './dialogContext';

export const NAME_DIALOG = 'nameDialog';
const NAME_PROMPT = 'namePrompt';
const NAME_WATERFALL = 'nameWaterfall';
const MAX_NAME_LENGTH = 40;

/** Asks what the person wants to be called and remembers it. Options: `{ changing: true }` when renaming. */
export class NameDialog extends ComponentDialog {
  constructor(private readonly profileAccessor: StatePropertyAccessor<Profile>) {
    super(NAME_DIALOG);
    this.addDialog(new TextPrompt(NAME_PROMPT, (prompt) => this.validateName(prompt)));
    this.addDialog(new WaterfallDialog(NAME_WATERFALL, [this.askStep.bind(this), this.saveStep.bind(this)]));
    this.initialDialogId = NAME_WATERFALL;
  }

  /** A name is some letters, at most 40 characters: not empty, not only emoji or punctuation. */
  static cleanName(text: string | undefined): string | undefined {
    const name = (text ?? '').replace(/\s+/g, ' ').trim();
    if (!name || name.length > MAX_NAME_LENGTH || !/\p{L}/u.test(name)) return undefined;
    return name;
  }

  private async validateName(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const name = NameDialog.cleanName(prompt.recognized.value);
    if (name) prompt.recognized.value = name;
    return name !== undefined;
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const language = languageOf(step.context, await this.profileAccessor.get(step.context, {}));
    return step.prompt(NAME_PROMPT, { prompt: t(language, 'main.askName'), retryPrompt: t(language, 'main.askNameRetry') });
  }

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const profile = await this.profileAccessor.get(step.context, {});
    const changing = (step.options as { changing?: boolean } | undefined)?.changing === true;
    profile.preferredName = step.result as string;
    await this.profileAccessor.set(step.context, profile);
    const language = languageOf(step.context, profile);
    await step.context.sendActivity(t(language, changing ? 'main.nameChanged' : 'main.nameSaved', { name: profile.preferredName }));
    return step.endDialog(profile.preferredName);
  }
}
