/**
 * Stores the clinician's notice of a sustained low mood, once per episode: to the client's assigned
 * clinician in Teams, and to nobody else (never the on-call, never a paging webhook: it is not a crisis).
 * A client with no assigned clinician reachable in Teams still gets the notice stored, as undeliverable (a
 * warning is logged, without the client), so the episode is not noticed again at every check-in.
 */
import { Clock, systemClock } from '../clock';
import { Logger } from '../logger';
import { ClientRepository } from '../client/clientRepository';
import type { LowMoodEpisode } from '../measures/lowMood';
import { LowMoodNotice } from '../measures/lowMoodNotice';
import { CareTeamDirectory } from '../safety/escalation/careTeamDirectory';

export interface LowMoodNoticeInput {
  clientId: string;
  episode: LowMoodEpisode;
  /** The chat identity, which says who the client's programme and clinician are. */
  channelId: string;
  channelUserId: string;
  /** The name the client gave the bot, if any (shown as on alert cards). */
  clientName?: string;
}

export interface LowMoodNoticesOptions {
  clients: ClientRepository;
  directory: CareTeamDirectory;
  logger: Logger;
  clock?: Clock;
  /** Called after a notice with a delivery owed is durably stored (the notice outbox's kick). */
  onStored?: () => void;
}

export class LowMoodNotices {
  private readonly clock: Clock;

  constructor(private readonly options: LowMoodNoticesOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** Stores the notice; false when this episode's notice was stored before (by this or another instance). */
  async store(input: LowMoodNoticeInput): Promise<boolean> {
    const { directory, clients, logger } = this.options;
    const programme = await directory.programmeFor(input.channelId, input.channelUserId);
    const clinician = await directory.clinicianFor(input.channelId, input.channelUserId);
    const now = this.clock.now();
    const reachable = programme !== undefined && clinician?.aadObjectId !== undefined;
    const notice: LowMoodNotice = {
      kind: 'lowMoodNotice',
      clientId: input.clientId,
      episodeId: input.episode.id,
      createdAt: now.toISOString(),
      facts: input.episode.facts,
      ...(programme ? { programmeId: programme.id } : {}),
      ...(clinician ? { clinicianId: clinician.id } : {}),
      ...(input.clientName ? { clientName: input.clientName } : {}),
      delivery: {
        channel: 'teams',
        target: reachable ? clinician!.aadObjectId! : '',
        key: `${input.clientId}:${input.episode.id}`,
        status: reachable ? 'pending' : 'undeliverable',
        attempts: 0,
        nextAttemptAt: now.getTime(),
        ...(reachable ? {} : { lastError: 'the client has no assigned clinician reachable in Teams' }),
      },
      nextActionAt: reachable ? now.getTime() : null,
    };
    const created = await clients.createLowMoodNotice(notice);
    if (!created) return false;
    if (reachable) {
      logger.info({ kind: input.episode.kind }, 'low-mood notice stored');
      this.options.onStored?.();
    } else {
      logger.warn({ kind: input.episode.kind, programme: programme?.id ?? null }, 'low-mood notice stored, but the client has no assigned clinician reachable in Teams');
    }
    return true;
  }
}
