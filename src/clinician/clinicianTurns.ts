import { CardFactory, MessageFactory, TurnContext } from 'botbuilder';
import { ZodError } from 'zod';
import { Clock, systemClock } from '../clock';
import { Language, SUPPORTED_LANGUAGES, t, toLanguage, variants } from '../i18n';
import { createLogger, Logger } from '../logger';
import { FOCUS_AREAS, FocusArea } from '../bot/profile';
import { normaliseCommandText } from '../bot/commands';
import { AlertService } from '../safety/escalation/alertService';
import { TeamsContactStore } from '../safety/escalation/careTeamDirectory';
import { ACKNOWLEDGE_ACTION } from '../safety/escalation/teamsChannel';
import { screenMessage } from '../safety/screener';
import { ClientDocument } from '../programmes/schemas';
import { AccessAction } from './accessAudit';
import { CLINICIAN_ACTIONS, clientsCard, focusFormCard, focusLabel, inboxCard, safetyPlanFormCard, summaryCard } from './cards';
import { ClinicianAccess, ClinicianIdentity } from './clinicianAccess';
import { ClinicianService, planPartsFromForm } from './clinicianService';
import { PeriodRequest, periodProblem } from './summary';
import { REVIEW_ACTION } from '../safety/review/alertReview';
import { reviewFromCard } from '../safety/review/reviewFromCard';
import { reviewQueueCard } from './reviewQueueCard';

export interface ClinicianTurnsOptions {
  access: ClinicianAccess;
  service: ClinicianService;
  alerts: AlertService;
  contacts?: TeamsContactStore;
  clock?: Clock;
  logger?: Logger;
}

type Command = 'alerts' | 'clients' | 'summary';
const COMMANDS: readonly Command[] = ['alerts', 'clients', 'summary'];

/**
 * The clinician's side of the bot in a Teams 1:1 chat. IptBot asks it first on every turn: a person whose
 * AAD object id is on a programme's roster as a clinician is handled here (and never screened or treated
 * as a client); anyone else gets `false` and goes on as a client, with nothing of anyone's data.
 */
