import { Attachment, CardFactory, MessageFactory } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, PromptOptions, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { Language, SUPPORTED_LANGUAGES, t, variants } from '../src/i18n';
import { normaliseCommandText } from '../src/bot/commands';
import { ClientServices } from '../src/client/clientServices';
import { problemDocId } from '../src/client/clientRepository';
import { Problem } from '../src/client/records';
import { endsList } from './prompts/listEnd';
import { Answer, AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { ask, ChoiceItem, isTeams } from './prompts/ask';
import { DialogOutcome, ensureClientId, languageOfClient, profileAndLanguage } from './prompts/clientContext';
import { parseChoice, parseText } from './prompts/parsers';
import { readPlanMoment } from './prompts/planTime';
import { DEFAULT_FOLLOW_UP_MS, promiseFollowUp } from './prompts/followUpReminder';
import { formatDateTime } from './prompts/dates';
import { ADAPTIVE_CARD } from '../src/adaptiveCard';

export const PROBLEM_SOLVING_DIALOG = 'problemSolvingDialog';
const START_WATERFALL = 'problemStartWaterfall';
const LOOP_WATERFALL = 'problemLoopWaterfall';
const DRAFT_PROMPT = 'problemDraftPrompt';
const DEFINE_PROMPT = 'problemDefinePrompt';
const OPTION_PROMPT = 'problemOptionPrompt';
const PROS_CONS_PROMPT = 'problemProsConsPrompt';
const CHOOSE_PROMPT = 'problemChoosePrompt';
const STEP_PROMPT = 'problemStepPrompt';
const WHEN_PROMPT = 'problemWhenPrompt';

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 6;
const DONE = '__done__';

/** Options: continue a given draft, or start a revision of a reviewed plan (same problem, new options). */
export interface ProblemSolvingOptions {
  problemId?: string;
  reviseFrom?: string;
}

function isDoneWord(text: string | undefined): boolean {
  const typed = normaliseCommandText(text ?? '');
  return endsList(text) || SUPPORTED_LANGUAGES.some((l) => [...variants(l, 'prompts.done'), ...variants(l, 'problem.doneButton')].map(normaliseCommandText).includes(typed));
}

/** An option, or "done" (typed in any language, or the Done button). */
function parseOption(answer: Answer, options: PromptOptions): Parsed<string> {
  const choice = answer.value && typeof answer.value === 'object' ? (answer.value as Record<string, unknown>).choice : undefined;
  if ((choice === 'done' && !answer.text) || isDoneWord(answer.text)) return { ok: true, value: DONE };
  return parseText({ max: 200 })(answer, options) as Parsed<string>;
}

/**
 * The problem-solving walk-through: define the problem → options (2 to 6) → pros and cons of each →
 * choose → a first step and when → saved as a plan. Every answer is written to the draft in the client's
 * records at once, so a walk-through cut off by "cancel", a crisis or a restart picks up where it stopped
 * (or is discarded) the next time.
 */
export class ProblemSolvingDialog extends ComponentDialog {
  constructor(private readonly services: ClientServices) {
    super(PROBLEM_SOLVING_DIALOG);
    this.addDialog(new AnswerPrompt<string>(DRAFT_PROMPT, parseChoice, languageOfClient(services)));
    this.addDialog(new AnswerPrompt<string | undefined>(DEFINE_PROMPT, parseText({ max: 500, minWords: 3 }), languageOfClient(services)));
    this.addDialog(new AnswerPrompt<string>(OPTION_PROMPT, parseOption, languageOfClient(services)));
    this.addDialog(new AnswerPrompt<string | undefined>(PROS_CONS_PROMPT, parseText({ max: 300, skippable: true }), languageOfClient(services)));
    this.addDialog(new AnswerPrompt<string>(CHOOSE_PROMPT, parseChoice, languageOfClient(services)));
    this.addDialog(new AnswerPrompt<string | undefined>(STEP_PROMPT, parseText({ max: 300 }), languageOfClient(services)));
    this.addDialog(new AnswerPrompt<string | undefined>(WHEN_PROMPT, parseText({ max: 100 }), languageOfClient(services)));
    this.addDialog(new WaterfallDialog(START_WATERFALL, [this.draftStep.bind(this), this.draftAnswerStep.bind(this)]));
    this.addDialog(new WaterfallDialog(LOOP_WATERFALL, [this.askStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = START_WATERFALL;
  }

  /** A draft left unfinished: continue it or start afresh. */
  private async draftStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const clientId = await ensureClientId(step.context, this.services);
    const options = (step.options ?? {}) as ProblemSolvingOptions;
    if (options.reviseFrom) {
      const old = await this.services.clients.getProblem(clientId, options.reviseFrom);
      const revision = await this.services.clients.newProblem(clientId, old?.definition);
      return step.replaceDialog(LOOP_WATERFALL, { problemId: revision.id });
    }
    const draft = options.problemId ? await this.services.clients.getProblem(clientId, options.problemId) : await this.services.clients.draftProblem(clientId);
    if (!draft || draft.stage === 'define') {
      const problem = draft ?? (await this.services.clients.newProblem(clientId));
      await step.context.sendActivity(t(language, 'problem.intro'));
      return step.replaceDialog(LOOP_WATERFALL, { problemId: problem.id });
    }
    (step.values as Record<string, unknown>).problemId = draft.id;
    return step.prompt(
      DRAFT_PROMPT,
      ask(step.context, language, {
        text: { key: 'problem.resumeDraft', vars: { problem: draft.definition ?? '' } },
        items: [
          { id: 'continue', key: 'problem.continueButton' },
          { id: 'discard', key: 'problem.discardButton' },
        ],
      }),
    );
  }

  private async draftAnswerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const clientId = await ensureClientId(step.context, this.services);
    const answer = step.result as Parsed<string>;
    const draft = await this.services.clients.getProblem(clientId, (step.values as Record<string, unknown>).problemId as string);
    if (!answer.ok || !draft) {
      await step.context.sendActivity(t(language, 'problem.draftKept'));
      return step.endDialog({ showMenu: true } satisfies DialogOutcome);
    }
    if (answer.value === 'discard') {
      await this.services.clients.saveProblem({ ...draft, stage: 'discarded' });
      await step.context.sendActivity(t(language, 'problem.discarded'));
      const fresh = await this.services.clients.newProblem(clientId);
      return step.replaceDialog(LOOP_WATERFALL, { problemId: fresh.id });
    }
    await step.context.sendActivity(t(language, 'problem.resuming'));
    return step.replaceDialog(LOOP_WATERFALL, { problemId: draft.id });
  }

  private async load(step: WaterfallStepContext): Promise<Problem | undefined> {
    const clientId = await ensureClientId(step.context, this.services);
    return this.services.clients.getProblem(clientId, (step.options as { problemId: string }).problemId);
  }

  /** Asks the question the draft's stage calls for. */
  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const problem = await this.load(step);
    if (!problem) return step.endDialog({ showMenu: true } satisfies DialogOutcome);
    const option = problem.options[problem.cursor];
    switch (problem.stage) {
      case 'define':
        return step.prompt(DEFINE_PROMPT, ask(step.context, language, { text: { key: 'problem.askDefine' }, retries: { tooVague: { key: 'problem.defineVague' }, tooLong: { key: 'problem.defineTooLong' } } }));
      case 'options': {
        const key = problem.options.length === 0 ? 'problem.askFirstOption' : problem.options.length < MIN_OPTIONS ? 'problem.askAnotherOption' : 'problem.askMoreOptions';
        const items: ChoiceItem[] = problem.options.length >= MIN_OPTIONS ? [{ id: 'done', key: 'problem.doneButton' }] : [];
        return step.prompt(OPTION_PROMPT, ask(step.context, language, { text: { key, vars: { n: problem.options.length + 1 } }, items }));
      }
      case 'pros':
        return step.prompt(PROS_CONS_PROMPT, ask(step.context, language, { text: { key: 'problem.askPros', vars: { option: option?.text ?? '' } }, items: [{ id: 'skip', key: 'checkin.skipButton' }] }));
      case 'cons':
        return step.prompt(PROS_CONS_PROMPT, ask(step.context, language, { text: { key: 'problem.askCons', vars: { option: option?.text ?? '' } }, items: [{ id: 'skip', key: 'checkin.skipButton' }] }));
      case 'choose': {
        await step.context.sendActivity(this.summary(step, language, problem));
        const options = ask(step.context, language, {
          text: { key: 'problem.askChoose' },
          items: problem.options.map((o, i) => ({ id: `option:${i}`, title: isTeams(step.context) ? o.text.slice(0, 40) : String(i + 1) })),
          retries: { unknownChoice: { key: 'problem.chooseRetry', vars: { count: problem.options.length } } },
        });
        // The option's own words count as much as its number ("the one with Ana", "writing her is best").
        options.choices = problem.options.map((o, i) => ({ value: `option:${i}`, synonyms: [String(i + 1), o.text] }));
        return step.prompt(CHOOSE_PROMPT, options);
      }
      case 'firstStep':
        return step.prompt(STEP_PROMPT, ask(step.context, language, { text: { key: 'problem.askFirstStep', vars: { option: problem.options[problem.chosen ?? 0]?.text ?? '' } } }));
      case 'when':
        return step.prompt(WHEN_PROMPT, ask(step.context, language, { text: { key: 'problem.askWhen' }, answering: 'when' }));
      default:
        return step.endDialog();
    }
  }

  /** Writes the answer into the draft, moves it on a stage, and loops. */
  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const problem = await this.load(step);
    if (!problem) return step.endDialog({ showMenu: true } satisfies DialogOutcome);
    const answer = step.result as Parsed<string | undefined>;
    const value = answer.ok ? answer.value : answer.fallback;
    const skippable = problem.stage === 'pros' || problem.stage === 'cons';
    if (!answer.ok && value === undefined) {
      await step.context.sendActivity(t(language, 'problem.draftKept'));
      return step.endDialog({ showMenu: true } satisfies DialogOutcome);
    }
    const next: Problem = { ...problem, options: problem.options.map((o) => ({ ...o })) };
    switch (problem.stage) {
      case 'define':
        next.definition = value;
        next.stage = 'options';
        break;
      case 'options':
        if (value === DONE) {
          if (next.options.length < MIN_OPTIONS) {
            await step.context.sendActivity(t(language, 'problem.needTwoOptions'));
            break;
          }
          next.stage = 'pros';
          next.cursor = 0;
          break;
        }
        next.options.push({ text: value as string });
        if (next.options.length >= MAX_OPTIONS) {
          await step.context.sendActivity(t(language, 'problem.enoughOptions', { max: MAX_OPTIONS }));
          next.stage = 'pros';
          next.cursor = 0;
        }
        break;
      case 'pros':
        if (skippable && value) next.options[next.cursor].pros = value;
        next.stage = 'cons';
        break;
      case 'cons':
        if (value) next.options[next.cursor].cons = value;
        if (next.cursor + 1 < next.options.length) {
          next.cursor += 1;
          next.stage = 'pros';
        } else {
          next.stage = 'choose';
        }
        break;
      case 'choose':
        next.chosen = Number((value as string).slice('option:'.length));
        next.stage = 'firstStep';
        break;
      case 'firstStep':
        next.firstStep = value;
        next.stage = 'when';
        break;
      case 'when': {
        next.when = value;
        next.stage = 'planned';
        const moment = readPlanMoment(value, language, this.services.clock.now(), (await profileAndLanguage(step.context, this.services)).profile.timeZone);
        next.followUpAt = moment?.over.toISOString();
        (step.values as { remindAt?: Date }).remindAt = moment?.remindAt ?? new Date(this.services.clock.now().getTime() + DEFAULT_FOLLOW_UP_MS);
        break;
      }
      default:
        return step.endDialog();
    }
    const saved = await this.services.clients.saveProblem(next);
    if (saved.stage === 'planned') {
      await step.context.sendActivity(t(language, 'problem.planned', { step: saved.firstStep ?? '', when: saved.when ?? '' }));
      const about = { docId: problemDocId(saved.id), updatedAt: saved.updatedAt };
      const promised = await promiseFollowUp(step.context, this.services, 'problemFollowUp', (step.values as { remindAt: Date }).remindAt, about);
      if (promised.by === 'own') await step.context.sendActivity(t(language, 'problem.reminderSet', { next: formatDateTime(language, promised.nextDueAt, promised.timeZone) }));
      return step.endDialog();
    }
    return step.replaceDialog(LOOP_WATERFALL, { problemId: saved.id });
  }

  /** The options with their pros and cons: an Adaptive Card on Teams, a short text list elsewhere. */
  private summary(step: WaterfallStepContext, language: Language, problem: Problem) {
    if (isTeams(step.context)) {
      const card: Attachment = CardFactory.adaptiveCard({
        ...ADAPTIVE_CARD,
        body: [
          { type: 'TextBlock', text: t(language, 'problem.summaryTitle'), weight: 'Bolder', wrap: true },
          { type: 'TextBlock', text: problem.definition ?? '', wrap: true, isSubtle: true },
          ...problem.options.map((o, i) => ({
            type: 'Container',
            separator: true,
            items: [
              { type: 'TextBlock', text: `${i + 1}. ${o.text}`, weight: 'Bolder', wrap: true },
              {
                type: 'FactSet',
                facts: [
                  { title: t(language, 'problem.prosLabel'), value: o.pros ?? '–' },
                  { title: t(language, 'problem.consLabel'), value: o.cons ?? '–' },
                ],
              },
            ],
          })),
        ],
      });
      return MessageFactory.attachment(card);
    }
    const lines = problem.options.map((o, i) =>
      t(language, 'problem.summaryLine', { n: i + 1, option: o.text, pros: o.pros ?? '–', cons: o.cons ?? '–' }),
    );
    return MessageFactory.text([t(language, 'problem.summaryTitle'), ...lines].join('\n\n'));
  }
}
