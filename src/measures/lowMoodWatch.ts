import { TurnContext } from 'botbuilder';
import { ClientRepository, localDate } from '../client/clientRepository';
import { Clock, systemClock } from '../clock';
import { Logger } from '../logger';
import { INSTRUMENT_IDS } from './instruments';
import { currentMeasureEpisode, currentMoodEpisode, LowMoodEpisode } from './lowMood';

/** How the clinician is told: a non-urgent notice of its own, never a crisis alert. */
export interface LowMoodNotifier {
  /**
   * Stores the clinician's notice of the episode, once however many instances try (its delivery follows
   * from the store). False when it could not be stored, so a later turn tries again.
   */
  notifyLowMood(context: TurnContext, clientId: string, episode: LowMoodEpisode): Promise<boolean>;
}

/**
 * After a check-in or a questionnaire: tells the clinician of a sustained low mood once per episode. The notice's
 * document is the claim (created once, whichever instance gets there); one that could not be stored is
 * tried again at the next check-in or questionnaire.
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
      const [checkIns, measures] = await Promise.all([this.clients.checkInsSince(clientId, since), this.clients.measures(clientId)]);
      const episodes = [currentMoodEpisode(checkIns, today), ...INSTRUMENT_IDS.map((id) => currentMeasureEpisode(id, measures))].filter((e): e is LowMoodEpisode => !!e);
      for (const episode of episodes) {
        // Read first: the notice of an episode under way was stored at its first day or measure.
        if (await this.clients.hasLowMoodNotice(clientId, episode.id)) continue;
        await this.notifier.notifyLowMood(context, clientId, episode);
      }
    } catch (error) {
      // The client's check-in or questionnaire is done either way; the next one checks again.
      this.logger.error({ err: { name: (error as Error).name } }, 'low-mood check failed');
    }
  }
}
