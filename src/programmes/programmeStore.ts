/**
 * Programmes, their API keys, clinicians, clients and reminder schedules over the storage port (see
 * `schemas.ts` for the documents and partitions). Every method takes the programme id first, and reads
 * only inside that programme's partition, so one programme can never reach another's data.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { Clock, systemClock } from '../clock';
import { CONTAINERS } from '../storage/containers';
import { DocumentStore, StoredDocument } from '../storage/documentStore';
import { StoreConflictError, StorePreconditionFailedError } from '../storage/errors';
import { bucketOf, DueReminder, dueReminderId, dueReminderSchema, planInputFor, ReminderQueue } from '../scheduling/reminderQueue';
import { isInQuietHours, parseLocalTime } from '../scheduling/schedule';
import { ConflictError, InvalidReferenceError, NotFoundError } from './errors';
import {
  ClientDocument,
  clientDocumentSchema,
  ClinicianDocument,
  clinicianDocumentSchema,
  createClientSchema,
  createClinicianSchema,
  createProgrammeSchema,
  createScheduleSchema,
  KeyDocument,
  keyDocumentSchema,
  ProgrammeDocument,
  programmeDocumentSchema,
  ReminderKind,
  ScheduleDocument,
  scheduleDocumentSchema,
  updateClientSchema,
  updateClinicianSchema,
  updateProgrammeSchema,
  updateScheduleSchema,
} from './schemas';
import { RecentMap } from '../recentMap';
import { newApiKey, newEnrolmentCode, normaliseEnrolmentCode, sha256Hex } from './secrets';
import { DestinationPolicy, DEVELOPMENT_POLICY, webhookUrlProblem } from '../safety/escalation/webhookDestination';

const P = CONTAINERS.programmes;
/** When keep-well check-ins and the goodbye come, in the client's time, for a client who had no check-in reminder: mid-morning, not on waking. */
export const AFTER_COURSE_TIME = '10:00';
/** How many ended reminders `getSchedule` follows at most (the dispatcher writes the schedule every 8). */
const MAX_PROGRESS_LINKS = 64;
const PROGRAMME_ID = 'programme';

/** A look-up document in a partition of its own: which programme (and client) a secret belongs to. */
interface PointerDocument {
  type: 'apiKeyPointer' | 'enrolmentCode' | 'chatLink' | 'defaultProgramme';
  programmeId: string;
  keyId?: string;
  clientId?: string;
  hash?: string;
  expiresAt?: string;
  redeemedAt?: string;
}

export const apiKeyPartition = (hash: string) => `apiKey:${hash}`;
export const enrolmentCodePartition = (hash: string) => `enrolmentCode:${hash}`;
export const chatLinkPartition = (channelId: string, userId: string) => `chat:${sha256Hex(`${channelId}\n${userId}`)}`;
/** Care-team membership by Teams AAD object id, across programmes: one document per programme and role. */
export const careTeamPartition = (aadObjectId: string) => `careTeam:${aadObjectId.toLowerCase()}`;
/** Which programme clients linked to no programme go to (at most one: a single pointer document). */
const DEFAULT_PROGRAMME_PARTITION = 'defaultForUnenrolled';
const CLINICIAN_ROSTER = ':clinician:';
export const POINTER_ID = 'pointer';
const NO_SECRET = 'the programme has no webhook signing secret: set alertWebhook.secret on the programme first (every alert webhook is signed with it)';
/** How long "this Teams user is on no care team" is remembered (see `careTeamMemberships`). */
export const NOT_ON_CARE_TEAM_TTL_MS = 60_000;
const MAX_REMEMBERED_IDENTITIES = 50_000;

export interface ProgrammeStoreOptions {
  clock?: Clock;
  /** How long an enrolment code stays valid. */
  enrolmentCodeTtlDays?: number;
  /** Which alert webhook destinations are accepted (default: development's). */
  webhookPolicy?: DestinationPolicy;
  /** The programme configured with SAFETY_* when there is one: its id is taken, and it is the default for unenrolled clients. */
  configuredProgrammeId?: string;
}

function strip<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as T;
}

export class ProgrammeStore {
  readonly queue: ReminderQueue;
  private readonly clock: Clock;
  private readonly codeTtlDays: number;
  /** Care-team partitions found empty, until when (see `careTeamMemberships`). */
  private readonly notOnCareTeam = new RecentMap<string, number>(MAX_REMEMBERED_IDENTITIES);
  private readonly webhookPolicy: DestinationPolicy;
  private readonly configuredProgrammeId?: string;

