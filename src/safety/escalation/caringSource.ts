import { CONTAINERS } from '../../storage/containers';
import { DocumentStore } from '../../storage/documentStore';
import type { CaringDecision, CaringSource } from '../../scheduling/caringFollowUp';
import { alertSchema } from './alert';

/**
 * Whether an alert's caring follow-up is still owed when it is due, and where it goes: always after an
 * urgent alert; after a concern only while nobody has acknowledged it; never to someone who withdrew their
 * consent or deleted their data. It goes to the conversation the alert came from, so a client without a
 * programme link gets it too.
 */
export class AlertCaringSource implements CaringSource {
  constructor(private readonly store: DocumentStore) {}

  async decide(alertId: string): Promise<CaringDecision> {
    const doc = await this.store.read<unknown>(CONTAINERS.alerts, alertId, alertId);
    const parsed = doc ? alertSchema.safeParse(doc.body) : undefined;
    if (!parsed?.success) return { send: false, reason: 'alertGone' };
    const alert = parsed.data;
    if (alert.level !== 'urgent' && alert.status === 'acknowledged') return { send: false, reason: 'acknowledged' };
    if (alert.clientId) {
      const profile = (await this.store.read<{ consent?: { given?: boolean; withdrawnAt?: string } }>(CONTAINERS.clients, alert.clientId, 'profile'))?.body;
      // A client record whose profile is gone asked for their data to be deleted.
      if (!profile) return { send: false, reason: 'dataDeleted' };
      if (profile.consent?.withdrawnAt || profile.consent?.given === false) return { send: false, reason: 'consentWithdrawn' };
    }
    return { send: true, conversationReference: alert.conversationReference, language: alert.language, ...(alert.clientName ? { name: alert.clientName } : {}) };
  }
}
