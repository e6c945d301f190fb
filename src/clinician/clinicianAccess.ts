import { CONTAINERS } from '../storage/containers';
import { DocumentStore } from '../storage/documentStore';
import { ProgrammeStore } from '../programmes/programmeStore';
import { ClientDocument, ClinicianDocument } from '../programmes/schemas';
import { Alert, alertSchema } from '../safety/escalation/alert';
import { AccessAction, AccessAuditStore } from './accessAudit';

/** A clinician on a programme's roster, as identified by their Teams AAD object id. */
export interface ClinicianIdentity {
  programmeId: string;
  clinician: ClinicianDocument;
}

export type AccessResult = { ok: true; client: ClientDocument; basis: 'assigned' | 'escalated' } | { ok: false };

/** Stages at which an alert has gone past the assigned clinician to the backup (or further). */
const ESCALATED_STAGES: ReadonlySet<Alert['stage']> = new Set(['backup', 'oncall', 'exhausted']);

/**
 * The access rule: a clinician reads only their own clients, and the clients whose alerts were escalated
 * to them as backup. Every check is written to the access audit, allowed or refused.
 */
export class ClinicianAccess {
  constructor(
    private readonly store: DocumentStore,
    private readonly programmes: ProgrammeStore,
    private readonly audit: AccessAuditStore,
  ) {}

  /** The roster entry for a Teams user; undefined for anyone who is not a clinician of a programme. */
  async identify(aadObjectId: string | undefined): Promise<ClinicianIdentity | undefined> {
    if (!aadObjectId) return undefined;
    for (const programmeId of await this.programmes.careTeamMemberships(aadObjectId)) {
      const clinicians = await this.programmes.listClinicians(programmeId);
      const clinician = clinicians.find((c) => c.aadObjectId.toLowerCase() === aadObjectId.toLowerCase());
      if (clinician) return { programmeId, clinician };
    }
    return undefined;
  }

  /** The programme's alerts, newest first (alerts are partitioned by alert id: a cross-partition query). */
  async alerts(programmeId: string, filter: { clientId?: string; status?: Alert['status'] } = {}): Promise<Alert[]> {
    const docs = await this.store.query<unknown>(CONTAINERS.alerts, {
      where: [
        { field: 'kind', op: '=', value: 'safetyAlert' },
        { field: 'programmeId', op: '=', value: programmeId },
        ...(filter.clientId ? [{ field: 'clientId', op: '=' as const, value: filter.clientId }] : []),
        ...(filter.status ? [{ field: 'status', op: '=' as const, value: filter.status }] : []),
      ],
      orderBy: { field: 'createdAt', direction: 'desc' },
      limit: 500,
    });
    return docs.flatMap((doc) => {
      const parsed = alertSchema.safeParse(doc.body);
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** True when the alert is this clinician's to see: their client's, or escalated to them as backup. */
  static concerns(alert: Alert, clinicianId: string): boolean {
    return alert.clinicianId === clinicianId || (alert.backupClinicianId === clinicianId && ESCALATED_STAGES.has(alert.stage));
  }

  /**
   * Checks the rule for one client and writes the audit entry. `assignedOnly` is for what only the client's
   * own clinician does (recording their session): an escalation to a backup does not extend to it.
   */
  async check(who: ClinicianIdentity, clientId: string, action: AccessAction, rule: { assignedOnly?: boolean } = {}): Promise<AccessResult> {
    const client = await this.programmes.getClient(who.programmeId, clientId);
    let basis: 'assigned' | 'escalated' | undefined;
    if (client?.clinicianId === who.clinician.id) basis = 'assigned';
    else if (!rule.assignedOnly && client && (await this.alerts(who.programmeId, { clientId })).some((alert) => alert.backupClinicianId === who.clinician.id && ESCALATED_STAGES.has(alert.stage))) basis = 'escalated';
    await this.audit.record({ programmeId: who.programmeId, actor: who.clinician.id, via: 'teams', clientId, action, outcome: basis ? 'allowed' : 'refused', ...(basis ? { basis } : {}) });
    return client && basis ? { ok: true, client, basis } : { ok: false };
  }
}
