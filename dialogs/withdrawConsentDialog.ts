import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { t } from '../src/i18n';
import { ClientServices } from '../src/client/clientServices';
import { AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { ask, YES_NO } from './prompts/ask';
import { languageOfClient, profileAndLanguage } from './prompts/clientContext';
import { parseYesNo } from './prompts/parsers';

export const WITHDRAW_CONSENT_DIALOG = 'withdrawConsentDialog';
const CONFIRM_PROMPT = 'withdrawConfirmPrompt';
const WITHDRAW_WATERFALL = 'withdrawWaterfall';

/** Withdrawing consent: asks once; afterwards only help, safety and "start" work. Data stays until deleted. */
export class WithdrawConsentDialog extends ComponentDialog {
  constructor(private readonly services: ClientServices) {
    super(WITHDRAW_CONSENT_DIALOG);
    this.addDialog(new AnswerPrompt<boolean>(CONFIRM_PROMPT, parseYesNo, languageOfClient(services)));
    this.addDialog(new WaterfallDialog(WITHDRAW_WATERFALL, [this.confirmStep.bind(this), this.withdrawStep.bind(this)]));
    this.initialDialogId = WITHDRAW_WATERFALL;
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    return step.prompt(CONFIRM_PROMPT, ask(step.context, language, { text: { key: 'onboarding.withdrawConfirm' }, items: YES_NO }));
  }

  private async withdrawStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { profile, language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<boolean>;
    if (!answer.ok || !answer.value) {
      await step.context.sendActivity(t(language, 'onboarding.withdrawKept'));
      return step.endDialog();
    }
    const now = this.services.clock.now().toISOString();
    profile.consent = { given: false, at: profile.consent?.at ?? now, withdrawnAt: now };
    await this.services.profileAccessor.set(step.context, profile);
    // The record keeps the withdrawal itself; nothing new is recorded after it.
    if (profile.clientId) await this.services.clients.saveProfile(profile.clientId, profile);
    await step.context.sendActivity(t(language, 'onboarding.withdrawn'));
    return step.cancelAllDialogs(true);
  }
}
