import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStep, WaterfallStepContext } from 'botbuilder-dialogs';
import { DateTime } from 'luxon';
import { Language, t } from '../src/i18n';
import { ClientServices } from '../src/client/clientServices';
import { localDate, NewCommunicationAnalysis } from '../src/client/clientRepository';
import { CheckIn } from '../src/client/records';
import { AnswerParser, AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { ask, ChoiceItem, YES_NO } from './prompts/ask';
import { DialogOutcome, ensureClientId, languageOfClient, profileAndLanguage } from './prompts/clientContext';
import { parseChoice, parsePersonName, parseText, parseYesNo } from './prompts/parsers';
import { stopKeepingDraft, takeDraft } from './prompts/drafts';

export const COMMUNICATION_ANALYSIS_DIALOG = 'communicationAnalysisDialog';
const WATERFALL = 'communicationAnalysisWaterfall';
const PICK_PROMPT = 'analysisPickPrompt';
const WHO_PROMPT = 'analysisWhoPrompt';
const SAID_PROMPT = 'analysisSaidPrompt';
const ANSWER_PROMPT = 'analysisAnswerPrompt';
const SHARE_PROMPT = 'analysisSharePrompt';
const NEW_INTERACTION = 'new';
const CHECK_IN_CHOICE = 'checkIn:';
/** The pick step's answer when an analysis stopped half-way is carried on. */
const RESUMED = 'resumed';
/** How far back check-ins are offered, and how many of them. */
const LOOKBACK_DAYS = 14;
const MAX_OFFERED = 4;

/** The questions after "what was said", in order; each answer is kept under its field name. */
const QUESTIONS = ['felt', 'otherFelt', 'understood', 'differently'] as const;
type Field = 'said' | (typeof QUESTIONS)[number];

type Draft = Partial<NewCommunicationAnalysis>;

const personName = parsePersonName({ max: 60, relationAsName: true });
/** Who the exchange was with: a name out of a sentence ("with my sister Ana" → Ana), or a relation ("my dad" → Dad). */
const personNameOnly: AnswerParser<string | undefined> = (answer, options) => {
  const parsed = personName(answer, options);
  return parsed.ok ? { ok: true, value: parsed.value.name } : { ok: false, reason: parsed.reason };
};
/** Started from a check-in: the exchange to look at, so the client is not asked to pick it again. */
export interface CommunicationAnalysisOptions {
  checkInDate: string;
  personName: string;
  personId?: string;
}
const PREFILLED = 'prefilled';

/**
 * Communication analysis: a recent exchange (from the check-ins, or a new one) → what was said, word for
 * word as far as remembered → what the client felt and wanted → what the other person may have felt and
 * wanted → what was understood → what could be said differently → saved, shared with the clinician only
 * if the client says so. Nothing is stored until the end, so a cancelled analysis leaves no record.
 */
export class CommunicationAnalysisDialog extends ComponentDialog {
  constructor(private readonly services: ClientServices) {
    super(COMMUNICATION_ANALYSIS_DIALOG);
    const languageOf = languageOfClient(services);
    this.addDialog(new AnswerPrompt<string>(PICK_PROMPT, parseChoice, languageOf));
    this.addDialog(new AnswerPrompt<string | undefined>(WHO_PROMPT, personNameOnly, languageOf));
    this.addDialog(new AnswerPrompt<string | undefined>(SAID_PROMPT, parseText({ max: 1000 }), languageOf));
    this.addDialog(new AnswerPrompt<string | undefined>(ANSWER_PROMPT, parseText({ max: 500 }), languageOf));
    this.addDialog(new AnswerPrompt<boolean>(SHARE_PROMPT, parseYesNo, languageOf));
    const steps: WaterfallStep[] = [
      this.pickStep.bind(this),
      this.whoStep.bind(this),
      this.saidStep.bind(this),
      ...QUESTIONS.map((field, i) => this.questionStep(i === 0 ? 'said' : QUESTIONS[i - 1], field)),
      this.shareStep.bind(this),
      this.saveStep.bind(this),
    ];
    this.addDialog(new WaterfallDialog(WATERFALL, steps));
    this.initialDialogId = WATERFALL;
  }

  private draft(step: WaterfallStepContext): Draft {
    return step.values as Draft;
  }

  /** Stops after answers not understood, keeping what was written for the next analysis to carry on from. */
  private async giveUp(step: WaterfallStepContext, language: Language): Promise<DialogTurnResult> {
    const { personName, personId, checkInDate, said, felt, otherFelt, understood } = this.draft(step);
    await stopKeepingDraft(step.context, this.services, language, COMMUNICATION_ANALYSIS_DIALOG, { personName, personId, checkInDate, said, felt, otherFelt, understood });
    return step.endDialog({ showMenu: true } satisfies DialogOutcome);
  }

  /** Recent check-ins that named someone, newest first, one per person. */
  private async recentInteractions(clientId: string, timeZone: string | undefined): Promise<CheckIn[]> {
    const now = this.services.clock.now();
    const since = localDate(DateTime.fromJSDate(now).minus({ days: LOOKBACK_DAYS }).toJSDate(), timeZone);
    const checkIns = (await this.services.clients.checkInsSince(clientId, since)).filter((c) => c.interaction).reverse();
    const seen = new Set<string>();
    return checkIns.filter((c) => {
      const name = (c.interaction?.name ?? '').toLowerCase();
      if (seen.has(name)) return false;
      seen.add(name);
      return true;
    }).slice(0, MAX_OFFERED);
  }

  private async pickStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { profile, language } = await profileAndLanguage(step.context, this.services);
    const clientId = await ensureClientId(step.context, this.services);
    await step.context.sendActivity(t(language, 'analysis.intro'));
    const given = step.options as Partial<CommunicationAnalysisOptions> | undefined;
    if (given?.checkInDate && given.personName) {
      Object.assign(this.draft(step), { personName: given.personName, personId: given.personId, checkInDate: given.checkInDate });
      return step.next({ ok: true, value: PREFILLED } satisfies Parsed<string>);
    }
    const kept = await takeDraft<Draft>(step.context, this.services, COMMUNICATION_ANALYSIS_DIALOG);
    if (kept?.personName) {
      Object.assign(this.draft(step), kept);
      await step.context.sendActivity(t(language, 'prompts.draftResumed'));
      return step.next({ ok: true, value: RESUMED } satisfies Parsed<string>);
    }
    const recent = await this.recentInteractions(clientId, profile.timeZone);
    if (recent.length === 0) return step.next({ ok: true, value: NEW_INTERACTION } satisfies Parsed<string>);
    const items: ChoiceItem[] = recent.map((c) => ({
      id: `${CHECK_IN_CHOICE}${c.localDate}`,
      title: `${c.interaction?.name ?? ''} · ${DateTime.fromISO(c.localDate).setLocale(language).toFormat('d LLL')}`,
    }));
    items.push({ id: NEW_INTERACTION, key: 'analysis.someoneElseButton' });
    return step.prompt(PICK_PROMPT, ask(step.context, language, { text: { key: 'analysis.askPick' }, items }));
  }

  /** A check-in's person is taken as is; for a new exchange, who it was with. */
  private async whoStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<string>;
    if (!answer.ok) return this.giveUp(step, language);
    if (answer.value === RESUMED || answer.value === PREFILLED) return step.next();
    if (answer.value !== NEW_INTERACTION) {
      const clientId = await ensureClientId(step.context, this.services);
      const date = answer.value.slice(CHECK_IN_CHOICE.length);
      const checkIn = (await this.services.clients.checkInsSince(clientId, date)).find((c) => c.localDate === date);
      if (!checkIn?.interaction) return this.giveUp(step, language);
      Object.assign(this.draft(step), { personName: checkIn.interaction.name, personId: checkIn.interaction.personId, checkInDate: date });
      return step.next();
    }
    return step.prompt(WHO_PROMPT, ask(step.context, language, { text: { key: 'analysis.askWho' }, retries: { empty: { key: 'analysis.whoRetry' }, tooLong: { key: 'analysis.whoRetry' } } }));
  }

  private async saidStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const draft = this.draft(step);
    if (!draft.personName) {
      const answer = step.result as Parsed<string | undefined>;
      if (!answer.ok || !answer.value) return this.giveUp(step, language);
      draft.personName = answer.value;
    }
    if (draft.said) return step.next({ ok: true, value: draft.said } satisfies Parsed<string>);
    return step.prompt(SAID_PROMPT, ask(step.context, language, { text: { key: 'analysis.ask_said', vars: { name: draft.personName } } }));
  }

  /** Keeps the answer to `previous` and asks `field`. */
  private questionStep(previous: Field, field: (typeof QUESTIONS)[number]): WaterfallStep {
    return async (step) => {
      const { language } = await profileAndLanguage(step.context, this.services);
      const answer = step.result as Parsed<string | undefined>;
      if (!answer.ok || !answer.value) return this.giveUp(step, language);
      const draft = this.draft(step);
      draft[previous] = answer.value;
      const given = draft[field];
      if (given) return step.next({ ok: true, value: given } satisfies Parsed<string>);
      return step.prompt(ANSWER_PROMPT, ask(step.context, language, { text: { key: `analysis.ask_${field}`, vars: { name: draft.personName ?? '' } } }));
    };
  }

  private async shareStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<string | undefined>;
    if (!answer.ok || !answer.value) return this.giveUp(step, language);
    const draft = this.draft(step);
    draft.differently = answer.value;
    return step.prompt(SHARE_PROMPT, ask(step.context, language, { text: { key: 'analysis.askShare' }, items: YES_NO }));
  }

  /** Saved either way; without a clear yes it stays private. */
  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<boolean>;
    const share = answer.ok && answer.value;
    const draft = this.draft(step);
    const clientId = await ensureClientId(step.context, this.services);
    await this.services.clients.addCommunicationAnalysis(clientId, {
      personName: draft.personName ?? '',
      personId: draft.personId,
      checkInDate: draft.checkInDate,
      said: draft.said ?? '',
      felt: draft.felt ?? '',
      otherFelt: draft.otherFelt ?? '',
      understood: draft.understood ?? '',
      differently: draft.differently ?? '',
      shareWithClinician: share,
    });
    await step.context.sendActivity(t(language, share ? 'analysis.savedShared' : 'analysis.savedPrivate', { name: draft.personName ?? '' }));
    return step.endDialog();
  }
}
