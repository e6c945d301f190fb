import { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { Clock, systemClock } from '../clock';
import { Language, t, toLanguage } from '../i18n';
import { createLogger, Logger } from '../logger';
import { ClientState } from '../bot/clientState';
import { DIALOG_STATE_PROPERTY, Profile, PROFILE_PROPERTY } from '../bot/profile';
import { channelTimeZone, countryFor, CrisisResourceCatalog, ProgrammeLine } from './crisisResources';
import type { PlanCaringInput } from '../scheduling/caringFollowUp';
import { formatSafetyPlan, SafetyPlan, SafetyPlanStore } from './safetyPlan';
import { maxLevel, RiskCategory, RiskLevel } from './screener';
import { AlertService, RaiseOutcome } from './escalation/alertService';
import { AuditEntry } from './escalation/alert';
import { CareTeamDirectory, ProgrammeContacts, TeamsContactStore } from './escalation/careTeamDirectory';
import { CssrsAnswers, describeAnswers } from './cssrs';
import { ACKNOWLEDGE_ACTION } from './escalation/teamsChannel';
import type { MeasureSafetyReferral, SafetyItemAnswer } from '../measures/safetyReferral';
import type { LowMoodNotifier } from '../measures/lowMoodWatch';
import type { LowMoodEpisode } from '../measures/lowMood';
import type { LowMoodNotices } from '../clinician/lowMoodNotices';
import { REVIEW_ACTION } from './review/alertReview';
import { reviewFromCard } from './review/reviewFromCard';
import { collectTexts, nextHistory, SafetyState, ScreenContext, ScreenTexts, screenTexts, setTurnScreening, turnScreening, TurnScreening, promptContext, withinWindow } from './turnScreening';

export const SAFETY_STATE_PROPERTY = 'safety';

export interface SafetyGuardOptions {
  clientState: ClientState;
  clock?: Clock;
  logger?: Logger;
  /** Where alerts are stored and escalated; required, so no bot can run without escalation. */
  alerts: AlertService;
  directory?: CareTeamDirectory;
  contacts?: TeamsContactStore;
  resources?: CrisisResourceCatalog;
  safetyPlans?: SafetyPlanStore;
  /** How a turn's texts are screened; the screener by default (tests hand in a result to act on). */
  screen?: ScreenTexts;
  /** Plans the caring follow-up the day after a new alert (sent by the reminder dispatcher). */
  followUps?: { plan(input: PlanCaringInput): Promise<unknown> };
  /** Where a sustained low mood's notice for the clinician is stored (not an alert); without it, none is. */
  lowMoodNotices?: Pick<LowMoodNotices, 'store'>;
}

const rank: Record<RiskLevel, number> = { none: 0, concern: 1, urgent: 2 };

/**
 * The safety step that runs first in every turn (IptBot calls it before any dialog): screens every text
 * of the inbound activity, keeps the conversation's screening history in the person's state, stores or
 * updates the alert, remembers how to reach care-team members in Teams, and handles the alert card's
 * Acknowledge button. The crisis dialog reads the outcome from the turn state.
 */
export class SafetyGuard implements MeasureSafetyReferral, LowMoodNotifier {
  readonly resources: CrisisResourceCatalog;
  private readonly safetyAccessor: StatePropertyAccessor<SafetyState>;
  private readonly profileAccessor: StatePropertyAccessor<Profile>;
  private readonly dialogStateAccessor: StatePropertyAccessor<DialogState>;
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(private readonly options: SafetyGuardOptions) {
    this.safetyAccessor = options.clientState.createProperty<SafetyState>(SAFETY_STATE_PROPERTY);
    this.profileAccessor = options.clientState.createProperty<Profile>(PROFILE_PROPERTY);
    this.dialogStateAccessor = options.clientState.createProperty<DialogState>(DIALOG_STATE_PROPERTY);
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? createLogger('silent');
    this.resources = options.resources ?? new CrisisResourceCatalog();
  }

  /** The person's safety state; reading it does not add an empty one to their state. */
  private async safetyState(context: TurnContext): Promise<SafetyState> {
    return (await this.safetyAccessor.get(context)) ?? {};
  }

  /**
   * The last resort when a turn failed (the store unreachable, say) before anyone answered: the words are
   * screened on their own, without state, and a message that shows risk still gets the crisis lines at once.
   */
  async lastResort(context: TurnContext): Promise<void> {
    if (context.responded) return;
    const result = screenTexts(collectTexts(context.activity), [], this.clock.now());
    if (result.level === 'none') return;
    const language = toLanguage(context.activity.locale);
    const lines = this.resources.describe(language, countryFor(context), { channelId: context.activity.channelId, categories: result.categories });
    await context.sendActivity([t(language, 'safety.urgent.opener'), lines].join('\n\n'));
    this.logger.error({ level: result.level, categories: result.categories }, 'SAFETY: a flagged message got the crisis lines, but its turn failed and no alert could be stored');
  }

  /** Runs before the dialogs. Returns true when the turn was fully handled here (an acknowledgement). */
  async beforeDialogs(context: TurnContext): Promise<boolean> {
    await this.screen(context);
    await this.rememberCareTeamMember(context);
    return (await this.handleAcknowledge(context)) || (await this.handleReview(context));
  }

  async screen(context: TurnContext): Promise<TurnScreening> {
    const now = this.clock.now();
    const texts = collectTexts(context.activity);
    if (texts.length === 0) {
      // Nothing was said (a join, a typing indicator): nothing to screen, and no state to touch.
      const empty: TurnScreening = { result: screenTexts([], [], now), previousLevel: 'none', respond: false };
      setTurnScreening(context, empty);
      return empty;
    }
    const state = await this.safetyState(context);
    const previousLevel: RiskLevel = withinWindow(state.levelAt, now) ? (state.level ?? 'none') : 'none';
    const history = state.history ?? [];
    const result = (this.options.screen ?? screenTexts)(texts, history, now, await this.screenContext(context));
    // A concern the screener is not sure of is asked about first (the crisis dialog alerts, and raises the
    // level, on a yes or an unclear answer); anything certain is stored and notified now. Until confirmed it
    // leaves its signals in the history but no level, so the answers that follow do not inherit it.
    const confirmFirst = result.confirm === true && result.level === 'concern' && previousLevel === 'none';
    const respond = confirmFirst ? result.historyEntry.level !== 'none' : result.messageLevel !== 'none' || rank[result.level] > rank[previousLevel];
    const entry = confirmFirst ? { ...result.historyEntry, level: 'none' as const, categories: [] } : result.historyEntry;
    const screening: TurnScreening = { result, previousLevel, respond };
    setTurnScreening(context, screening);

    let changed = false;
    const kept = nextHistory(history, entry, now);
    if (kept.length !== history.length || kept.some((entry, i) => entry !== history[i])) {
      state.history = kept;
      changed = true;
    }
    if (respond && !confirmFirst) {
      state.level = maxLevel(previousLevel, result.level);
      state.levelAt = now.toISOString();
      changed = true;
    }
    if (changed) await this.safetyAccessor.set(context, state);
    if (respond && confirmFirst) screening.confirm = true;
    else if (respond && result.level !== 'none') {
      screening.alert = await this.escalate(context, { level: result.level, categories: result.categories, evidence: result.evidence, reason: 'screening' });
    }
    return screening;
  }

  /**
   * The question the person is answering, from the dialog waiting for their reply (the innermost active dialog, read
   * from the state already loaded for this turn): a prompt asking *when* makes "I'm doing it tomorrow" an answer.
   */
  private async screenContext(context: TurnContext): Promise<ScreenContext> {
    let stack = (await this.dialogStateAccessor.get(context))?.dialogStack;
    let innermost: unknown;
    while (stack !== undefined && stack.length > 0) {
      innermost = stack[stack.length - 1].state;
      stack = (innermost as { dialogs?: DialogState } | undefined)?.dialogs?.dialogStack;
    }
    return promptContext(innermost);
  }

  /**
   * Stores (or updates) the conversation's alert; the outbox delivers it. A failure to store is logged
   * and does not stop the client's response.
   */
  async escalate(
    context: TurnContext,
    input: { level: RiskLevel; categories: readonly RiskCategory[]; evidence: readonly string[]; reason: string; screening?: CssrsAnswers },
  ): Promise<RaiseOutcome | undefined> {
    if (input.level === 'none') return undefined;
    const { activity } = context;
    const state = await this.safetyState(context);
    const profile = (await this.profileAccessor.get(context)) ?? {};
    try {
      const outcome = await this.options.alerts.raise({
        previousAlertId: state.alertId,
        ...this.alertClient(context, profile),
        level: input.level,
        categories: input.categories,
        evidence: input.evidence,
        conversationReference: { ...TurnContext.getConversationReference(activity) },
        reason: input.reason,
        screening: input.screening,
      });
      if (outcome.created) await this.planFollowUp(context, outcome.alertId, profile);
      if (state.alertId !== outcome.alertId) {
        state.alertId = outcome.alertId;
        await this.safetyAccessor.set(context, state);
      }
      const screening = turnScreening(context);
      if (screening) screening.alert = outcome;
      return outcome;
    } catch (error) {
      this.logger.error({ err: { name: (error as Error).name, message: (error as Error).message } }, 'SAFETY ALERT COULD NOT BE STORED');
      return undefined;
    }
  }

  /**
   * A non-zero answer to a questionnaire's safety item (PHQ-9 item 9): a concern about suicide, stored as
   * an alert that carries the answer, before the crisis dialog's screening questions (which raise it to
   * urgent when they find thoughts of killing oneself). The conversation's level rises with it.
   */
  async referSafetyItem(context: TurnContext, answer: SafetyItemAnswer): Promise<void> {
    const said = `${answer.instrument} item ${answer.item}: "${answer.answer}" (${answer.value} of 3)`;
    await this.raiseLevel(context, 'concern');
    await this.escalate(context, { level: 'concern', categories: ['self_harm_suicide'], evidence: [said], reason: `questionnaire answer: ${said}` });
  }

  /**
   * A sustained low mood (check-ins or PHQ-9): a non-urgent notice of its own for the assigned clinician,
   * never an alert (nobody is paged, nobody has to acknowledge). True when it is stored, now or before.
   */
  async notifyLowMood(context: TurnContext, clientId: string, episode: LowMoodEpisode): Promise<boolean> {
    const { lowMoodNotices } = this.options;
    if (!lowMoodNotices) return false;
    const profile = await this.profile(context);
    const { channelId, from } = context.activity;
    try {
      await lowMoodNotices.store({ clientId, episode, channelId, channelUserId: from.id, ...(profile.preferredName ? { clientName: profile.preferredName } : {}) });
      return true;
    } catch (error) {
      this.logger.error({ err: { name: (error as Error).name } }, 'low-mood notice could not be stored');
      return false;
    }
  }

  /** Who an alert is about: the chat identity, the client record and name if any, the language to tell them in. */
  private alertClient(context: TurnContext, profile: Profile) {
    const { channelId, from } = context.activity;
    return {
      clientKey: `${channelId}:${from.id}`,
      clientId: profile.clientId,
      clientName: profile.preferredName,
      channelId,
      channelUserId: from.id,
      language: this.language(context, profile),
    };
  }

  /** The caring follow-up of a new alert; a failure to plan it is logged and does not stop the response. */
  private async planFollowUp(context: TurnContext, alertId: string, profile: Profile): Promise<void> {
    if (!this.options.followUps) return;
    const { channelId, from } = context.activity;
    try {
      await this.options.followUps.plan({ alertId, channelId, channelUserId: from.id, timeZone: profile.timeZone ?? channelTimeZone(context) });
    } catch (error) {
      this.logger.error({ err: { name: (error as Error).name }, alertId }, 'caring follow-up could not be planned');
    }
  }

  /** Adds an entry to the conversation's alert audit trail (e.g. the answers to the screening questions). */
  async note(context: TurnContext, entry: Omit<AuditEntry, 'at'>): Promise<void> {
    const { alertId } = await this.safetyState(context);
    if (!alertId) return;
    await this.options.alerts.note(alertId, entry).catch((error: Error) => this.logger.error({ err: { name: error.name } }, 'safety alert note could not be stored'));
  }

  /** Stores the answers to the screening questions on the conversation's alert, when it has one. */
  async recordScreening(context: TurnContext, answers: CssrsAnswers): Promise<void> {
    const { alertId } = await this.safetyState(context);
    if (!alertId) return;
    await this.options.alerts
      .recordScreening(alertId, answers, describeAnswers(answers))
      .catch((error: Error) => this.logger.error({ err: { name: error.name } }, 'screening answers could not be stored on the alert'));
  }

  /**
   * What the client is told about their care team after an alert: who was told and when to expect a reply
   * (the programme's usual response time and out-of-hours status), or plainly that nobody could be told.
   */
  async careTeamNotice(context: TurnContext, language: Language, outcome: RaiseOutcome | undefined): Promise<string> {
    if (!outcome?.routed) return t(language, 'safety.careTeamNobody');
    let programme: ProgrammeContacts | undefined;
    try {
      programme = await this.options.directory?.programmeFor(context.activity.channelId, context.activity.from.id);
    } catch (error) {
      this.logger.error({ err: { name: (error as Error).name } }, 'care team could not be read');
    }
    const when = programme?.outOfHours
      ? t(language, 'safety.careTeamOutOfHours')
      : programme?.careTeamReplyHours
        ? t(language, 'safety.careTeamReplyTime', { hours: programme.careTeamReplyHours })
        : t(language, 'safety.careTeamReplyUnknown');
    return `${t(language, 'safety.careTeamTold')} ${when}`;
  }

  /** Whether an alert about this chat identity would reach anyone (what onboarding may promise). */
  async careTeamReachable(channelId: string, userId: string): Promise<boolean> {
    const { directory } = this.options;
    if (!directory) return false;
    try {
      const programme = await directory.programmeFor(channelId, userId);
      if (!programme) return false;
      if (programme.webhookUrl || programme.onCall) return true;
      return (await directory.clinicianFor(channelId, userId)) !== undefined;
    } catch (error) {
      this.logger.error({ err: { name: (error as Error).name } }, 'care team could not be read');
      return false;
    }
  }

  /** Raises the conversation's level (e.g. after a "yes" to a screening question). */
  async raiseLevel(context: TurnContext, level: RiskLevel): Promise<void> {
    const state = await this.safetyState(context);
    state.level = maxLevel(state.level ?? 'none', level);
    state.levelAt = this.clock.now().toISOString();
    await this.safetyAccessor.set(context, state);
  }

  async profile(context: TurnContext): Promise<Profile> {
    return (await this.profileAccessor.get(context)) ?? {};
  }

  language(context: TurnContext, profile: Profile | undefined): Language {
    return profile?.language ?? toLanguage(context.activity.locale);
  }

  /** Where the person is, as far as is known (see `countryFor`); undefined means the crisis dialog asks. */
  country(context: TurnContext, profile: Profile | undefined): string | undefined {
    return countryFor(context, profile);
  }

  /** The country the client named when asked; kept in their profile so they are asked once. */
  async rememberCountry(context: TurnContext, country: string): Promise<void> {
    const profile = await this.profile(context);
    await this.profileAccessor.set(context, { ...profile, country });
  }

  /** The lines for the person's country, in their language, for what this turn's screening found; their programme's own line first. */
  async linesText(context: TurnContext): Promise<string> {
    const profile = await this.profile(context);
    const categories = turnScreening(context)?.result.categories ?? [];
    const programmeLine = await this.programmeLine(context);
    return this.resources.describe(this.language(context, profile), this.country(context, profile), {
      channelId: context.activity.channelId,
      categories,
      programmeLines: programmeLine ? [programmeLine] : [],
    });
  }

  /** The out-of-hours line of the client's programme. A failed look-up never holds back the other lines. */
  private async programmeLine(context: TurnContext): Promise<ProgrammeLine | undefined> {
    const { directory } = this.options;
    if (!directory) return undefined;
    try {
      return (await directory.programmeFor(context.activity.channelId, context.activity.from.id))?.outOfHoursLine;
    } catch (error) {
      this.logger.error({ err: { name: (error as Error).name } }, 'programme line could not be read');
      return undefined;
    }
  }

  /** The emergency number(s) of the person's country, or "your local emergency number" when it is unknown. */
  emergencyNumber(context: TurnContext, profile: Profile | undefined): string {
    return this.resources.emergencyNumber(this.language(context, profile), this.country(context, profile), context.activity.channelId);
  }

  /** The client's safety plan as a message, whoever wrote it. Read only on flagged turns. */
  async safetyPlanText(context: TurnContext, language: Language): Promise<string | undefined> {
    const plan = await this.safetyPlan(context);
    return plan ? formatSafetyPlan(language, plan) : undefined;
  }

  /** The client's safety plan (the clinician's, or the one they wrote), if any; a read failure is logged. */
  async safetyPlan(context: TurnContext): Promise<SafetyPlan | undefined> {
    const profile = await this.profile(context);
    if (!profile.clientId || !this.options.safetyPlans) return undefined;
    try {
      return await this.options.safetyPlans.get(profile.clientId);
    } catch (error) {
      this.logger.error({ err: { name: (error as Error).name } }, 'safety plan could not be read');
      return undefined;
    }
  }

  /** Teams: a care-team member wrote to the bot; keep their conversation so alert cards can reach them. */
  private async rememberCareTeamMember(context: TurnContext): Promise<void> {
    const aadObjectId = context.activity.from?.aadObjectId;
    const { directory, contacts } = this.options;
    if (!aadObjectId || !directory || !contacts) return;
    try {
      const member = await directory.isCareTeamMember(aadObjectId);
      if (member) await contacts.remember(member.programmeId, aadObjectId, TurnContext.getConversationReference(context.activity), this.clock.now());
    } catch (error) {
      this.logger.error({ err: { name: (error as Error).name } }, 'care-team conversation could not be stored');
    }
  }

  private async handleAcknowledge(context: TurnContext): Promise<boolean> {
    const value = context.activity.value as { action?: unknown; alertId?: unknown } | undefined;
    if (!value || value.action !== ACKNOWLEDGE_ACTION || typeof value.alertId !== 'string') return false;
    const language = this.language(context, (await this.profileAccessor.get(context)) ?? {});
    const outcome = await this.options.alerts.acknowledge(value.alertId, context.activity.from?.aadObjectId);
    await context.sendActivity(t(language, `safety.ack.${outcome}`));
    return true;
  }

  /** "Needed" / "False alarm" on an alert card from someone who is not a roster clinician (e.g. the on-call). */
  private async handleReview(context: TurnContext): Promise<boolean> {
    const value = context.activity.value as Record<string, unknown> | undefined;
    if (!value || value.action !== REVIEW_ACTION) return false;
    const language = this.language(context, (await this.profileAccessor.get(context)) ?? {});
    for (const line of await reviewFromCard(this.options.alerts, language, context.activity.from?.aadObjectId, value)) await context.sendActivity(line);
    return true;
  }
}
