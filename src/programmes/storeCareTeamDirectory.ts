/**
 * The safety escalation's `CareTeamDirectory` port over the programmes the API manages: a linked chat
 * identity leads to its client record, and from there to the clinician (and backup) and the programme's
 * alert webhook and on-call. Identities no programme knows fall back to another directory (the
 * configuration-backed one), so a service without programmes behaves as before.
 */
import type { CareTeamDirectory, ProgrammeContacts } from '../safety/escalation/careTeamDirectory';
import type { Clinician } from '../safety/escalation/careTeamConfig';
import { programmeDeliveryProblems } from '../safety/escalation/deliverability';
import { DestinationPolicy, DEVELOPMENT_POLICY } from '../safety/escalation/webhookDestination';
import { ProgrammeStore } from './programmeStore';
import { ClinicianDocument, ProgrammeDocument } from './schemas';

function contacts(programme: ProgrammeDocument): ProgrammeContacts {
  const onCall = programme.onCall?.aadObjectId || programme.onCall?.webhookUrl ? { ...programme.onCall } : undefined;
  return {
    id: programme.id,
    webhookUrl: programme.alertWebhook?.url,
    webhookSecret: programme.alertWebhook?.secret,
    ...(programme.alertWebhook?.previousSecret ? { webhookPreviousSecret: programme.alertWebhook.previousSecret } : {}),
    webhookIncludeExcerpt: programme.alertWebhook?.includeExcerpt ?? false,
    ...(programme.closedAlertRetentionDays ? { closedAlertRetentionDays: programme.closedAlertRetentionDays } : {}),
    ackTimeoutMinutes: programme.ackTimeoutMinutes,
    ...(onCall ? { onCall } : {}),
    ...(programme.outOfHoursLine ? { outOfHoursLine: { ...programme.outOfHoursLine } } : {}),
    ...(programme.careTeamReplyHours ? { careTeamReplyHours: programme.careTeamReplyHours } : {}),
    ...(programme.outOfHours ? { outOfHours: true } : {}),
  };
}

function clinician(doc: ClinicianDocument): Clinician {
  return {
    id: doc.id,
    name: doc.name,
    aadObjectId: doc.aadObjectId,
    ...(doc.backupClinicianId ? { backupId: doc.backupClinicianId } : {}),
    ...(doc.webhookUrl ? { webhookUrl: doc.webhookUrl } : {}),
    ...(doc.language ? { language: doc.language } : {}),
    ...(doc.timeZone ? { timeZone: doc.timeZone } : {}),
  };
}

export class StoreCareTeamDirectory implements CareTeamDirectory {
  constructor(
    private readonly programmes: ProgrammeStore,
    private readonly fallback?: CareTeamDirectory,
    private readonly policy: DestinationPolicy = DEVELOPMENT_POLICY,
  ) {}

  async programmeFor(channelId: string, channelUserId: string): Promise<ProgrammeContacts | undefined> {
    const client = await this.programmes.clientForChat(channelId, channelUserId);
    if (!client) return this.defaultProgramme();
    const programme = await this.programmes.getProgramme(client.programmeId);
    // A link to a programme that no longer exists must not leave the client with no one.
    return programme ? contacts(programme) : this.defaultProgramme();
  }

  /** The SAFETY_* programme when one is configured (it wins), else the API programme marked defaultForUnenrolled. */
  async defaultProgramme(): Promise<ProgrammeContacts | undefined> {
    const configured = await this.fallback?.defaultProgramme();
    if (configured) return configured;
    const programme = await this.programmes.defaultProgramme();
    return programme ? contacts(programme) : undefined;
  }

  async deliveryProblems(): Promise<string[]> {
    const problems: string[] = [];
    for (const programme of await this.programmes.listProgrammes()) {
      const clinicians = (await this.programmes.listClinicians(programme.id)).map(clinician);
      problems.push(...programmeDeliveryProblems(contacts(programme), clinicians, this.policy));
    }
    return [...problems, ...((await this.fallback?.deliveryProblems()) ?? [])];
  }

  async programme(id: string): Promise<ProgrammeContacts | undefined> {
    const programme = await this.programmes.getProgramme(id);
    return programme ? contacts(programme) : this.fallback?.programme(id);
  }

  async clinicianFor(channelId: string, channelUserId: string): Promise<Clinician | undefined> {
    const client = await this.programmes.clientForChat(channelId, channelUserId);
    if (!client) return this.fallback?.clinicianFor(channelId, channelUserId);
    const doc = await this.programmes.getClinician(client.programmeId, client.clinicianId);
    return doc ? clinician(doc) : undefined;
  }

  async clinician(programmeId: string, clinicianId: string): Promise<Clinician | undefined> {
    const doc = await this.programmes.getClinician(programmeId, clinicianId);
    if (doc) return clinician(doc);
    return (await this.programmes.getProgramme(programmeId)) ? undefined : this.fallback?.clinician(programmeId, clinicianId);
  }

  async isCareTeamMember(aadObjectId: string): Promise<{ programmeId: string } | undefined> {
    const [programmeId] = await this.programmes.careTeamMemberships(aadObjectId);
    return programmeId ? { programmeId } : this.fallback?.isCareTeamMember(aadObjectId);
  }
}
