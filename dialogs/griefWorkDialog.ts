import { TurnContext } from 'botbuilder';
import { Language, t } from '../src/i18n';
import { ClientServices } from '../src/client/clientServices';
import { dayBefore } from '../src/scheduling/schedule';
import { Answers, GuidedReflectionDialog } from './guidedReflectionDialog';
import { FollowUpFirstDialog, reflectionLoop } from './followUpFirstDialog';
import { chatIdentity, ensureClientId } from './prompts/clientContext';
import { formatDate, formatMonthDay, fromMonthDayId } from './prompts/dates';

export const GRIEF_WORK_DIALOG = 'griefWorkDialog';
const REFLECTION_DIALOG = 'griefWorkReflection';

/** The answers to "would you like a reminder?". */
const REMINDER_OPTIONS = ['dayBefore', 'onTheDay', 'no'];
const wantsReminder = (answers: Answers) => answers.reminder === 'dayBefore' || answers.reminder === 'onTheDay';

/**
 * Re-investing in people and activities comes later in grief work, once the loss and the relationship have
 * been talked through: here, when the client has done this exercise before.
 */
async function toldBefore(context: TurnContext, services: ClientServices): Promise<boolean> {
  const clientId = await ensureClientId(context, services);
  return (await services.clients.reflections(clientId)).some((r) => r.area === 'grief');
}

/**
 * Grief work, as IPT does it: the story of the loss (what happened, the days after), the relationship as
 * it really was — good memories and hard ones, so the person is not idealised —, feelings since, what has
 * changed, and dates that may be hard (anniversaries; a client whose chat can get reminders may ask for a
 * gentle message once a year). On later visits it also turns to re-investing: someone to see more of, or
 * something to make room for, with one small step that is asked about next time.
 */
class GriefWorkReflection extends GuidedReflectionDialog {
  constructor(services: ClientServices) {
    super(
      REFLECTION_DIALOG,
      {
        area: 'grief',
        nameFrom: 'who',
        questions: [
          { id: 'who', max: 60 },
          { id: 'story', max: 2000, skippable: true },
          { id: 'good', max: 1000 },
          { id: 'hard', max: 1000, skippable: true },
          { id: 'feelings', max: 1000 },
          { id: 'changed', max: 1000 },
          { id: 'anniversary', max: 200, skippable: true },
          { id: 'reminder', choices: REMINDER_OPTIONS, optional: true, when: (answers, context, s) => !!answers.anniversary && s.reminders.available(chatIdentity(context)) },
          { id: 'date', date: { suggestFrom: 'anniversary' }, optional: true, when: wantsReminder },
          { id: 'reinvest', max: 1000, skippable: true, when: (_answers, context, s) => toldBefore(context, s) },
          { id: 'firstStep', max: 500, skippable: true, when: (answers) => !!answers.reinvest },
        ],
        links: ['nudge', 'people'],
        savedKey: (answers) => (answers.firstStep ? 'grief.saved_step' : answers.reinvest === undefined ? 'grief.saved' : 'grief.saved_later'),
        beforeSave: setUpReminder,
      },
      services,
    );
  }
}

/** Grief work, after asking whether last time's small step towards people or activities happened. */
export class GriefWorkDialog extends FollowUpFirstDialog {
  constructor(services: ClientServices) {
    super(GRIEF_WORK_DIALOG, new GriefWorkReflection(services), reflectionLoop('grief', 'firstStep', 'loops.askGriefStep', (a) => ({ step: a.firstStep ?? '' })), services);
  }
}

/** The yearly reminder the client asked for, and a sentence saying when it comes (or why it cannot). */
async function setUpReminder(context: TurnContext, answers: Answers, language: Language, services: ClientServices): Promise<void> {
  if (!wantsReminder(answers)) return;
  const date = answers.date ? fromMonthDayId(answers.date) : undefined;
  if (!date) {
    await context.sendActivity(t(language, 'grief.reminderNoDate'));
    return;
  }
  const result = await services.reminders.remindYearly(chatIdentity(context), answers.reminder === 'dayBefore' ? dayBefore(date) : date);
  const vars = { date: formatMonthDay(language, date) };
  if (!result.ok) {
    await context.sendActivity(t(language, `grief.reminder_${result.reason}`, vars));
    return;
  }
  const first = formatDate(language, result.nextDueAt, result.timeZone);
  await context.sendActivity(t(language, `grief.reminderSet_${answers.reminder}`, { ...vars, first }));
}
