import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { t, variants } from '../src/i18n';
import { ClientServices } from '../src/client/clientServices';
import { AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { ask, ChoiceItem } from './prompts/ask';
import { DialogOutcome, languageOfClient, profileAndLanguage } from './prompts/clientContext';
import { parseChoice } from './prompts/parsers';

export const PSYCHOEDUCATION_DIALOG = 'psychoeducationDialog';
const LOOP_WATERFALL = 'psychoeducationLoop';
const CHOICE_PROMPT = 'psychoeducationChoicePrompt';

/** The topics, in reading order; each one's pieces are the ordered list `learn.pieces_<topic>`. */
export const TOPICS = ['moodAndPeople', 'problemAreas', 'courseWeeks', 'sickRole'] as const;
export type Topic = (typeof TOPICS)[number];

/** Where the reader is: the topic list (no topic), or one piece of a topic. */
export interface Place {
  topic?: Topic;
  piece: number;
  /** First screen of this visit: greet before the list. */
  first?: boolean;
}

const MORE = 'more';
const BACK = 'back';
const DONE = 'done';

/**
 * Psychoeducation in short pieces: how mood and relationships affect each other, the four problem areas,
 * what the weeks of the course look like, and the "sick role" during recovery. Every piece offers "tell me
 * more" (the next piece, then the next topic) and "back" (the previous piece, then the topic list).
 */
export class PsychoeducationDialog extends ComponentDialog {
  constructor(private readonly services: ClientServices) {
    super(PSYCHOEDUCATION_DIALOG);
    this.addDialog(new AnswerPrompt<string>(CHOICE_PROMPT, parseChoice, languageOfClient(services)));
    this.addDialog(new WaterfallDialog(LOOP_WATERFALL, [this.showStep.bind(this), this.moveStep.bind(this)]));
    this.initialDialogId = LOOP_WATERFALL;
  }

  private place(step: WaterfallStepContext): Place {
    const options = (step.options ?? {}) as Partial<Place>;
    return { topic: options.topic, piece: options.piece ?? 0, first: options.first ?? options.topic === undefined };
  }

  private async showStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const { topic, piece, first } = this.place(step);
    const done: ChoiceItem = { id: DONE, key: 'learn.doneButton' };
    if (!topic) {
      if (first) await step.context.sendActivity(t(language, 'learn.intro'));
      const items: ChoiceItem[] = [...TOPICS.map((id) => ({ id, key: `learn.topic_${id}` })), done];
      return step.prompt(CHOICE_PROMPT, ask(step.context, language, { text: { key: 'learn.chooseTopic' }, items }));
    }
    const pieces = variants(language, `learn.pieces_${topic}`);
    return step.prompt(
      CHOICE_PROMPT,
      ask(step.context, language, {
        text: { key: 'learn.piece', vars: { text: pieces[piece] ?? '', n: piece + 1, total: pieces.length } },
        items: [{ id: MORE, key: 'learn.moreButton' }, { id: BACK, key: 'learn.backButton' }, done],
      }),
    );
  }

  private async moveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<string>;
    if (!answer.ok) {
      await step.context.sendActivity(t(language, 'prompts.gaveUp'));
      return step.endDialog({ showMenu: true } satisfies DialogOutcome);
    }
    if (answer.value === DONE) {
      await step.context.sendActivity(t(language, 'learn.bye'));
      return step.endDialog();
    }
    const { topic, piece } = this.place(step);
    if (!topic) return step.replaceDialog(LOOP_WATERFALL, { topic: answer.value as Topic, piece: 0 } satisfies Place);
    const count = variants(language, `learn.pieces_${topic}`).length;
    if (answer.value === BACK) return step.replaceDialog(LOOP_WATERFALL, (piece > 0 ? { topic, piece: piece - 1 } : { piece: 0, first: false }) satisfies Place);
    if (piece + 1 < count) return step.replaceDialog(LOOP_WATERFALL, { topic, piece: piece + 1 } satisfies Place);
    const next = TOPICS[TOPICS.indexOf(topic) + 1];
    if (next) {
      await step.context.sendActivity(t(language, 'learn.nextTopic', { topic: t(language, `learn.topic_${next}`) }));
      return step.replaceDialog(LOOP_WATERFALL, { topic: next, piece: 0 } satisfies Place);
    }
    await step.context.sendActivity(t(language, 'learn.allRead'));
    return step.replaceDialog(LOOP_WATERFALL, { piece: 0, first: false } satisfies Place);
  }
}
