/** A programme with one clinician and one client linked to a chat, as enrolment leaves them, for reminder tests. */
import { randomUUID } from 'node:crypto';
import { Clock } from '../../src/clock';
import { DocumentStore } from '../../src/storage/documentStore';
import { Enrolment } from '../../src/programmes/enrolment';
import { ProgrammeStore } from '../../src/programmes/programmeStore';

export interface LinkedClient {
  programmes: ProgrammeStore;
  /** The client's id in the programme (`p`). */
  clientId: string;
}

/**
 * Programme `p` (Europe/Madrid) with clinician `ana`, and a client enrolled with the course given, who
 * redeemed their code in the chat `identity` and wrote once (so reminders know where to go).
 */
export async function seedLinkedClient(
  store: DocumentStore,
  clock: Clock,
  identity: { channelId: string; userId: string },
  course = { courseStart: '2026-11-01', courseEnd: '2027-06-30' },
): Promise<LinkedClient> {
  const programmes = new ProgrammeStore(store, { clock });
  await programmes.createProgramme({ id: 'p', name: 'P', defaultLocale: 'en', defaultTimeZone: 'Europe/Madrid', ackTimeoutMinutes: 15 });
  await programmes.createClinician('p', { id: 'ana', name: 'Ana', aadObjectId: randomUUID() });
  const { client, code } = await programmes.enrolClient('p', { externalId: 'x', clinicianId: 'ana', ...course });
  await new Enrolment(programmes, store, { clock }).redeem(code, identity);
  const { channelId, userId } = identity;
  await programmes.rememberConversation(channelId, userId, { serviceUrl: 'http://127.0.0.1:1', channelId, conversation: { id: `conv-${userId}` }, user: { id: userId }, bot: { id: 'bot' } });
  return { programmes, clientId: client.id };
}