  constructor(
    private readonly store: DocumentStore,
    options: ProgrammeStoreOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.webhookPolicy = options.webhookPolicy ?? DEVELOPMENT_POLICY;
    this.configuredProgrammeId = options.configuredProgrammeId;
    this.codeTtlDays = options.enrolmentCodeTtlDays ?? 14;
    this.queue = new ReminderQueue(store);
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  private async readParsed<T>(partition: string, id: string, schema: z.ZodType<T>): Promise<StoredDocument<T> | undefined> {
    const doc = await this.store.read<unknown>(P, partition, id);
    if (!doc) return undefined;
    const parsed = schema.safeParse(doc.body);
    return parsed.success ? { ...doc, body: parsed.data } : undefined;
  }

  private async listParsed<T>(programmeId: string, type: string, schema: z.ZodType<T>): Promise<T[]> {
    const docs = await this.store.query<unknown>(P, { partitionKey: programmeId, where: [{ field: 'type', op: '=', value: type }] });
    return docs.flatMap((doc) => {
      const parsed = schema.safeParse(doc.body);
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** Creates a uniqueness marker; a clash becomes a 409 with `message`. */
  private async claimUnique(programmeId: string, markerId: string, ownerId: string, message: string): Promise<void> {
    try {
      await this.store.create(P, programmeId, markerId, { type: 'unique', ownerId });
    } catch (error) {
      if (error instanceof StoreConflictError) {
        const existing = await this.store.read<{ ownerId: string }>(P, programmeId, markerId);
        if (existing?.body.ownerId === ownerId) return;
        throw new ConflictError(message);
      }
      throw error;
    }
  }

  // ------------------------------------------------------------------------------------------ programmes

  async createProgramme(input: z.infer<typeof createProgrammeSchema>): Promise<ProgrammeDocument> {
    const id = input.id ?? randomUUID();
    if (this.configuredProgrammeId !== undefined && id === this.configuredProgrammeId) {
      throw new InvalidReferenceError('id', `"${id}" is the programme configured with SAFETY_PROGRAMME_ID; choose another id (alerts name their programme by id)`);
    }
    this.checkDestination('alertWebhook.url', input.alertWebhook?.url);
    this.checkDestination('onCall.webhookUrl', input.onCall?.webhookUrl);
    if (input.onCall?.webhookUrl && !input.alertWebhook) throw new InvalidReferenceError('onCall.webhookUrl', NO_SECRET);
    const now = this.now();
    const body: ProgrammeDocument = strip({ ...input, type: 'programme' as const, id, createdAt: now, updatedAt: now });
    if (input.defaultForUnenrolled) await this.claimDefault(id);
    try {
      await this.store.create(P, id, PROGRAMME_ID, body);
    } catch (error) {
      if (input.defaultForUnenrolled) await this.releaseDefault(id);
      if (error instanceof StoreConflictError) throw new ConflictError(`A programme with id "${id}" already exists.`);
      throw error;
    }
    if (body.onCall?.aadObjectId) await this.joinCareTeam(body.onCall.aadObjectId, `${id}:oncall`, id);
    return body;
  }

  async getProgramme(programmeId: string): Promise<ProgrammeDocument | undefined> {
    return (await this.readParsed(programmeId, PROGRAMME_ID, programmeDocumentSchema))?.body;
  }

  async requireProgramme(programmeId: string): Promise<ProgrammeDocument> {
    const programme = await this.getProgramme(programmeId);
    if (!programme) throw new NotFoundError(`There is no programme "${programmeId}".`);
    return programme;
  }

  /** Every programme (a cross-partition query: an admin operation). */
  async listProgrammes(): Promise<ProgrammeDocument[]> {
    const docs = await this.store.query<unknown>(P, { where: [{ field: 'type', op: '=', value: 'programme' }], orderBy: { field: 'createdAt' } });
    return docs.flatMap((doc) => {
      const parsed = programmeDocumentSchema.safeParse(doc.body);
      return parsed.success ? [parsed.data] : [];
    });
  }

  async updateProgramme(programmeId: string, patch: z.infer<typeof updateProgrammeSchema>): Promise<ProgrammeDocument> {
    const before = await this.requireProgramme(programmeId);
    this.checkDestination('alertWebhook.url', patch.alertWebhook?.url);
    this.checkDestination('onCall.webhookUrl', patch.onCall?.webhookUrl);
    const signed = patch.alertWebhook === undefined ? Boolean(before.alertWebhook?.secret) : Boolean(patch.alertWebhook?.secret);
    const onCallWebhook = patch.onCall === undefined ? before.onCall?.webhookUrl : patch.onCall?.webhookUrl;
    if (!signed && onCallWebhook) throw new InvalidReferenceError(patch.alertWebhook === null ? 'alertWebhook' : 'onCall.webhookUrl', NO_SECRET);
    if (!signed && patch.alertWebhook === null && (await this.listClinicians(programmeId)).some((c) => c.webhookUrl)) {
      throw new InvalidReferenceError('alertWebhook', "clinicians' webhooks are signed with this secret: remove their webhookUrl first");
    }
    if (patch.defaultForUnenrolled === true) await this.claimDefault(programmeId);
    const after = await this.update(programmeId, PROGRAMME_ID, programmeDocumentSchema, (current) => strip({ ...current, ...patch, updatedAt: this.now() }) as ProgrammeDocument, `programme "${programmeId}"`);
    if (before.onCall?.aadObjectId !== after.onCall?.aadObjectId) {
      if (before.onCall?.aadObjectId) await this.store.delete(P, careTeamPartition(before.onCall.aadObjectId), `${programmeId}:oncall`);
      if (after.onCall?.aadObjectId) await this.joinCareTeam(after.onCall.aadObjectId, `${programmeId}:oncall`, programmeId);
    }
    if (patch.defaultForUnenrolled === false) await this.releaseDefault(programmeId);
    return after;
  }

  /** The programme clients with no programme link go to, when one is marked (`defaultForUnenrolled`). */
  async defaultProgramme(): Promise<ProgrammeDocument | undefined> {
    const pointer = await this.store.read<PointerDocument>(P, DEFAULT_PROGRAMME_PARTITION, POINTER_ID);
    if (pointer?.body.type !== 'defaultProgramme') return undefined;
    const programme = await this.getProgramme(pointer.body.programmeId);
    return programme?.defaultForUnenrolled ? programme : undefined;
  }

  /** Makes `programmeId` the default for unenrolled clients; refused while another one is (or the SAFETY_* programme exists). */
  private async claimDefault(programmeId: string): Promise<void> {
    if (this.configuredProgrammeId !== undefined) {
      throw new InvalidReferenceError(
        'defaultForUnenrolled',
        `clients with no programme already go to the programme configured with SAFETY_* ("${this.configuredProgrammeId}"); remove that configuration to make an API programme the default`,
      );
    }
    try {
      await this.store.create(P, DEFAULT_PROGRAMME_PARTITION, POINTER_ID, { type: 'defaultProgramme', programmeId } satisfies PointerDocument);
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
      const existing = await this.store.read<PointerDocument>(P, DEFAULT_PROGRAMME_PARTITION, POINTER_ID);
      if (existing?.body.programmeId === programmeId) return;
      // A pointer left by a programme that is no longer the default is taken over.
      const holder = existing && (await this.getProgramme(existing.body.programmeId));
      if (existing && !holder?.defaultForUnenrolled) {
        await this.store.upsert(P, DEFAULT_PROGRAMME_PARTITION, POINTER_ID, { type: 'defaultProgramme', programmeId } satisfies PointerDocument, { ifMatch: existing.etag });
        return;
      }
      throw new ConflictError('Another programme is already the default for clients with no programme; set its defaultForUnenrolled to false first.', 'defaultForUnenrolled');
    }
  }

  private async releaseDefault(programmeId: string): Promise<void> {
    const existing = await this.store.read<PointerDocument>(P, DEFAULT_PROGRAMME_PARTITION, POINTER_ID);
    if (existing?.body.programmeId === programmeId) await this.store.delete(P, DEFAULT_PROGRAMME_PARTITION, POINTER_ID);
  }

  /** A webhook URL the policy refuses is a 400 at `path`. */
  private checkDestination(path: string, url: string | undefined | null): void {
    const problem = url ? webhookUrlProblem(url, this.webhookPolicy) : undefined;
    if (problem) throw new InvalidReferenceError(path, problem);
  }

  /**
   * One person on two programmes' rosters only when both programmes say so (`sharedAcrossProgrammes`), so a
   * programme cannot put another's clinician on its roster by accident or on purpose. Says nothing about which
   * programme it is.
   */
  private async checkRosterSharing(programmeId: string, aadObjectId: string, shared: boolean): Promise<void> {
    const entries = await this.store.query<{ programmeId: string }>(P, { partitionKey: careTeamPartition(aadObjectId) });
    const others = entries.filter((entry) => entry.id.includes(CLINICIAN_ROSTER) && entry.body.programmeId !== programmeId);
    if (others.length === 0) return;
    if (!shared) {
      throw new ConflictError('This aadObjectId is already on another programme\'s roster. If this person works for both, set sharedAcrossProgrammes: true here and in the other programme.', 'aadObjectId');
    }
    for (const entry of others) {
      const other = await this.getClinician(entry.body.programmeId, entry.id.slice(entry.id.indexOf(CLINICIAN_ROSTER) + CLINICIAN_ROSTER.length));
      if (other && !other.sharedAcrossProgrammes) {
        throw new ConflictError('This aadObjectId is on another programme\'s roster, which has not marked the clinician sharedAcrossProgrammes; that programme must do so first.', 'aadObjectId');
      }
    }
  }

  /**
   * The programmes a Teams user is on the care team of (clinician or on-call). Every Teams message asks this
   * (is the sender a clinician?) and for clients the answer is none, so "none" is remembered for
   * `NOT_ON_CARE_TEAM_TTL_MS`: a client's turn then costs no roster query. Only "none" is remembered, so a
   * removal takes effect at once; an addition through this store clears it at once, and one made by another
   * instance is seen within the TTL.
   */
  async careTeamMemberships(aadObjectId: string): Promise<string[]> {
    const partition = careTeamPartition(aadObjectId);
    const now = this.clock.now().getTime();
    if ((this.notOnCareTeam.get(partition) ?? 0) > now) return [];
    const docs = await this.store.query<{ programmeId: string }>(P, { partitionKey: partition });
    if (docs.length === 0) this.notOnCareTeam.set(partition, now + NOT_ON_CARE_TEAM_TTL_MS);
    else this.notOnCareTeam.delete(partition);
    return [...new Set(docs.map((doc) => doc.body.programmeId))];
  }

  /** Writes a care-team membership, and forgets that this user was on none. */
  private async joinCareTeam(aadObjectId: string, id: string, programmeId: string): Promise<void> {
    await this.store.upsert(P, careTeamPartition(aadObjectId), id, { type: 'careTeam', programmeId });
    this.notOnCareTeam.delete(careTeamPartition(aadObjectId));
  }

  /** Read, change, write with the eTag; retried when another writer got in between. */
  private async update<T>(partition: string, id: string, schema: z.ZodType<T>, change: (current: T) => T, what: string): Promise<T> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.readParsed(partition, id, schema);
      if (!current) throw new NotFoundError(`There is no ${what}.`);
      const next = change(current.body);
      try {
        await this.store.upsert(P, partition, id, next, { ifMatch: current.etag });
        return next;
      } catch (error) {
        if (!(error instanceof StorePreconditionFailedError)) throw error;
      }
    }
    throw new ConflictError(`The ${what} is being changed by someone else; try again.`);
  }

  // ------------------------------------------------------------------------------------------ API keys

  async issueKey(programmeId: string, label?: string): Promise<{ key: string; document: KeyDocument }> {
    await this.requireProgramme(programmeId);
    const key = newApiKey();
    const hash = sha256Hex(key);
    const keyId = randomUUID();
    const document: KeyDocument = strip({ type: 'key' as const, keyId, programmeId, hash, label, createdAt: this.now() });
    // The pointer first: a key that exists in the list always authenticates, never the other way round.
    const pointer: PointerDocument = { type: 'apiKeyPointer', programmeId, keyId, hash };
    await this.store.create(P, apiKeyPartition(hash), POINTER_ID, pointer);
    await this.store.create(P, programmeId, `key:${keyId}`, document);
    return { key, document };
  }

  async listKeys(programmeId: string): Promise<KeyDocument[]> {
    await this.requireProgramme(programmeId);
    return this.listParsed(programmeId, 'key', keyDocumentSchema);
  }

  async revokeKey(programmeId: string, keyId: string): Promise<KeyDocument> {
    const current = await this.readParsed(programmeId, `key:${keyId}`, keyDocumentSchema);
    if (!current) throw new NotFoundError(`There is no key "${keyId}" in programme "${programmeId}".`);
    // The pointer goes first: from that moment the key no longer authenticates, whatever happens next.
    await this.store.delete(P, apiKeyPartition(current.body.hash), POINTER_ID);
    return this.update(
      programmeId,
      `key:${keyId}`,
      keyDocumentSchema,
      (doc) => ({ ...doc, revokedAt: doc.revokedAt ?? this.now() }),
      `key "${keyId}" in programme "${programmeId}"`,
    );
  }

  /** The programme a key belongs to, when it exists and is not revoked. One point read by hash. */
  async findKey(hash: string): Promise<{ programmeId: string; keyId: string; hash: string } | undefined> {
    const pointer = await this.store.read<PointerDocument>(P, apiKeyPartition(hash), POINTER_ID);
    if (!pointer || pointer.body.type !== 'apiKeyPointer' || !pointer.body.keyId || !pointer.body.hash) return undefined;
    return { programmeId: pointer.body.programmeId, keyId: pointer.body.keyId, hash: pointer.body.hash };
  }

  // ------------------------------------------------------------------------------------------ clinicians

  private async checkClinicianRef(programmeId: string, clinicianId: string | undefined | null, path: string): Promise<void> {
    if (!clinicianId) return;
    if (!(await this.getClinician(programmeId, clinicianId))) {
      throw new InvalidReferenceError(path, `there is no clinician "${clinicianId}" in this programme`);
    }
  }

  async createClinician(programmeId: string, input: z.infer<typeof createClinicianSchema>): Promise<ClinicianDocument> {
    await this.requireProgramme(programmeId);
    const id = input.id ?? randomUUID();
    await this.checkClinicianRef(programmeId, input.backupClinicianId, 'backupClinicianId');
    if (input.backupClinicianId === id) throw new InvalidReferenceError('backupClinicianId', 'a clinician cannot be their own backup');
    await this.checkClinicianWebhook(programmeId, input.webhookUrl);
    await this.checkRosterSharing(programmeId, input.aadObjectId, input.sharedAcrossProgrammes === true);
    await this.claimUnique(programmeId, `aad:${input.aadObjectId.toLowerCase()}`, id, `A clinician with aadObjectId ${input.aadObjectId} is already in this programme.`);
    const now = this.now();
    const body: ClinicianDocument = strip({ ...input, type: 'clinician' as const, id, programmeId, createdAt: now, updatedAt: now });
    try {
      await this.store.create(P, programmeId, `clinician:${id}`, body);
    } catch (error) {
      if (error instanceof StoreConflictError) throw new ConflictError(`A clinician with id "${id}" already exists in this programme.`);
      throw error;
    }
    await this.joinCareTeam(input.aadObjectId, `${programmeId}:clinician:${id}`, programmeId);
    return body;
  }

  /** A clinician's webhook must be allowed and signable (the programme's secret signs it). */
  private async checkClinicianWebhook(programmeId: string, webhookUrl: string | undefined | null): Promise<void> {
    if (!webhookUrl) return;
    this.checkDestination('webhookUrl', webhookUrl);
    if (!(await this.requireProgramme(programmeId)).alertWebhook?.secret) throw new InvalidReferenceError('webhookUrl', NO_SECRET);
  }

  async getClinician(programmeId: string, clinicianId: string): Promise<ClinicianDocument | undefined> {
    return (await this.readParsed(programmeId, `clinician:${clinicianId}`, clinicianDocumentSchema))?.body;
  }

  async listClinicians(programmeId: string): Promise<ClinicianDocument[]> {
    await this.requireProgramme(programmeId);
    return this.listParsed(programmeId, 'clinician', clinicianDocumentSchema);
  }

  async updateClinician(programmeId: string, clinicianId: string, patch: z.infer<typeof updateClinicianSchema>): Promise<ClinicianDocument> {
    const current = await this.getClinician(programmeId, clinicianId);
    if (!current) throw new NotFoundError(`There is no clinician "${clinicianId}" in this programme.`);
    await this.checkClinicianRef(programmeId, patch.backupClinicianId, 'backupClinicianId');
    if (patch.backupClinicianId === clinicianId) throw new InvalidReferenceError('backupClinicianId', 'a clinician cannot be their own backup');
    await this.checkClinicianWebhook(programmeId, patch.webhookUrl);
    if (patch.aadObjectId !== undefined || patch.sharedAcrossProgrammes !== undefined) {
      await this.checkRosterSharing(programmeId, patch.aadObjectId ?? current.aadObjectId, patch.sharedAcrossProgrammes ?? current.sharedAcrossProgrammes === true);
    }
    if (patch.aadObjectId && patch.aadObjectId.toLowerCase() !== current.aadObjectId.toLowerCase()) {
      await this.claimUnique(programmeId, `aad:${patch.aadObjectId.toLowerCase()}`, clinicianId, `A clinician with aadObjectId ${patch.aadObjectId} is already in this programme.`);
      await this.joinCareTeam(patch.aadObjectId, `${programmeId}:clinician:${clinicianId}`, programmeId);
      await this.store.delete(P, programmeId, `aad:${current.aadObjectId.toLowerCase()}`);
      await this.store.delete(P, careTeamPartition(current.aadObjectId), `${programmeId}:clinician:${clinicianId}`);
    }
    return this.update(
      programmeId,
      `clinician:${clinicianId}`,
      clinicianDocumentSchema,
      (doc) => strip({ ...doc, ...patch, updatedAt: this.now() }) as ClinicianDocument,
      `clinician "${clinicianId}"`,
    );
  }

  /** Whether any document of this type in the programme has `field` equal to `value` (reads at most one). */
  private async anyWith(programmeId: string, type: string, field: string, value: string): Promise<boolean> {
    const found = await this.store.query<unknown>(P, {
      partitionKey: programmeId,
      where: [
        { field: 'type', op: '=', value: type },
        { field, op: '=', value },
      ],
      limit: 1,
    });
    return found.length > 0;
  }

  async deleteClinician(programmeId: string, clinicianId: string): Promise<void> {
    const current = await this.getClinician(programmeId, clinicianId);
    if (!current) throw new NotFoundError(`There is no clinician "${clinicianId}" in this programme.`);
    if (await this.anyWith(programmeId, 'client', 'clinicianId', clinicianId)) throw new ConflictError(`Clinician "${clinicianId}" still has clients; move them to another clinician first.`);
    if (await this.anyWith(programmeId, 'clinician', 'backupClinicianId', clinicianId)) throw new ConflictError(`Clinician "${clinicianId}" is another clinician's backup; change that first.`);
    await this.store.delete(P, programmeId, `clinician:${clinicianId}`);
    await this.store.delete(P, programmeId, `aad:${current.aadObjectId.toLowerCase()}`);
    await this.store.delete(P, careTeamPartition(current.aadObjectId), `${programmeId}:clinician:${clinicianId}`);
  }

  // ------------------------------------------------------------------------------------------ clients

  /** Enrols a client and returns their first one-time enrolment code. */
  async enrolClient(programmeId: string, input: z.infer<typeof createClientSchema>): Promise<{ client: ClientDocument; code: string; expiresAt: string }> {
    const programme = await this.requireProgramme(programmeId);
    await this.checkClinicianRef(programmeId, input.clinicianId, 'clinicianId');
    const id = randomUUID();
    await this.claimUnique(programmeId, `externalId:${input.externalId}`, id, `A client with externalId "${input.externalId}" is already enrolled in this programme.`);
    const now = this.now();
    const client: ClientDocument = strip({
      ...input,
      type: 'client' as const,
      id,
      programmeId,
      locale: input.locale ?? programme.defaultLocale,
      timeZone: input.timeZone ?? programme.defaultTimeZone,
      status: 'enrolled' as const,
      createdAt: now,
      updatedAt: now,
    });
    await this.store.create(P, programmeId, `client:${id}`, client);
    const { code, expiresAt, client: updated } = await this.issueEnrolmentCode(programmeId, id);
    return { client: updated, code, expiresAt };
  }

  async getClient(programmeId: string, clientId: string): Promise<ClientDocument | undefined> {
    return (await this.readParsed(programmeId, `client:${clientId}`, clientDocumentSchema))?.body;
  }

  async requireClient(programmeId: string, clientId: string): Promise<ClientDocument> {
    const client = await this.getClient(programmeId, clientId);
    if (!client) throw new NotFoundError(`There is no client "${clientId}" in this programme.`);
    return client;
  }

  async listClients(programmeId: string, filter: { status?: ClientDocument['status']; clinicianId?: string } = {}): Promise<ClientDocument[]> {
    await this.requireProgramme(programmeId);
    const clients = await this.listParsed(programmeId, 'client', clientDocumentSchema);
    return clients.filter((c) => (!filter.status || c.status === filter.status) && (!filter.clinicianId || c.clinicianId === filter.clinicianId));
  }

  async updateClient(programmeId: string, clientId: string, patch: z.infer<typeof updateClientSchema>): Promise<ClientDocument> {
    const current = await this.requireClient(programmeId, clientId);
    await this.checkClinicianRef(programmeId, patch.clinicianId, 'clinicianId');
    const merged = { courseStart: patch.courseStart ?? current.courseStart, courseEnd: patch.courseEnd ?? current.courseEnd };
    if (merged.courseStart > merged.courseEnd) throw new InvalidReferenceError('courseEnd', 'courseEnd must be on or after courseStart');
    const resuming = patch.status === 'linked' && current.status !== 'linked';
    if (resuming && (!current.chat || current.status === 'withdrawn')) {
      throw new InvalidReferenceError('status', current.chat ? 'the client withdrew; they can enrol again from the chat' : 'the client has not linked a chat yet; give them their enrolment code');
    }
    const updated = await this.updateClientDoc(programmeId, clientId, (doc) => {
      const next = strip({ ...doc, ...patch, updatedAt: this.now() }) as ClientDocument;
      if (resuming) delete next.unreachableAt;
      return next;
    });
    // The zone, course or quiet hours may have moved the next occurrence, or reminders resume: re-plan every schedule.
    if (resuming || patch.timeZone || patch.courseStart || patch.courseEnd || patch.quietHours !== undefined) {
      for (const schedule of await this.listSchedules(programmeId, clientId)) await this.replan(programmeId, schedule.id);
    } else if (patch.lastSessionDate !== undefined && patch.lastSessionDate !== current.lastSessionDate) {
      // Measures before each session count from the last session held.
      for (const schedule of await this.listSchedules(programmeId, clientId)) if (schedule.rule.kind === 'measure') await this.replan(programmeId, schedule.id);
    }
    return updated;
  }

  async updateClientDoc(programmeId: string, clientId: string, change: (doc: ClientDocument) => ClientDocument): Promise<ClientDocument> {
    return this.update(programmeId, `client:${clientId}`, clientDocumentSchema, change, `client "${clientId}" in this programme`);
  }

  /** Removes the client from the programme: their record, code, chat link and schedules (no more reminders). */
  async deleteClient(programmeId: string, clientId: string): Promise<void> {
    const client = await this.requireClient(programmeId, clientId);
    for (const schedule of await this.listSchedules(programmeId, clientId)) await this.store.delete(P, programmeId, `schedule:${schedule.id}`);
    if (client.enrolmentCodeHash) await this.store.delete(P, enrolmentCodePartition(client.enrolmentCodeHash), POINTER_ID);
    if (client.chat) await this.store.delete(P, chatLinkPartition(client.chat.channelId, client.chat.userId), POINTER_ID);
    await this.store.delete(P, programmeId, `client:${clientId}`);
    await this.store.delete(P, programmeId, `externalId:${client.externalId}`);
  }

  // ------------------------------------------------------------------------------------------ enrolment

  /** A new one-time code for the client; any earlier code stops working. */
  async issueEnrolmentCode(programmeId: string, clientId: string): Promise<{ code: string; expiresAt: string; client: ClientDocument }> {
    const current = await this.requireClient(programmeId, clientId);
    if (current.chat) throw new ConflictError('This client is already linked to a chat; a new code is not needed.');
    const code = newEnrolmentCode();
    const hash = sha256Hex(normaliseEnrolmentCode(code));
    const expiresAt = DateTime.fromJSDate(this.clock.now()).plus({ days: this.codeTtlDays }).toUTC().toISO()!;
    const pointer: PointerDocument = { type: 'enrolmentCode', programmeId, clientId, expiresAt };
    await this.store.create(P, enrolmentCodePartition(hash), POINTER_ID, pointer);
    const client = await this.updateClientDoc(programmeId, clientId, (doc) => ({ ...doc, enrolmentCodeHash: hash, enrolmentCodeExpiresAt: expiresAt, updatedAt: this.now() }));
    if (current.enrolmentCodeHash && current.enrolmentCodeHash !== hash) await this.store.delete(P, enrolmentCodePartition(current.enrolmentCodeHash), POINTER_ID);
    return { code, expiresAt, client };
  }

  /** The code's pointer document, by the hash of the normalised code. */
  async readEnrolmentCode(hash: string): Promise<StoredDocument<PointerDocument> | undefined> {
    const doc = await this.store.read<PointerDocument>(P, enrolmentCodePartition(hash), POINTER_ID);
    return doc?.body.type === 'enrolmentCode' ? doc : undefined;
  }

  /** Marks the code used with its eTag; false when another redemption got there first. */
  async consumeEnrolmentCode(hash: string, pointer: StoredDocument<PointerDocument>): Promise<boolean> {
    try {
      await this.store.upsert(P, enrolmentCodePartition(hash), POINTER_ID, { ...pointer.body, redeemedAt: this.now() }, { ifMatch: pointer.etag });
      return true;
    } catch (error) {
      if (error instanceof StorePreconditionFailedError) return false;
      throw error;
    }
  }

  async linkChat(programmeId: string, clientId: string, identity: { channelId: string; userId: string }): Promise<ClientDocument> {
    const linkedAt = this.now();
    await this.store.upsert(P, chatLinkPartition(identity.channelId, identity.userId), POINTER_ID, { type: 'chatLink', programmeId, clientId } satisfies PointerDocument);
    return this.updateClientDoc(programmeId, clientId, (doc) => ({
      ...doc,
      status: doc.status === 'enrolled' ? 'linked' : doc.status,
      chat: { channelId: identity.channelId, userId: identity.userId, linkedAt },
      enrolmentCodeHash: undefined,
      enrolmentCodeExpiresAt: undefined,
      dataDeletedAt: undefined,
      updatedAt: linkedAt,
    }));
  }

  /** The programme client a chat identity is linked to. */
  async clientForChat(channelId: string, userId: string): Promise<ClientDocument | undefined> {
    const pointer = await this.store.read<PointerDocument>(P, chatLinkPartition(channelId, userId), POINTER_ID);
    if (!pointer || pointer.body.type !== 'chatLink' || !pointer.body.clientId) return undefined;
    return this.getClient(pointer.body.programmeId, pointer.body.clientId);
  }

  /** Remembers where proactive reminders for a linked client go (the bot calls this on the client's turns). */
  async rememberConversation(channelId: string, userId: string, reference: Record<string, unknown>): Promise<boolean> {
    const client = await this.clientForChat(channelId, userId);
    if (!client?.chat) return false;
    if (JSON.stringify(client.chat.conversationReference) === JSON.stringify(reference)) return true;
    await this.updateClientDoc(client.programmeId, client.id, (doc) => (doc.chat ? { ...doc, chat: { ...doc.chat, conversationReference: reference } } : doc));
    return true;
  }

  // ------------------------------------------------------------------------------------------ schedules

  /** A schedule of any kind: the API allows the programme's kinds (`createScheduleSchema`), chat adds `anniversary`. */
  async createSchedule(programmeId: string, clientId: string, input: Omit<z.infer<typeof createScheduleSchema>, 'kind'> & { kind: ReminderKind }): Promise<ScheduleDocument> {
    checkWithinCourse(input.rule, await this.requireClient(programmeId, clientId));
    const id = randomUUID();
    const now = this.now();
    const body: ScheduleDocument = { type: 'schedule', id, programmeId, clientId, kind: input.kind, rule: input.rule, paused: input.paused, version: 1, createdAt: now, updatedAt: now };
    await this.store.create(P, programmeId, `schedule:${id}`, body);
    return this.replan(programmeId, id);
  }

  /** The schedule with the dispatcher's latest progress (next due, last sent). */
  async getSchedule(programmeId: string, scheduleId: string): Promise<ScheduleDocument | undefined> {
    const doc = await this.readSchedule(programmeId, scheduleId);
    return doc && this.withProgress(doc.body);
  }

  /**
   * The dispatcher does not rewrite the schedule after every reminder: each ended reminder records when its
   * successor is due (`DueReminder.nextDueAt`), and the schedule's `nextDueAt` may point a few reminders
   * back. This follows those links (point reads, at most `MAX_PROGRESS_LINKS`) to the reminder still to come.
   */
  async withProgress(schedule: ScheduleDocument): Promise<ScheduleDocument> {
    if (!schedule.nextDueAt) return schedule;
    let nextDueAt: string | undefined = schedule.nextDueAt;
    let lastSentAt = schedule.lastSentAt;
    let stoppedReason = schedule.stoppedReason;
    for (let link = 0; link < MAX_PROGRESS_LINKS && nextDueAt; link++) {
      const due: Date = new Date(nextDueAt);
      const doc: StoredDocument<unknown> | undefined = await this.store.read<unknown>(CONTAINERS.reminders, bucketOf(due), dueReminderId(schedule.id, schedule.version, due));
      const parsed: z.SafeParseReturnType<unknown, DueReminder> | undefined = doc ? dueReminderSchema.safeParse(doc.body) : undefined;
      if (!parsed?.success || parsed.data.nextDueAt === undefined) break;
      if (parsed.data.sentAt && (!lastSentAt || parsed.data.sentAt > lastSentAt)) lastSentAt = parsed.data.sentAt;
      nextDueAt = parsed.data.nextDueAt ?? undefined;
      if (!nextDueAt) stoppedReason ??= 'courseOver';
    }
    if (nextDueAt === schedule.nextDueAt) return schedule;
    return strip({ ...schedule, nextDueAt, lastSentAt, stoppedReason }) as ScheduleDocument;
  }

  /** The schedule as stored, with its eTag (the dispatcher's own read: no progress links followed). */
  async readSchedule(programmeId: string, scheduleId: string): Promise<StoredDocument<ScheduleDocument> | undefined> {
    return this.readParsed(programmeId, `schedule:${scheduleId}`, scheduleDocumentSchema);
  }

  async requireSchedule(programmeId: string, clientId: string, scheduleId: string): Promise<ScheduleDocument> {
    const schedule = await this.getSchedule(programmeId, scheduleId);
    if (!schedule || schedule.clientId !== clientId) throw new NotFoundError(`There is no reminder schedule "${scheduleId}" for this client.`);
    return schedule;
  }

  /**
   * When a client's course reminders stop at the end of the course: monthly keep-well check-ins when the
   * programme allows them, else one goodbye with how to reach the clinic (`afterCourse`). One schedule per
   * client under a fixed id, so several course schedules ending at once, or two instances, plan it once.
   */
  async planAfterCourse(client: ClientDocument): Promise<ScheduleDocument | undefined> {
    if (client.status === 'unreachable' || client.status === 'withdrawn') return undefined;
    const programme = await this.getProgramme(client.programmeId);
    if (!programme) return undefined;
    const id = `afterCourse-${client.id}`;
    const kind = programme.afterCourse?.keepWellCheckIns ? 'keepWell' : 'courseEnded';
    // Monthly from the day after the course's last day; the goodbye once, that day.
    const rrule = kind === 'keepWell' ? 'FREQ=MONTHLY' : 'FREQ=DAILY;COUNT=1';
    // At the time of day the client's check-ins came, else mid-morning — or, when that is inside their quiet
    // hours, as those end: a quiet hour skips a reminder, and a monthly one would then never come.
    const checkIn = (await this.listSchedules(client.programmeId, client.id)).find((s) => s.kind === 'checkIn');
    const preferred = checkIn?.rule.time ?? AFTER_COURSE_TIME;
    const { hour, minute } = parseLocalTime(preferred);
    const time = isInQuietHours(hour * 60 + minute, client.quietHours) && client.quietHours ? client.quietHours.end : preferred;
    const now = this.now();
    const body: ScheduleDocument = { type: 'schedule', id, programmeId: client.programmeId, clientId: client.id, kind, rule: { kind: 'rrule', rrule, time }, paused: false, version: 1, createdAt: now, updatedAt: now };
    try {
      await this.store.create(P, client.programmeId, `schedule:${id}`, body);
    } catch (error) {
      if (error instanceof StoreConflictError) return undefined;
      throw error;
    }
    return this.replan(client.programmeId, id);
  }

  async listSchedules(programmeId: string, clientId: string): Promise<ScheduleDocument[]> {
    await this.requireClient(programmeId, clientId);
    const docs = await this.store.query<unknown>(P, {
      partitionKey: programmeId,
      where: [
        { field: 'type', op: '=', value: 'schedule' },
        { field: 'clientId', op: '=', value: clientId },
      ],
    });
    const schedules = docs.flatMap((doc) => {
      const parsed = scheduleDocumentSchema.safeParse(doc.body);
      return parsed.success ? [parsed.data] : [];
    });
    return Promise.all(schedules.map((schedule) => this.withProgress(schedule)));
  }

  async updateSchedule(programmeId: string, clientId: string, scheduleId: string, patch: z.infer<typeof updateScheduleSchema>): Promise<ScheduleDocument> {
    const schedule = await this.requireSchedule(programmeId, clientId, scheduleId);
    if (patch.rule && (patch.rule.kind === 'measure') !== (schedule.kind === 'measure')) {
      throw new InvalidReferenceError('rule.kind', 'a "measure" schedule needs a rule of kind "measure", and only it may have one');
    }
    if (patch.rule) checkWithinCourse(patch.rule, await this.requireClient(programmeId, clientId));
    await this.update(
      programmeId,
      `schedule:${scheduleId}`,
      scheduleDocumentSchema,
      (doc) => strip({ ...doc, ...patch, stoppedReason: patch.paused === false ? undefined : doc.stoppedReason, updatedAt: this.now() }) as ScheduleDocument,
      `reminder schedule "${scheduleId}"`,
    );
    return this.replan(programmeId, scheduleId);
  }

  async deleteSchedule(programmeId: string, clientId: string, scheduleId: string): Promise<void> {
    await this.requireSchedule(programmeId, clientId, scheduleId);
    // A pending reminder of a deleted schedule finds no schedule and is cancelled, not sent.
    await this.store.delete(P, programmeId, `schedule:${scheduleId}`);
  }

  /**
   * Bumps the schedule's version (so any pending reminder of the old version is dropped) and plans the next
   * occurrence from now, unless the schedule is paused or the client cannot receive reminders.
   */
  async replan(programmeId: string, scheduleId: string): Promise<ScheduleDocument> {
    const schedule = await this.getSchedule(programmeId, scheduleId);
    if (!schedule) throw new NotFoundError(`There is no reminder schedule "${scheduleId}".`);
    const client = await this.requireClient(programmeId, schedule.clientId);
    const version = schedule.version + 1;
    let nextDueAt: string | undefined;
    if (!schedule.paused && client.status !== 'unreachable' && client.status !== 'withdrawn') {
      const due = await this.queue.planNext(planInputFor(schedule, client, version), this.clock.now());
      nextDueAt = due?.toISOString();
    }
    return this.update(
      programmeId,
      `schedule:${scheduleId}`,
      scheduleDocumentSchema,
      (doc) => {
        // The last send as followed through the old version's reminders (they are not followed after the bump).
        const next = strip({ ...doc, version, nextDueAt, lastSentAt: schedule.lastSentAt ?? doc.lastSentAt, updatedAt: this.now() }) as ScheduleDocument;
        // Planned again: whatever had stopped it (unreachable, course over) no longer holds.
        if (nextDueAt) delete next.stoppedReason;
        return next;
      },
      `reminder schedule "${scheduleId}"`,
    );
  }

  /**
   * Writes what the dispatcher did to a schedule (last send, next due, why it stopped). With `known` (the
   * schedule as the dispatcher read it, with its eTag) it writes without reading again; if the schedule
   * changed meanwhile, it reads and retries as usual.
   */
  async recordScheduleProgress(
    programmeId: string,
    scheduleId: string,
    change: Partial<Pick<ScheduleDocument, 'lastSentAt' | 'nextDueAt' | 'stoppedReason' | 'paused'>>,
    known?: StoredDocument<ScheduleDocument>,
  ): Promise<void> {
    // Stopping: the last send may be recorded only on the reminders so far (see `withProgress`).
    if ('nextDueAt' in change && change.nextDueAt === undefined && !change.lastSentAt) {
      const current = known?.body ?? (await this.readSchedule(programmeId, scheduleId))?.body;
      const lastSentAt = current && (await this.withProgress(current)).lastSentAt;
      if (lastSentAt) change = { ...change, lastSentAt };
    }
    const apply = (doc: ScheduleDocument): ScheduleDocument => {
      // Replanned meanwhile (a new version): this progress belongs to the old one.
      if (known && doc.version !== known.body.version) return doc;
      const next = { ...doc, ...change, updatedAt: this.now() };
      if ('nextDueAt' in change && change.nextDueAt === undefined) delete next.nextDueAt;
      return next;
    };
    if (known) {
      try {
        await this.store.upsert(P, programmeId, `schedule:${scheduleId}`, apply(known.body), { ifMatch: known.etag });
        return;
      } catch (error) {
        if (!(error instanceof StorePreconditionFailedError)) throw error;
      }
    }
    try {
      await this.update(programmeId, `schedule:${scheduleId}`, scheduleDocumentSchema, apply, `reminder schedule "${scheduleId}"`);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
}

/** A measure's first date must fall within the client's course (400 at `rule.firstDate`). */
function checkWithinCourse(rule: ScheduleDocument['rule'], client: ClientDocument): void {
  if (rule.kind !== 'measure' || !rule.firstDate) return;
  if (rule.firstDate < client.courseStart || rule.firstDate > client.courseEnd) {
    throw new InvalidReferenceError('rule.firstDate', `must be within the client's course (${client.courseStart} to ${client.courseEnd})`);
  }
}
