/**
 * Builds the clinician's side: the access rule and its audit, the summary/authoring service, the Teams
 * turn handler IptBot asks first, and the programme API routes. `src/app.ts` wires it.
 */
import { Clock, systemClock } from '../clock';
import { Logger } from '../logger';
import { ApiRouter } from '../api/apiRouter';
import { registerAlertReviewApi } from '../api/alertReviewApi';
import { ClientRepository } from '../client/clientRepository';
import { ProgrammeStore } from '../programmes/programmeStore';
import { AlertService } from '../safety/escalation/alertService';
import { TeamsContactStore } from '../safety/escalation/careTeamDirectory';
import { SafetyPlanStore } from '../safety/safetyPlan';
import { DocumentStore } from '../storage/documentStore';
import { AccessAuditStore } from './accessAudit';
import { ClinicianAccess } from './clinicianAccess';
import { registerClinicianApi } from './clinicianApi';
import { ClinicianService } from './clinicianService';
import { ClinicianTurns } from './clinicianTurns';
import { registerMeasuresApi } from '../measures/measuresApi';

export interface ClinicianWiring {
  store: DocumentStore;
  programmes: ProgrammeStore;
  alerts: AlertService;
  logger: Logger;
  clock?: Clock;
}

export interface ClinicianServices {
  audit: AccessAuditStore;
  access: ClinicianAccess;
  service: ClinicianService;
  turns: ClinicianTurns;
  /** Adds the summary, safety-plan, focus-area, access-audit and alert-review routes to the programme API. */
  registerApi(api: ApiRouter | undefined): void;
}

export function createClinician(wiring: ClinicianWiring): ClinicianServices {
  const { store, programmes, alerts, logger } = wiring;
  const clock = wiring.clock ?? systemClock;
  const audit = new AccessAuditStore(store, clock);
  const access = new ClinicianAccess(store, programmes, audit);
  const service = new ClinicianService({ programmes, clients: new ClientRepository(store, clock), safetyPlans: new SafetyPlanStore(store), access, audit, clock });
  const turns = new ClinicianTurns({ access, service, alerts, contacts: new TeamsContactStore(store), clock, logger });
  return {
    audit,
    access,
    service,
    turns,
    registerApi: (api) => {
      if (api) registerClinicianApi(api, service, audit);
      if (api) registerAlertReviewApi(api, { store, programmes, review: (alertId, aadObjectId, review) => alerts.review(alertId, aadObjectId, review) });
      if (api) registerMeasuresApi(api, { programmes, clients: service.options.clients, audit, clock });
    },
  };
}
