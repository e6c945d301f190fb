import { TurnContext } from 'botbuilder';
import { ClientRepository, localDate } from '../client/clientRepository';
import { Clock, systemClock } from '../clock';
import { Logger } from '../logger';
import { currentMoodEpisode, currentPhq9Episode, LowMoodEpisode } from './lowMood';

/** How the clinician is told: a non-urgent concern of its own, not merged into a crisis alert. */
export interface LowMoodNotifier {
  notifyLowMood(context: TurnContext, detail: string): Promise<boolean>;
}

/**
 * After a check-in or a PHQ-9: tells the clinician of a sustained low mood once per episode. The episode is
 * claimed first (a document in the client's partition, created once whichever instance gets there), and
 * released again when the notice could not be stored, so a later turn tries again.
 */
export class LowMoodWatch {
  private readonly clock: Clock;

  constructor(
    private readonly clients: ClientRepository,
    private readonly notifier: LowMoodNotifier,
    private readonly logger: Logger,
    clock?: Clock,
  ) {
    this.clock = clock ?? systemClock;
  }

  async check(context: TurnContext, clientId: string, timeZone: string | undefined): Promise<void> {
    try {
      const today = localDate(this.clock.now(), timeZone);
      const since = localDate(new Date(this.clock.now().getTime() - 14 * 86_400_000), timeZone);
      const [checkIns, measures] = await Promise.all([this.clients.checkInsSince(clientId, since), this.clients.measures(clientId, 'phq9')]);
      const episodes = [currentMoodEpisode(checkIns, today), currentPhq9Episode(measures)].filter((e): e is LowMoodEpisode => !!e);
      for (const episode of episodes) {
        if (!(await this.clients.claimLowMoodNotice(clientId, episode.id))) continue;
        const stored = await this.notifier.notifyLowMood(context, `sustained low mood: ${episode.detail}`).catch(() => false);
        if (!stored) await this.clients.releaseLowMoodNotice(clientId, episode.id);
      }
    } catch (error) {
      // The client's check-in or questionnaire is done either way; the next one checks again.
      this.logger.error({ err: { name: (error as Error).name } }, 'low-mood check failed');
    }
  }
}
