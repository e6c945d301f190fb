import { randomUUID } from 'node:crypto';
import { Clock, systemClock } from '../../clock';
import { Logger } from '../../logger';
import { SerialPasses } from '../../serialPasses';
import { CONTAINERS } from '../../storage/containers';
import { DocumentStore } from '../../storage/documentStore';
import { StorePreconditionFailedError } from '../../storage/errors';
import { ackTimeoutMsOf, Alert, backoffMs, computeNextActionAt, Delivery } from './alert';
import { AlertChannel, PermanentDeliveryError } from './alertChannel';
import { AlertService } from './alertService';
import { CareTeamDirectory } from './careTeamDirectory';
import { laterStages, newDeliveries, stageTargets } from './routing';
import { serviceMetrics } from '../../telemetry/serviceMetrics';

export interface AlertOutboxWorkerOptions {
  store: DocumentStore;
  alerts: AlertService;
  directory: CareTeamDirectory;
  channels: AlertChannel[];
  logger: Logger;
  clock?: Clock;
  ackTimeoutMinutes: number;
  retryBaseMs: number;
  pollMs: number;
  /** An attempt that takes longer counts as failed (the channel may still be retrying underneath). */
  sendTimeoutMs?: number;
  /** How long a claimed delivery is ours; after that another instance (or we, after a crash) may retry it. */
  leaseMs?: number;
  /** Removes closed alerts past their programme's retention; run by a pass at most every `retentionSweepMs`. */
  retention?: { sweep(): Promise<number> };
  /** Default: an hour. */
  retentionSweepMs?: number;
  /** The retry jitter's randomness, in [0, 1) (tests pin it). */
  random?: () => number;
}

interface SendFailure {
  message: string;
  /** Retrying cannot help: stop, mark it failed, and move on to the next person. */
  permanent: boolean;
}

const MAX_WRITE_ATTEMPTS = 8;
const DUE_BATCH = 100;

/**
 * Delivers stored alerts (the alerts are the outbox) and escalates the unacknowledged ones.
 *
 * Protocol per delivery: claim it with an eTag-conditional write (status "sending", a claim token and a
 * lease), send it with its idempotency key, then record the outcome with another conditional write that
 * only lands while our claim still holds. Two instances cannot both claim a delivery; a crash after the
 * claim leaves it "sending" until the lease runs out, and then it is sent again with the same idempotency
 * key, which the receiver uses to drop the duplicate. A crash before the claim simply leaves it pending.
 */
export class AlertOutboxWorker {
  private readonly clock: Clock;
  private readonly passes: SerialPasses;
  private readonly leaseMs: number;
  private readonly sendTimeoutMs: number;
  private lastSweepAt?: number;

  constructor(private readonly options: AlertOutboxWorkerOptions) {
    this.clock = options.clock ?? systemClock;
    this.passes = new SerialPasses(() => this.pass(), { pollMs: options.pollMs, logger: options.logger, failureMessage: 'alert outbox pass failed' });
    this.sendTimeoutMs = options.sendTimeoutMs ?? 15000;
    // The claim outlives any attempt, so no other instance retries a delivery that is still being sent.
    this.leaseMs = options.leaseMs ?? this.sendTimeoutMs * 2 + 1000;
  }

  /** The default acknowledgement timeout; an alert routed to a programme carries the programme's own. */
  private get ackTimeoutMs(): number {
    return this.options.ackTimeoutMinutes * 60 * 1000;
  }

  start(): void {
    this.passes.start();
  }

  /** Stops the timer and waits for a pass in progress to finish. */
  stop(): Promise<void> {
    return this.passes.stop();
  }

  /** Runs a pass now (a new alert was stored); a pass already running runs once more instead. */
  kick(): void {
    this.passes.kick();
  }

  /** One pass over every alert with something due. Serialised: concurrent calls share one run. */
  tick(): Promise<void> {
    return this.passes.tick();
  }

  private async pass(): Promise<void> {
    const now = this.clock.now().getTime();
    const due = await this.options.store.query<{ alertId: string }>(CONTAINERS.alerts, {
      where: [
        { field: 'kind', op: '=', value: 'safetyAlert' },
        { field: 'nextActionAt', op: '<=', value: now },
      ],
      limit: DUE_BATCH,
    });
    for (const doc of due) {
      try {
        await this.process(doc.id);
      } catch (error) {
        this.options.logger.error({ alertId: doc.id, err: { name: (error as Error).name, message: (error as Error).message } }, 'alert outbox could not process an alert');
      }
    }
    await this.sweepClosed(now);
  }

