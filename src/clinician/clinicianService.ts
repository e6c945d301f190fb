import { z } from 'zod';
import { Clock, systemClock } from '../clock';
import { FocusArea } from '../bot/profile';
import { ClientRepository, localDate } from '../client/clientRepository';
import { ProgrammeStore } from '../programmes/programmeStore';
import { ClientDocument } from '../programmes/schemas';
import { SAFETY_PLAN_STEPS, SafetyPlan, SafetyPlanStore, safetyPlanSchema } from '../safety/safetyPlan';
import { Alert } from '../safety/escalation/alert';
import { AccessAuditStore } from './accessAudit';
import { ClinicianAccess } from './clinicianAccess';
import { buildSummary, PeriodRequest, Summary } from './summary';
import { yieldToEventLoop } from './yieldToEventLoop';

/** The six Stanley–Brown parts and the reasons for living as lists of entries (what the form and the API write). */
export type SafetyPlanParts = Pick<SafetyPlan, (typeof SAFETY_PLAN_STEPS)[number]>;
export const safetyPlanPartsSchema = safetyPlanSchema.pick({
  warningSigns: true,
  copingStrategies: true,
  distractions: true,
  peopleToAsk: true,
  professionals: true,
  safeEnvironment: true,
  reasonsForLiving: true,
});

/** How far back the inbox offers acknowledged alerts for review, and how many at most (one card). */
const REVIEW_WINDOW_DAYS = 30;
const MAX_REVIEW_ITEMS = 10;

export interface ClinicianServiceOptions {
  programmes: ProgrammeStore;
  clients: ClientRepository;
  safetyPlans: SafetyPlanStore;
  access: ClinicianAccess;
  audit: AccessAuditStore;
  clock?: Clock;
}

/**
 * What a clinician (in Teams) or a programme (through the API) does with a client's data: read the
 * summary, read and write the safety plan and the focus area. Callers check access first (ClinicianAccess
 * in Teams, the programme key in the API); this class reads and writes.
 */
export class ClinicianService {
  readonly clock: Clock;

  constructor(readonly options: ClinicianServiceOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** The summary for a period, from the client's records and the alerts about them. */
  async summary(client: ClientDocument, request: PeriodRequest): Promise<Summary> {
    const { clients, access } = this.options;
    const [checkIns, problems, nudges, alerts, communicationAnalyses, scripts, reflections, measures, safetyPlan] = await Promise.all([
      clients.checkInsSince(client.id, '0000-00-00'),
      clients.problems(client.id),
      clients.nudges(client.id),
      access.alerts(client.programmeId, { clientId: client.id }),
      clients.communicationAnalyses(client.id),
      clients.scripts(client.id),
      clients.reflections(client.id),
      clients.measures(client.id),
      this.options.safetyPlans.get(client.id),
    ]);
    const keepWellPlan = await clients.keepWellPlans.get(client.id);
    const people = await clients.people(client.id);
    // The reads above run synchronously in the embedded store; a chat turn that arrived meanwhile goes first.
    await yieldToEventLoop();
    return buildSummary(
      { timeZone: client.timeZone, checkIns, problems, nudges, alerts, communicationAnalyses, scripts, reflections, measures, safetyPlan, keepWellPlan, people, ...(client.lastSessionDate ? { lastSessionDate: client.lastSessionDate } : {}) },
      request,
      this.clock,
    );
  }

  /** Records that a session was held today (the client's day): the next summary starts from it. */
  async sessionHeldToday(client: ClientDocument): Promise<ClientDocument> {
    return this.options.programmes.updateClient(client.programmeId, client.id, { lastSessionDate: localDate(this.clock.now(), client.timeZone) });
  }

  async safetyPlan(clientId: string): Promise<SafetyPlan | undefined> {
    return this.options.safetyPlans.get(clientId);
  }

  /**
   * Replaces the plan with the clinician's version: takes effect at the client's next crisis response. A
   * plan the client wrote is approved this way (as it is, or edited), and is no longer marked for review.
   * Throws a ZodError on bad input.
   */
  async saveSafetyPlan(clientId: string, parts: z.input<typeof safetyPlanPartsSchema>): Promise<SafetyPlan> {
    const valid = safetyPlanPartsSchema.parse(parts);
    const now = this.clock.now().toISOString();
    return this.options.safetyPlans.put({ kind: 'safetyPlan', clientId, updatedAt: now, reviewedAt: now, author: 'clinician', needsReview: false, changedByClient: [], ...valid });
  }

  /** Sets the focus area on the programme's client and on the client's own record (the dialogs read it). */
  async setFocusArea(client: ClientDocument, focusArea: FocusArea): Promise<ClientDocument> {
    const updated = await this.options.programmes.updateClient(client.programmeId, client.id, { focusArea });
    await this.options.clients.saveProfile(client.id, { focusArea });
    return updated;
  }

  /** Open alerts for the clinician's clients and those escalated to them, newest first. */
  async inbox(programmeId: string, clinicianId: string): Promise<Alert[]> {
    const open = await this.options.access.alerts(programmeId, { status: 'open' });
    return open.filter((alert) => ClinicianAccess.concerns(alert, clinicianId));
  }

  /** Acknowledged alerts of the last `days` days for the clinician's clients (or escalated to them) with no review yet. */
  async awaitingReview(programmeId: string, clinicianId: string, days = REVIEW_WINDOW_DAYS): Promise<Alert[]> {
    const since = new Date(this.clock.now().getTime() - days * 24 * 3600 * 1000).toISOString();
    const acknowledged = await this.options.access.alerts(programmeId, { status: 'acknowledged' });
    return acknowledged.filter((alert) => !alert.reviewOutcome && alert.createdAt >= since && ClinicianAccess.concerns(alert, clinicianId)).slice(0, MAX_REVIEW_ITEMS);
  }
}

/** A form's multi-line inputs (one entry per line) as plan parts. */
export function planPartsFromForm(value: Record<string, unknown>): Record<(typeof SAFETY_PLAN_STEPS)[number], string[]> {
  return Object.fromEntries(
    SAFETY_PLAN_STEPS.map((part) => {
      const raw = value[part];
      const lines = typeof raw === 'string' ? raw.split(/\r?\n/).map((line) => line.trim()).filter(Boolean) : [];
      return [part, lines];
    }),
  ) as Record<(typeof SAFETY_PLAN_STEPS)[number], string[]>;
}
