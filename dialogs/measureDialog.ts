import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { Language, t } from '../src/i18n';
import { ClientServices } from '../src/client/clientServices';
import { INSTRUMENT_IDS, INSTRUMENTS, InstrumentId } from '../src/measures/instruments';
import { isStale, MeasureDraft } from '../src/measures/draft';
import { recogniseAnswer } from '../src/measures/answers';
import { Answer, AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { ask, ChoiceItem } from './prompts/ask';
import { chatIdentity, DialogOutcome, ensureClientId, languageOfClient, profileAndLanguage } from './prompts/clientContext';
import { bandOf, change } from '../src/measures/scoring';
import { maxTotal } from '../src/measures/instruments';
import { CRISIS_DIALOG } from './crisisDialog';

export const MEASURE_DIALOG = 'measureDialog';
const START = 'measureStart';
const ITEM_LOOP = 'measureItem';
const ANSWER_PROMPT = 'measureAnswerPrompt';

/** What a client gets when they ask for "the questionnaire": the course's two measures. */
export const DEFAULT_INSTRUMENTS: readonly InstrumentId[] = ['phq9', 'gad7'];

export interface MeasureDialogOptions {
  /** Which instruments, in order; the defaults when absent. */
  instruments?: InstrumentId[];
  source?: MeasureDraft['source'];
}

/** A button's id (`'2'`) or a typed answer ("more than half the days", "casi todos los días", "2"). */
function parseAnswer(answer: Answer): Parsed<number> {
  const choice = answer.value && typeof answer.value === 'object' ? (answer.value as Record<string, unknown>).choice : undefined;
  const raw = typeof choice === 'string' || typeof choice === 'number' ? String(choice) : answer.text;
  if (raw === undefined || raw.trim() === '') return { ok: false, reason: answer.value ? 'badCard' : 'empty' };
  const value = recogniseAnswer(raw);
  return value === undefined ? { ok: false, reason: 'unknownChoice' } : { ok: true, value };
}

/** The client's own score in plain words, and how it compares with last time (a reliable change only). */
function plainScore(language: Language, id: InstrumentId, total: number, previous: number | undefined): string {
  const instrument = INSTRUMENTS[id];
  const words = t(language, 'measures.yourScore', { title: instrument.title, total, max: maxTotal(instrument), band: t(language, `measures.band_${bandOf(instrument, total)}`) });
  if (previous === undefined) return words;
  const moved = change(instrument, previous, total).reliable;
  return `${words} ${t(language, moved === 'improved' ? 'measures.scoreChange_better' : moved === 'worsened' ? 'measures.scoreChange_worse' : 'measures.scoreChange_same')}`;
}

/**
 * The PHQ-9 and GAD-7 in the chat, one item a turn, in the published wording with the four published
 * answers as buttons. Progress lives in the person's chat state (`measureDraft`), so the questionnaire
 * survives a pause, a crisis and a restart, and "questionnaire" picks it up again; one left for more than
 * a day starts again, since its answers would describe different weeks. A finished instrument is scored
 * and stored; nothing half-answered is. A non-zero answer to PHQ-9 item 9 goes to safety at once: the
 * alert is stored, then the crisis dialog's screening questions begin.
 */
export class MeasureDialog extends ComponentDialog {
  constructor(private readonly services: ClientServices) {
    super(MEASURE_DIALOG);
    this.addDialog(new AnswerPrompt<number>(ANSWER_PROMPT, parseAnswer, languageOfClient(services)));
    this.addDialog(new WaterfallDialog(START, [this.startStep.bind(this)]));
    this.addDialog(new WaterfallDialog(ITEM_LOOP, [this.askStep.bind(this), this.answerStep.bind(this), this.afterCrisisStep.bind(this)]));
    this.initialDialogId = START;
  }

  private async startStep(step: WaterfallStepContext<MeasureDialogOptions>): Promise<DialogTurnResult> {
    const { profile, language } = await profileAndLanguage(step.context, this.services);
    const wanted = (step.options?.instruments ?? []).filter((id) => (INSTRUMENT_IDS as readonly string[]).includes(id));
    const draft = profile.measureDraft;
    const now = this.services.clock.now();
    const continues = draft && draft.queue.length > 0 && (wanted.length === 0 || wanted[0] === draft.queue[0]);
    if (draft && continues && !isStale(draft, now)) {
      if (draft.answers.length > 0) await step.context.sendActivity(t(language, 'measures.resumed'));
      else await step.context.sendActivity(t(language, 'measures.intro'));
      return step.replaceDialog(ITEM_LOOP);
    }
    if (draft && continues) {
      await step.context.sendActivity(t(language, 'measures.restarted'));
    } else {
      await step.context.sendActivity(t(language, 'measures.intro'));
    }
    const queue = continues && draft ? draft.queue : wanted.length > 0 ? wanted : [...DEFAULT_INSTRUMENTS];
    profile.measureDraft = { queue, answers: [], startedAt: now.toISOString(), source: step.options?.source ?? draft?.source ?? 'client' };
    await this.services.profileAccessor.set(step.context, profile);
    return step.replaceDialog(ITEM_LOOP);
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { profile, language } = await profileAndLanguage(step.context, this.services);
    const draft = profile.measureDraft;
    if (!draft || draft.queue.length === 0) return step.endDialog();
    const instrument = INSTRUMENTS[draft.queue[0]];
    const index = draft.answers.length;
    const text = instrument.text[language];
    const items: ChoiceItem[] = text.answers.map((title, value) => ({ id: String(value), title }));
    const header = t(language, 'measures.itemHeader', { title: instrument.title, n: index + 1, count: instrument.itemCodes.length });
    return step.prompt(
      ANSWER_PROMPT,
      ask(step.context, language, {
        text: `${header}\n\n${text.stem}\n\n**${text.items[index]}**`,
        items,
        retries: { unknownChoice: t(language, 'measures.retry'), empty: t(language, 'measures.retry'), badCard: t(language, 'measures.retry') },
      }),
    );
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const { profile, language } = await profileAndLanguage(context, this.services);
    const draft = profile.measureDraft;
    if (!draft || draft.queue.length === 0) return step.endDialog();
    const now = this.services.clock.now();
    if (isStale(draft, now)) {
      // The question was asked yesterday or before: this answer would mix fortnights.
      await context.sendActivity(t(language, 'measures.restarted'));
      profile.measureDraft = { ...draft, answers: [], startedAt: now.toISOString() };
      await this.services.profileAccessor.set(context, profile);
      return step.replaceDialog(ITEM_LOOP);
    }
    const result = step.result as Parsed<number>;
    if (!result.ok) {
      await context.sendActivity(t(language, 'measures.gaveUp'));
      return step.endDialog({ showMenu: true } satisfies DialogOutcome);
    }
    const instrument = INSTRUMENTS[draft.queue[0]];
    draft.answers.push(result.value);
    const item = draft.answers.length;
    const safetyItem = instrument.safetyItem === item && result.value > 0;
    if (safetyItem && this.services.safetyReferral) {
      // Safety first: the alert is stored before anything else, carrying the item's answer.
      await this.services.safetyReferral.referSafetyItem(context, { instrument: instrument.title, item, value: result.value, answer: instrument.text.en.answers[result.value] });
    }
    if (item >= instrument.itemCodes.length) await this.finishInstrument(step, language, draft, !safetyItem);
    profile.measureDraft = draft.queue.length > 0 ? draft : undefined;
    await this.services.profileAccessor.set(context, profile);
    if (safetyItem && step.findDialog(CRISIS_DIALOG)) return step.beginDialog(CRISIS_DIALOG, { mode: 'check' });
    return this.continueOrClose(step, language, profile.measureDraft);
  }

  /** After the crisis questions a PHQ-9 item 9 led to: what remains waits until the client asks for it. */
  private async afterCrisisStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog();
  }

  private async continueOrClose(step: WaterfallStepContext, language: Language, draft: MeasureDraft | undefined): Promise<DialogTurnResult> {
    if (draft && draft.queue.length > 0) {
      if (draft.answers.length === 0) await step.context.sendActivity(t(language, `measures.introNext_${draft.queue[0]}`));
      return step.replaceDialog(ITEM_LOOP);
    }
    await step.context.sendActivity(t(language, 'measures.done'));
    return step.endDialog();
  }

  /** Scores and stores the finished instrument, and moves the draft to the next one. */
  private async finishInstrument(step: WaterfallStepContext, language: Language, draft: MeasureDraft, mayShowScore: boolean): Promise<void> {
    const { profile } = await profileAndLanguage(step.context, this.services);
    const clientId = await ensureClientId(step.context, this.services);
    const [id, ...rest] = draft.queue;
    const earlier = mayShowScore ? await this.services.clients.measures(clientId, id) : [];
    const stored = await this.services.clients.addMeasure(clientId, { instrument: id, language, startedAt: draft.startedAt, answers: draft.answers, source: draft.source, timeZone: profile.timeZone });
    await this.services.lowMood?.check(step.context, clientId, profile.timeZone);
    // After a positive safety item the crisis questions come first; a score then would be beside the point.
    if (mayShowScore && (await this.services.measureSettings.showScoresToClient(chatIdentity(step.context)))) {
      await step.context.sendActivity(plainScore(language, stored.instrument, stored.total, earlier.at(-1)?.total));
    }
    draft.queue = rest;
    draft.answers = [];
    draft.startedAt = this.services.clock.now().toISOString();
  }
}
