import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { isValidTimeZone } from '../scheduling/schedule';
import { z } from 'zod';
import { Clock, systemClock } from '../clock';
import { Profile } from '../bot/profile';
import { botStatePartitionKey } from '../storage/botStateStorage';
import { CONTAINER_NAMES, CONTAINERS } from '../storage/containers';
import { DocumentStore, StoredDocument } from '../storage/documentStore';
import { StoreConflictError } from '../storage/errors';
import { INSTRUMENTS, InstrumentId } from '../measures/instruments';
import { score } from '../measures/scoring';
import { LOW_MOOD_NOTICE_KIND, LowMoodNotice, lowMoodNoticeId, lowMoodNoticeSchema } from '../measures/lowMoodNotice';
import { SafetyPlanStore } from '../safety/safetyPlan';
import { KeepWellPlanStore } from './keepWellPlan';
import { ClientDataKeeper } from './clientErasure';
import { EnrolmentIdentity } from './enrolmentCodes';
import {
  CheckIn,
  checkInSchema,
  ClientProfile,
  clientProfileSchema,
  ClientRecord,
  CommunicationAnalysis,
  communicationAnalysisSchema,
  Nudge,
  nudgeSchema,
  Measure,
  measureSchema,
  Reflection,
  ReflectionArea,
  reflectionSchema,
  Script,
  scriptSchema,
  Person,
  personSchema,
  Problem,
  problemSchema,
  profileFields,
} from './records';

const CLIENTS = CONTAINERS.clients;
const PROFILE_ID = 'profile';
/** Zone used for counting days until the client has told us theirs. */
export const FALLBACK_ZONE = 'UTC';

/** Where a plan is kept in the client's partition (a reminder about it checks whether it changed since). */
export function problemDocId(id: string): string {
  return `problem:${id}`;
}

export function validZone(zone: string | undefined): zone is string {
  return typeof zone === 'string' && isValidTimeZone(zone);
}

/** The client's calendar day (YYYY-MM-DD) at `now` in their zone. */
export function localDate(now: Date, zone: string | undefined): string {
  return DateTime.fromJSDate(now, { zone: validZone(zone) ? zone : FALLBACK_ZONE }).toISODate() as string;
}

export type CheckInAnswers = Pick<CheckIn, 'mood' | 'feelings' | 'interaction' | 'sawNobody'>;
export type NewPerson = Pick<Person, 'name' | 'relationship' | 'circle' | 'supportive' | 'conflict' | 'circleBefore' | 'gets' | 'wouldChange' | 'contact' | 'knowsFeelings' | 'expectations'>;
export type NewCommunicationAnalysis = Omit<CommunicationAnalysis, 'kind' | 'clientId' | 'id' | 'createdAt' | 'updatedAt'>;
export type NewMeasure = Pick<Measure, 'instrument' | 'language' | 'startedAt' | 'answers' | 'source'> & { timeZone?: string };
export type NewScript = Omit<Script, 'kind' | 'clientId' | 'id' | 'createdAt' | 'updatedAt'>;

/** What `deleteEverything` removed, by kind, so the client can be told. */
export interface DeletionReport {
  profile: number;
  checkIn: number;
  problem: number;
  person: number;
  nudge: number;
  other: number;
  botState: number;
  /** Records kept without the client's identity or words, by keeper (`safetyAlerts`, `accessAudit`, `programmeRecord`). */
  kept: Record<string, number>;
}

/** Prefix of the id kept records are filed under after a deletion (never the client id). */
export const PSEUDONYM_PREFIX = 'erased-';

/** Everything stored about one client, as exported to them. */
export interface ClientExport {
  clientId: string;
  exportedAt: string;
  /** Every document in the client's partition: its id in the store and its stored fields. */
  records: Array<Record<string, unknown> & { documentId: string }>;
  /** The chat state documents (profile and any conversation in progress). */
  botState: Array<{ key: string; body: unknown }>;
  /** Documents in other containers that name this client (e.g. safety alerts). */
  related: Array<{ container: string; id: string; body: unknown }>;
}

