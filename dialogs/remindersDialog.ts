import { TurnContext } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { DateTime } from 'luxon';
import { Language, t } from '../src/i18n';
import { ClientServices } from '../src/client/clientServices';
import { FALLBACK_ZONE, validZone } from '../src/client/clientRepository';
import { ClientSchedules } from '../src/scheduling/clientSchedule';
import { ReminderChange } from '../src/client/clientReminders';
import { PROGRAMME_REMINDER_KINDS, ReminderKind } from '../src/programmes/schemas';
import { AnswerParser, AnswerPrompt, Parsed } from './prompts/answerPrompt';
import { ask, ChoiceItem } from './prompts/ask';
import { chatIdentity, DialogOutcome, ensureClientId, languageOfClient, profileAndLanguage } from './prompts/clientContext';
import { formatDateTime } from './prompts/dates';
import { parseChoice } from './prompts/parsers';

export const REMINDERS_DIALOG = 'remindersDialog';
const WATERFALL = 'remindersWaterfall';
const WHICH_PROMPT = 'remindersWhich';
const TIME_PROMPT = 'remindersTime';
const KEEP: ChoiceItem = { id: 'keep', key: 'reminders.keepButton' };
const OWN_SET = 'ownSet';
const OWN_STOP = 'ownStop';
/** Kinds whose time of day the client may move: the programme's (an anniversary is at a set time on its date). */
const MOVABLE: readonly ReminderKind[] = PROGRAMME_REMINDER_KINDS;

/**
 * "My reminders": what the programme sends and when, and moving one to another time of day. Changes land
 * on the programme's schedule, so the clinic sees them too.
 */
export class RemindersDialog extends ComponentDialog {
  constructor(private readonly services: ClientServices) {
    super(REMINDERS_DIALOG);
    const languageOf = languageOfClient(services);
    this.addDialog(new AnswerPrompt<string>(WHICH_PROMPT, parseChoice, languageOf));
    this.addDialog(new AnswerPrompt<string>(TIME_PROMPT, parseTimeOfDay, languageOf));
    this.addDialog(new WaterfallDialog(WATERFALL, [this.listStep.bind(this), this.whichStep.bind(this), this.changeStep.bind(this)]));
    this.initialDialogId = WATERFALL;
  }

  private async listStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const list = await this.services.reminders.list(chatIdentity(step.context));
    if (!list) {
      if (this.services.ownReminders) return this.ownStep(step, language, this.services.ownReminders);
      await step.context.sendActivity(t(language, 'reminders.notLinked'));
      return step.endDialog();
    }
    if (list.reminders.length === 0) {
      await step.context.sendActivity(t(language, 'reminders.none'));
      return step.endDialog();
    }
    const lines = list.reminders.map((r) =>
      t(language, r.paused || !r.nextDueAt ? 'reminders.lineStopped' : 'reminders.line', {
        kind: t(language, `reminders.kind_${r.kind}`),
        next: r.nextDueAt ? formatDateTime(language, r.nextDueAt, list.timeZone) : '',
      }),
    );
    const movable = [...new Set(list.reminders.filter((r) => MOVABLE.includes(r.kind) && !r.paused).map((r) => r.kind))];
    await step.context.sendActivity([t(language, 'reminders.listIntro'), ...lines].join('\n\n'));
    if (movable.length === 0) return step.endDialog();
    const items: ChoiceItem[] = [...movable.map((kind) => ({ id: kind, key: `reminders.kind_${kind}` })), KEEP];
    return step.prompt(WHICH_PROMPT, ask(step.context, language, { text: { key: 'reminders.askWhich' }, items }));
  }

  /** Without a programme: the client's own daily check-in time, to set, change or stop. */
  private async ownStep(step: WaterfallStepContext, language: Language, own: ClientSchedules): Promise<DialogTurnResult> {
    const clientId = await ensureClientId(step.context, this.services);
    const current = (await own.get(clientId))?.dailyCheckIn;
    const lines = [t(language, 'reminders.ownIntro'), ...(current ? [t(language, 'reminders.ownCurrent', { time: current })] : [])];
    const items: ChoiceItem[] = [{ id: OWN_SET, key: 'reminders.ownSetButton' }, ...(current ? [{ id: OWN_STOP, key: 'reminders.ownStopButton' }] : []), KEEP];
    return step.prompt(WHICH_PROMPT, ask(step.context, language, { text: lines.join(' '), items }));
  }

  private async whichStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<string>;
    if (!answer.ok) return giveUp(step, language);
    if (answer.value === KEEP.id) {
      await step.context.sendActivity(t(language, 'reminders.kept'));
      return step.endDialog();
    }
    if (answer.value === OWN_STOP && this.services.ownReminders) {
      await this.services.ownReminders.stop(await ensureClientId(step.context, this.services));
      await step.context.sendActivity(t(language, 'reminders.ownStopped'));
      return step.endDialog();
    }
    if (answer.value === OWN_SET) {
      (step.values as { kind?: string }).kind = OWN_SET;
      return step.prompt(TIME_PROMPT, ask(step.context, language, { text: { key: 'reminders.ownAskTime' }, answering: 'when' }));
    }
    (step.values as { kind?: string }).kind = answer.value;
    return step.prompt(TIME_PROMPT, ask(step.context, language, { text: { key: 'reminders.askTime', vars: { kind: t(language, `reminders.kind_${answer.value}`) } }, answering: 'when' }));
  }

  private async setOwn(step: WaterfallStepContext, language: Language, own: ClientSchedules, time: string): Promise<DialogTurnResult> {
    const { profile } = await profileAndLanguage(step.context, this.services);
    const result = await own.setDailyCheckIn(await ensureClientId(step.context, this.services), time, ownSetting(step.context, profile.timeZone));
    if (!result.ok) {
      await step.context.sendActivity(t(language, result.reason === 'quietHours' ? 'reminders.ownQuiet' : 'reminders.changeFailed'));
      return step.endDialog();
    }
    await step.context.sendActivity(t(language, 'reminders.ownSet', { time, next: formatDateTime(language, result.nextDueAt, result.timeZone) }));
    return step.endDialog();
  }

  private async changeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { language } = await profileAndLanguage(step.context, this.services);
    const answer = step.result as Parsed<string>;
    if (!answer.ok) return giveUp(step, language);
    const kind = (step.values as { kind: ReminderKind | typeof OWN_SET }).kind;
    if (kind === OWN_SET && this.services.ownReminders) return this.setOwn(step, language, this.services.ownReminders, answer.value);
    if (kind === OWN_SET) return step.endDialog();
    const change = await this.services.reminders.changeTime(chatIdentity(step.context), kind, answer.value);
    await step.context.sendActivity(changeText(language, change, 'reminders.timeChanged', { kind: t(language, `reminders.kind_${kind}`) }));
    return step.endDialog();
  }
}

