import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { t } from '../src/i18n';
import { ClientState } from '../src/bot/clientState';
import { ClientServices, STATE_DELETED } from '../src/client/clientServices';
import { AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { ask, YES_NO } from './prompts/ask';
import { chatIdentity, languageOfClient, profileAndLanguage } from './prompts/clientContext';
import { parseYesNo } from './prompts/parsers';

export const DELETE_DATA_DIALOG = 'deleteDataDialog';
const CONFIRM_PROMPT = 'deleteDataConfirmPrompt';
const DELETE_WATERFALL = 'deleteDataWaterfall';

/**
 * "Delete my data": asks once, then removes every record of the client in every container (their
 * partition, documents naming them elsewhere, their chat state) and says what was removed. Safety alerts
 * stay with the care team without the client's name or words, and the question says so before the client
 * answers. The chat state is also dropped from this turn (`STATE_DELETED`), so nothing is written back.
 */
export class DeleteDataDialog extends ComponentDialog {
  constructor(private readonly services: ClientServices) {
    super(DELETE_DATA_DIALOG);
    this.addDialog(new AnswerPrompt<boolean>(CONFIRM_PROMPT, parseYesNo, languageOfClient(services)));
    this.addDialog(new WaterfallDialog(DELETE_WATERFALL, [this.confirmStep.bind(this), this.deleteStep.bind(this)]));
    this.initialDialogId = DELETE_WATERFALL;
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    return step.prompt(CONFIRM_PROMPT, ask(step.context, language, { text: { key: 'menu.deleteConfirm' }, items: YES_NO }));
  }

  private async deleteStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { profile, language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<boolean>;
    if (!answer.ok || !answer.value) {
      await step.context.sendActivity(t(language, 'menu.deleteKept'));
      return step.endDialog();
    }
    const report = await this.services.clients.deleteEverything(profile.clientId, [ClientState.keyFor(step.context)], chatIdentity(step.context));
    step.context.turnState.set(STATE_DELETED, true);
    await step.context.sendActivity(
      t(language, 'menu.deleted', {
        checkIns: report.checkIn,
        problems: report.problem,
        people: report.person,
        nudges: report.nudge,
        other: report.other + report.profile + report.botState,
      }),
    );
    if (report.kept.safetyAlerts) await step.context.sendActivity(t(language, 'menu.deletedAlertsKept'));
    // Nothing of this conversation may survive, including whatever was running below this dialog.
    return step.cancelAllDialogs(true);
  }
}
