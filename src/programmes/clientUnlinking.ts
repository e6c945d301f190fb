import { Clock, systemClock } from '../clock';
import { ClientDataKeeper, ErasureSubject } from '../client/clientErasure';
import { CONTAINERS } from '../storage/containers';
import { DocumentStore } from '../storage/documentStore';
import { chatLinkPartition, enrolmentCodePartition, POINTER_ID, ProgrammeStore } from './programmeStore';
import { ClientDocument, clientDocumentSchema } from './schemas';

/**
 * "Delete my data" and the programme's client record. The record is the programme's (its external id,
 * clinician and course stay, so the clinic knows what happened), but the chat is unlinked: the chat ids,
 * the conversation reference with the channel's display name, the look-up pointers and the reminder
 * schedules go, and `dataDeletedAt` says why. The programme can issue a new enrolment code should the
 * client come back.
 */
export class ClientUnlinking implements ClientDataKeeper {
  readonly kind = 'programmeRecord';

  constructor(
    private readonly programmes: ProgrammeStore,
    private readonly store: DocumentStore,
    private readonly clock: Clock = systemClock,
  ) {}

  async forgetClient(subject: ErasureSubject): Promise<number> {
    const records = new Map<string, ClientDocument>();
    if (subject.identity) {
      const linked = await this.programmes.clientForChat(subject.identity.channelId, subject.identity.userId);
      if (linked) records.set(`${linked.programmeId}/${linked.id}`, linked);
    }
    if (subject.clientId) {
      const docs = await this.store.query<unknown>(CONTAINERS.programmes, {
        where: [
          { field: 'type', op: '=', value: 'client' },
          { field: 'id', op: '=', value: subject.clientId },
        ],
      });
      for (const doc of docs) {
        const parsed = clientDocumentSchema.safeParse(doc.body);
        if (parsed.success) records.set(`${parsed.data.programmeId}/${parsed.data.id}`, parsed.data);
      }
    }
    if (subject.identity) await this.store.delete(CONTAINERS.programmes, chatLinkPartition(subject.identity.channelId, subject.identity.userId), POINTER_ID);
    for (const client of records.values()) await this.unlink(client);
    return records.size;
  }

  private async unlink(client: ClientDocument): Promise<void> {
    if (client.chat) await this.store.delete(CONTAINERS.programmes, chatLinkPartition(client.chat.channelId, client.chat.userId), POINTER_ID);
    if (client.enrolmentCodeHash) await this.store.delete(CONTAINERS.programmes, enrolmentCodePartition(client.enrolmentCodeHash), POINTER_ID);
    for (const schedule of await this.programmes.listSchedules(client.programmeId, client.id)) {
      await this.programmes.deleteSchedule(client.programmeId, client.id, schedule.id);
    }
    const now = this.clock.now().toISOString();
    await this.programmes.updateClientDoc(client.programmeId, client.id, (doc) => {
      const { chat: _chat, enrolmentCodeHash: _hash, enrolmentCodeExpiresAt: _expires, unreachableAt: _unreachable, ...kept } = doc;
      // Withdrawn stays withdrawn; otherwise the record waits for a new code, as before the client linked.
      return { ...kept, status: doc.status === 'withdrawn' ? 'withdrawn' : 'enrolled', dataDeletedAt: now, updatedAt: now };
    });
  }
}
