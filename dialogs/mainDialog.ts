import { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { ComponentDialog, Dialog, DialogContext, DialogReason, DialogSet, DialogState, DialogTurnResult, DialogTurnStatus, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { Language, t } from '../src/i18n';
import { Profile } from '../src/bot/profile';
import { Command, recognizeCommand } from '../src/bot/commands';
import { ClientServiceOptions, ClientServices, clientServices } from '../src/client/clientServices';
import { languageOf } from './dialogContext';
import { NAME_DIALOG, NameDialog } from './nameDialog';
import { ONBOARDING_DIALOG, OnboardingDialog, OnboardingResult } from './onboardingDialog';
import { CONNECTIONS_DIALOG, ConnectionsDialog } from './connectionsDialog';
import { CHECK_IN_DIALOG, CheckInDialog, CheckInOutcome } from './checkInDialog';
import { PROBLEM_SOLVING_DIALOG, ProblemSolvingDialog } from './problemSolvingDialog';
import { PROBLEM_FOLLOW_UP_DIALOG, ProblemFollowUpDialog } from './problemFollowUpDialog';
import { INVENTORY_DIALOG, InventoryDialog } from './inventoryDialog';
import { SOCIAL_NUDGE_DIALOG, SocialNudgeDialog } from './socialNudgeDialog';
import { MY_WEEK_DIALOG, MyWeekDialog } from './myWeekDialog';
import { LANGUAGE_DIALOG, LanguageDialog } from './languageDialog';
import { TIME_ZONE_DIALOG, TimeZoneDialog } from './timeZoneDialog';
import { DELETE_DATA_DIALOG, DeleteDataDialog } from './deleteDataDialog';
import { WITHDRAW_CONSENT_DIALOG, WithdrawConsentDialog } from './withdrawConsentDialog';
import { PSYCHOEDUCATION_DIALOG, PsychoeducationDialog } from './psychoeducationDialog';
import { COMMUNICATION_ANALYSIS_DIALOG, CommunicationAnalysisDialog } from './communicationAnalysisDialog';
import { REHEARSAL_DIALOG, RehearsalDialog } from './rehearsalDialog';
import { SCRIPTS_DIALOG, ScriptsDialog } from './scriptsDialog';
import { GRIEF_WORK_DIALOG, GriefWorkDialog } from './griefWorkDialog';
import { ROLE_DISPUTE_DIALOG, RoleDisputeDialog } from './roleDisputeDialog';
import { ROLE_TRANSITION_DIALOG, RoleTransitionDialog } from './roleTransitionDialog';
import { REMINDERS_DIALOG, RemindersDialog, changeText } from './remindersDialog';
import { MEASURE_DIALOG, MeasureDialog } from './measureDialog';
import { questionnaireRequest } from '../src/measures/answers';
import { SAFETY_PLAN_CHOICE, SAFETY_PLAN_DIALOG, SafetyPlanDialog, SafetyPlanOptions } from './safetyPlanDialog';
import { ENDING_WORK_DIALOG, EndingWorkDialog } from './endingWorkDialog';
import { KEEP_WELL_DIALOG, KeepWellPlanDialog } from './keepWellPlanDialog';
import { sendDataExport } from './exportData';
import { ChoiceItem, question } from './prompts/ask';
import { chatIdentity, saveProfile } from './prompts/clientContext';
import { exerciseItems, IntentId, isItemTitle, MENU_ITEMS, recognizeIntent } from './prompts/intents';
import { reflectBack } from './prompts/reflectBack';
import { courseNote, withPhaseFirst } from './prompts/coursePhase';
import { crisisResponseDue } from '../src/safety/turnScreening';
import { REMINDER_KINDS, ReminderKind } from '../src/programmes/schemas';
import { SNOOZE_MINUTES } from '../src/scheduling/reminderSender';
import { OWN_REMINDER_KINDS, OwnReminderKind } from '../src/scheduling/clientSchedule';
import { ReminderChange } from '../src/client/clientReminders';

export const MAIN_DIALOG = 'mainDialog';
const MAIN_WATERFALL = 'mainWaterfall';

/** The dialog each menu item starts (help is answered directly). */
const MENU_DIALOGS: Partial<Record<IntentId, string>> = {
  checkIn: CHECK_IN_DIALOG,
  problem: PROBLEM_SOLVING_DIALOG,
  followUp: PROBLEM_FOLLOW_UP_DIALOG,
  people: INVENTORY_DIALOG,
  nudge: SOCIAL_NUDGE_DIALOG,
  week: MY_WEEK_DIALOG,
  learn: PSYCHOEDUCATION_DIALOG,
  analyse: COMMUNICATION_ANALYSIS_DIALOG,
  rehearse: REHEARSAL_DIALOG,
  scripts: SCRIPTS_DIALOG,
  grief: GRIEF_WORK_DIALOG,
  roleDispute: ROLE_DISPUTE_DIALOG,
  roleTransition: ROLE_TRANSITION_DIALOG,
  connections: CONNECTIONS_DIALOG,
  safetyPlan: SAFETY_PLAN_DIALOG,
  ending: ENDING_WORK_DIALOG,
  keepWell: KEEP_WELL_DIALOG,
};

/** Commands that open a small dialog on top of whatever is running; the interrupted question is asked again after. */
const COMMAND_DIALOGS: Partial<Record<Command, string>> = {
  language: LANGUAGE_DIALOG,
  timeZone: TIME_ZONE_DIALOG,
  delete: DELETE_DATA_DIALOG,
  withdraw: WITHDRAW_CONSENT_DIALOG,
  reminders: REMINDERS_DIALOG,
  safetyPlan: SAFETY_PLAN_DIALOG,
};

/** What the crisis dialog hands over when the client asks for a safety plan from it ("make a safety plan together"). */
const SAFETY_PLAN_FROM_CRISIS = { safetyPlanFromCrisis: true } as const;
const isSafetyPlanFromCrisis = (value: unknown): boolean => typeof value === 'object' && value !== null && (value as { safetyPlanFromCrisis?: unknown }).safetyPlanFromCrisis === true;

/** "My safety plan" typed, or its button tapped (the menu item, the crisis response's offer). */
function asksForSafetyPlan(context: TurnContext): boolean {
  const { text, value } = context.activity;
  if (text) return recognizeCommand(text) === 'safetyPlan';
  return typeof value === 'object' && value !== null && (value as { choice?: unknown }).choice === SAFETY_PLAN_CHOICE;
}

/** The reminder a "later" button on a reminder card puts off (`{ choice: 'snooze', reminder }`), if this is that tap. */
function snoozeTap(context: TurnContext): ReminderKind | undefined {
  const value = context.activity.value as { choice?: unknown; reminder?: unknown } | undefined;
  if (context.activity.text || !value || typeof value !== 'object' || value.choice !== 'snooze') return undefined;
  return (REMINDER_KINDS as readonly unknown[]).includes(value.reminder) ? (value.reminder as ReminderKind) : undefined;
}

/** Whether `id` runs anywhere on the stack, inside other dialogs too (a questionnaire starts the crisis questions inside itself). */
function runs(dc: DialogContext | undefined, id: string): boolean {
  for (let context = dc; context; context = context.child) if (context.activeDialog?.id === id) return true;
  return false;
}

/**
 * The root of every conversation: onboarding (consent first) for a newcomer, then routes what they typed
 * or pressed — a command, a menu button, or free text matched to a menu item. Commands interrupt whatever
 * dialog is running.
 */
export class MainDialog extends ComponentDialog {
  private readonly services: ClientServices;
  /** Safety: the dialog put on top of the stack when the turn's screening calls for it. */
  private crisisDialog?: Dialog;

  constructor(
    private readonly profileAccessor: StatePropertyAccessor<Profile>,
    options: ClientServiceOptions,
  ) {
    super(MAIN_DIALOG);
    this.services = clientServices(profileAccessor, options);
    this.addDialog(new NameDialog(profileAccessor));
    this.addDialog(new OnboardingDialog(this.services));
    this.addDialog(new CheckInDialog(this.services));
    this.addDialog(new ProblemSolvingDialog(this.services));
    this.addDialog(new ProblemFollowUpDialog(this.services));
    this.addDialog(new InventoryDialog(this.services));
    this.addDialog(new SocialNudgeDialog(this.services));
    this.addDialog(new MyWeekDialog(this.services));
    this.addDialog(new LanguageDialog(this.services));
    this.addDialog(new TimeZoneDialog(this.services));
    this.addDialog(new DeleteDataDialog(this.services));
    this.addDialog(new WithdrawConsentDialog(this.services));
    this.addDialog(new PsychoeducationDialog(this.services));
    this.addDialog(new CommunicationAnalysisDialog(this.services));
    this.addDialog(new RehearsalDialog(this.services));
    this.addDialog(new ScriptsDialog(this.services));
    this.addDialog(new GriefWorkDialog(this.services));
    this.addDialog(new RoleDisputeDialog(this.services));
    this.addDialog(new RoleTransitionDialog(this.services));
    this.addDialog(new ConnectionsDialog(this.services));
    this.addDialog(new RemindersDialog(this.services));
    this.addDialog(new MeasureDialog(this.services));
    this.addDialog(new SafetyPlanDialog(this.services));
    this.addDialog(new EndingWorkDialog(this.services));
    this.addDialog(new KeepWellPlanDialog(this.services));
    this.addDialog(new WaterfallDialog(MAIN_WATERFALL, [this.gateStep.bind(this), this.routeStep.bind(this), this.afterStep.bind(this)]));
    this.initialDialogId = MAIN_WATERFALL;
  }

  /** Continues the running dialog, or starts this one. */
  async run(context: TurnContext, dialogStateAccessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(dialogStateAccessor);
    dialogSet.add(this);
    if (this.crisisDialog) dialogSet.add(this.crisisDialog);
    const dialogContext = await dialogSet.createContext(context);
    // Safety first: a message that shows risk pauses whatever runs; the paused dialog reprompts when the crisis dialog ends.
    if (this.crisisDialog && crisisResponseDue(context) && !runs(dialogContext, this.crisisDialog.id)) {
      await dialogContext.beginDialog(this.crisisDialog.id);
      return;
    }
    // "Make a safety plan together" from the crisis response (its lines are in the chat above): the crisis
    // dialog hands over to the plan; what it had paused comes back after.
    if (this.crisisDialog && dialogContext.activeDialog?.id === this.crisisDialog.id && !crisisResponseDue(context) && asksForSafetyPlan(context)) {
      const ended = await dialogContext.endDialog(SAFETY_PLAN_FROM_CRISIS);
      if (ended.status !== DialogTurnStatus.waiting) await dialogContext.beginDialog(this.id, SAFETY_PLAN_FROM_CRISIS);
      return;
    }
    const result = await dialogContext.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dialogContext.beginDialog(this.id);
  }

  /** Safety: IptBot hands over the crisis dialog (it needs the safety services). */
  useCrisisDialog(dialog: Dialog): void {
    this.crisisDialog = dialog;
  }

  /** Back from the crisis dialog: the safety plan when the client asked for it there, else the paused question again. */
  override async resumeDialog(outer: DialogContext, reason: DialogReason, result?: unknown): Promise<DialogTurnResult> {
    if (!isSafetyPlanFromCrisis(result)) return super.resumeDialog(outer, reason, result);
    const turn = await this.createChildContext(outer).beginDialog(SAFETY_PLAN_DIALOG, { fromCrisis: true } satisfies SafetyPlanOptions);
    return turn.status === DialogTurnStatus.waiting ? Dialog.EndOfTurn : this.endComponent(outer, turn.result);
  }

  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(inner)) ?? super.onContinueDialog(inner);
  }

  /** Commands that work mid-dialog. Returns a result when the command was handled. */
  private async interrupt(inner: DialogContext): Promise<DialogTurnResult | undefined> {
    if (await this.answerSnooze(inner.context)) {
      await inner.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    const command = recognizeCommand(inner.context.activity.text);
    if (!command || command === 'name' || command === 'start') return undefined;
    const language = await this.language(inner.context);
    if (command === 'help') {
      await inner.context.sendActivity(t(language, 'main.help'));
      await inner.context.sendActivity(t(language, 'menu.commandsHelp'));
      await inner.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    if (await this.runSettingCommand(inner.context, command, language)) {
      await inner.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    const commandDialog = COMMAND_DIALOGS[command];
    // The same command again while its dialog runs starts it afresh rather than stacking a second one.
    if (commandDialog) return inner.activeDialog?.id === commandDialog ? inner.replaceDialog(commandDialog) : inner.beginDialog(commandDialog);
    await inner.cancelAllDialogs();
    if (command === 'cancel') {
      await inner.context.sendActivity(t(language, 'main.cancelled'));
    } else {
      await this.sendMenu(inner.context, language, 'main.menuIntro');
    }
    return { status: DialogTurnStatus.cancelled };
  }

  /** "Later" on a reminder card: the reminder comes again in an hour. True when this turn was that tap. */
  private async answerSnooze(context: TurnContext): Promise<boolean> {
    const kind = snoozeTap(context);
    if (!kind) return false;
    const language = await this.language(context);
    let change = await this.services.reminders.snooze(chatIdentity(context), kind, SNOOZE_MINUTES);
    if (!change.ok && change.reason === 'notLinked') change = (await this.snoozeOwn(context, kind)) ?? change;
    await context.sendActivity(changeText(language, change, 'reminders.snoozed'));
    return true;
  }

  /** "Later" on a reminder the client set for themselves (no programme): once more in an hour, to the same chat. */
  private async snoozeOwn(context: TurnContext, kind: ReminderKind): Promise<ReminderChange | undefined> {
    const own = this.services.ownReminders;
    const clientId = (await this.profileAccessor.get(context, {})).clientId;
    if (!own || !clientId || !(OWN_REMINDER_KINDS as readonly string[]).includes(kind)) return undefined;
    const settings = await own.get(clientId);
    if (!settings) return undefined;
    const at = new Date(this.services.clock.now().getTime() + SNOOZE_MINUTES * 60_000);
    const { timeZone, conversationReference, quietHours } = settings;
    const result = await own.remindOnce(clientId, kind as OwnReminderKind, at, { timeZone, conversationReference, ...(quietHours ? { quietHours } : {}) });
    return result.ok ? result : undefined;
  }

  /** Commands answered in one message: pause/resume reminders, export. True when handled. */
  private async runSettingCommand(context: TurnContext, command: Command, language: Language): Promise<boolean> {
    if (command === 'export') {
      await sendDataExport(context, this.services);
      return true;
    }
    if (command !== 'pause' && command !== 'resume') return false;
    const profile = await this.profileAccessor.get(context, {});
    if (!profile.consent?.given) {
      await context.sendActivity(t(language, 'menu.needsConsent'));
      return true;
    }
    profile.remindersPaused = command === 'pause';
    await saveProfile(context, this.services, profile);
    await context.sendActivity(t(language, command === 'pause' ? 'menu.paused' : 'menu.resumed'));
    return true;
  }

  /** A newcomer (no consent answer yet) goes through onboarding first; "help" is answered regardless. */
  private async gateStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const profile = await this.profileAccessor.get(step.context, {});
    const command = recognizeCommand(step.context.activity.text);
    if (!profile.consent && command !== 'help' && command !== 'export' && command !== 'delete') return step.beginDialog(ONBOARDING_DIALOG);
    return step.next();
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (isSafetyPlanFromCrisis(step.options)) return step.beginDialog(SAFETY_PLAN_DIALOG, { fromCrisis: true } satisfies SafetyPlanOptions);
    const language = await this.language(step.context);
    const profile = await this.profileAccessor.get(step.context, {});
    const onboarding = step.result as OnboardingResult | undefined;
    if (onboarding && typeof onboarding === 'object' && 'onboarded' in onboarding) {
      // First use: the short introduction to how IPT works is offered first, before the rest of the menu.
      if (onboarding.onboarded) await this.sendMenu(step.context, language, 'main.menuIntro', [{ id: 'learn', key: 'menu.item_learn' }]);
      return step.endDialog();
    }
    if (await this.answerSnooze(step.context)) return step.endDialog();
    const { text, value } = step.context.activity;
    const command = recognizeCommand(text);
    if (command && command !== 'help' && command !== 'menu' && command !== 'cancel' && command !== 'name' && command !== 'start') {
      if (await this.runSettingCommand(step.context, command, language)) return step.endDialog();
      const commandDialog = COMMAND_DIALOGS[command];
      if (commandDialog) return step.beginDialog(commandDialog);
    }
    switch (command) {
      case 'help':
        await step.context.sendActivity(t(language, 'main.help'));
        await step.context.sendActivity(t(language, 'menu.commandsHelp'));
        await this.sendMenu(step.context, language, 'main.menuIntro');
        return step.endDialog();
      case 'start':
        return step.beginDialog(ONBOARDING_DIALOG);
      case 'cancel':
        await step.context.sendActivity(t(language, 'main.nothingToCancel'));
        return step.endDialog();
      default:
        break;
    }
    if (!profile.consent?.given) {
      // Without consent only help and safety (screened before this dialog) work.
      await step.context.sendActivity(t(language, 'onboarding.noConsentYet'));
      return step.endDialog();
    }
    if (command === 'name') return step.replaceDialog(NAME_DIALOG, { changing: true });
    // The PHQ-9 and GAD-7 when the client asks for them (a programme schedules them too).
    const questionnaire = command === 'menu' ? undefined : questionnaireRequest(text, value);
    if (questionnaire) return step.beginDialog(MEASURE_DIALOG, questionnaire);
    const intent = command === 'menu' ? 'menu' : recognizeIntent(text, value);
    if (intent === 'menu') {
      await this.sendMenu(step.context, language, 'main.menuIntro');
      return step.endDialog();
    }
    if (intent === 'help') {
      await step.context.sendActivity(t(language, 'main.help'));
      await step.context.sendActivity(t(language, 'menu.commandsHelp'));
      return step.endDialog();
    }
    if (intent === 'exercises') {
      // The between-session exercises have their own short menu.
      await step.context.sendActivity(question(step.context, language, t(language, 'menu.exercisesIntro'), exerciseItems(profile.focusArea)));
      return step.endDialog();
    }
    const dialogId = intent ? MENU_DIALOGS[intent] : undefined;
    if (dialogId) {
      if (profile.misunderstandings) {
        profile.misunderstandings = 0;
        await this.profileAccessor.set(step.context, profile);
      }
      // "my dad passed away" starts grief work; the loss is named first, not met with a bare question.
      if (text && !command && !isItemTitle(text)) await reflectBack(step.context, this.services, language, text);
      return step.beginDialog(dialogId);
    }
    if (step.context.activity.type !== 'message') return step.endDialog();
    // Two misunderstandings in a row: show the menu instead of asking again.
    profile.misunderstandings = (profile.misunderstandings ?? 0) + 1;
    if (profile.misunderstandings >= 2) {
      profile.misunderstandings = 0;
      await this.profileAccessor.set(step.context, profile);
      await this.sendMenu(step.context, language, 'menu.notUnderstoodMenu');
    } else {
      await this.profileAccessor.set(step.context, profile);
      await step.context.sendActivity(t(language, 'menu.notUnderstood'));
    }
    return step.endDialog();
  }

  /** After a routed dialog: the menu when it asked for it. */
  private async afterStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const outcome = step.result as (CheckInOutcome & Partial<OnboardingResult>) | undefined;
    if (outcome && typeof outcome === 'object' && outcome.then === 'problem') return step.beginDialog(PROBLEM_SOLVING_DIALOG);
    if (outcome && typeof outcome === 'object' && (outcome.showMenu || outcome.onboarded)) {
      await this.sendMenu(step.context, await this.language(step.context), 'main.menuIntro');
    }
    return step.endDialog();
  }

  private async sendMenu(context: TurnContext, language: Language, introKey: string, first: ChoiceItem[] = []): Promise<void> {
    // The course week, lightly, and the phase's exercise first (the inventory early on, ending work at the end).
    const note = introKey === 'main.menuIntro' ? await courseNote(context, this.services, language) : undefined;
    const text = [note?.weekLine, note?.suggestion, t(language, introKey)].filter(Boolean).join(' ');
    await context.sendActivity(question(context, language, text, withPhaseFirst(MENU_ITEMS, note, first)));
  }

  private async language(context: TurnContext): Promise<Language> {
    return languageOf(context, await this.profileAccessor.get(context, {}));
  }
}