export class ClinicianTurns {
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(private readonly options: ClinicianTurnsOptions) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? createLogger('silent');
  }

  /** Returns true when the turn was a clinician's and was handled here. */
  async handle(context: TurnContext): Promise<boolean> {
    const { activity } = context;
    if (activity.channelId !== 'msteams' || activity.type !== 'message' || activity.conversation?.isGroup) return false;
    const who = await this.options.access.identify(activity.from?.aadObjectId);
    if (!who) return false;
    const language: Language = who.clinician.language ?? toLanguage(activity.locale);
    await this.rememberContact(context, who);

    const value = (activity.value ?? {}) as Record<string, unknown>;
    const clientId = typeof value.clientId === 'string' ? value.clientId : undefined;
    switch (value.action) {
      case ACKNOWLEDGE_ACTION: {
        const outcome = typeof value.alertId === 'string' ? await this.options.alerts.acknowledge(value.alertId, activity.from.aadObjectId) : 'notFound';
        await context.sendActivity(t(language, `safety.ack.${outcome}`));
        return true;
      }
      case REVIEW_ACTION:
        for (const line of await reviewFromCard(this.options.alerts, language, activity.from.aadObjectId, value)) await context.sendActivity(line);
        return true;
      case CLINICIAN_ACTIONS.summary:
        if (clientId) await this.summary(context, who, language, clientId);
        return true;
      case CLINICIAN_ACTIONS.planForm:
        if (clientId) await this.planForm(context, who, language, clientId);
        return true;
      case CLINICIAN_ACTIONS.savePlan:
        if (clientId) await this.savePlan(context, who, language, clientId, value);
        return true;
      case CLINICIAN_ACTIONS.focusForm:
        if (clientId) await this.focusForm(context, who, language, clientId);
        return true;
      case CLINICIAN_ACTIONS.saveFocus:
        if (clientId) await this.saveFocus(context, who, language, clientId, value.focusArea);
        return true;
      case CLINICIAN_ACTIONS.sessionHeld:
        if (clientId) await this.sessionHeld(context, who, language, clientId);
        return true;
    }

    // A clinician is a person too: words of their own that show risk go the client's way, through the safety
    // guard (crisis response, alert to the on-call). Only the authoring forms above, which are about a
    // client, are not screened as the clinician's own words.
    if (screenMessage(activity.text ?? '').level !== 'none') return false;
    const { command, rest } = parseCommand(TurnContext.removeRecipientMention(activity) ?? activity.text ?? '');
    if (command === 'alerts') await this.inbox(context, who, language);
    else if (command === 'clients') await this.clients(context, who, language);
    else if (command === 'summary' && rest) await this.summaryByReference(context, who, language, rest);
    else await context.sendActivity(t(language, 'clinician.help', { name: who.clinician.name }));
    return true;
  }

  private async rememberContact(context: TurnContext, who: ClinicianIdentity): Promise<void> {
    if (!this.options.contacts) return;
    try {
      await this.options.contacts.remember(who.programmeId, who.clinician.aadObjectId, TurnContext.getConversationReference(context.activity), this.clock.now());
    } catch (error) {
      this.logger.error({ err: { name: (error as Error).name } }, 'care-team conversation could not be stored');
    }
  }

  private async allowed(context: TurnContext, who: ClinicianIdentity, language: Language, clientId: string, action: AccessAction, rule: { assignedOnly?: boolean } = {}): Promise<ClientDocument | undefined> {
    const result = await this.options.access.check(who, clientId, action, rule);
    if (result.ok) return result.client;
    await context.sendActivity(t(language, 'clinician.refused'));
    return undefined;
  }

  private async inbox(context: TurnContext, who: ClinicianIdentity, language: Language): Promise<void> {
    const alerts = await this.options.service.inbox(who.programmeId, who.clinician.id);
    const zone = who.clinician.timeZone ?? 'UTC';
    const items = alerts.map((alert) => ({ alert, clientLabel: alert.clientName ?? alert.clientId ?? alert.channelUserId, escalated: alert.clinicianId !== who.clinician.id }));
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(inboxCard(language, items, zone))));
    const toReview = await this.options.service.awaitingReview(who.programmeId, who.clinician.id);
    if (toReview.length) {
      const reviewItems = toReview.map((alert) => ({ alert, clientLabel: alert.clientName ?? alert.clientId ?? alert.channelUserId }));
      await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(reviewQueueCard(language, reviewItems, zone))));
    }
  }

  private async clients(context: TurnContext, who: ClinicianIdentity, language: Language): Promise<void> {
    const mine = await this.options.service.options.programmes.listClients(who.programmeId, { clinicianId: who.clinician.id });
    const items = mine.filter((c) => c.status !== 'withdrawn').map((c) => ({ clientId: c.id, label: c.externalId, ...(c.focusArea ? { focusArea: c.focusArea } : {}) }));
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(clientsCard(language, items))));
  }

  /** "summary MRN-1" (since the last session, else the last 7 days) or "summary MRN-1 2026-11-20" (since that day, e.g. the last session). */
  private async summaryByReference(context: TurnContext, who: ClinicianIdentity, language: Language, reference: string): Promise<void> {
    const words = reference.trim().split(/\s+/);
    const since = words.length > 1 && /^\d{4}-\d{2}-\d{2}$/.test(words[words.length - 1]) ? words.pop() : undefined;
    const wanted = words.join(' ').toLowerCase();
    const clients = await this.options.service.options.programmes.listClients(who.programmeId);
    const client = clients.find((c) => c.id.toLowerCase() === wanted || c.externalId.toLowerCase() === wanted);
    if (!client) {
      await context.sendActivity(t(language, 'clinician.refused'));
      return;
    }
    // An impossible, future or too old date is said back, not replaced by another period unasked.
    if (since && periodProblem({ since }, client.timeZone, this.options.service.clock)) {
      await context.sendActivity(t(language, 'clinician.summary.badDate', { date: since }));
      return;
    }
    await this.summary(context, who, language, client.id, since ? { since } : {});
  }

  private async summary(context: TurnContext, who: ClinicianIdentity, language: Language, clientId: string, period: PeriodRequest = {}): Promise<void> {
    const client = await this.allowed(context, who, language, clientId, 'summary');
    if (!client) return;
    const summary = await this.options.service.summary(client, period);
    // vega and resvg load on the first summary, not at start: most turns are clients', who never need them.
    // require, not import(): a dynamic import() goes to Node's ESM loader, which tsx's require hook (tests) does not serve.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { moodChartDataUri } = require('./moodChart') as typeof import('./moodChart');
    const chart = await moodChartDataUri(summary.mood);
    const own = client.clinicianId === who.clinician.id;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const measuresChart = summary.measures ? await (require('./measuresChart') as typeof import('./measuresChart')).measuresChartDataUri(summary.measures) : undefined;
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(summaryCard(language, client.id, client.externalId, summary, chart, { sessionHeld: own, measuresChart }))));
  }

  /** "Session held today" on the summary card: only the client's own clinician records their session. */
  private async sessionHeld(context: TurnContext, who: ClinicianIdentity, language: Language, clientId: string): Promise<void> {
    const client = await this.allowed(context, who, language, clientId, 'lastSession.write', { assignedOnly: true });
    if (!client) return;
    const updated = await this.options.service.sessionHeldToday(client);
    await context.sendActivity(t(language, 'clinician.session.saved', { client: client.externalId, date: updated.lastSessionDate ?? '' }));
  }

  private async planForm(context: TurnContext, who: ClinicianIdentity, language: Language, clientId: string): Promise<void> {
    const client = await this.allowed(context, who, language, clientId, 'safetyPlan.read');
    if (!client) return;
    const plan = await this.options.service.safetyPlan(client.id);
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(safetyPlanFormCard(language, client.id, client.externalId, plan))));
  }

  private async savePlan(context: TurnContext, who: ClinicianIdentity, language: Language, clientId: string, value: Record<string, unknown>): Promise<void> {
    const client = await this.allowed(context, who, language, clientId, 'safetyPlan.write');
    if (!client) return;
    try {
      await this.options.service.saveSafetyPlan(client.id, planPartsFromForm(value));
    } catch (error) {
      if (!(error instanceof ZodError)) throw error;
      const issue = error.issues[0];
      await context.sendActivity(t(language, 'clinician.plan.invalid', { problem: `${t(language, `clinician.plan.part.${String(issue?.path[0])}`)}` }));
      return;
    }
    await context.sendActivity(t(language, 'clinician.plan.saved', { client: client.externalId }));
  }

  private async focusForm(context: TurnContext, who: ClinicianIdentity, language: Language, clientId: string): Promise<void> {
    const client = await this.allowed(context, who, language, clientId, 'focusArea.read');
    if (!client) return;
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(focusFormCard(language, client.id, client.externalId, client.focusArea))));
  }

  private async saveFocus(context: TurnContext, who: ClinicianIdentity, language: Language, clientId: string, focusArea: unknown): Promise<void> {
    if (typeof focusArea !== 'string' || !(FOCUS_AREAS as readonly string[]).includes(focusArea)) {
      await context.sendActivity(t(language, 'clinician.focus.invalid'));
      return;
    }
    const client = await this.allowed(context, who, language, clientId, 'focusArea.write');
    if (!client) return;
    await this.options.service.setFocusArea(client, focusArea as FocusArea);
    await context.sendActivity(t(language, 'clinician.focus.saved', { client: client.externalId, focus: focusLabel(language, focusArea as FocusArea) }));
  }
}

/** A typed command in any supported language: the whole message, or "summary <client>". */
export function parseCommand(text: string): { command?: Command; rest?: string } {
  const typed = normaliseCommandText(text);
  for (const command of COMMANDS) {
    for (const language of SUPPORTED_LANGUAGES) {
      for (const phrase of variants(language, `clinician.cmd.${command}`).map(normaliseCommandText)) {
        if (typed === phrase) return { command };
        if (typed.startsWith(`${phrase} `)) return { command, rest: text.trim().split(/\s+/).slice(phrase.split(' ').length).join(' ') };
      }
    }
  }
  return {};
}
