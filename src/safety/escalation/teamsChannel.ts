import { Activity, CardFactory, CloudAdapter, ConversationReference, MessageFactory } from 'botbuilder';
import { DateTime } from 'luxon';
import { Language, t } from '../../i18n';
import { Alert, Delivery } from './alert';
import { AlertChannel } from './alertChannel';
import { CareTeamDirectory, TeamsContactStore } from './careTeamDirectory';
import { ADAPTIVE_CARD } from '../../adaptiveCard';
import { CSSRS_QUESTIONS } from '../cssrs';
import { reviewActions, reviewInputs } from '../review/reviewCard';

/** The card's Acknowledge button submits this; IptBot recognises it before any dialog runs. */
export const ACKNOWLEDGE_ACTION = 'acknowledgeAlert';

/**
 * Sends one activity into a stored conversation (a proactive message). The real one is
 * `CloudAdapterProactiveSender`; tests stub it because botbuilder's TestAdapter cannot continue conversations.
 */
export interface ProactiveSender {
  send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<void>;
}

export class CloudAdapterProactiveSender implements ProactiveSender {
  constructor(
    private readonly adapter: CloudAdapter,
    /** The bot's app id (empty in local mode). */
    private readonly botAppId: string,
  ) {}

  async send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<void> {
    await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      await context.sendActivity(activity);
    });
  }
}

/** The Adaptive Card a clinician receives: who, level, categories, excerpt, when, and Acknowledge. */
export function alertCard(alert: Alert, delivery: Delivery, language: Language, timeZone: string | undefined): Record<string, unknown> {
  const when = DateTime.fromISO(alert.updatedAt, { zone: timeZone ?? 'UTC' }).setLocale(language).toLocaleString(DateTime.DATETIME_MED);
  const who = alert.clientName ?? t(language, alert.clientErasedAt ? 'safety.alertCard.erasedClient' : 'safety.alertCard.unnamedClient');
  const categories = alert.categories.map((c) => t(language, `safety.categories.${c}`)).join(', ');
  const titleKey = delivery.event === 'alert.escalated' ? 'safety.alertCard.titleEscalated' : delivery.event === 'alert.raised' ? 'safety.alertCard.titleRaised' : 'safety.alertCard.title';
  return {
    ...ADAPTIVE_CARD,
    body: [
      { type: 'TextBlock', text: t(language, titleKey), weight: 'Bolder', size: 'Medium', color: alert.level === 'urgent' ? 'Attention' : 'Warning', wrap: true },
      {
        type: 'FactSet',
        facts: [
          { title: t(language, 'safety.alertCard.client'), value: `${who} (${alert.channelId})` },
          { title: t(language, 'safety.alertCard.level'), value: t(language, `safety.levels.${alert.level}`) },
          { title: t(language, 'safety.alertCard.categories'), value: categories },
          { title: t(language, 'safety.alertCard.when'), value: when },
        ],
      },
      { type: 'TextBlock', text: t(language, 'safety.alertCard.excerpt'), weight: 'Bolder', wrap: true },
      { type: 'TextBlock', text: alert.clientErasedAt ? t(language, 'safety.alertCard.excerptErased') : alert.excerpt || '—', wrap: true, isSubtle: true },
      ...screeningBlocks(alert, language),
      ...reviewInputs(language, alert.alertId, alert.reviewReason),
    ],
    actions: [
      { type: 'Action.Submit', title: t(language, 'safety.alertCard.acknowledge'), data: { action: ACKNOWLEDGE_ACTION, alertId: alert.alertId } },
      ...reviewActions(language, alert.alertId),
    ],
  };
}

/** The client's answers to the screening questions, in the instrument's order, when they answered any. */
function screeningBlocks(alert: Alert, language: Language): Record<string, unknown>[] {
  const answered = CSSRS_QUESTIONS.filter((q) => alert.screening?.[q]);
  if (answered.length === 0) return [];
  return [
    { type: 'TextBlock', text: t(language, 'safety.alertCard.screening'), weight: 'Bolder', wrap: true },
    {
      type: 'FactSet',
      facts: answered.map((q) => ({ title: t(language, `safety.alertCard.question_${q}`), value: t(language, `safety.alertCard.answer_${alert.screening![q]}`) })),
    },
  ];
}

/**
 * Teams: a proactive message with the alert card to the recipient's stored conversation. The delivery's
 * idempotency key travels in `channelData.idempotencyKey` (Teams itself does not deduplicate).
 */
export class TeamsAlertChannel implements AlertChannel {
  readonly channel = 'teams' as const;

  constructor(
    private readonly sender: ProactiveSender,
    private readonly contacts: TeamsContactStore,
    private readonly directory: CareTeamDirectory,
  ) {}

  async send(alert: Alert, delivery: Delivery): Promise<void> {
    if (!alert.programmeId) throw new Error('the alert has no programme');
    const reference = await this.contacts.referenceFor(alert.programmeId, delivery.target);
    if (!reference) throw new Error('no Teams conversation with this recipient yet: they need to write to the bot once');
    const { language, timeZone } = await this.recipientPreferences(alert, delivery);
    const card = alertCard(alert, delivery, language, timeZone);
    const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card), t(language, 'safety.alertCard.summary', { level: t(language, `safety.levels.${alert.level}`) }));
    activity.channelData = { idempotencyKey: delivery.key };
    await this.sender.send(reference, activity);
  }

  private async recipientPreferences(alert: Alert, delivery: Delivery): Promise<{ language: Language; timeZone?: string }> {
    const programmeId = alert.programmeId!;
    if (delivery.recipient.clinicianId) {
      const clinician = await this.directory.clinician(programmeId, delivery.recipient.clinicianId);
      return { language: clinician?.language ?? 'en', timeZone: clinician?.timeZone };
    }
    const onCall = (await this.directory.programme(programmeId))?.onCall;
    return { language: onCall?.language ?? 'en', timeZone: onCall?.timeZone };
  }
}
