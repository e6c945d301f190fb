import { ConversationReference } from 'botbuilder';
import type { ProgrammeLine } from '../crisisResources';
import { Clinician, OnCall, SafetySettings } from './careTeamConfig';
import { programmeDeliveryProblems } from './deliverability';
import { DEVELOPMENT_POLICY } from './webhookDestination';
import { CONTAINERS } from '../../storage/containers';
import { DocumentStore } from '../../storage/documentStore';

/** The programme a client belongs to, as escalation needs it. */
export interface ProgrammeContacts {
  id: string;
  webhookUrl?: string;
  webhookSecret?: string;
  /** The secret being retired during a rotation: webhooks carry a signature by each until it is removed. */
  webhookPreviousSecret?: string;
  webhookIncludeExcerpt: boolean;
  onCall?: OnCall;
  /** The programme's own line, shown to its clients before their country's crisis lines. */
  outOfHoursLine?: ProgrammeLine;
  /** Days a closed alert is kept (see `DEFAULT_CLOSED_ALERT_RETENTION_DAYS` when absent). */
  closedAlertRetentionDays?: number;
  /** Unacknowledged this long → the next stage. Absent: the service's SAFETY_ACK_TIMEOUT_MINUTES. */
  ackTimeoutMinutes?: number;
  /** The care team's usual reply time, in hours, that clients are told after an alert. */
  careTeamReplyHours?: number;
  /** The care team is off duty now: clients are told a reply may wait until they are back. */
  outOfHours?: boolean;
}

/**
 * Who cares for whom. Configuration-backed now (`ConfigCareTeamDirectory`); the programme issue adds a
 * store-backed one behind the same port.
 */
export interface CareTeamDirectory {
  /** The programme of a chat identity (the default programme when it is linked to none); undefined when there is none. */
  programmeFor(channelId: string, channelUserId: string): Promise<ProgrammeContacts | undefined>;
  /** Where clients linked to no programme go: the SAFETY_* programme, else the API programme marked defaultForUnenrolled. */
  defaultProgramme(): Promise<ProgrammeContacts | undefined>;
  /** Why some programme's alerts could not be delivered (for `/readyz`; ids and roles, never URLs or secrets). */
  deliveryProblems(): Promise<string[]>;
  programme(id: string): Promise<ProgrammeContacts | undefined>;
  /** The clinician assigned to a chat identity, if it is linked to one. */
  clinicianFor(channelId: string, channelUserId: string): Promise<Clinician | undefined>;
  clinician(programmeId: string, clinicianId: string): Promise<Clinician | undefined>;
  /** A care-team member (clinician or on-call) by Teams AAD object id, to remember how to reach them. */
  isCareTeamMember(aadObjectId: string): Promise<{ programmeId: string } | undefined>;
}

export class ConfigCareTeamDirectory implements CareTeamDirectory {
  constructor(private readonly settings: SafetySettings) {}

  private contacts(): ProgrammeContacts | undefined {
    const programme = this.settings.programme;
    if (!programme) return undefined;
    const { id, webhookUrl, webhookSecret, webhookPreviousSecret, webhookIncludeExcerpt, onCall } = programme;
    return { id, webhookUrl, webhookSecret, ...(webhookPreviousSecret ? { webhookPreviousSecret } : {}), webhookIncludeExcerpt, onCall };
  }

  async programmeFor(): Promise<ProgrammeContacts | undefined> {
    return this.contacts();
  }

  async defaultProgramme(): Promise<ProgrammeContacts | undefined> {
    return this.contacts();
  }

  async deliveryProblems(): Promise<string[]> {
    const contacts = this.contacts();
    return contacts ? programmeDeliveryProblems(contacts, this.settings.programme?.clinicians ?? [], this.settings.webhookPolicy ?? DEVELOPMENT_POLICY) : [];
  }

  async programme(id: string): Promise<ProgrammeContacts | undefined> {
    const contacts = this.contacts();
    return contacts?.id === id ? contacts : undefined;
  }

  async clinicianFor(_channelId: string, channelUserId: string): Promise<Clinician | undefined> {
    const programme = this.settings.programme;
    const clinicianId = programme?.clientClinician[channelUserId];
    return clinicianId ? programme.clinicians.find((c) => c.id === clinicianId) : undefined;
  }

  async clinician(programmeId: string, clinicianId: string): Promise<Clinician | undefined> {
    const programme = this.settings.programme;
    return programme?.id === programmeId ? programme.clinicians.find((c) => c.id === clinicianId) : undefined;
  }

  async isCareTeamMember(aadObjectId: string): Promise<{ programmeId: string } | undefined> {
    const programme = this.settings.programme;
    if (!programme) return undefined;
    const member = programme.clinicians.some((c) => c.aadObjectId === aadObjectId) || programme.onCall?.aadObjectId === aadObjectId;
    return member ? { programmeId: programme.id } : undefined;
  }
}

interface TeamsContactDocument {
  kind: 'teamsContact';
  aadObjectId: string;
  reference: Partial<ConversationReference>;
  updatedAt: string;
}

/**
 * The Teams conversation reference of each care-team member, stored when they write to the bot, so a
 * proactive alert card can reach them. Kept in the programme's partition of `programmes`.
 */
export class TeamsContactStore {
  /** What was last stored per member, so a clinician's every message does not cost a write. */
  private readonly known = new Map<string, string>();

  constructor(private readonly store: DocumentStore) {}

  private static id(aadObjectId: string): string {
    return `teamsContact:${aadObjectId}`;
  }

  async remember(programmeId: string, aadObjectId: string, reference: Partial<ConversationReference>, now: Date): Promise<void> {
    const { serviceUrl, channelId, conversation, bot, user } = reference;
    const slim: Partial<ConversationReference> = { serviceUrl, channelId, conversation, bot, user };
    const fingerprint = JSON.stringify(slim);
    const cacheKey = `${programmeId}/${aadObjectId}`;
    if (this.known.get(cacheKey) === fingerprint) return;
    const existing = await this.store.read<TeamsContactDocument>(CONTAINERS.programmes, programmeId, TeamsContactStore.id(aadObjectId));
    if (!existing || JSON.stringify(existing.body.reference) !== fingerprint) {
      const body: TeamsContactDocument = { kind: 'teamsContact', aadObjectId, reference: slim, updatedAt: now.toISOString() };
      await this.store.upsert(CONTAINERS.programmes, programmeId, TeamsContactStore.id(aadObjectId), body);
    }
    this.known.set(cacheKey, fingerprint);
  }

  async referenceFor(programmeId: string, aadObjectId: string): Promise<Partial<ConversationReference> | undefined> {
    return (await this.store.read<TeamsContactDocument>(CONTAINERS.programmes, programmeId, TeamsContactStore.id(aadObjectId)))?.body.reference;
  }
}
