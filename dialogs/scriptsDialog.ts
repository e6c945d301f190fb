import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { DateTime } from 'luxon';
import { t } from '../src/i18n';
import { ClientServices } from '../src/client/clientServices';
import { ensureClientId, profileAndLanguage } from './prompts/clientContext';

export const SCRIPTS_DIALOG = 'scriptsDialog';
const SCRIPTS_WATERFALL = 'scriptsWaterfall';
/** The newest scripts shown; older ones stay in the record (and the export). */
const MAX_SHOWN = 5;

/** Shows the client's saved rehearsal scripts, newest first, to read before the real conversation. */
export class ScriptsDialog extends ComponentDialog {
  constructor(private readonly services: ClientServices) {
    super(SCRIPTS_DIALOG);
    this.addDialog(new WaterfallDialog(SCRIPTS_WATERFALL, [this.showStep.bind(this)]));
    this.initialDialogId = SCRIPTS_WATERFALL;
  }

  private async showStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { profile, language } = await profileAndLanguage(step.context, this.services);
    const clientId = await ensureClientId(step.context, this.services);
    const scripts = (await this.services.clients.scripts(clientId)).slice(0, MAX_SHOWN);
    if (scripts.length === 0) {
      await step.context.sendActivity(t(language, 'rehearsal.noScripts'));
      return step.endDialog();
    }
    const lines = scripts.map((s) => {
      const line = t(language, 'rehearsal.scriptLine', {
        name: s.personName,
        goal: s.goal,
        text: s.text,
        date: DateTime.fromISO(s.createdAt, { zone: profile.timeZone ?? 'UTC' }).setLocale(language).toLocaleString(DateTime.DATE_MED),
      });
      // The role reversal is worth rereading before the talk: what the other person may need to hear.
      return s.theirSide ? `${line}\n${t(language, 'rehearsal.scriptTheirSide', { name: s.personName, theirSide: s.theirSide })}` : line;
    });
    await step.context.sendActivity([t(language, 'rehearsal.scriptsTitle'), ...lines].join('\n\n'));
    return step.endDialog();
  }
}