/** Where the client's own reminders go: this very chat. */
function ownSetting(context: TurnContext, timeZone: string | undefined) {
  return { timeZone: validZone(timeZone) ? timeZone : FALLBACK_ZONE, conversationReference: TurnContext.getConversationReference(context.activity) as Record<string, unknown> };
}

/** No usable answer after the reprompt: nothing changes, and the menu is offered. */
async function giveUp(step: WaterfallStepContext, language: Language): Promise<DialogTurnResult> {
  await step.context.sendActivity(t(language, 'prompts.gaveUp'));
  return step.endDialog({ showMenu: true } satisfies DialogOutcome);
}

/** The sentence for a change: `okKey` with {next} when it worked, else why it did not. */
export function changeText(language: Language, change: ReminderChange, okKey: string, vars: Record<string, string> = {}): string {
  if (!change.ok) return t(language, change.reason === 'notLinked' ? 'reminders.notLinked' : 'reminders.changeFailed');
  return t(language, change.nextDueAt ? okKey : 'reminders.changedNoNext', { ...vars, next: change.nextDueAt ? formatDateTime(language, change.nextDueAt, change.timeZone) : '' });
}

/** Typed times of day, as luxon reads them: "20:30", "8:30pm", "8 pm", "8pm", "20h", "20h30", "20.30". */
const TIME_FORMATS = ['H:mm', 'H.mm', "H'h'mm", "H'h'", 'h:mm a', 'h:mma', 'h a', 'ha', 'H'];

/** A time of day as "HH:mm"; reprompts with an example otherwise. */
export const parseTimeOfDay: AnswerParser<string> = (answer) => {
  if (!answer.text) return { ok: false, reason: answer.value === undefined ? 'empty' : 'badCard' };
  const text = answer.text
    .trim()
    .toLowerCase()
    .replace(/^(at|a las|a la)\s+/, '')
    .replace(/\b([ap])\.?\s?m\.?$/, '$1m')
    .replace(/\s+/g, ' ');
  if (!text) return { ok: false, reason: 'empty' };
  for (const format of TIME_FORMATS) {
    const parsed = DateTime.fromFormat(text, format, { locale: 'en' });
    if (parsed.isValid) return { ok: true, value: parsed.toFormat('HH:mm') };
  }
  return { ok: false, reason: 'badTime' };
};
