/**
 * Delivers stored low-mood notices (each notice document is its own outbox entry) as Teams cards to the
 * assigned clinician, with the alert outbox's protocol but none of its escalation: claim the delivery with
 * an eTag-conditional write (a claim token and a lease), send it with its idempotency key, then record the
 * outcome with another conditional write that lands only while the claim holds. Two instances cannot both
 * claim it; a crash after the claim leaves it "sending" until the lease runs out, and it is then sent again
 * with the same idempotency key. A failed send is retried, further apart each time, up to `maxAttempts`;
 * then it is recorded as failed (and a warning logged). Nobody acknowledges a notice, and it
 * never goes to anyone but the assigned clinician.
 */
import { randomUUID } from 'node:crypto';
import { CardFactory, MessageFactory } from 'botbuilder';
import { Clock, systemClock } from '../clock';
import { t } from '../i18n';
import { Logger } from '../logger';
import { SerialPasses } from '../serialPasses';
import { LOW_MOOD_NOTICE_KIND, LowMoodNotice, lowMoodNoticeSchema } from '../measures/lowMoodNotice';
import { backoffMs } from '../safety/escalation/alert';
import { PermanentDeliveryError } from '../safety/escalation/alertChannel';
import { CareTeamDirectory, TeamsContactStore } from '../safety/escalation/careTeamDirectory';
import { ProactiveSender } from '../safety/escalation/teamsChannel';
import { CONTAINERS } from '../storage/containers';
import { DocumentStore, StoredDocument } from '../storage/documentStore';
import { StorePreconditionFailedError } from '../storage/errors';
import { lowMoodNoticeCard } from './lowMoodNoticeCard';

export interface LowMoodNoticeOutboxOptions {
  store: DocumentStore;
  sender: ProactiveSender;
  contacts: TeamsContactStore;
  directory: CareTeamDirectory;
  logger: Logger;
  clock?: Clock;
  retryBaseMs: number;
  pollMs: number;
  sendTimeoutMs?: number;
  /** How long a claimed delivery is ours; after that another instance (or we, after a crash) may send it. */
  leaseMs?: number;
  /** Attempts before a notice is recorded as failed. Default 12 (about an hour and a half with the backoff's cap). */
  maxAttempts?: number;
  /** The retry jitter's randomness, in [0, 1) (tests pin it). */
  random?: () => number;
}

const C = CONTAINERS.clients;
const MAX_WRITE_ATTEMPTS = 8;
const DUE_BATCH = 100;

export class LowMoodNoticeOutbox {
  private readonly clock: Clock;
  private readonly passes: SerialPasses;
  private readonly sendTimeoutMs: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;

  constructor(private readonly options: LowMoodNoticeOutboxOptions) {
    this.clock = options.clock ?? systemClock;
    this.passes = new SerialPasses(() => this.pass(), { pollMs: options.pollMs, logger: options.logger, failureMessage: 'low-mood notice pass failed' });
    this.sendTimeoutMs = options.sendTimeoutMs ?? 15000;
    this.leaseMs = options.leaseMs ?? this.sendTimeoutMs * 2 + 1000;
    this.maxAttempts = options.maxAttempts ?? 12;
  }

  start(): void {
    this.passes.start();
  }

  /** Stops the timer and waits for a pass in progress to finish. */
  stop(): Promise<void> {
    return this.passes.stop();
  }

  /** Runs a pass now (a notice was stored); a pass already running runs once more instead. */
  kick(): void {
    this.passes.kick();
  }

  /** One pass over every notice with something due. Serialised: concurrent calls share one run. */
  tick(): Promise<void> {
    return this.passes.tick();
  }

  private async pass(): Promise<void> {
    const due = await this.options.store.query<unknown>(C, {
      where: [
        { field: 'kind', op: '=', value: LOW_MOOD_NOTICE_KIND },
        { field: 'nextActionAt', op: '<=', value: this.clock.now().getTime() },
      ],
      limit: DUE_BATCH,
    });
    for (const doc of due) {
      try {
        await this.process(doc.partitionKey, doc.id);
      } catch (error) {
        this.options.logger.error({ err: { name: (error as Error).name, message: (error as Error).message } }, 'low-mood notice could not be processed');
      }
    }
  }

