import { randomUUID } from 'node:crypto';
import { Clock, systemClock } from '../../clock';
import { Logger } from '../../logger';
import { CONTAINERS } from '../../storage/containers';
import { DocumentStore, StoredDocument } from '../../storage/documentStore';
import { StorePreconditionFailedError } from '../../storage/errors';
import { Alert, ALERT_ID_PREFIX, alertSchema, AuditEntry, computeNextActionAt, MAX_EXCERPT_CHARS, RISK_CATEGORIES, Stage } from './alert';
import { CareTeamDirectory } from './careTeamDirectory';
import { newDeliveries, stageTargets } from './routing';
import { CssrsAnswers } from '../cssrs';
import { Review, ReviewResult } from '../review/alertReview';

type Level = Alert['level'];
type Category = (typeof RISK_CATEGORIES)[number];

export interface RaiseInput {
  /** The alert this conversation raised before, if any (kept in the person's state). */
  previousAlertId?: string;
  clientKey: string;
  clientId?: string;
  clientName?: string;
  channelId: string;
  channelUserId: string;
  language: Alert['language'];
  level: Exclude<Level, 'none'>;
  categories: readonly Category[];
  /** The words that raised it; stored on the alert, never logged. */
  evidence: readonly string[];
  conversationReference: Record<string, unknown>;
  /** Why, for the audit trail (e.g. "screening", "follow-up answers"). */
  reason?: string;
  /** The screening questions' answers so far, stored in the same write (so the first card shows them). */
  screening?: CssrsAnswers;
}

export interface RaiseOutcome {
  alertId: string;
  level: Level;
  created: boolean;
  /** True when this raise owes someone a new notification. */
  notifies: boolean;
  /** True when anyone at all can be told (a programme with someone in it). */
  routed: boolean;
}

export type AcknowledgeOutcome = 'acknowledged' | 'already' | 'refused' | 'notFound';

export interface AlertServiceOptions {
  store: DocumentStore;
  directory: CareTeamDirectory;
  logger: Logger;
  clock?: Clock;
  ackTimeoutMinutes: number;
  /** Called after an alert with new notifications is durably stored (the outbox worker's kick). */
  onStored?: (alertId: string) => void;
}

/** An acknowledged alert keeps absorbing the conversation's risk messages for this long. */
const ACKNOWLEDGED_REUSE_MS = 60 * 60 * 1000;
const MAX_WRITE_ATTEMPTS = 8;

const rank: Record<Level, number> = { none: 0, concern: 1, urgent: 2 };

/**
 * Creates and updates safety alerts. The alert (with the notifications it owes) is written durably before
 * anyone is told; the outbox worker delivers from the store. Every change is an eTag-conditional write.
 */
export class AlertService {
  private readonly clock: Clock;

  constructor(private readonly options: AlertServiceOptions) {
    this.clock = options.clock ?? systemClock;
  }

  private get ackTimeoutMs(): number {
    return this.options.ackTimeoutMinutes * 60 * 1000;
  }

  async read(alertId: string): Promise<StoredDocument<Alert> | undefined> {
    const doc = await this.options.store.read<unknown>(CONTAINERS.alerts, alertId, alertId);
    if (!doc) return undefined;
    return { ...doc, body: alertSchema.parse(doc.body) };
  }

