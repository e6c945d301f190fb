import { Clock, systemClock } from '../../clock';
import { ClientDataKeeper, ErasureSubject } from '../../client/clientErasure';
import { CONTAINERS } from '../../storage/containers';
import { DocumentStore, StoredDocument } from '../../storage/documentStore';
import { StorePreconditionFailedError } from '../../storage/errors';
import { Alert, alertSchema } from './alert';

const MAX_WRITE_ATTEMPTS = 8;

/**
 * "Delete my data" and safety alerts. An alert is a clinical record: it is never deleted or cancelled
 * here, whatever its state, so a delivery still owed is retried and an unacknowledged alert still escalates
 * to the backup and on-call. What identifies the client goes (name, chat ids, client id, conversation
 * reference) and so do their words (the excerpt); the level, categories, times, screening answers and the
 * delivery and acknowledgement audit stay, filed under the deletion's pseudonym.
 */
export class AlertErasure implements ClientDataKeeper {
  readonly kind = 'safetyAlerts';

  constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock = systemClock,
  ) {}

  async forgetClient(subject: ErasureSubject): Promise<number> {
    const found = new Map<string, StoredDocument<unknown>>();
    const by = async (field: 'clientId' | 'clientKey', value: string) => {
      const docs = await this.store.query<unknown>(CONTAINERS.alerts, {
        where: [
          { field: 'kind', op: '=', value: 'safetyAlert' },
          { field, op: '=', value },
        ],
      });
      for (const doc of docs) found.set(doc.id, doc);
    };
    if (subject.clientId) await by('clientId', subject.clientId);
    if (subject.identity) await by('clientKey', `${subject.identity.channelId}:${subject.identity.userId}`);
    let changed = 0;
    for (const alertId of found.keys()) if (await this.erase(alertId, subject.pseudonym)) changed++;
    return changed;
  }

  /** Conditional write with the alert's eTag: the outbox worker may be recording a delivery at the same time. */
  private async erase(alertId: string, pseudonym: string): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const doc = await this.store.read<unknown>(CONTAINERS.alerts, alertId, alertId);
      const parsed = doc && alertSchema.safeParse(doc.body);
      if (!doc || !parsed?.success) return false;
      const erased = eraseClient(parsed.data, pseudonym, this.clock.now().toISOString());
      try {
        await this.store.upsert(CONTAINERS.alerts, alertId, alertId, erased, { ifMatch: doc.etag });
        return true;
      } catch (error) {
        if (!(error instanceof StorePreconditionFailedError)) throw error;
      }
    }
    throw new Error('Could not remove the client from a safety alert: it kept changing under us.');
  }
}

/** The alert without the client's identity or words. Everything the outbox and the clinician need is kept. */
export function eraseClient(alert: Alert, pseudonym: string, at: string): Alert {
  const { clientName: _name, ...rest } = structuredClone(alert);
  return {
    ...rest,
    clientKey: pseudonym,
    clientId: pseudonym,
    channelUserId: pseudonym,
    excerpt: '',
    // The reference holds the person's chat ids and display name; delivery goes to clinicians, never back to it.
    conversationReference: {},
    clientErasedAt: at,
    audit: [...rest.audit, { at, event: 'client_erased', by: 'client', detail: 'the client deleted their data; their name and words were removed from this alert' }],
  };
}
