import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { t } from '../src/i18n';
import { ClientServices } from '../src/client/clientServices';
import { OUTCOMES, Reflection } from '../src/client/records';
import { AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { ask } from './prompts/ask';
import { DialogOutcome, ensureClientId, languageOfClient, profileAndLanguage } from './prompts/clientContext';
import { parseChoice } from './prompts/parsers';
import { Answers, GuidedReflectionDialog } from './guidedReflectionDialog';

export const CONNECTIONS_DIALOG = 'connectionsDialog';
const GOAL_DIALOG = 'connectionsGoalDialog';
const WATERFALL = 'connectionsWaterfall';
const OUTCOME_PROMPT = 'connectionsOutcomePrompt';

/** Kinds of small step towards people: someone new, a group, an old friend, or closer to someone known. */
export const CONNECTION_GOAL_KINDS = ['newPerson', 'group', 'reconnect', 'closer'];

/** The answer a returning client's exercise starts with: the goal set last time (the pattern questions are not asked again). */
const LAST_GOAL = 'lastGoal';
const firstTime = (answers: Answers) => answers[LAST_GOAL] === undefined;

/** Patterns across past and present relationships (first time only), then one small connection goal and when. */
class ConnectionGoalDialog extends GuidedReflectionDialog {
  constructor(services: ClientServices) {
    super(
      GOAL_DIALOG,
      {
        area: 'interpersonalDeficits',
        questions: [
          { id: 'pastPattern', max: 1000, when: firstTime },
          { id: 'present', max: 1000, when: firstTime },
          { id: 'hard', max: 1000, skippable: true },
          { id: 'goalKind', choices: CONNECTION_GOAL_KINDS },
          { id: 'goal', max: 300 },
          { id: 'when', max: 100, answering: 'when' },
        ],
        links: ['nudge', 'rehearse'],
      },
      services,
    );
  }
}

/** The newest connection goal the client has not yet said how it went. */
export function openConnectionGoal(reflections: readonly Reflection[]): Reflection | undefined {
  const newest = [...reflections].filter((r) => r.area === 'interpersonalDeficits').sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  return newest?.answers.goal && !newest.answers.outcome ? newest : undefined;
}

/**
 * Building connections (interpersonal deficits / sensitivity, social isolation): one small goal at a time.
 * A goal still open is followed up first (did it happen?); then the next goal. The first time, the client
 * looks at patterns across past and present relationships before choosing.
 */
export class ConnectionsDialog extends ComponentDialog {
  constructor(private readonly services: ClientServices) {
    super(CONNECTIONS_DIALOG);
    this.addDialog(new AnswerPrompt<string>(OUTCOME_PROMPT, parseChoice, languageOfClient(services)));
    this.addDialog(new ConnectionGoalDialog(services));
    this.addDialog(new WaterfallDialog(WATERFALL, [this.followUpStep.bind(this), this.goalStep.bind(this), this.endStep.bind(this)]));
    this.initialDialogId = WATERFALL;
  }

  private async followUpStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const clientId = await ensureClientId(step.context, this.services);
    const mine = (await this.services.clients.reflections(clientId)).filter((r) => r.area === 'interpersonalDeficits');
    const values = step.values as { open?: Reflection; lastGoal?: string };
    values.lastGoal = mine.find((r) => r.answers.goal)?.answers.goal;
    values.open = openConnectionGoal(mine);
    if (!values.open) return step.next();
    const items = OUTCOMES.map((id) => ({ id, key: `interpersonalDeficits.outcome_${id}` }));
    return step.prompt(OUTCOME_PROMPT, ask(step.context, language, { text: { key: 'interpersonalDeficits.askOutcome', vars: { goal: values.open.answers.goal } }, items }));
  }

  private async goalStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const values = step.values as { open?: Reflection; lastGoal?: string };
    if (values.open) {
      const answer = step.result as Parsed<string>;
      if (!answer.ok) {
        await step.context.sendActivity(t(language, 'prompts.gaveUp'));
        return step.endDialog({ showMenu: true } satisfies DialogOutcome);
      }
      await this.services.clients.saveReflection({ ...values.open, answers: { ...values.open.answers, outcome: answer.value } });
      await step.context.sendActivity(t(language, `interpersonalDeficits.outcomeSaid_${answer.value}`));
    }
    return step.beginDialog(GOAL_DIALOG, { index: 0, answers: values.lastGoal ? { [LAST_GOAL]: values.lastGoal } : {} });
  }

  private async endStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }
}
