import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { DateTime } from 'luxon';
import { Language, t } from '../src/i18n';
import { ClientServices } from '../src/client/clientServices';
import { CourseReview, reviewCourse } from '../src/client/courseReview';
import { MAX_KEEP_WELL_ANSWER } from '../src/client/keepWellPlan';
import { AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { ask, ChoiceItem, YES_NO } from './prompts/ask';
import { chatIdentity, ensureClientId, languageOfClient, profileAndLanguage } from './prompts/clientContext';
import { parseText, parseYesNo } from './prompts/parsers';
import { KEEP_WELL_DIALOG, KeepWellOptions, KeepWellPlanDialog } from './keepWellPlanDialog';

export const ENDING_WORK_DIALOG = 'endingWorkDialog';
const ENDING_WATERFALL = 'endingWorkWaterfall';
const TEXT_PROMPT = 'endingWorkText';
const YES_NO_PROMPT = 'endingWorkYesNo';
const SKIP: ChoiceItem = { id: 'skip', key: 'checkin.skipButton' };

/**
 * The ending of the course, as IPT ends treatment: what changed, shown from the client's own records
 * (counts, said gently), what helped, feelings about ending treated as a role transition, credit to the
 * client for the change; then the keep-well plan.
 */
export class EndingWorkDialog extends ComponentDialog {
  constructor(private readonly services: ClientServices) {
    super(ENDING_WORK_DIALOG);
    const languageOf = languageOfClient(services);
    this.addDialog(new AnswerPrompt<string | undefined>(TEXT_PROMPT, parseText({ max: MAX_KEEP_WELL_ANSWER, skippable: true }), languageOf));
    this.addDialog(new AnswerPrompt<boolean>(YES_NO_PROMPT, parseYesNo, languageOf));
    this.addDialog(new KeepWellPlanDialog(services));
    this.addDialog(
      new WaterfallDialog(ENDING_WATERFALL, [this.reviewStep.bind(this), this.helpedStep.bind(this), this.feelingsStep.bind(this), this.planStep.bind(this), this.doneStep.bind(this)]),
    );
    this.initialDialogId = ENDING_WATERFALL;
  }

  private async reviewStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { profile, language } = await profileAndLanguage(step.context, this.services);
    const clientId = await ensureClientId(step.context, this.services);
    const course = await this.services.course.courseOf(chatIdentity(step.context));
    const zone = course?.timeZone ?? profile.timeZone ?? 'UTC';
    const today = DateTime.fromJSDate(this.services.clock.now(), { zone }).toISODate() ?? '';
    const [checkIns, people, problems, nudges] = await Promise.all([
      this.services.clients.checkInsSince(clientId, course?.courseStart ?? '0000-01-01'),
      this.services.clients.people(clientId),
      this.services.clients.problems(clientId),
      this.services.clients.nudges(clientId),
    ]);
    // Without a programme course, the client's first check-in stands for the start.
    const courseStart = course?.courseStart ?? checkIns.map((c) => c.localDate).sort()[0] ?? today;
    const review = reviewCourse({ checkIns, people, problems, nudges }, { courseStart }, today);
    await step.context.sendActivity([t(language, course ? 'ending.intro' : 'ending.introNoCourse'), ...reviewLines(language, review)].join(' '));
    return step.prompt(TEXT_PROMPT, ask(step.context, language, { text: { key: 'ending.ask_whatHelped' }, items: [SKIP] }));
  }

  private async helpedStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await this.keep(step, 'whatHelped');
    const { language } = await profileAndLanguage(step.context, this.services);
    return step.prompt(TEXT_PROMPT, ask(step.context, language, { text: { key: 'ending.ask_endingFeelings' }, items: [SKIP] }));
  }

  private async feelingsStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await this.keep(step, 'endingFeelings');
    const { language } = await profileAndLanguage(step.context, this.services);
    await step.context.sendActivity([t(language, 'ending.transition'), t(language, 'ending.credit')].join(' '));
    return step.prompt(YES_NO_PROMPT, ask(step.context, language, { text: { key: 'ending.offerPlan' }, items: YES_NO }));
  }

  private async planStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as Parsed<boolean>;
    if (answer.ok && answer.value) return step.beginDialog(KEEP_WELL_DIALOG, { build: true } satisfies KeepWellOptions);
    const { language } = await profileAndLanguage(step.context, this.services);
    await step.context.sendActivity(t(language, 'ending.planLater'));
    return step.endDialog();
  }

  private async doneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog();
  }

  /** What the client wrote, saved at once with the keep-well plan (a skip or an unclear answer keeps nothing). */
  private async keep(step: WaterfallStepContext, field: 'whatHelped' | 'endingFeelings'): Promise<void> {
    const answer = step.result as Parsed<string | undefined>;
    if (!answer.ok || answer.value === undefined) return;
    await this.services.clients.keepWellPlans.save(await ensureClientId(step.context, this.services), { [field]: answer.value });
  }
}

/** What changed, from the client's records: only what there is to say, never a zero said as a failure. */
export function reviewLines(language: Language, review: CourseReview): string[] {
  const lines: string[] = [];
  if (review.checkIns > 0) lines.push(t(language, 'ending.checkIns', { count: review.checkIns }));
  if (review.moodThen !== undefined && review.moodNow !== undefined) {
    lines.push(t(language, 'ending.moodThenNow', { then: review.moodThen, now: review.moodNow }));
    lines.push(t(language, review.moodNow > review.moodThen ? 'ending.moodUp' : 'ending.moodNotUp'));
  }
  if (review.peopleAdded > 0) lines.push(t(language, 'ending.people', { count: review.peopleAdded }));
  if (review.plansMade > 0) lines.push(t(language, 'ending.plans', { made: review.plansMade, done: review.plansDone }));
  if (review.contactsMade > 0) lines.push(t(language, 'ending.contacts', { count: review.contactsMade }));
  if (lines.length === 0) lines.push(t(language, 'ending.nothingRecorded'));
  return lines;
}