  /** Creates an alert, or updates the conversation's alert that is still open. */
  async raise(input: RaiseInput): Promise<RaiseOutcome> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const now = this.clock.now();
      const previous = input.previousAlertId ? await this.read(input.previousAlertId) : undefined;
      const reusable =
        previous &&
        (previous.body.status === 'open' ||
          (previous.body.acknowledgedAt !== undefined && now.getTime() - Date.parse(previous.body.acknowledgedAt) < ACKNOWLEDGED_REUSE_MS));
      try {
        const outcome = reusable ? await this.update(previous, input, now) : await this.create(input, now);
        if (outcome.notifies) this.options.onStored?.(outcome.alertId);
        return outcome;
      } catch (error) {
        if (!(error instanceof StorePreconditionFailedError)) throw error;
        // Someone else changed it (the worker, an acknowledgement): read again and re-apply.
      }
    }
    throw new Error('Could not update the safety alert: it kept changing under us.');
  }

  private async create(input: RaiseInput, now: Date): Promise<RaiseOutcome> {
    const { directory, store, logger } = this.options;
    const alertId = `${ALERT_ID_PREFIX}${randomUUID()}`;
    const programme = await directory.programmeFor(input.channelId, input.channelUserId);
    const clinician = await directory.clinicianFor(input.channelId, input.channelUserId);
    const iso = now.toISOString();
    const alert: Alert = {
      kind: 'safetyAlert',
      alertId,
      clientKey: input.clientKey,
      clientId: input.clientId,
      clientName: input.clientName,
      channelId: input.channelId,
      channelUserId: input.channelUserId,
      language: input.language,
      level: input.level,
      categories: [...new Set(input.categories)],
      excerpt: mergeExcerpt('', input.evidence),
      createdAt: iso,
      updatedAt: iso,
      conversationReference: input.conversationReference,
      programmeId: programme?.id,
      clinicianId: clinician?.id,
      backupClinicianId: clinician?.backupId,
      status: 'open',
      // A client without a clinician (anonymous Web Chat) goes straight to the programme's on-call.
      stage: clinician ? 'primary' : 'oncall',
      stageStartedAt: now.getTime(),
      round: 1,
      unrouted: false,
      deliveries: [],
      nextActionAt: null,
      audit: [{ at: iso, event: 'created', level: input.level, by: 'system', detail: input.reason }],
      ...(input.screening ? { screening: { ...input.screening } } : {}),
    };
    await this.route(alert, now, 'alert.created');
    await store.create(CONTAINERS.alerts, alertId, alertId, alert);
    if (alert.unrouted) {
      logger.error({ alertId, programme: programme?.id ?? null }, 'safety alert stored, but no one could be notified: no programme, clinician, on-call or webhook is configured');
    } else {
      logger.info({ alertId, level: alert.level, stage: alert.stage, deliveries: alert.deliveries.length }, 'safety alert stored');
    }
    return { alertId, level: alert.level, created: true, notifies: !alert.unrouted, routed: !alert.unrouted };
  }

  /**
   * Fills in the notifications the alert's stage owes, moving on to later stages when one has nobody
   * (no backup configured). Marks it unrouted when no stage has anyone.
   */
  async route(alert: Alert, now: Date, event: 'alert.created' | 'alert.escalated' | 'alert.raised'): Promise<void> {
    const stages: Stage[] = ['primary', 'backup', 'oncall'];
    // The programme's own acknowledgement timeout drives this alert's escalation from now on.
    const programme = alert.programmeId ? await this.options.directory.programme(alert.programmeId) : undefined;
    if (programme?.ackTimeoutMinutes !== undefined) alert.ackTimeoutMinutes = programme.ackTimeoutMinutes;
    for (const stage of stages.slice(stages.indexOf(alert.stage === 'exhausted' ? 'oncall' : alert.stage))) {
      const targets = await stageTargets(this.options.directory, alert, stage);
      if (targets.length === 0) continue;
      if (alert.stage !== stage) {
        alert.audit.push({ at: now.toISOString(), event: 'escalated', stage, by: 'system', detail: `nobody to notify at stage ${alert.stage}` });
      }
      alert.stage = stage;
      alert.stageStartedAt = now.getTime();
      alert.deliveries.push(...newDeliveries(alert, stage, event, targets, now.getTime()));
      if (alert.unrouted) alert.audit.push({ at: now.toISOString(), event: 'routed', stage, by: 'system' });
      alert.unrouted = false;
      alert.nextActionAt = computeNextActionAt(alert, this.ackTimeoutMs);
      return;
    }
    if (!alert.unrouted) alert.audit.push({ at: now.toISOString(), event: 'unrouted', by: 'system', detail: 'no programme, clinician, on-call or webhook is configured' });
    alert.unrouted = true;
    alert.stageStartedAt = now.getTime();
    alert.nextActionAt = computeNextActionAt(alert, this.ackTimeoutMs);
  }

  private async update(previous: StoredDocument<Alert>, input: RaiseInput, now: Date): Promise<RaiseOutcome> {
    const alert = structuredClone(previous.body);
    const iso = now.toISOString();
    const rises = rank[input.level] > rank[alert.level];
    alert.level = rises ? input.level : alert.level;
    alert.categories = [...new Set([...alert.categories, ...input.categories])];
    alert.excerpt = mergeExcerpt(alert.excerpt, input.evidence);
    alert.updatedAt = iso;
    if (input.clientName && !alert.clientName) alert.clientName = input.clientName;
    if (input.screening) alert.screening = { ...alert.screening, ...input.screening };
    let notifies = false;
    if (rises) {
      // A rise from concern to urgent is news: tell the current stage again, and restart the clock.
      alert.audit.push({ at: iso, event: 'raised', level: input.level, by: 'system', detail: input.reason });
      alert.round += 1;
      if (alert.status === 'acknowledged') {
        alert.status = 'open';
        if (alert.stage === 'exhausted') alert.stage = 'oncall';
      }
      if (alert.stage === 'exhausted') alert.stage = 'oncall';
      await this.route(alert, now, 'alert.raised');
      notifies = !alert.unrouted;
    } else {
      alert.audit.push({ at: iso, event: 'updated', level: input.level, by: 'system', detail: input.reason });
    }
    await this.options.store.upsert(CONTAINERS.alerts, alert.alertId, alert.alertId, alert, { ifMatch: previous.etag });
    return { alertId: alert.alertId, level: alert.level, created: false, notifies, routed: !alert.unrouted };
  }

  /** Records a note on the alert's audit trail (e.g. the client's answers to the screening questions). */
  async note(alertId: string, entry: Omit<AuditEntry, 'at'>): Promise<void> {
    await this.modify(alertId, (alert, now) => {
      alert.audit.push({ at: now.toISOString(), ...entry });
      return true;
    });
  }

  /** Stores the client's answers to the screening questions on the alert (the clinician's card and the API show them). */
  async recordScreening(alertId: string, answers: CssrsAnswers, detail: string): Promise<void> {
    await this.modify(alertId, (alert, now) => {
      alert.screening = { ...alert.screening, ...answers };
      alert.audit.push({ at: now.toISOString(), event: 'screening_answers', by: 'client', detail });
      return true;
    });
  }

  /**
   * Only the assigned clinician, the backup clinician, or — once the alert has gone to them, or when the
   * client has no clinician — the programme's on-call can acknowledge. Anyone else is refused (audited).
   */
  async acknowledge(alertId: string, aadObjectId: string | undefined): Promise<AcknowledgeOutcome> {
    let outcome: AcknowledgeOutcome = 'notFound';
    const found = await this.modify(alertId, async (alert, now) => {
      const who = aadObjectId ? await this.acknowledger(alert, aadObjectId) : undefined;
      const iso = now.toISOString();
      if (!who) {
        outcome = 'refused';
        alert.audit.push({ at: iso, event: 'acknowledge_refused', by: aadObjectId ?? 'unknown' });
        return true;
      }
      if (alert.status === 'acknowledged') {
        outcome = 'already';
        return false;
      }
      outcome = 'acknowledged';
      alert.status = 'acknowledged';
      alert.acknowledgedAt = iso;
      alert.acknowledgedBy = who;
      alert.audit.push({ at: iso, event: 'acknowledged', by: who, detail: aadObjectId });
      for (const delivery of alert.deliveries) {
        if (delivery.status === 'pending') {
          delivery.status = 'cancelled';
          alert.audit.push({ at: iso, event: 'cancelled', deliveryKey: delivery.key, channel: delivery.channel, by: 'system', detail: 'acknowledged' });
        }
      }
      alert.nextActionAt = computeNextActionAt(alert, this.ackTimeoutMs);
      return true;
    });
    if (found) this.options.logger.info({ alertId, outcome }, 'safety alert acknowledgement');
    return found ? outcome : 'notFound';
  }

  /**
   * Records a clinician's verdict (needed / false alarm, with an optional reason). The same people who may
   * acknowledge may review; anyone else is refused (audited). A later review replaces the outcome on the
   * alert and every review stays in the audit. Reviewing does not acknowledge: escalation runs until someone
   * presses Acknowledge, so a verdict given in passing never stops a page.
   */
  async review(alertId: string, aadObjectId: string | undefined, review: Review): Promise<ReviewResult> {
    let result: ReviewResult = { outcome: 'notFound' };
    const found = await this.modify(alertId, async (alert, now) => {
      const who = aadObjectId ? await this.acknowledger(alert, aadObjectId) : undefined;
      const iso = now.toISOString();
      if (!who) {
        result = { outcome: 'refused' };
        alert.audit.push({ at: iso, event: 'review_refused', by: aadObjectId ?? 'unknown' });
        return true;
      }
      alert.reviewOutcome = review.outcome;
      if (review.reason) alert.reviewReason = review.reason;
      else delete alert.reviewReason;
      alert.reviewedAt = iso;
      alert.reviewedBy = who;
      alert.audit.push({ at: iso, event: 'reviewed', by: who, detail: review.reason ? `${review.outcome}: ${review.reason}` : review.outcome });
      result = { outcome: 'reviewed', open: alert.status === 'open' };
      return true;
    });
    if (found) this.options.logger.info({ alertId, outcome: result.outcome }, 'safety alert review');
    return found ? result : { outcome: 'notFound' };
  }

  private async acknowledger(alert: Alert, aadObjectId: string): Promise<string | undefined> {
    const { directory } = this.options;
    if (!alert.programmeId) return undefined;
    for (const clinicianId of [alert.clinicianId, alert.backupClinicianId]) {
      if (!clinicianId) continue;
      const clinician = await directory.clinician(alert.programmeId, clinicianId);
      if (clinician?.aadObjectId === aadObjectId) return clinician.id;
    }
    const programme = await directory.programme(alert.programmeId);
    const reachedOnCall = !alert.clinicianId || alert.stage === 'oncall' || alert.stage === 'exhausted';
    if (reachedOnCall && programme?.onCall?.aadObjectId === aadObjectId) return 'oncall';
    return undefined;
  }

  /** Read, change, conditional write; again on a conflict. `change` returns false to skip the write. */
  private async modify(alertId: string, change: (alert: Alert, now: Date) => boolean | Promise<boolean>): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const doc = await this.read(alertId);
      if (!doc) return false;
      const alert = structuredClone(doc.body);
      if (!(await change(alert, this.clock.now()))) return true;
      alert.updatedAt = this.clock.now().toISOString();
      try {
        await this.options.store.upsert(CONTAINERS.alerts, alertId, alertId, alert, { ifMatch: doc.etag });
        return true;
      } catch (error) {
        if (!(error instanceof StorePreconditionFailedError)) throw error;
      }
    }
    throw new Error('Could not update the safety alert: it kept changing under us.');
  }
}

/** Adds new evidence to an excerpt (each phrase once), capped in length. */
export function mergeExcerpt(excerpt: string, evidence: readonly string[]): string {
  const parts = excerpt ? excerpt.split(' … ') : [];
  for (const phrase of evidence.map((e) => e.trim()).filter(Boolean)) if (!parts.includes(phrase)) parts.push(phrase);
  const joined = parts.join(' … ');
  return joined.length > MAX_EXCERPT_CHARS ? `${joined.slice(0, MAX_EXCERPT_CHARS - 1)}…` : joined;
}
