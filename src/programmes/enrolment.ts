/**
 * Redeeming an enrolment code from chat: the code links the chat identity to the client record the
 * programme created. Codes are one-time, expire, and are stored only as the sha256 of the normalised code
 * (the partition of a pointer document).
 *
 * Guessing is limited at three levels, each a window of an hour that locks until the hour has passed:
 * - per chat identity (default 5 failures), so one person's typos lock only them;
 * - per programme (default 20): a code that belongs to a programme but is expired, used or retired counts
 *   against that programme, and while it is locked its codes are not redeemed at all;
 * - across the service for codes that belong to no programme (default 100). A wrong code names no
 *   programme, and every guess is tried against every programme's codes at once, so this is the limit that
 *   protects each programme from someone who makes up new chat identities for every guess. While it is
 *   locked no code is checked (someone who really has one is told to try again later).
 */
import { Clock, systemClock } from '../clock';
import { CONTAINERS } from '../storage/containers';
import { DocumentStore } from '../storage/documentStore';
import { StoreConflictError, StorePreconditionFailedError } from '../storage/errors';
import type { EnrolmentCodes, EnrolmentIdentity, RedeemResult } from '../client/enrolmentCodes';
import { ProgrammeStore } from './programmeStore';
import { normaliseEnrolmentCode, sha256Hex } from './secrets';

export type RedeemOutcome =
  | { ok: true; programmeId: string; clientId: string; clinicianId: string; locale: string; timeZone: string; focusArea?: string }
  | { ok: false; reason: 'unknownCode' | 'expired' | 'alreadyUsed' }
  | { ok: false; reason: 'tooManyAttempts'; retryAt: string };

interface AttemptsDocument {
  type: 'enrolmentAttempts';
  windowStart: string;
  failures: number;
}

export interface EnrolmentOptions {
  clock?: Clock;
  /** Called after a chat identity was linked (e.g. to drop what a cache knew about it). */
  onLinked?: (identity: EnrolmentIdentity) => void;
  /** Failures a chat identity may have in a window. */
  maxFailures?: number;
  /** Failures on one programme's codes (expired, used, retired) in a window. */
  maxFailuresPerProgramme?: number;
  /** Codes that belong to no programme, across every identity, in a window. */
  maxUnknownCodeFailures?: number;
  windowMinutes?: number;
}

/** The partition of one failure counter. */
type Counter = { partition: string; max: number };

export class Enrolment {
  private readonly clock: Clock;
  private readonly maxFailures: number;
  private readonly maxFailuresPerProgramme: number;
  private readonly maxUnknownCodeFailures: number;
  private readonly windowMs: number;

  constructor(
    private readonly programmes: ProgrammeStore,
    private readonly store: DocumentStore,
    private readonly options: EnrolmentOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.maxFailures = options.maxFailures ?? 5;
    this.maxFailuresPerProgramme = options.maxFailuresPerProgramme ?? 20;
    this.maxUnknownCodeFailures = options.maxUnknownCodeFailures ?? 100;
    this.windowMs = (options.windowMinutes ?? 60) * 60_000;
  }

  private identityCounter(identity: EnrolmentIdentity): Counter {
    return { partition: `attempts:${sha256Hex(`${identity.channelId}\n${identity.userId}`)}`, max: this.maxFailures };
  }

  private programmeCounter(programmeId: string): Counter {
    return { partition: `attempts:programme:${programmeId}`, max: this.maxFailuresPerProgramme };
  }

  private get unknownCodeCounter(): Counter {
    return { partition: 'attempts:unknownCode', max: this.maxUnknownCodeFailures };
  }

