import { ActionTypes, MessageFactory, TurnContext } from 'botbuilder';
import { ComponentDialog, DialogContext, DialogTurnResult, PromptValidatorContext, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { Language, t, variants } from '../src/i18n';
import { normaliseCommandText, recognizeCommand } from '../src/bot/commands';
import { SafetyGuard } from '../src/safety/safetyGuard';
import { RiskCategory } from '../src/safety/screener';
import { TurnScreening, turnScreening } from '../src/safety/turnScreening';
import { beginWithCountry, CountryDialog } from './countryDialog';

export const CRISIS_DIALOG = 'crisisDialog';
const URGENT = 'crisisUrgent';
const CHECK = 'crisisCheck';
const THIRD_PARTY = 'crisisThirdParty';
const SUPPORT = 'crisisSupport';
const LISTEN = 'crisisListen';
const YES_NO_PROMPT = 'crisisYesNo';
const LISTEN_PROMPT = 'crisisListenPrompt';

/** How the dialog answers: the order is also how much it outranks the others. */
type Mode = 'support' | 'thirdParty' | 'check' | 'urgent';
const MODE_RANK: Record<Mode, number> = { support: 1, thirdParty: 1, check: 2, urgent: 3 };
const MODE_DIALOG: Record<Mode, string> = { support: SUPPORT, thirdParty: THIRD_PARTY, check: CHECK, urgent: URGENT };

interface CrisisOptions {
  mode: Mode;
  /** A second flagged message while this dialog already runs: shorter words, same help. */
  repeat?: boolean;
  /** The urgent response after the screening questions: no second opener. */
  afterCheck?: boolean;
}

type Answer = 'yes' | 'no' | 'unclear';

/** The C-SSRS screener's follow-up questions, asked after "yes" to thoughts of killing oneself. */
const FOLLOW_UPS = ['method', 'intent', 'plan', 'preparation'] as const;

export function modeFor(screening: TurnScreening | undefined): Mode {
  const result = screening?.result;
  if (!result) return 'support';
  const own = result.categories.filter((c) => c !== 'third_party');
  if (result.thirdParty && (result.level !== 'urgent' || own.length === 0)) return 'thirdParty';
  if (result.level === 'urgent') return 'urgent';
  if (result.categories.includes('self_harm_suicide')) return 'check';
  return 'support';
}

/**
 * What the bot does the moment a message shows risk, on top of whatever dialog was running (which
 * reprompts when this one ends).
 * - urgent: crisis lines for the person's region and the emergency number, their safety plan, "are you
 *   safe right now?", a short grounding exercise, and room to keep writing;
 * - concern about suicide: the C-SSRS screener questions; a "yes" to thoughts of killing oneself (or to any
 *   follow-up) raises the alert to urgent and gives the urgent response; "no" gives lines and support;
 * - someone else at risk: how to help them, and the same lines;
 * - other concerns (being harmed, eating): support and the lines.
 * Every answer given here is screened like any message: a new urgent message switches to the urgent response.
 */
export class CrisisDialog extends ComponentDialog {
  constructor(private readonly safety: SafetyGuard) {
    super(CRISIS_DIALOG);
    this.addDialog(new TextPrompt(YES_NO_PROMPT, (prompt) => this.validateYesNo(prompt)));
    this.addDialog(new TextPrompt(LISTEN_PROMPT));
    this.addDialog(new WaterfallDialog(URGENT, [this.urgentStep.bind(this), this.safeAnswerStep.bind(this)]));
    this.addDialog(
      new WaterfallDialog(CHECK, [
        this.askWishDeadStep.bind(this),
        this.askThoughtsStep.bind(this),
        this.afterThoughtsStep.bind(this),
        ...FOLLOW_UPS.map((_, index) => this.followUpStep(index).bind(this)),
      ]),
    );
    this.addDialog(new WaterfallDialog(THIRD_PARTY, [this.thirdPartyStep.bind(this)]));
    this.addDialog(new WaterfallDialog(SUPPORT, [this.supportStep.bind(this)]));
    this.addDialog(new WaterfallDialog(LISTEN, [this.listenPromptStep.bind(this), this.listenStep.bind(this)]));
    this.addDialog(new CountryDialog(safety));
  }

  protected override async onBeginDialog(inner: DialogContext, options?: Partial<CrisisOptions>): Promise<DialogTurnResult> {
    const mode = options?.mode ?? modeFor(turnScreening(inner.context));
    this.setMode(inner, mode);
    // Where the client is not known, the emergency guidance comes at once, then the question, then the lines.
    return beginWithCountry(inner, this.safety, MODE_DIALOG[mode], { mode, repeat: options?.repeat });
  }

  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    const screening = turnScreening(inner.context);
    if (!screening?.respond && recognizeCommand(inner.context.activity.text)) {
      // A command (menu, cancel, help…) leaves the crisis dialog; the lines stay in the chat above.
      const { language } = await this.who(inner.context);
      await inner.context.sendActivity(t(language, 'safety.listen.closing'));
      return inner.cancelAllDialogs();
    }
    if (screening?.respond) {
      const next = modeFor(screening);
      const current = this.mode(inner);
      if (next === 'urgent' || MODE_RANK[next] > MODE_RANK[current]) {
        this.setMode(inner, next);
        await inner.cancelAllDialogs();
        return inner.beginDialog(MODE_DIALOG[next], { mode: next, repeat: true });
      }
    }
    return super.onContinueDialog(inner);
  }

  private mode(inner: DialogContext): Mode {
    return (inner.parent?.activeDialog?.state as { crisisMode?: Mode } | undefined)?.crisisMode ?? 'support';
  }

  private setMode(inner: DialogContext, mode: Mode): void {
    const state = inner.parent?.activeDialog?.state as { crisisMode?: Mode } | undefined;
    if (state) state.crisisMode = mode;
  }

  // --- urgent ---------------------------------------------------------------------------------------

  private async urgentStep(step: WaterfallStepContext<CrisisOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const { language } = await this.who(context);
    const options = step.options;
    if (!options.afterCheck) await context.sendActivity(t(language, options.repeat ? 'safety.urgent.openerAgain' : 'safety.urgent.opener'));
    await context.sendActivity(await this.resourcesText(context));
    if (!options.repeat) {
      const plan = await this.safety.safetyPlanText(context, language);
      if (plan) await context.sendActivity(plan);
      if (turnScreening(context)?.alert?.routed) await context.sendActivity(t(language, 'safety.careTeamTold'));
    }
    return step.prompt(YES_NO_PROMPT, this.yesNo(language, 'safety.urgent.areYouSafe'));
  }

  private async safeAnswerStep(step: WaterfallStepContext<CrisisOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const { language, emergency } = await this.who(context);
    const answer = step.result as Answer;
    await this.safety.note(context, { event: 'screening_answers', by: 'client', detail: `safe right now: ${answer}` });
    if (answer === 'yes') await context.sendActivity(t(language, 'safety.urgent.safeYes'));
    else await context.sendActivity(t(language, answer === 'no' ? 'safety.urgent.safeNo' : 'safety.urgent.safeUnsure', { number: emergency }));
    await context.sendActivity(t(language, 'safety.grounding'));
    return step.replaceDialog(LISTEN, { first: true });
  }

  // --- concern about suicide: the C-SSRS screener questions ----------------------------------------

  private async askWishDeadStep(step: WaterfallStepContext<CrisisOptions>): Promise<DialogTurnResult> {
    const { language } = await this.who(step.context);
    await step.context.sendActivity(t(language, step.options.repeat ? 'safety.check.introAgain' : 'safety.check.intro'));
    return step.prompt(YES_NO_PROMPT, this.yesNo(language, 'safety.check.wishDead'));
  }

  private async askThoughtsStep(step: WaterfallStepContext<CrisisOptions>): Promise<DialogTurnResult> {
    this.answers(step).wishDead = step.result as Answer;
    const { language } = await this.who(step.context);
    return step.prompt(YES_NO_PROMPT, this.yesNo(language, 'safety.check.thoughts'));
  }

  private async afterThoughtsStep(step: WaterfallStepContext<CrisisOptions>): Promise<DialogTurnResult> {
    const answers = this.answers(step);
    answers.thoughts = step.result as Answer;
    const { context } = step;
    const { language } = await this.who(context);
    if (answers.thoughts === 'no') {
      await this.safety.note(context, { event: 'screening_answers', by: 'client', detail: describeAnswers(answers) });
      await context.sendActivity(t(language, answers.wishDead === 'yes' ? 'safety.check.noThoughtsButWish' : 'safety.check.noThoughts'));
      await context.sendActivity(await this.resourcesText(context));
      const plan = await this.safety.safetyPlanText(context, language);
      if (plan) await context.sendActivity(plan);
      return step.replaceDialog(LISTEN, { first: true });
    }
    // "Yes" (or no clear "no") to thoughts of killing oneself: the clinician must know now, not after the questions.
    await this.raiseToUrgent(context, 'screening question: thoughts of killing oneself');
    await context.sendActivity(t(language, 'safety.check.thankYouForTelling'));
    return step.prompt(YES_NO_PROMPT, this.yesNo(language, `safety.check.${FOLLOW_UPS[0]}`));
  }

  private followUpStep(index: number) {
    return async (step: WaterfallStepContext<CrisisOptions>): Promise<DialogTurnResult> => {
      const answers = this.answers(step);
      answers[FOLLOW_UPS[index]] = step.result as Answer;
      const { language } = await this.who(step.context);
      if (index + 1 < FOLLOW_UPS.length) return step.prompt(YES_NO_PROMPT, this.yesNo(language, `safety.check.${FOLLOW_UPS[index + 1]}`));
      await this.safety.note(step.context, { event: 'screening_answers', by: 'client', detail: describeAnswers(answers) });
      this.setMode(step, 'urgent');
      return step.replaceDialog(URGENT, { mode: 'urgent', afterCheck: true });
    };
  }

  private async raiseToUrgent(context: TurnContext, reason: string): Promise<void> {
    const categories: RiskCategory[] = [...new Set<RiskCategory>([...(turnScreening(context)?.result.categories ?? []), 'self_harm_suicide'])];
    await this.safety.raiseLevel(context, 'urgent');
    await this.safety.escalate(context, { level: 'urgent', categories, evidence: [], reason });
  }

  private answers(step: WaterfallStepContext): Record<string, Answer> {
    const values = step.values as { answers?: Record<string, Answer> };
    return (values.answers ??= {});
  }

  // --- someone else at risk, and other concerns --------------------------------------------------------

  private async thirdPartyStep(step: WaterfallStepContext<CrisisOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const { language, emergency } = await this.who(context);
    await context.sendActivity(t(language, 'safety.thirdParty.intro'));
    await context.sendActivity(t(language, 'safety.thirdParty.howToHelp', { number: emergency }));
    await context.sendActivity(await this.resourcesText(context));
    await context.sendActivity(t(language, 'safety.thirdParty.aboutYou'));
    return step.replaceDialog(LISTEN, { first: true });
  }

  private async supportStep(step: WaterfallStepContext<CrisisOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const { language } = await this.who(context);
    const categories = turnScreening(context)?.result.categories ?? [];
    const key = categories.includes('harmed_by_others')
      ? 'safety.support.harmedByOthers'
      : categories.includes('harm_to_others')
        ? 'safety.support.harmToOthers'
        : categories.includes('disordered_eating')
          ? 'safety.support.disorderedEating'
          : 'safety.support.general';
    await context.sendActivity(t(language, key));
    await context.sendActivity(await this.resourcesText(context));
    return step.replaceDialog(LISTEN, { first: true });
  }

  // --- staying with them ------------------------------------------------------------------------------

  private async listenPromptStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await this.who(step.context);
    const first = (step.options as { first?: boolean } | undefined)?.first === true;
    return step.prompt(LISTEN_PROMPT, { prompt: t(language, first ? 'safety.listen.invite' : 'safety.listen.again') });
  }

  private async listenStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await this.who(step.context);
    const text = String(step.result ?? '');
    if (this.wantsToGoOn(language, text)) {
      await step.context.sendActivity(t(language, 'safety.listen.closing'));
      return step.endDialog();
    }
    await step.context.sendActivity(t(language, 'safety.listen.heard'));
    return step.replaceDialog(LISTEN, { first: false });
  }

  private wantsToGoOn(language: Language, text: string): boolean {
    if (recognizeCommand(text)) return true;
    const said = normaliseCommandText(text);
    return variants(language, 'safety.answers.goOn').some((phrase) => normaliseCommandText(phrase) === said);
  }

  // --- helpers -------------------------------------------------------------------------------------------

  private async who(context: TurnContext): Promise<{ language: Language; emergency: string }> {
    const profile = await this.safety.profile(context);
    const language = this.safety.language(context, profile);
    return { language, emergency: this.safety.emergencyNumber(context, profile) };
  }

  private async resourcesText(context: TurnContext): Promise<string> {
    return this.safety.linesText(context);
  }

  private yesNo(language: Language, key: string) {
    const buttons = [t(language, 'safety.answers.yesButton'), t(language, 'safety.answers.noButton')].map((title) => ({ type: ActionTypes.ImBack, title, value: title }));
    return {
      prompt: MessageFactory.suggestedActions(buttons, t(language, key)),
      retryPrompt: MessageFactory.suggestedActions(buttons, t(language, 'safety.answers.retry')),
    };
  }

  /** Yes or no in the person's language; after two unclear answers the answer counts as unclear. */
  private async validateYesNo(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const answer = recogniseYesNo(prompt.recognized.value ?? '');
    if (answer) {
      (prompt.recognized as { value: unknown }).value = answer;
      return true;
    }
    if (prompt.attemptCount >= 2) {
      (prompt.recognized as { value: unknown }).value = 'unclear';
      return true;
    }
    return false;
  }
}

/** "yes", "yeah I have", "sí", "no", "not really"…, in either language. */
export function recogniseYesNo(text: string): 'yes' | 'no' | undefined {
  const said = normaliseCommandText(text);
  if (!said) return undefined;
  const matches = (key: string) =>
    (['en', 'es'] as const).some((language) =>
      variants(language, key).some((phrase) => {
        const p = normaliseCommandText(phrase);
        return said === p || said.startsWith(`${p} `);
      }),
    );
  if (matches('safety.answers.no')) return 'no';
  if (matches('safety.answers.yes')) return 'yes';
  return undefined;
}

function describeAnswers(answers: Record<string, Answer>): string {
  return Object.entries(answers)
    .map(([question, answer]) => `${question}: ${answer}`)
    .join(', ');
}
