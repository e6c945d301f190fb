import { Clock, systemClock } from '../../clock';
import { Logger } from '../../logger';
import { CONTAINERS } from '../../storage/containers';
import { DocumentStore } from '../../storage/documentStore';
import { StorePreconditionFailedError } from '../../storage/errors';
import { alertSchema, closedAt, DEFAULT_CLOSED_ALERT_RETENTION_DAYS } from './alert';
import { CareTeamDirectory } from './careTeamDirectory';

const DAY_MS = 24 * 60 * 60 * 1000;
/** No programme keeps a closed alert less than a day, so younger ones are not even read. */
const MIN_RETENTION_MS = DAY_MS;
const PAGE = 200;

export interface AlertRetentionOptions {
  store: DocumentStore;
  directory: CareTeamDirectory;
  logger: Logger;
  clock?: Clock;
}

/**
 * Removes closed alerts (acknowledged, nothing left to send) once their programme's retention has passed
 * since they closed. An open alert, or one with a delivery still owed, is never removed, however old.
 * Each removal is conditional on the eTag the sweep read, so an alert that changed meanwhile (reopened by
 * a new risk message) stays.
 */
export class AlertRetention {
  private readonly clock: Clock;

  constructor(private readonly options: AlertRetentionOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** One sweep over the closed alerts; returns how many were removed. */
  async sweep(): Promise<number> {
    const { store } = this.options;
    const now = this.clock.now().getTime();
    const retention = new Map<string, number>();
    const retentionMs = async (programmeId: string | undefined): Promise<number> => {
      const key = programmeId ?? '';
      if (!retention.has(key)) {
        const days = (programmeId && (await this.options.directory.programme(programmeId))?.closedAlertRetentionDays) || DEFAULT_CLOSED_ALERT_RETENTION_DAYS;
        retention.set(key, days * DAY_MS);
      }
      return retention.get(key)!;
    };
    let removed = 0;
    // Paged by `updatedAt` (a closed alert is last changed when it closes), oldest first.
    let cursor = '';
    const seen = new Set<string>();
    for (;;) {
      const page = await store.query<unknown>(CONTAINERS.alerts, {
        where: [
          { field: 'kind', op: '=', value: 'safetyAlert' },
          { field: 'status', op: '=', value: 'acknowledged' },
          { field: 'nextActionAt', op: '=', value: null },
          { field: 'updatedAt', op: '>=', value: cursor },
          { field: 'updatedAt', op: '<=', value: new Date(now - MIN_RETENTION_MS).toISOString() },
        ],
        orderBy: { field: 'updatedAt' },
        limit: PAGE,
      });
      const fresh = page.filter((doc) => !seen.has(doc.id));
      for (const doc of fresh) {
        seen.add(doc.id);
        const parsed = alertSchema.safeParse(doc.body);
        if (!parsed.success) continue;
        cursor = parsed.data.updatedAt;
        const closed = closedAt(parsed.data);
        if (closed === undefined || now < closed + (await retentionMs(parsed.data.programmeId))) continue;
        try {
          if (await store.delete(CONTAINERS.alerts, doc.partitionKey, doc.id, { ifMatch: doc.etag })) removed++;
        } catch (error) {
          if (!(error instanceof StorePreconditionFailedError)) throw error;
        }
      }
      if (page.length < PAGE || fresh.length === 0) break;
    }
    if (removed > 0) this.options.logger.info({ removed }, 'closed safety alerts past their retention removed');
    return removed;
  }
}