  async redeem(typedCode: string, identity: EnrolmentIdentity): Promise<RedeemOutcome> {
    const now = this.clock.now();
    const mine = this.identityCounter(identity);
    for (const counter of [mine, this.unknownCodeCounter]) {
      const retryAt = await this.lockedUntil(counter, now);
      if (retryAt) return { ok: false, reason: 'tooManyAttempts', retryAt };
    }

    const code = normaliseEnrolmentCode(typedCode);
    const hash = sha256Hex(code);
    const pointer = code.length > 0 && code.length <= 32 ? await this.programmes.readEnrolmentCode(hash) : undefined;
    if (!pointer || !pointer.body.clientId) {
      await this.countFailure([mine, this.unknownCodeCounter], now);
      return { ok: false, reason: 'unknownCode' };
    }
    const theirs = this.programmeCounter(pointer.body.programmeId);
    const programmeLock = await this.lockedUntil(theirs, now);
    if (programmeLock) {
      await this.countFailure([mine], now);
      return { ok: false, reason: 'tooManyAttempts', retryAt: programmeLock };
    }
    const fail = async (reason: 'unknownCode' | 'expired' | 'alreadyUsed'): Promise<RedeemOutcome> => {
      await this.countFailure([mine, theirs], now);
      return { ok: false, reason };
    };
    if (pointer.body.redeemedAt) return fail('alreadyUsed');
    if (pointer.body.expiresAt && Date.parse(pointer.body.expiresAt) <= now.getTime()) return fail('expired');
    const client = await this.programmes.getClient(pointer.body.programmeId, pointer.body.clientId);
    if (!client || client.enrolmentCodeHash !== hash) return fail('unknownCode');
    if (!(await this.programmes.consumeEnrolmentCode(hash, pointer))) return fail('alreadyUsed');

    const linked = await this.programmes.linkChat(client.programmeId, client.id, identity);
    this.options.onLinked?.(identity);
    return { ok: true, programmeId: linked.programmeId, clientId: linked.id, clinicianId: linked.clinicianId, locale: linked.locale, timeZone: linked.timeZone, focusArea: linked.focusArea };
  }

  /** When the counter's window ends, if it is full now; undefined when attempts are allowed. */
  private async lockedUntil(counter: Counter, now: Date): Promise<string | undefined> {
    const attempts = await this.store.read<AttemptsDocument>(CONTAINERS.programmes, counter.partition, 'attempts');
    if (!attempts) return undefined;
    const windowStart = Date.parse(attempts.body.windowStart);
    const locked = now.getTime() - windowStart < this.windowMs && attempts.body.failures >= counter.max;
    return locked ? new Date(windowStart + this.windowMs).toISOString() : undefined;
  }

  private async countFailure(counters: Counter[], now: Date): Promise<void> {
    for (const { partition } of counters) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const current = await this.store.read<AttemptsDocument>(CONTAINERS.programmes, partition, 'attempts');
        const fresh = !current || now.getTime() - Date.parse(current.body.windowStart) >= this.windowMs;
        const body: AttemptsDocument = fresh
          ? { type: 'enrolmentAttempts', windowStart: now.toISOString(), failures: 1 }
          : { ...current.body, failures: current.body.failures + 1 };
        try {
          if (current) await this.store.upsert(CONTAINERS.programmes, partition, 'attempts', body, { ifMatch: current.etag });
          else await this.store.create(CONTAINERS.programmes, partition, 'attempts', body);
          break;
        } catch (error) {
          if (!(error instanceof StorePreconditionFailedError || error instanceof StoreConflictError)) throw error;
        }
      }
    }
  }
}

/**
 * The client dialogs' `EnrolmentCodes` port over the store. The port has no reason for "too many attempts"
 * yet, so a locked-out identity is told the code is unknown (without the code being checked at all).
 */
export class StoreEnrolmentCodes implements EnrolmentCodes {
  constructor(private readonly enrolment: Enrolment) {}

  async redeem(code: string, identity: EnrolmentIdentity): Promise<RedeemResult> {
    const outcome = await this.enrolment.redeem(code, identity);
    if (outcome.ok) return { ok: true, clientId: outcome.clientId };
    return { ok: false, reason: outcome.reason === 'tooManyAttempts' ? 'unknownCode' : outcome.reason };
  }
}