/**
 * The client's records over the storage port: one partition per client in `clients`, point reads and
 * writes by id, one partition query for lists. The chat's own state (ClientState) stays in `botState`;
 * this repository only reads and removes it for export and deletion.
 */
export class ClientRepository {
  /** The safety plan kept in the client's partition (the client builds or changes it in chat). */
  readonly safetyPlans: SafetyPlanStore;
  /** The keep-well plan written at the end of the course. */
  readonly keepWellPlans: KeepWellPlanStore;

  constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock = systemClock,
    /** Run before anything is deleted, so what they keep is already without the client's identity. */
    private readonly keepers: readonly ClientDataKeeper[] = [],
  ) {
    this.safetyPlans = new SafetyPlanStore(store, clock);
    this.keepWellPlans = new KeepWellPlanStore(store, clock);
  }

  newClientId(): string {
    return randomUUID();
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  private async readParsed<T>(id: string, clientId: string, schema: z.ZodType<T>): Promise<T | undefined> {
    const doc = await this.store.read<unknown>(CLIENTS, clientId, id);
    if (!doc) return undefined;
    const parsed = schema.safeParse(doc.body);
    return parsed.success ? parsed.data : undefined;
  }

  private async listParsed<T>(clientId: string, kind: ClientRecord['kind'], schema: z.ZodType<T>): Promise<T[]> {
    const docs = await this.store.query<unknown>(CLIENTS, { partitionKey: clientId, where: [{ field: 'kind', op: '=', value: kind }] });
    return docs.flatMap((doc) => {
      const parsed = schema.safeParse(doc.body);
      return parsed.success ? [parsed.data] : [];
    });
  }

  private async write<T extends { clientId: string }>(id: string, record: T, schema: z.ZodType<T>): Promise<T> {
    const valid = schema.parse(record);
    await this.store.upsert(CLIENTS, valid.clientId, id, valid);
    return valid;
  }

  // ── profile copy ────────────────────────────────────────────────────────────
  async saveProfile(clientId: string, profile: Profile): Promise<ClientProfile> {
    const existing = await this.getProfile(clientId);
    const now = this.now();
    // Merged over what is stored, so fields set elsewhere (a focus area from the clinician) are kept.
    return this.write(
      PROFILE_ID,
      { ...existing, kind: 'profile' as const, clientId, createdAt: existing?.createdAt ?? now, updatedAt: now, ...stripUndefined(profileFields(profile)) },
      clientProfileSchema,
    );
  }

  getProfile(clientId: string): Promise<ClientProfile | undefined> {
    return this.readParsed(PROFILE_ID, clientId, clientProfileSchema);
  }

  // ── check-ins ───────────────────────────────────────────────────────────────
  /**
   * Saves a check-in on the client's local day. A second one the same day is kept beside the first (each
   * says something about the day); `earlierToday` says how many the day had already. The first of a day has
   * the day as its id, so it is one write (a create) with no read before it; only a later one reads the day.
   */
  async saveCheckIn(clientId: string, timeZone: string | undefined, answers: CheckInAnswers): Promise<{ record: CheckIn; earlierToday: number }> {
    const zone = validZone(timeZone) ? timeZone : FALLBACK_ZONE;
    const date = localDate(this.clock.now(), zone);
    const now = this.now();
    const record = checkInSchema.parse({ kind: 'checkIn' as const, clientId, createdAt: now, updatedAt: now, localDate: date, timeZone: zone, ...stripUndefined(answers) });
    try {
      await this.store.create(CLIENTS, clientId, `checkIn:${date}`, record);
      return { record, earlierToday: 0 };
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
    }
    const earlierToday = (await this.checkInsSince(clientId, date)).filter((c) => c.localDate === date).length;
    // A random suffix: two check-ins finishing at once both land.
    await this.store.create(CLIENTS, clientId, `checkIn:${date}:${randomUUID()}`, record);
    return { record, earlierToday };
  }

  /** Check-ins on local days from `fromDate` (inclusive), oldest first. */
  async checkInsSince(clientId: string, fromDate: string): Promise<CheckIn[]> {
    const all = await this.listParsed(clientId, 'checkIn', checkInSchema);
    // Within a day, in the order they were made: the day's latest is last.
    return all.filter((c) => c.localDate >= fromDate).sort((a, b) => a.localDate.localeCompare(b.localDate) || a.createdAt.localeCompare(b.createdAt));
  }

  // ── problems ────────────────────────────────────────────────────────────────
  async newProblem(clientId: string, definition?: string): Promise<Problem> {
    const now = this.now();
    const id = randomUUID();
    return this.write(problemDocId(id), { kind: 'problem', clientId, id, createdAt: now, updatedAt: now, stage: definition ? 'options' : 'define', definition, options: [], cursor: 0 }, problemSchema);
  }

  async saveProblem(problem: Problem): Promise<Problem> {
    return this.write(problemDocId(problem.id), { ...problem, updatedAt: this.now() }, problemSchema);
  }

  getProblem(clientId: string, id: string): Promise<Problem | undefined> {
    return this.readParsed(problemDocId(id), clientId, problemSchema);
  }

  async problems(clientId: string): Promise<Problem[]> {
    const all = await this.listParsed(clientId, 'problem', problemSchema);
    return all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  /** The walk-through left unfinished, if any (the newest one). */
  async draftProblem(clientId: string): Promise<Problem | undefined> {
    return (await this.problems(clientId)).find((p) => !['planned', 'reviewed', 'discarded'].includes(p.stage));
  }

  /** The newest plan still waiting for its follow-up. */
  async plannedProblem(clientId: string): Promise<Problem | undefined> {
    return (await this.problems(clientId)).find((p) => p.stage === 'planned');
  }

  // ── interpersonal inventory ─────────────────────────────────────────────────
  async people(clientId: string): Promise<Person[]> {
    const all = await this.listParsed(clientId, 'person', personSchema);
    return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async addPerson(clientId: string, person: NewPerson): Promise<Person> {
    const now = this.now();
    const id = randomUUID();
    return this.write(`person:${id}`, { kind: 'person', clientId, id, createdAt: now, updatedAt: now, ...person }, personSchema);
  }

  /** Saves an edit; a change of circle is added to the person's moves, so the summary can show it over time. */
  async savePerson(person: Person): Promise<Person> {
    const now = this.now();
    const stored = (await this.people(person.clientId)).find((p) => p.id === person.id);
    const moves = [...(stored?.circleMoves ?? person.circleMoves ?? [])];
    if (stored && stored.circle !== person.circle) moves.push({ from: stored.circle, to: person.circle, at: now });
    return this.write(`person:${person.id}`, { ...person, ...(moves.length ? { circleMoves: moves.slice(-100) } : {}), updatedAt: now }, personSchema);
  }

  async removePerson(clientId: string, id: string): Promise<boolean> {
    return this.store.delete(CLIENTS, clientId, `person:${id}`);
  }

  // ── social-support nudges ───────────────────────────────────────────────────
  async nudges(clientId: string): Promise<Nudge[]> {
    const all = await this.listParsed(clientId, 'nudge', nudgeSchema);
    return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async addNudge(clientId: string, person: Person, status: Nudge['status']): Promise<Nudge> {
    const now = this.now();
    const id = randomUUID();
    return this.write(`nudge:${id}`, { kind: 'nudge', clientId, id, createdAt: now, updatedAt: now, personId: person.id, personName: person.name, status }, nudgeSchema);
  }

  async saveNudge(nudge: Nudge): Promise<Nudge> {
    return this.write(`nudge:${nudge.id}`, { ...nudge, updatedAt: this.now() }, nudgeSchema);
  }

  // ── communication analyses and rehearsal scripts ────────────────────────────
  async addCommunicationAnalysis(clientId: string, analysis: NewCommunicationAnalysis): Promise<CommunicationAnalysis> {
    const now = this.now();
    const id = randomUUID();
    return this.write(`communicationAnalysis:${id}`, { kind: 'communicationAnalysis', clientId, id, createdAt: now, updatedAt: now, ...stripUndefined(analysis) }, communicationAnalysisSchema);
  }

  /** Newest first. */
  async communicationAnalyses(clientId: string): Promise<CommunicationAnalysis[]> {
    const all = await this.listParsed(clientId, 'communicationAnalysis', communicationAnalysisSchema);
    return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async addScript(clientId: string, script: NewScript): Promise<Script> {
    const now = this.now();
    const id = randomUUID();
    return this.write(`script:${id}`, { kind: 'script', clientId, id, createdAt: now, updatedAt: now, ...stripUndefined(script) }, scriptSchema);
  }

  /** A saved script with the client's later answer (whether the talk happened). */
  async saveScript(script: Script): Promise<Script> {
    return this.write(`script:${script.id}`, { ...script, updatedAt: this.now() }, scriptSchema);
  }

  /** Newest first. */
  async scripts(clientId: string): Promise<Script[]> {
    const all = await this.listParsed(clientId, 'script', scriptSchema);
    return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  // ── guided exercises for a problem area ─────────────────────────────────────
  async addReflection(clientId: string, area: ReflectionArea, answers: Record<string, string>): Promise<Reflection> {
    const now = this.now();
    const id = randomUUID();
    return this.write(`reflection:${id}`, { kind: 'reflection', clientId, id, createdAt: now, updatedAt: now, area, answers }, reflectionSchema);
  }

  /** A finished exercise with an answer added later (how a connection goal went). */
  async saveReflection(reflection: Reflection): Promise<Reflection> {
    return this.write(`reflection:${reflection.id}`, { ...reflection, updatedAt: this.now() }, reflectionSchema);
  }

  /** Newest first. */
  async reflections(clientId: string): Promise<Reflection[]> {
    const all = await this.listParsed(clientId, 'reflection', reflectionSchema);
    return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  // ── outcome measures (PHQ-9, GAD-7) ─────────────────────────────────────────
  /** Stores a finished measure with its score; throws when an item is missing, so nothing half-answered is scored. */
  async addMeasure(clientId: string, input: NewMeasure): Promise<Measure> {
    const instrument = INSTRUMENTS[input.instrument];
    const result = score(instrument, input.answers);
    if (!result.complete) throw new RangeError(`${instrument.title} is incomplete: items ${result.missing.join(', ')} have no answer`);
    const now = this.now();
    const id = randomUUID();
    return this.write(
      `measure:${id}`,
      {
        kind: 'measure',
        clientId,
        id,
        createdAt: now,
        updatedAt: now,
        instrument: input.instrument,
        version: instrument.version,
        language: input.language,
        startedAt: input.startedAt,
        completedAt: now,
        localDate: localDate(this.clock.now(), input.timeZone),
        answers: [...input.answers],
        total: result.total,
        band: result.band,
        source: input.source,
      },
      measureSchema,
    );
  }

  /** Completed measures, oldest first; one instrument's when named. */
  async measures(clientId: string, instrument?: InstrumentId): Promise<Measure[]> {
    const all = await this.listParsed(clientId, 'measure', measureSchema);
    return all.filter((m) => !instrument || m.instrument === instrument).sort((a, b) => a.completedAt.localeCompare(b.completedAt));
  }

  // ── sustained low mood: one notice per episode ───────────────────────────────
  /** Whether the clinician's notice of this episode was stored (then they were told, or are being told). */
  async hasLowMoodNotice(clientId: string, episodeId: string): Promise<boolean> {
    return (await this.store.read<unknown>(CLIENTS, clientId, lowMoodNoticeId(episodeId))) !== undefined;
  }

  /** Stores the notice of an episode; false when it was stored before (by this or another instance). */
  async createLowMoodNotice(notice: LowMoodNotice): Promise<boolean> {
    const valid = lowMoodNoticeSchema.parse(notice);
    try {
      await this.store.create(CLIENTS, valid.clientId, lowMoodNoticeId(valid.episodeId), valid);
      return true;
    } catch (error) {
      if (error instanceof StoreConflictError) return false;
      throw error;
    }
  }

  /** The client's low-mood notices, oldest first. */
  async lowMoodNotices(clientId: string): Promise<LowMoodNotice[]> {
    const docs = await this.store.query<unknown>(CLIENTS, { partitionKey: clientId, where: [{ field: 'kind', op: '=', value: LOW_MOOD_NOTICE_KIND }] });
    return docs
      .flatMap((doc) => {
        const parsed = lowMoodNoticeSchema.safeParse(doc.body);
        return parsed.success ? [parsed.data] : [];
      })
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  // ── export and deletion ─────────────────────────────────────────────────────
  /** Everything stored about the client: their partition, their chat state, and documents naming them elsewhere. */
  async exportEverything(clientId: string | undefined, botStateKeys: string[]): Promise<ClientExport> {
    // Every document in the partition as stored, including ones other parts keep there (the safety plan).
    const records = clientId ? (await this.store.query<Record<string, unknown>>(CLIENTS, { partitionKey: clientId })).map((doc) => ({ documentId: doc.id, ...doc.body })) : [];
    const botState: ClientExport['botState'] = [];
    for (const key of botStateKeys) {
      const doc = await this.store.read<unknown>(CONTAINERS.botState, botStatePartitionKey(key), key);
      if (doc) botState.push({ key, body: doc.body });
    }
    const related = clientId ? (await this.relatedDocuments(clientId)).map((r) => ({ container: r.container, id: r.doc.id, body: r.doc.body })) : [];
    return { clientId: clientId ?? '', exportedAt: this.now(), records, botState, related };
  }

  /**
   * Removes every document about the client in every container and says what was removed. Safety alerts are
   * clinical records and are never deleted here: the keepers first strip the client's identity and words from
   * them (and from the access audit and the programme's record) and file them under a fresh pseudonym, so an
   * alert still owed to a clinician is delivered and escalated as if nothing had happened.
   */
  async deleteEverything(clientId: string | undefined, botStateKeys: string[], identity?: EnrolmentIdentity): Promise<DeletionReport> {
    const report: DeletionReport = { profile: 0, checkIn: 0, problem: 0, person: 0, nudge: 0, other: 0, botState: 0, kept: {} };
    const pseudonym = `${PSEUDONYM_PREFIX}${randomUUID()}`;
    for (const keeper of this.keepers) report.kept[keeper.kind] = (report.kept[keeper.kind] ?? 0) + (await keeper.forgetClient({ clientId, identity, pseudonym }));
    if (clientId) {
      for (const doc of await this.store.query<{ kind?: string }>(CLIENTS, { partitionKey: clientId })) {
        if (await this.store.delete(CLIENTS, clientId, doc.id)) {
          const kind = doc.body?.kind;
          if (kind === 'profile' || kind === 'checkIn' || kind === 'problem' || kind === 'person' || kind === 'nudge') report[kind]++;
          else report.other++;
        }
      }
      for (const { container, doc } of await this.relatedDocuments(clientId)) {
        if (container === CONTAINERS.alerts) continue;
        if (await this.store.delete(container, doc.partitionKey, doc.id)) report.other++;
      }
    }
    for (const key of botStateKeys) {
      if (await this.store.delete(CONTAINERS.botState, botStatePartitionKey(key), key)) report.botState++;
    }
    await this.store.purgeDeleted?.();
    return report;
  }

  /** Documents outside the client's partition whose body names the client (`clientId` field). */
  private async relatedDocuments(clientId: string): Promise<Array<{ container: (typeof CONTAINER_NAMES)[number]; doc: StoredDocument<unknown> }>> {
    const found: Array<{ container: (typeof CONTAINER_NAMES)[number]; doc: StoredDocument<unknown> }> = [];
    for (const container of CONTAINER_NAMES) {
      if (container === CLIENTS) continue;
      const docs = await this.store.query<unknown>(container, { where: [{ field: 'clientId', op: '=', value: clientId }] });
      for (const doc of docs) found.push({ container, doc });
    }
    return found;
  }
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
