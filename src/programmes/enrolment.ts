/**
 * Redeeming an enrolment code from chat: the code links the chat identity to the client record the
 * programme created. Codes are one-time, expire, and are stored only as the sha256 of the normalised code
 * (the partition of a pointer document). Failed attempts are limited per chat identity, so codes cannot
 * be guessed from a chat: 5 failures in an hour lock that identity out until the hour has passed.
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
  maxFailures?: number;
  windowMinutes?: number;
}

export class Enrolment {
  private readonly clock: Clock;
  private readonly maxFailures: number;
  private readonly windowMs: number;

  constructor(
    private readonly programmes: ProgrammeStore,
    private readonly store: DocumentStore,
    private readonly options: EnrolmentOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.maxFailures = options.maxFailures ?? 5;
    this.windowMs = (options.windowMinutes ?? 60) * 60_000;
  }

  private attemptsPartition(identity: EnrolmentIdentity): string {
    return `attempts:${sha256Hex(`${identity.channelId}\n${identity.userId}`)}`;
  }

  async redeem(typedCode: string, identity: EnrolmentIdentity): Promise<RedeemOutcome> {
    const now = this.clock.now();
    const attempts = await this.store.read<AttemptsDocument>(CONTAINERS.programmes, this.attemptsPartition(identity), 'attempts');
    const windowStart = attempts ? Date.parse(attempts.body.windowStart) : 0;
    if (attempts && now.getTime() - windowStart < this.windowMs && attempts.body.failures >= this.maxFailures) {
      return { ok: false, reason: 'tooManyAttempts', retryAt: new Date(windowStart + this.windowMs).toISOString() };
    }

    const code = normaliseEnrolmentCode(typedCode);
    const hash = sha256Hex(code);
    const pointer = code.length > 0 && code.length <= 32 ? await this.programmes.readEnrolmentCode(hash) : undefined;
    const fail = async (reason: 'unknownCode' | 'expired' | 'alreadyUsed'): Promise<RedeemOutcome> => {
      await this.countFailure(identity, now);
      return { ok: false, reason };
    };
    if (!pointer || !pointer.body.clientId) return fail('unknownCode');
    if (pointer.body.redeemedAt) return fail('alreadyUsed');
    if (pointer.body.expiresAt && Date.parse(pointer.body.expiresAt) <= now.getTime()) return fail('expired');
    const client = await this.programmes.getClient(pointer.body.programmeId, pointer.body.clientId);
    if (!client || client.enrolmentCodeHash !== hash) return fail('unknownCode');
    if (!(await this.programmes.consumeEnrolmentCode(hash, pointer))) return fail('alreadyUsed');

    const linked = await this.programmes.linkChat(client.programmeId, client.id, identity);
    this.options.onLinked?.(identity);
    return { ok: true, programmeId: linked.programmeId, clientId: linked.id, clinicianId: linked.clinicianId, locale: linked.locale, timeZone: linked.timeZone, focusArea: linked.focusArea };
  }

  private async countFailure(identity: EnrolmentIdentity, now: Date): Promise<void> {
    const partition = this.attemptsPartition(identity);
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.store.read<AttemptsDocument>(CONTAINERS.programmes, partition, 'attempts');
      const fresh = !current || now.getTime() - Date.parse(current.body.windowStart) >= this.windowMs;
      const body: AttemptsDocument = fresh
        ? { type: 'enrolmentAttempts', windowStart: now.toISOString(), failures: 1 }
        : { ...current.body, failures: current.body.failures + 1 };
      try {
        if (current) await this.store.upsert(CONTAINERS.programmes, partition, 'attempts', body, { ifMatch: current.etag });
        else await this.store.create(CONTAINERS.programmes, partition, 'attempts', body);
        return;
      } catch (error) {
        if (!(error instanceof StorePreconditionFailedError || error instanceof StoreConflictError)) throw error;
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