  /** After the deliveries (they come first): closed alerts past their retention, at most every `retentionSweepMs`. */
  private async sweepClosed(now: number): Promise<void> {
    const { retention } = this.options;
    if (!retention || (this.lastSweepAt !== undefined && now - this.lastSweepAt < (this.options.retentionSweepMs ?? 60 * 60 * 1000))) return;
    this.lastSweepAt = now;
    try {
      await retention.sweep();
    } catch (error) {
      this.options.logger.error({ err: { name: (error as Error).name, message: (error as Error).message } }, 'closed alert sweep failed');
    }
  }

  /** Escalates when due and claims due deliveries (one conditional write), then sends and records them. */
  async process(alertId: string): Promise<void> {
    const claimed = await this.claim(alertId);
    if (!claimed) return;
    const { alert, deliveries, token } = claimed;
    await Promise.all(
      deliveries.map(async (delivery) => {
        const channel = this.options.channels.find((c) => c.channel === delivery.channel);
        try {
          if (!channel) throw new Error(`no ${delivery.channel} channel is set up`);
          await withTimeout(channel.send(alert, delivery), this.sendTimeoutMs);
          await this.record(alertId, delivery.key, token, undefined);
        } catch (error) {
          await this.record(alertId, delivery.key, token, { message: (error as Error).message || 'failed', permanent: error instanceof PermanentDeliveryError });
        }
      }),
    );
  }