  /** Claims the notice's delivery when it is due, sends it, and records how it went. */
  async process(clientId: string, id: string): Promise<void> {
    const claimed = await this.claim(clientId, id);
    if (!claimed) return;
    try {
      await withTimeout(this.send(claimed.notice), this.sendTimeoutMs);
      await this.record(clientId, id, claimed.token, undefined);
    } catch (error) {
      await this.record(clientId, id, claimed.token, { message: (error as Error).message || 'failed', permanent: error instanceof PermanentDeliveryError });
    }
  }

  private async read(clientId: string, id: string): Promise<StoredDocument<LowMoodNotice> | undefined> {
    const doc = await this.options.store.read<unknown>(C, clientId, id);
    const parsed = doc ? lowMoodNoticeSchema.safeParse(doc.body) : undefined;
    return doc && parsed?.success ? { ...doc, body: parsed.data } : undefined;
  }

  private async claim(clientId: string, id: string): Promise<{ notice: LowMoodNotice; token: string } | undefined> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const doc = await this.read(clientId, id);
      const delivery = doc?.body.delivery;
      if (!doc || !delivery) return undefined;
      const now = this.clock.now().getTime();
      const due = (delivery.status === 'pending' && delivery.nextAttemptAt <= now) || (delivery.status === 'sending' && (delivery.claimedUntil ?? 0) <= now);
      if (!due) return undefined;
      const token = randomUUID();
      const claimedUntil = now + this.leaseMs;
      const notice: LowMoodNotice = { ...doc.body, delivery: { ...delivery, status: 'sending', claimToken: token, claimedUntil, attempts: delivery.attempts + 1 }, nextActionAt: claimedUntil };
      try {
        await this.options.store.upsert(C, clientId, id, notice, { ifMatch: doc.etag });
        return { notice, token };
      } catch (error) {
        if (!(error instanceof StorePreconditionFailedError)) throw error;
        // Another instance wrote first: read again (it has most likely claimed it).
      }
    }
    return undefined;
  }

  private async send(notice: LowMoodNotice): Promise<void> {
    const delivery = notice.delivery!;
    if (!notice.programmeId || !notice.clinicianId) throw new PermanentDeliveryError('the notice has no programme or clinician');
    const reference = await this.options.contacts.referenceFor(notice.programmeId, delivery.target);
    if (!reference) throw new Error('no Teams conversation with this clinician yet: they need to write to the bot once');
    const clinician = await this.options.directory.clinician(notice.programmeId, notice.clinicianId);
    const language = clinician?.language ?? 'en';
    const card = lowMoodNoticeCard(notice, language, clinician?.timeZone);
    const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card), t(language, 'clinician.notice.summary'));
    activity.channelData = { idempotencyKey: delivery.key };
    await this.options.sender.send(reference, activity);
  }

  /** Records a send's outcome, only while our claim still holds. */
  private async record(clientId: string, id: string, token: string, error: { message: string; permanent: boolean } | undefined): Promise<void> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const doc = await this.read(clientId, id);
      const delivery = doc?.body.delivery;
      if (!doc || !delivery || delivery.status !== 'sending' || delivery.claimToken !== token) return;
      const now = this.clock.now();
      const { claimToken: _token, claimedUntil: _until, ...rest } = delivery;
      let next: LowMoodNotice;
      if (error === undefined) {
        const { lastError: _error, ...sent } = rest;
        next = { ...doc.body, delivery: { ...sent, status: 'delivered', deliveredAt: now.toISOString() }, nextActionAt: null };
      } else if (error.permanent || delivery.attempts >= this.maxAttempts) {
        next = { ...doc.body, delivery: { ...rest, status: 'failed', lastError: error.message.slice(0, 200) }, nextActionAt: null };
      } else {
        const nextAttemptAt = now.getTime() + backoffMs(delivery.attempts, this.options.retryBaseMs, this.options.random);
        next = { ...doc.body, delivery: { ...rest, status: 'pending', nextAttemptAt, lastError: error.message.slice(0, 200) }, nextActionAt: nextAttemptAt };
      }
      try {
        await this.options.store.upsert(C, clientId, id, next, { ifMatch: doc.etag });
        const log = { attempts: delivery.attempts, status: next.delivery!.status };
        if (error === undefined) this.options.logger.info(log, 'low-mood notice delivered');
        else this.options.logger.warn({ ...log, error: next.delivery!.lastError }, 'low-mood notice delivery failed');
        return;
      } catch (err) {
        if (!(err instanceof StorePreconditionFailedError)) throw err;
      }
    }
  }
}

/** Rejects when `work` takes longer than `ms`. */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
