import { ActivityTypes } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { SUPPORTED_LANGUAGES, t, variants } from '../src/i18n';
import { normaliseCommandText } from '../src/bot/commands';
import { ClientServices } from '../src/client/clientServices';
import { validZone } from '../src/client/clientRepository';
import { readYesNo } from './prompts/yesNo';
import { NAME_DIALOG, NameDialog } from './nameDialog';
import { TIME_ZONE_DIALOG, TimeZoneDialog } from './timeZoneDialog';
import { clientCountryKeeper, COUNTRY_DIALOG, CountryDialog, CountryOptions } from './countryDialog';
import { countryFor } from '../src/safety/crisisResources';
import { Answer, AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { ask } from './prompts/ask';
import { chatIdentity, ensureClientId, languageOfClient, profileAndLanguage, saveProfile } from './prompts/clientContext';
import { parseText, parseYesNo } from './prompts/parsers';
import { clientInfoZone, zoneLabel } from './prompts/zones';

export const ONBOARDING_DIALOG = 'onboardingDialog';
const CONSENT_PROMPT = 'onboardingConsentPrompt';
const CODE_PROMPT = 'onboardingCodePrompt';
const ONBOARDING_WATERFALL = 'onboardingWaterfall';
const NO_CODE = 'none';

/** What onboarding hands back: whether the client agreed and may use the bot. */
export interface OnboardingResult {
  onboarded: boolean;
}

/** An enrolment code, or `none` for the "I don't have one" button and its typed forms. */
function parseCode(answer: Answer): Parsed<string> {
  const choice = answer.value && typeof answer.value === 'object' ? (answer.value as Record<string, unknown>).choice : undefined;
  if (choice === NO_CODE && !answer.text) return { ok: true, value: NO_CODE };
  const text = parseText({ max: 64, skippable: true })(answer, {});
  if (!text.ok) return text.reason === 'noLetters' && /\d/.test(answer.text ?? '') ? { ok: true, value: (answer.text ?? '').trim() } : (text as Parsed<string>);
  if (text.value === undefined) return { ok: true, value: NO_CODE };
  const typed = normaliseCommandText(text.value);
  const noCodeWords = SUPPORTED_LANGUAGES.flatMap((l) => [...variants(l, 'onboarding.noCodeButton'), ...variants(l, 'prompts.no')]).map(normaliseCommandText);
  // "No I don't think so", "no, no tengo": a no to "did your clinic give you a code?", never a wrong code.
  const saysNo = noCodeWords.includes(typed) || (!/\d/.test(text.value) && readYesNo(text.value) === 'no');
  return { ok: true, value: saysNo ? NO_CODE : text.value };
}

/**
 * First contact: what the bot is and is not, consent, an enrolment code when the client has one, the name
 * to use, the language (from the channel) and the time zone (from Teams, else asked).
 */
export class OnboardingDialog extends ComponentDialog {
  constructor(private readonly services: ClientServices) {
    super(ONBOARDING_DIALOG);
    this.addDialog(new AnswerPrompt<boolean>(CONSENT_PROMPT, parseYesNo, languageOfClient(services)));
    this.addDialog(new AnswerPrompt<string>(CODE_PROMPT, parseCode, languageOfClient(services)));
    this.addDialog(new NameDialog(services.profileAccessor));
    this.addDialog(new TimeZoneDialog(services));
    this.addDialog(new CountryDialog(clientCountryKeeper(services)));
    this.addDialog(
      new WaterfallDialog(ONBOARDING_WATERFALL, [
        this.introStep.bind(this),
        this.consentStep.bind(this),
        this.codeStep.bind(this),
        this.zoneStep.bind(this),
        this.countryStep.bind(this),
        this.finishStep.bind(this),
      ]),
    );
    this.initialDialogId = ONBOARDING_WATERFALL;
  }

  private async introStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    // On install (conversationUpdate) the bot's welcome has just introduced it; a first message gets the full intro.
    if (step.context.activity.type === ActivityTypes.Message) await step.context.sendActivity(t(language, 'onboarding.intro'));
    // Only what is configured is promised: without anyone to alert, the client is told so.
    const { channelId, userId } = chatIdentity(step.context);
    const reachable = await this.services.careTeamReachable?.(channelId, userId);
    await step.context.sendActivity(t(language, reachable === false ? 'onboarding.whatIsStoredNoCareTeam' : 'onboarding.whatIsStored'));
    return step.prompt(
      CONSENT_PROMPT,
      ask(step.context, language, { text: { key: 'onboarding.askConsent' }, items: [{ id: 'yes', key: 'onboarding.consentYes' }, { id: 'no', key: 'onboarding.consentNo' }], retries: { notYesNo: { key: 'onboarding.consentRetry' }, unknownChoice: { key: 'onboarding.consentRetry' } } }),
    );
  }

  private async consentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { profile, language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<boolean>;
    const now = this.services.clock.now().toISOString();
    if (!answer.ok) {
      await step.context.sendActivity(t(language, 'onboarding.consentUnclear'));
      return step.endDialog({ onboarded: false } satisfies OnboardingResult);
    }
    if (!answer.value) {
      profile.consent = { given: false, at: now };
      await saveProfile(step.context, this.services, profile);
      await step.context.sendActivity(t(language, 'onboarding.declined'));
      return step.endDialog({ onboarded: false } satisfies OnboardingResult);
    }
    profile.consent = { given: true, at: now };
    profile.language ??= language;
    await this.services.profileAccessor.set(step.context, profile);
    await step.context.sendActivity(t(language, 'onboarding.consentThanks'));
    if (profile.onboardedAt && profile.clientId) {
      // Agreeing again after withdrawing: everything else is already known.
      await saveProfile(step.context, this.services, profile);
      return step.endDialog({ onboarded: true } satisfies OnboardingResult);
    }
    if (profile.clientId) return step.next({ ok: true, value: NO_CODE });
    return step.prompt(CODE_PROMPT, ask(step.context, language, { text: { key: 'onboarding.askCode' }, items: [{ id: NO_CODE, key: 'onboarding.noCodeButton' }] }));
  }

  /** Redeems a code when one was typed, then asks for the name unless it is known. */
  private async codeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { profile, language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<string>;
    if (answer.ok && answer.value !== NO_CODE && !profile.clientId) {
      const result = await this.services.enrolment.redeem(answer.value, chatIdentity(step.context));
      if (result.ok) {
        profile.clientId = result.clientId;
        await this.services.profileAccessor.set(step.context, profile);
        await step.context.sendActivity(t(language, 'onboarding.codeAccepted'));
      } else {
        await step.context.sendActivity(t(language, result.reason === 'noProgramme' ? 'onboarding.codeNoProgramme' : 'onboarding.codeRejected'));
      }
    }
    await ensureClientId(step.context, this.services);
    if (profile.preferredName) return step.next(profile.preferredName);
    return step.beginDialog(NAME_DIALOG);
  }

  private async zoneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { profile } = await profileAndLanguage(step.context, this.services);
    const zone = clientInfoZone(step.context);
    if (zone) {
      profile.timeZone = zone;
      await saveProfile(step.context, this.services, profile);
      return step.next(zone);
    }
    if (validZone(profile.timeZone)) return step.next(profile.timeZone);
    return step.beginDialog(TIME_ZONE_DIALOG, { quiet: true });
  }

  /** Crisis lines go by country: when the zone names none (UTC, say) and the channel does not either, ask now, calmly. */
  private async countryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { profile } = await profileAndLanguage(step.context, this.services);
    if (countryFor(step.context, profile) !== undefined) return step.next();
    return step.beginDialog(COUNTRY_DIALOG, { purpose: 'onboarding' } satisfies CountryOptions);
  }

  private async finishStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { profile, language } = await profileAndLanguage(step.context, this.services);
    profile.onboardedAt = this.services.clock.now().toISOString();
    await saveProfile(step.context, this.services, profile);
    await step.context.sendActivity(
      t(language, 'onboarding.done', {
        name: profile.preferredName ?? '',
        language: t(language, `onboarding.languageName_${language}`, {}, () => 0),
        zone: zoneLabel(profile.timeZone ?? 'UTC'),
      }),
    );
    return step.endDialog({ onboarded: true } satisfies OnboardingResult);
  }
}
