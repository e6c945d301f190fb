import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Clock, systemClock } from '../clock';
import { CONTAINERS } from '../storage/containers';
import { DocumentStore } from '../storage/documentStore';

/** What a clinician did with a client's data. */
export const ACCESS_ACTIONS = ['summary', 'focusArea.read', 'safetyPlan.read', 'safetyPlan.write', 'focusArea.write', 'alerts.read', 'lastSession.write', 'measures.read'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];

/**
 * One read (or change) of a client's data by a clinician, allowed or refused. Stored in the programme's
 * partition of `programmes` as `accessAudit:<uuid>`, so a programme lists its own audit with one query.
 */
export const accessAuditEntrySchema = z.object({
  type: z.literal('accessAudit'),
  id: z.string(),
  programmeId: z.string(),
  /** The clinician id, or the AAD object id when the person is not a clinician of this programme. */
  actor: z.string(),
  via: z.enum(['teams', 'api']),
  clientId: z.string(),
  action: z.enum(ACCESS_ACTIONS),
  outcome: z.enum(['allowed', 'refused']),
  /** Why access was allowed: the client is theirs, or an alert about the client was escalated to them. */
  basis: z.enum(['assigned', 'escalated', 'programme']).optional(),
  at: z.string().datetime({ offset: true }),
});
export type AccessAuditEntry = z.infer<typeof accessAuditEntrySchema>;
export const accessAuditViewSchema = accessAuditEntrySchema.omit({ type: true }).strict();

export class AccessAuditStore {
  constructor(
    private readonly store: DocumentStore,
    private readonly clock: Clock = systemClock,
  ) {}

  async record(entry: Omit<AccessAuditEntry, 'type' | 'id' | 'at'>): Promise<AccessAuditEntry> {
    const id = `accessAudit:${randomUUID()}`;
    const doc = accessAuditEntrySchema.parse({ type: 'accessAudit', id, at: this.clock.now().toISOString(), ...entry });
    await this.store.create(CONTAINERS.programmes, entry.programmeId, id, doc);
    return doc;
  }

  /** The programme's audit, newest first, optionally for one client. */
  async list(programmeId: string, filter: { clientId?: string; limit?: number } = {}): Promise<AccessAuditEntry[]> {
    const docs = await this.store.query<unknown>(CONTAINERS.programmes, {
      partitionKey: programmeId,
      where: [{ field: 'type', op: '=', value: 'accessAudit' }, ...(filter.clientId ? [{ field: 'clientId', op: '=' as const, value: filter.clientId }] : [])],
      orderBy: { field: 'at', direction: 'desc' },
      limit: filter.limit ?? 500,
    });
    return docs.flatMap((doc) => {
      const parsed = accessAuditEntrySchema.safeParse(doc.body);
      return parsed.success ? [parsed.data] : [];
    });
  }
}
