import { TurnContext } from 'botbuilder';
import { Language, t } from '../src/i18n';
import { ClientServices } from '../src/client/clientServices';
import { dayBefore } from '../src/scheduling/schedule';
import { Answers, GuidedReflectionDialog } from './guidedReflectionDialog';
import { chatIdentity } from './prompts/clientContext';
import { formatDate, formatMonthDay, fromMonthDayId } from './prompts/dates';

export const GRIEF_WORK_DIALOG = 'griefWorkDialog';

/** The answers to "would you like a reminder?". */
const REMINDER_OPTIONS = ['dayBefore', 'onTheDay', 'no'];
const wantsReminder = (answers: Answers) => answers.reminder === 'dayBefore' || answers.reminder === 'onTheDay';

/**
 * Grief work: remembering the person and the relationship as it was (good and hard), feelings since the
 * loss, what has changed, and dates that may be hard (anniversaries). A client whose chat can get reminders
 * may ask for a gentle message once a year, the day before such a date or on it.
 */
export class GriefWorkDialog extends GuidedReflectionDialog {
  constructor(services: ClientServices) {
    super(
      GRIEF_WORK_DIALOG,
      {
        area: 'grief',
        nameFrom: 'who',
        questions: [
          { id: 'who', max: 60 },
          { id: 'good', max: 1000 },
          { id: 'hard', max: 1000, skippable: true },
          { id: 'feelings', max: 1000 },
          { id: 'changed', max: 1000 },
          { id: 'anniversary', max: 200, skippable: true },
          { id: 'reminder', choices: REMINDER_OPTIONS, optional: true, when: (answers, context, s) => !!answers.anniversary && s.reminders.available(chatIdentity(context)) },
          { id: 'date', date: { suggestFrom: 'anniversary' }, optional: true, when: wantsReminder },
        ],
        links: ['nudge', 'people'],
        beforeSave: setUpReminder,
      },
      services,
    );
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