  private async claim(alertId: string): Promise<{ alert: Alert; deliveries: Delivery[]; token: string } | undefined> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const doc = await this.options.alerts.read(alertId);
      if (!doc) return undefined;
      const alert = structuredClone(doc.body);
      const nowDate = this.clock.now();
      const now = nowDate.getTime();
      const ackTimeoutMs = ackTimeoutMsOf(alert, this.ackTimeoutMs);
      if (alert.unrouted && now >= alert.stageStartedAt + ackTimeoutMs) {
        // Configuration may have changed (a restart with a programme): try again to find someone.
        await this.options.alerts.route(alert, nowDate, 'alert.created');
      } else if (alert.status === 'open' && !alert.unrouted && alert.stage !== 'exhausted' && now >= alert.stageStartedAt + ackTimeoutMs) {
        await this.escalate(alert, nowDate, `not acknowledged within ${ackTimeoutMs / 60000} minutes`);
      }
      const token = randomUUID();
      const deliveries: Delivery[] = [];
      for (const delivery of alert.deliveries) {
        const due = (delivery.status === 'pending' && delivery.nextAttemptAt <= now) || (delivery.status === 'sending' && (delivery.claimedUntil ?? 0) <= now);
        if (!due) continue;
        delivery.status = 'sending';
        delivery.claimToken = token;
        delivery.claimedUntil = now + this.leaseMs;
        delivery.attempts += 1;
        deliveries.push({ ...delivery });
      }
      alert.nextActionAt = computeNextActionAt(alert, this.ackTimeoutMs);
      if (JSON.stringify(alert) === JSON.stringify(doc.body)) return undefined;
      try {
        await this.options.store.upsert(CONTAINERS.alerts, alertId, alertId, alert, { ifMatch: doc.etag });
        return { alert, deliveries, token };
      } catch (error) {
        if (!(error instanceof StorePreconditionFailedError)) throw error;
      }
    }
    return undefined;
  }

  /** Moves an unacknowledged alert to the next stage that has someone: backup, then on-call, each once. */
  private async escalate(alert: Alert, now: Date, why: string): Promise<void> {
    const iso = now.toISOString();
    for (const stage of laterStages(alert.stage)) {
      const targets = await stageTargets(this.options.directory, alert, stage);
      if (targets.length === 0) continue;
      alert.audit.push({ at: iso, event: 'escalated', stage, by: 'system', detail: why });
      alert.stage = stage;
      alert.stageStartedAt = now.getTime();
      alert.deliveries.push(...newDeliveries(alert, stage, 'alert.escalated', targets, now.getTime()));
      this.options.logger.warn({ alertId: alert.alertId, stage, why }, 'safety alert escalated');
      return;
    }
    alert.audit.push({ at: iso, event: 'escalated', stage: 'exhausted', by: 'system', detail: `${why}, and there is no one left to escalate to` });
    alert.stage = 'exhausted';
    this.options.logger.error({ alertId: alert.alertId, why }, 'safety alert has no one left to escalate to');
  }

  /** Records a send's outcome, only while our claim on the delivery still holds. */
  private async record(alertId: string, key: string, token: string, error: SendFailure | undefined): Promise<void> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const doc = await this.options.alerts.read(alertId);
      if (!doc) return;
      const alert = structuredClone(doc.body);
      const delivery = alert.deliveries.find((d) => d.key === key);
      if (!delivery || delivery.status !== 'sending' || delivery.claimToken !== token) return;
      const now = this.clock.now();
      const iso = now.toISOString();
      let escalated = false;
      // The alert's first notification to reach anyone: how long a person in crisis waited for a clinician to know.
      const firstDelivered = error === undefined && !alert.deliveries.some((d) => d.status === 'delivered');
      delete delivery.claimToken;
      delete delivery.claimedUntil;
      if (error === undefined) {
        delivery.status = 'delivered';
        delivery.deliveredAt = iso;
        delete delivery.lastError;
        alert.audit.push({ at: iso, event: 'delivered', stage: delivery.stage, deliveryKey: key, channel: delivery.channel, by: delivery.recipient.clinicianId ?? delivery.recipient.role });
      } else if (error.permanent) {
        delivery.status = 'failed';
        delivery.lastError = error.message.slice(0, 200);
        alert.audit.push({ at: iso, event: 'failed', stage: delivery.stage, deliveryKey: key, channel: delivery.channel, detail: `attempt ${delivery.attempts}, permanent (not retried): ${delivery.lastError}` });
        // Nobody waits out the acknowledgement timeout for a person who cannot be reached.
        if (alert.status === 'open' && alert.stage === delivery.stage && alert.round === delivery.round && stageUnreachable(alert)) {
          await this.escalate(alert, now, `the ${delivery.stage} stage cannot be reached (${delivery.lastError})`);
          escalated = true;
        }
      } else {
        // After an acknowledgement nobody needs the rest; otherwise retry, further apart each time.
        delivery.status = alert.status === 'acknowledged' ? 'cancelled' : 'pending';
        delivery.nextAttemptAt = now.getTime() + backoffMs(delivery.attempts, this.options.retryBaseMs, this.options.random);
        delivery.lastError = error.message.slice(0, 200);
        alert.audit.push({ at: iso, event: 'failed', stage: delivery.stage, deliveryKey: key, channel: delivery.channel, detail: `attempt ${delivery.attempts}: ${delivery.lastError}` });
      }
      alert.nextActionAt = computeNextActionAt(alert, this.ackTimeoutMs);
      try {
        await this.options.store.upsert(CONTAINERS.alerts, alertId, alertId, alert, { ifMatch: doc.etag });
        const log = { alertId, channel: delivery.channel, stage: delivery.stage, attempts: delivery.attempts };
        if (firstDelivered) {
          serviceMetrics().alertTimeToFirstDelivery.record(Math.max(0, now.getTime() - Date.parse(alert.createdAt)) / 1000, {
            'ipt.alert.channel': delivery.channel,
            'ipt.alert.stage': delivery.stage,
          });
        }
        if (error === undefined) this.options.logger.info(log, 'safety alert delivered');
        else if (error.permanent) this.options.logger.error({ ...log, error: delivery.lastError }, 'safety alert delivery failed permanently; not retried');
        else this.options.logger.warn({ ...log, error: delivery.lastError }, 'safety alert delivery failed; will retry');
        // The next stage's notifications are due now: send them in this pass, not at the next poll.
        if (escalated) this.kick();
        return;
      } catch (err) {
        if (!(err instanceof StorePreconditionFailedError)) throw err;
      }
    }
  }
}

/**
 * Whether the current stage has no way left to reach its person: every delivery to them (or, at a stage
 * with only the programme's webhook, every delivery) failed permanently.
 */
export function stageUnreachable(alert: Alert): boolean {
  const current = alert.deliveries.filter((d) => d.stage === alert.stage && d.round === alert.round);
  const personal = current.filter((d) => d.recipient.role !== 'programme');
  const relevant = personal.length > 0 ? personal : current;
  return relevant.length > 0 && relevant.every((d) => d.status === 'failed');
}

/** Rejects when `work` takes longer than `ms`. */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
