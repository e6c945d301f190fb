import { TurnContext } from 'botbuilder';
import { ComponentDialog, DialogContext, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { Language, t } from '../src/i18n';
import { Profile } from '../src/bot/profile';
import { ClientServices } from '../src/client/clientServices';
import { catalogueCountries, countryFor } from '../src/safety/crisisResources';
import { languageOf } from './dialogContext';
import { AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { ask } from './prompts/ask';
import { saveProfile } from './prompts/clientContext';
import { countryName, OTHER_COUNTRY, parseCountry } from './prompts/countries';

export const COUNTRY_DIALOG = 'countryDialog';
const COUNTRY_PROMPT = 'countryPrompt';
const COUNTRY_WATERFALL = 'countryWaterfall';

/** Where the client's country is read and kept: the safety guard in a crisis, the client services in onboarding. */
export interface CountryKeeper {
  profile(context: TurnContext): Promise<Profile>;
  language(context: TurnContext, profile: Profile | undefined): Language;
  rememberCountry(context: TurnContext, country: string): Promise<void>;
  /** In a crisis, the help that needs no country: the programme's own line and the emergency guidance. */
  linesText?(context: TurnContext): Promise<string>;
}

export function clientCountryKeeper(services: ClientServices): CountryKeeper {
  return {
    profile: (context) => services.profileAccessor.get(context, {}),
    language: languageOf,
    async rememberCountry(context, country) {
      const profile = await services.profileAccessor.get(context, {});
      profile.country = country;
      await saveProfile(context, services, profile);
    },
  };
}

export interface CountryOptions {
  /** In a crisis the emergency guidance comes first, and the question says why it is asked. */
  purpose: 'crisis' | 'onboarding';
  /** The dialog that takes over once the country is known (or could not be), in place of this one. */
  then?: { dialogId: string; options?: object };
}

/** The buttons, the countries most likely for the person's language first; the order is convenience, not a guess. */
const ORDER: Record<Language, string[]> = {
  en: ['US', 'GB', 'CA', 'IE', 'AU', 'IN'],
  es: ['ES', 'MX', 'CO', 'AR', 'PE', 'CL'],
};

function buttonCountries(language: Language): string[] {
  return [...new Set([...ORDER[language], ...catalogueCountries()])];
}

/**
 * Asks once which country the client is in, with a button per country that has lines and "another
 * country", and remembers the answer in their profile. Used when neither their time zone nor their
 * channel says where they are.
 */
export class CountryDialog extends ComponentDialog {
  constructor(private readonly keeper: CountryKeeper) {
    super(COUNTRY_DIALOG);
    this.addDialog(new AnswerPrompt<string>(COUNTRY_PROMPT, parseCountry, async (context) => keeper.language(context, await keeper.profile(context))));
    this.addDialog(new WaterfallDialog(COUNTRY_WATERFALL, [this.askStep.bind(this), this.choiceStep.bind(this), this.nameStep.bind(this)]));
    this.initialDialogId = COUNTRY_WATERFALL;
  }

  private async language(context: TurnContext): Promise<Language> {
    return this.keeper.language(context, await this.keeper.profile(context));
  }

  private async askStep(step: WaterfallStepContext<CountryOptions>): Promise<DialogTurnResult> {
    const language = await this.language(step.context);
    const crisis = step.options.purpose === 'crisis';
    // Help is never held back for the question: whoever is in danger reads what to do first.
    if (crisis) await step.context.sendActivity(this.keeper.linesText ? await this.keeper.linesText(step.context) : t(language, 'safety.emergencyUnknownCountry'));
    const items = [...buttonCountries(language).map((code) => ({ id: code, title: countryName(language, code) })), { id: OTHER_COUNTRY, key: 'safety.country.otherButton' }];
    return step.prompt(
      COUNTRY_PROMPT,
      ask(step.context, language, {
        text: { key: crisis ? 'safety.country.askCrisis' : 'safety.country.askOnboarding' },
        items,
        retries: { unknownChoice: { key: 'safety.country.retry' }, badCard: { key: 'safety.country.retry' } },
      }),
    );
  }

  private async choiceStep(step: WaterfallStepContext<CountryOptions>): Promise<DialogTurnResult> {
    const answer = step.result as Parsed<string>;
    if (!answer.ok) return step.endDialog();
    if (answer.value !== OTHER_COUNTRY) return this.remember(step, answer.value);
    const language = await this.language(step.context);
    return step.prompt(COUNTRY_PROMPT, ask(step.context, language, { text: { key: 'safety.country.askName' }, retries: { unknownChoice: { key: 'safety.country.retryName' } } }));
  }

  private async nameStep(step: WaterfallStepContext<CountryOptions>): Promise<DialogTurnResult> {
    const answer = step.result as Parsed<string>;
    if (!answer.ok || answer.value === OTHER_COUNTRY) return step.endDialog();
    return this.remember(step, answer.value);
  }

  private async remember(step: WaterfallStepContext<CountryOptions>, country: string): Promise<DialogTurnResult> {
    await this.keeper.rememberCountry(step.context, country);
    return step.endDialog(country);
  }

  protected override async onBeginDialog(inner: DialogContext, options?: CountryOptions): Promise<DialogTurnResult> {
    // Kept beside the inner dialogs' state, so the hand-over survives the turns the question takes.
    const state = inner.parent?.activeDialog?.state as { then?: CountryOptions['then'] } | undefined;
    if (state && options?.then) state.then = options.then;
    return super.onBeginDialog(inner, options);
  }

  /** Hands over to the dialog that was waiting for the country, when there is one. */
  protected override endComponent(outerDC: DialogContext, result: unknown): Promise<DialogTurnResult> {
    const then = (outerDC.activeDialog?.state as { then?: CountryOptions['then'] } | undefined)?.then;
    return then ? outerDC.replaceDialog(then.dialogId, then.options) : outerDC.endDialog(result);
  }
}

/**
 * Begins `dialogId` straight away when the client's country is known; otherwise asks it first (with the
 * emergency guidance at once), then begins `dialogId`, which shows the lines of the country just named.
 */
export async function beginWithCountry(dc: DialogContext, keeper: CountryKeeper, dialogId: string, options: object): Promise<DialogTurnResult> {
  const profile = await keeper.profile(dc.context);
  if (countryFor(dc.context, profile) !== undefined) return dc.beginDialog(dialogId, options);
  return dc.beginDialog(COUNTRY_DIALOG, { purpose: 'crisis', then: { dialogId, options } } satisfies CountryOptions);
}
