import { TurnContext } from 'botbuilder';
import { ComponentDialog, DialogContext, DialogTurnResult, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { Language, t, variants } from '../src/i18n';
import { normaliseCommandText, recognizeCommand } from '../src/bot/commands';
import { SafetyGuard } from '../src/safety/safetyGuard';
import { RiskCategory } from '../src/safety/screener';
import { countsAsYes, CssrsAnswers, CssrsQuestion, isHighRisk, nextQuestion, screenLevel } from '../src/safety/cssrs';
import { TurnScreening, turnScreening } from '../src/safety/turnScreening';
import { beginWithCountry, CountryDialog } from './countryDialog';
import type { RaiseOutcome } from '../src/safety/escalation/alertService';
import { AnswerPrompt } from './prompts/answerPrompt';
import { askSafety, parseSafetyAnswer, safetyAnswer } from './prompts/safetyAnswer';
import { withSafetyPlanOffer } from './safetyPlanOffer';

export const CRISIS_DIALOG = 'crisisDialog';
const URGENT = 'crisisUrgent';
const SCREEN = 'crisisScreen';
const THIRD_PARTY = 'crisisThirdParty';
const SUPPORT = 'crisisSupport';
const LISTEN = 'crisisListen';
const ANSWER_PROMPT = 'crisisAnswer';
const SAFE_PROMPT = 'crisisSafe';
const LISTEN_PROMPT = 'crisisListenPrompt';

/** How the dialog answers: the order is also how much it outranks the others. */
type Mode = 'support' | 'thirdParty' | 'check' | 'confirm' | 'urgent';
const MODE_RANK: Record<Mode, number> = { support: 1, thirdParty: 1, confirm: 2, check: 2, urgent: 3 };
const MODE_DIALOG: Record<Mode, string> = { support: SUPPORT, thirdParty: THIRD_PARTY, check: SCREEN, confirm: SCREEN, urgent: URGENT };

interface CrisisOptions {
  mode: Mode;
  /** A second flagged message while this dialog already runs: shorter words, same help. */
  repeat?: boolean;
  /** The urgent response after the screening questions: no second opener, no second set of lines. */
  afterCheck?: boolean;
}

/** The screening questions' progress, carried from one question to the next. */
interface ScreenOptions extends CrisisOptions {
  answers: CssrsAnswers;
  asking?: CssrsQuestion;
  introduced?: boolean;
  /** Confirm mode: the categories and words that started it, for the alert a yes or an unclear answer raises. */
  categories?: RiskCategory[];
  evidence?: string[];
}

/** What the crisis dialog keeps across its inner dialogs. */
interface CrisisState {
  crisisMode?: Mode;
  /** The lethal-means question was asked in this crisis. */
  meansAsked?: boolean;
  /** The crisis is about the person's own life (the lethal-means step is for that, not for harm from or to others). */
  selfHarm?: boolean;
  /** After an urgent message, the gentle "safe enough for now?" was asked before closing. */
  closeChecked?: boolean;
}

export function modeFor(screening: TurnScreening | undefined): Mode {
  const result = screening?.result;
  if (!result) return 'support';
  const own = result.categories.filter((c) => c !== 'third_party');
  if (result.thirdParty && (result.level !== 'urgent' || own.length === 0)) return 'thirdParty';
  if (result.level === 'urgent') return 'urgent';
  if (result.categories.includes('self_harm_suicide')) return screening.confirm ? 'confirm' : 'check';
  return 'support';
}

/**
 * What the bot does the moment a message shows risk, on top of whatever dialog was running (which
 * reprompts when this one ends). The crisis lines come first, before any question.
 * - urgent: lines and the emergency number, the person's safety plan, what their care team was told and when
 *   to expect a reply, "are you safe right now?" (no → the emergency number and company, nothing that competes
 *   with the call; yes → a lethal-means step and a short grounding exercise), and room to keep writing;
 *   an "ok" / "I'm fine" before leaving gets one more gentle safety question;
 * - concern about suicide: the lines, then the C-SSRS screen (src/safety/cssrs.ts); its answers go on the alert
 *   and a high-risk answer raises it to urgent and gives the urgent response;
 * - a concern the screener asks to confirm: the same questions with the lines visible, and the alert only on
 *   a yes or an unclear answer;
 * - someone else at risk: how to help them (ask directly about suicide), and the same lines;
 * - being harmed by someone: the lines and "are you safe right now?"; harm to others: immediate-safety steps.
 * Every answer given here is screened like any message: a new urgent message switches to the urgent response.
 * An answer that stays unclear after asking again takes the cautious branch.
 */
export class CrisisDialog extends ComponentDialog {
  constructor(private readonly safety: SafetyGuard) {
    super(CRISIS_DIALOG);
    const languageOf = async (context: TurnContext) => (await this.who(context)).language;
    this.addDialog(new AnswerPrompt(ANSWER_PROMPT, parseSafetyAnswer(), languageOf));
    this.addDialog(new AnswerPrompt(SAFE_PROMPT, parseSafetyAnswer({ yes: 'safety.answers.safeYes', no: 'safety.answers.safeNo' }), languageOf));
    this.addDialog(new TextPrompt(LISTEN_PROMPT));
    this.addDialog(new WaterfallDialog(URGENT, [this.urgentStep.bind(this), this.safeAnswerStep.bind(this), this.meansAnswerStep.bind(this)]));
    this.addDialog(new WaterfallDialog(SCREEN, [this.screenAskStep.bind(this), this.screenAnswerStep.bind(this)]));
    this.addDialog(new WaterfallDialog(THIRD_PARTY, [this.thirdPartyStep.bind(this)]));
    this.addDialog(new WaterfallDialog(SUPPORT, [this.supportStep.bind(this), this.harmedSafeStep.bind(this)]));
    this.addDialog(new WaterfallDialog(LISTEN, [this.listenPromptStep.bind(this), this.listenStep.bind(this), this.beforeYouGoStep.bind(this)]));
    this.addDialog(new CountryDialog(safety));
  }

  protected override async onBeginDialog(inner: DialogContext, options?: Partial<CrisisOptions>): Promise<DialogTurnResult> {
    const mode = options?.mode ?? modeFor(turnScreening(inner.context));
    this.crisisState(inner).crisisMode = mode;
    // Where the client is not known, the emergency guidance comes at once, then the question, then the lines.
    return beginWithCountry(inner, this.safety, MODE_DIALOG[mode], this.startOptions(inner.context, mode, options?.repeat));
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
      const state = this.crisisState(inner);
      const current = state.crisisMode ?? 'support';
      // A concern the client was asked about and said no to, now said for certain (the guard alerted): the
      // screen again. While the questions are still being asked, the screen itself takes the answer as a yes.
      const nowCertain = current === 'confirm' && next === 'check' && !inner.stack.some((d) => d.id === SCREEN);
      if (next === 'urgent' || MODE_RANK[next] > MODE_RANK[current] || nowCertain) {
        state.crisisMode = next;
        await inner.cancelAllDialogs();
        return inner.beginDialog(MODE_DIALOG[next], this.startOptions(inner.context, next, true));
      }
    }
    return super.onContinueDialog(inner);
  }

  private startOptions(context: TurnContext, mode: Mode, repeat?: boolean): CrisisOptions | ScreenOptions {
    if (mode !== 'check' && mode !== 'confirm') return { mode, repeat };
    const result = turnScreening(context)?.result;
    return { mode, repeat, answers: {}, ...(mode === 'confirm' ? { categories: result?.categories ?? [], evidence: result?.evidence ?? [] } : {}) };
  }

  /** The crisis dialog's own state (inner dialogs' contexts share its parent). */
  private crisisState(inner: DialogContext): CrisisState {
    return (inner.parent?.activeDialog?.state as CrisisState | undefined) ?? {};
  }

  // --- urgent ---------------------------------------------------------------------------------------

  private async urgentStep(step: WaterfallStepContext<CrisisOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const { language } = await this.who(context);
    const options = step.options;
    const categories = options.afterCheck ? ['self_harm_suicide'] : (turnScreening(context)?.result.categories ?? []);
    const state = this.crisisState(step);
    state.selfHarm = state.selfHarm || categories.includes('self_harm_suicide');
    if (!options.afterCheck) {
      await context.sendActivity(t(language, options.repeat ? 'safety.urgent.openerAgain' : 'safety.urgent.opener'));
      await context.sendActivity(await this.resourcesText(context));
      if (categories.includes('harm_to_others')) await context.sendActivity(t(language, 'safety.support.harmToOthersSafety', { number: (await this.who(context)).emergency }));
    }
    if (!options.repeat) {
      const plan = await this.safety.safetyPlanText(context, language);
      if (plan) await context.sendActivity(plan);
    }
    // Said when this message raised or created the alert (the rise from a concern notifies again).
    const alert = turnScreening(context)?.alert;
    if (!options.afterCheck && (!options.repeat || alert?.notifies)) await context.sendActivity(await this.safety.careTeamNotice(context, language, alert));
    return step.prompt(SAFE_PROMPT, askSafety(context, language, 'safety.urgent.areYouSafe'));
  }

  private async safeAnswerStep(step: WaterfallStepContext<CrisisOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const { language, emergency } = await this.who(context);
    const answer = safetyAnswer(step.result);
    await this.safety.note(context, { event: 'screening_answers', by: 'client', detail: `safe right now: ${answer}` });
    if (answer !== 'yes') {
      // Not safe, or not sure: the emergency number and company, and nothing that competes with the call.
      await context.sendActivity(t(language, answer === 'no' ? 'safety.urgent.safeNo' : 'safety.urgent.safeUnsure', { number: emergency }));
      return step.replaceDialog(LISTEN, { promptKey: 'safety.urgent.stay' });
    }
    await context.sendActivity(t(language, 'safety.urgent.safeYes'));
    const state = this.crisisState(step);
    if (state.meansAsked || !state.selfHarm) return this.groundAndListen(step, language);
    state.meansAsked = true;
    return step.prompt(ANSWER_PROMPT, askSafety(context, language, 'safety.means.ask'));
  }

  /** The lethal-means step: somewhere harder to reach, or with someone they trust; never a method named. */
  private async meansAnswerStep(step: WaterfallStepContext<CrisisOptions>): Promise<DialogTurnResult> {
    const { language } = await this.who(step.context);
    const answer = safetyAnswer(step.result);
    await this.safety.note(step.context, { event: 'screening_answers', by: 'client', detail: `means out of reach: ${answer}` });
    await step.context.sendActivity(t(language, answer === 'yes' ? 'safety.means.yes' : 'safety.means.no'));
    return this.groundAndListen(step, language);
  }

  private async groundAndListen(step: WaterfallStepContext, language: Language): Promise<DialogTurnResult> {
    await step.context.sendActivity(t(language, 'safety.grounding'));
    return step.replaceDialog(LISTEN, { first: true });
  }

  // --- concern about suicide: the C-SSRS screen -------------------------------------------------------

  private async screenAskStep(step: WaterfallStepContext<ScreenOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const options = step.options;
    const { language } = await this.who(context);
    if (!options.introduced) {
      // The lines come first, before any question.
      if (!options.repeat) await context.sendActivity(t(language, options.mode === 'confirm' ? 'safety.confirm.intro' : 'safety.check.intro'));
      await context.sendActivity(await this.resourcesText(context));
      await context.sendActivity(t(language, options.repeat ? 'safety.check.introAgain' : 'safety.check.askIntro'));
      options.introduced = true;
    }
    options.asking = nextQuestion(options.answers, { confirming: options.mode === 'confirm' }) ?? 'wishDead';
    return step.prompt(ANSWER_PROMPT, askSafety(context, language, `safety.check.${options.asking}`));
  }

  private async screenAnswerStep(step: WaterfallStepContext<ScreenOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const options = step.options;
    const { language } = await this.who(context);
    const asked = options.asking ?? 'wishDead';
    const answers: CssrsAnswers = { ...options.answers, [asked]: safetyAnswer(step.result) };
    const wasHigh = isHighRisk(options.answers);

    // The answer itself carried certain risk (the guard alerted on it): the concern is confirmed already.
    if (options.mode === 'confirm' && turnScreening(context)?.alert) options.mode = 'check';
    let raised: RaiseOutcome | undefined;
    let alerted = false;
    if (options.mode === 'confirm' && countsAsYes(answers[asked])) {
      // A yes or an unclear answer confirms the concern: the clinician is told now, with the answers so far.
      raised = await this.safety.escalate(context, { level: 'concern', categories: options.categories ?? ['self_harm_suicide'], evidence: options.evidence ?? [], reason: 'confirmed by the client', screening: answers });
      await this.safety.raiseLevel(context, 'concern');
      // From here on it is a confirmed concern: the whole screen, behaviour question included.
      options.mode = 'check';
      alerted = true;
    }
    if (!wasHigh && isHighRisk(answers)) {
      // High risk by the instrument: urgent now, not after the last question.
      raised = await this.raiseToUrgent(context, answers);
      alerted = true;
    }
    // Unconfirmed, there is no alert of this concern to write to (an older one may still be in the state).
    if (!alerted && options.mode !== 'confirm') await this.safety.recordScreening(context, answers);
    if (alerted) await context.sendActivity(await this.safety.careTeamNotice(context, language, raised));

    const next = nextQuestion(answers, { confirming: options.mode === 'confirm' });
    if (next) {
      if (asked === 'thoughts') await context.sendActivity(t(language, countsAsYes(answers.thoughts) ? 'safety.check.thankYouForTelling' : 'safety.check.oneMore'));
      return step.replaceDialog(SCREEN, { ...options, answers, asking: undefined, introduced: true });
    }
    return this.finishScreen(step, language, answers, options.mode);
  }

  private async finishScreen(step: WaterfallStepContext, language: Language, answers: CssrsAnswers, mode: Mode): Promise<DialogTurnResult> {
    const { context } = step;
    const level = screenLevel(answers);
    if (level === 'urgent') {
      this.crisisState(step).crisisMode = 'urgent';
      return step.replaceDialog(URGENT, { mode: 'urgent', afterCheck: true });
    }
    if (mode === 'confirm' && level === 'none') {
      await context.sendActivity(t(language, 'safety.confirm.clearNo'));
      return step.replaceDialog(LISTEN, { first: true });
    }
    const key = countsAsYes(answers.thoughts) ? 'safety.check.thoughtsNoPlan' : countsAsYes(answers.wishDead) ? 'safety.check.noThoughtsButWish' : 'safety.check.noThoughts';
    await context.sendActivity(t(language, key));
    const plan = await this.safety.safetyPlanText(context, language);
    if (plan) await context.sendActivity(plan);
    return step.replaceDialog(LISTEN, { first: true });
  }

  private async raiseToUrgent(context: TurnContext, answers: CssrsAnswers): Promise<RaiseOutcome | undefined> {
    const categories: RiskCategory[] = [...new Set<RiskCategory>([...(turnScreening(context)?.result.categories ?? []), 'self_harm_suicide'])];
    await this.safety.raiseLevel(context, 'urgent');
    return this.safety.escalate(context, { level: 'urgent', categories, evidence: [], reason: 'screening questions: high risk', screening: answers });
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
    const { language, emergency } = await this.who(context);
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
    if (categories.includes('harmed_by_others')) return step.prompt(SAFE_PROMPT, askSafety(context, language, 'safety.urgent.areYouSafe'));
    if (categories.includes('harm_to_others')) await context.sendActivity(t(language, 'safety.support.harmToOthersSafety', { number: emergency }));
    return step.replaceDialog(LISTEN, { first: true });
  }

  private async harmedSafeStep(step: WaterfallStepContext<CrisisOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const { language, emergency } = await this.who(context);
    const answer = safetyAnswer(step.result);
    await this.safety.note(context, { event: 'screening_answers', by: 'client', detail: `safe right now: ${answer}` });
    if (answer === 'yes') {
      await context.sendActivity(t(language, 'safety.support.harmedSafeYes'));
      return step.replaceDialog(LISTEN, { first: true });
    }
    await context.sendActivity(t(language, 'safety.support.harmedSafeNo', { number: emergency }));
    return step.replaceDialog(LISTEN, { promptKey: 'safety.urgent.stay' });
  }

  // --- staying with them ------------------------------------------------------------------------------

  private async listenPromptStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await this.who(step.context);
    const options = (step.options ?? {}) as { first?: boolean; promptKey?: string };
    const invite = t(language, options.promptKey ?? (options.first ? 'safety.listen.invite' : 'safety.listen.again'));
    // The first invitation also offers to make a safety plan together when the client has none (after the lines).
    return step.prompt(LISTEN_PROMPT, { prompt: options.first ? await withSafetyPlanOffer(step.context, this.safety, invite) : invite });
  }

  private async listenStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await this.who(step.context);
    const text = String(step.result ?? '');
    if (!this.wantsToGoOn(language, text)) {
      await step.context.sendActivity(t(language, 'safety.listen.heard'));
      return step.replaceDialog(LISTEN, { first: false });
    }
    const state = this.crisisState(step);
    if (state.crisisMode === 'urgent' && !state.closeChecked) {
      // After an urgent message one "ok" does not end it: one more gentle question first.
      state.closeChecked = true;
      return step.prompt(SAFE_PROMPT, askSafety(step.context, language, 'safety.listen.beforeYouGo'));
    }
    await step.context.sendActivity(t(language, 'safety.listen.closing'));
    return step.endDialog();
  }

  private async beforeYouGoStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const { language, emergency } = await this.who(context);
    const answer = safetyAnswer(step.result);
    await this.safety.note(context, { event: 'screening_answers', by: 'client', detail: `safe enough before closing: ${answer}` });
    if (answer === 'yes') {
      await context.sendActivity(t(language, 'safety.listen.safeEnough'));
      return step.endDialog();
    }
    await context.sendActivity(t(language, answer === 'no' ? 'safety.urgent.safeNo' : 'safety.urgent.safeUnsure', { number: emergency }));
    return step.replaceDialog(LISTEN, { promptKey: 'safety.urgent.stay' });
  }

  /** "continue", "ok", "I'm fine", or several of them together ("ok I'm fine, thanks"). */
  private wantsToGoOn(language: Language, text: string): boolean {
    if (recognizeCommand(text)) return true;
    const phrases = variants(language, 'safety.answers.goOn')
      .map(normaliseCommandText)
      .sort((a, b) => b.length - a.length);
    let rest = normaliseCommandText(text);
    if (!rest) return false;
    while (rest) {
      const phrase = phrases.find((p) => rest === p || rest.startsWith(`${p} `));
      if (!phrase) return false;
      rest = rest.slice(phrase.length).trim();
    }
    return true;
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
}
