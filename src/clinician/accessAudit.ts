import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Clock, systemClock } from '../clock';
import { ClientDataKeeper, ErasureSubject } from '../client/clientErasure';
import { CONTAINERS } from '../storage/containers';
import { DocumentStore } from '../storage/documentStore';
import { PageRequest, queryPage } from '../api/paging';

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

/**
 * The access audit. After "delete my data" its entries stay (they record what clinicians did, which the
 * programme must be able to account for) but name the deletion's pseudonym instead of the client.
 */
export class AccessAuditStore implements ClientDataKeeper {
  readonly kind = 'accessAudit';

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

  /** One page of the programme's audit, newest first, optionally for one client. */
  async page(programmeId: string, filter: { clientId?: string }, request: PageRequest): Promise<{ items: AccessAuditEntry[]; nextCursor?: string }> {
    const { docs, nextCursor } = await queryPage<unknown>(
      this.store,
      CONTAINERS.programmes,
      {
        partitionKey: programmeId,
        where: [{ field: 'type', op: '=', value: 'accessAudit' }, ...(filter.clientId ? [{ field: 'clientId', op: '=' as const, value: filter.clientId }] : [])],
        orderBy: { field: 'at', direction: 'desc' },
      },
      request,
    );
    const items = docs.flatMap((doc) => {
      const parsed = accessAuditEntrySchema.safeParse(doc.body);
      return parsed.success ? [parsed.data] : [];
    });
    return { items, ...(nextCursor ? { nextCursor } : {}) };
  }

  async forgetClient(subject: ErasureSubject): Promise<number> {
    if (!subject.clientId) return 0;
    // Cross-partition: the client may have been in more than one programme's audit.
    const docs = await this.store.query<unknown>(CONTAINERS.programmes, {
      where: [
        { field: 'type', op: '=', value: 'accessAudit' },
        { field: 'clientId', op: '=', value: subject.clientId },
      ],
    });
    for (const doc of docs) {
      await this.store.upsert(CONTAINERS.programmes, doc.partitionKey, doc.id, { ...(doc.body as object), clientId: subject.pseudonym }, { ifMatch: doc.etag });
    }
    return docs.length;
  }
}
