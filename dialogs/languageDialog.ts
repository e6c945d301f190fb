import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { Language, SUPPORTED_LANGUAGES, t } from '../src/i18n';
import { ClientServices } from '../src/client/clientServices';
import { AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { ask } from './prompts/ask';
import { languageOfClient, profileAndLanguage, saveProfile } from './prompts/clientContext';
import { parseChoice } from './prompts/parsers';

export const LANGUAGE_DIALOG = 'languageDialog';
const LANGUAGE_PROMPT = 'languagePrompt';
const LANGUAGE_WATERFALL = 'languageWaterfall';

/** Lets the client choose the language the bot answers in. */
export class LanguageDialog extends ComponentDialog {
  constructor(private readonly services: ClientServices) {
    super(LANGUAGE_DIALOG);
    this.addDialog(new AnswerPrompt<string>(LANGUAGE_PROMPT, parseChoice, languageOfClient(services)));
    this.addDialog(new WaterfallDialog(LANGUAGE_WATERFALL, [this.askStep.bind(this), this.saveStep.bind(this)]));
    this.initialDialogId = LANGUAGE_WATERFALL;
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    return step.prompt(
      LANGUAGE_PROMPT,
      ask(step.context, language, { text: { key: 'onboarding.askLanguage' }, items: SUPPORTED_LANGUAGES.map((l) => ({ id: l, key: `onboarding.languageName_${l}` })) }),
    );
  }

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { profile, language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<string>;
    if (!answer.ok) {
      await step.context.sendActivity(t(language, 'prompts.gaveUp'));
      return step.endDialog();
    }
    profile.language = answer.value as Language;
    await saveProfile(step.context, this.services, profile);
    await step.context.sendActivity(t(profile.language, 'onboarding.languageSaved'));
    return step.endDialog(profile.language);
  }
}
