import { ActivityTypes, Middleware, TurnContext } from 'botbuilder';
import { Clock, systemClock } from '../clock';
import { RecentMap } from '../recentMap';
import { ProgrammeStore } from './programmeStore';

/**
 * Remembers, for a client linked to a programme, where proactive reminders go: the conversation reference
 * of their latest message. It runs after the turn (so the enrolment turn itself counts) and caches what it
 * knows, so a steady conversation costs no extra reads: a linked identity is re-checked only when its
 * reference changes, an unlinked one at most once a minute. The cache keeps the most recently seen
 * identities (`maxEntries`); one that drops out costs one read when it writes again.
 */
export class ConversationReferenceMiddleware implements Middleware {
  private readonly known: RecentMap<string, { fingerprint?: string; checkedAt: number }>;

  constructor(
    private readonly programmes: ProgrammeStore,
    private readonly clock: Clock = systemClock,
    private readonly unlinkedRecheckMs = 60_000,
    maxEntries = 50_000,
  ) {
    this.known = new RecentMap(maxEntries);
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    await next();
    const { activity } = context;
    if (activity.type !== ActivityTypes.Message || !activity.channelId || !activity.from?.id || activity.conversation?.isGroup) return;
    const reference = TurnContext.getConversationReference(activity) as unknown as Record<string, unknown>;
    delete reference.activityId;
    const fingerprint = JSON.stringify(reference);
    const key = `${activity.channelId}\n${activity.from.id}`;
    const cached = this.known.get(key);
    const now = this.clock.now().getTime();
    if (cached?.fingerprint === fingerprint) return;
    if (cached && cached.fingerprint === undefined && now - cached.checkedAt < this.unlinkedRecheckMs) return;
    try {
      const linked = await this.programmes.rememberConversation(activity.channelId, activity.from.id, reference);
      this.known.set(key, { fingerprint: linked ? fingerprint : undefined, checkedAt: now });
    } catch {
      // The client's turn is done and must not fail for this; the next message tries again (nothing cached).
    }
  }

  /** How many identities are cached (tests). */
  get size(): number {
    return this.known.size;
  }

  /** Forget what is cached for an identity (after it was just linked). */
  forget(channelId: string, userId: string): void {
    this.known.delete(`${channelId}\n${userId}`);
  }
}
