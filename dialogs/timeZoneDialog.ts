import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { t, variants } from '../src/i18n';
import { ClientServices } from '../src/client/clientServices';
import { AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { ask } from './prompts/ask';
import { languageOfClient, profileAndLanguage, saveProfile } from './prompts/clientContext';
import { parseZone, zoneLabel } from './prompts/zones';

export const TIME_ZONE_DIALOG = 'timeZoneDialog';
const ZONE_PROMPT = 'timeZonePrompt';
const ZONE_WATERFALL = 'timeZoneWaterfall';

/** Options: `{ quiet: true }` during onboarding, where the next message says it all. */
export interface TimeZoneOptions {
  quiet?: boolean;
}

/** Asks for the client's time zone, offering the likely ones for their language, and saves it. */
export class TimeZoneDialog extends ComponentDialog {
  constructor(private readonly services: ClientServices) {
    super(TIME_ZONE_DIALOG);
    this.addDialog(new AnswerPrompt<string>(ZONE_PROMPT, parseZone, languageOfClient(services)));
    this.addDialog(new WaterfallDialog(ZONE_WATERFALL, [this.askStep.bind(this), this.saveStep.bind(this)]));
    this.initialDialogId = ZONE_WATERFALL;
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const zones = variants(language, 'onboarding.likelyZones');
    return step.prompt(
      ZONE_PROMPT,
      ask(step.context, language, {
        text: { key: 'onboarding.askTimeZone' },
        items: zones.map((zone) => ({ id: zone, title: zoneLabel(zone) })),
        retries: { badZone: { key: 'onboarding.timeZoneRetry' }, unknownChoice: { key: 'onboarding.timeZoneRetry' } },
      }),
    );
  }

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { profile, language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<string>;
    if (!answer.ok) {
      await step.context.sendActivity(t(language, 'onboarding.timeZoneKept', { zone: profile.timeZone ?? 'UTC' }));
      return step.endDialog();
    }
    profile.timeZone = answer.value;
    await saveProfile(step.context, this.services, profile);
    if (!(step.options as TimeZoneOptions | undefined)?.quiet) {
      await step.context.sendActivity(t(language, 'onboarding.timeZoneSaved', { zone: zoneLabel(answer.value) }));
    }
    return step.endDialog(answer.value);
  }
}
