/**
 * Reads the reviewed alerts of every programme that allows it (`exportReviewedAlerts`) from the store and
 * turns them into candidate corpus lines. The names to hide come from the store too: the client's
 * preferred name, the people in their interpersonal inventory (and anyone named in a check-in or an
 * exercise), the programme's clinicians, and the ids the service keeps about the client. Returns counts
 * only for logging: the lines hold client words.
 */
import { randomBytes } from 'node:crypto';
import { ClientRepository } from '../../client/clientRepository';
import { ProgrammeStore } from '../../programmes/programmeStore';
import { programmeDocumentSchema } from '../../programmes/schemas';
import { CONTAINERS } from '../../storage/containers';
import { DocumentStore } from '../../storage/documentStore';
import { Alert, alertSchema } from '../escalation/alert';
import { REVIEW_OUTCOMES } from './alertReview';
import { CorpusLine, corpusLine } from './corpusLine';

export interface ReviewedAlertExport {
  lines: CorpusLine[];
  /** Programmes that allow the export. */
  programmes: number;
  /** Reviewed alerts found in them. */
  reviewed: number;
  /** Reviewed alerts without words to export (the client deleted their data, or only identifiers were said). */
  withoutWords: number;
}

/** A family id that says where the line came from and nothing about whom. */
const newFamily = () => `review-${randomBytes(6).toString('hex')}`;

export async function exportReviewedAlerts(store: DocumentStore, options: { family?: () => string } = {}): Promise<ReviewedAlertExport> {
  const programmeStore = new ProgrammeStore(store);
  const clients = new ClientRepository(store);
  const family = options.family ?? newFamily;
  const programmeDocs = await store.query<unknown>(CONTAINERS.programmes, {
    where: [
      { field: 'type', op: '=', value: 'programme' },
      { field: 'exportReviewedAlerts', op: '=', value: true },
    ],
  });
  const programmes = programmeDocs.flatMap((doc) => {
    const parsed = programmeDocumentSchema.safeParse(doc.body);
    return parsed.success && parsed.data.exportReviewedAlerts === true ? [parsed.data] : [];
  });
  const result: ReviewedAlertExport = { lines: [], programmes: programmes.length, reviewed: 0, withoutWords: 0 };
  for (const programme of programmes) {
    const clinicianNames = (await programmeStore.listClinicians(programme.id)).map((c) => c.name);
    for (const outcome of REVIEW_OUTCOMES) {
      const docs = await store.query<unknown>(CONTAINERS.alerts, {
        where: [
          { field: 'kind', op: '=', value: 'safetyAlert' },
          { field: 'programmeId', op: '=', value: programme.id },
          { field: 'reviewOutcome', op: '=', value: outcome },
        ],
      });
      for (const doc of docs) {
        const parsed = alertSchema.safeParse(doc.body);
        if (!parsed.success) continue;
        result.reviewed++;
        const hide = await identifiers(parsed.data, programme.id, programmeStore, clients);
        const line = hide.clientGone ? undefined : corpusLine(parsed.data, { names: [...hide.names, ...clinicianNames], ids: hide.ids }, family());
        if (line) result.lines.push(line);
        else result.withoutWords++;
      }
    }
  }
  return result;
}

/**
 * What to hide in an alert's words. `clientGone`: the alert names a client whose records are gone (they
 * deleted their data), so their names can no longer be known: nothing of that alert is exported.
 */
async function identifiers(alert: Alert, programmeId: string, programmes: ProgrammeStore, clients: ClientRepository): Promise<{ names: string[]; ids: string[]; clientGone: boolean }> {
  const names = [alert.clientName];
  const ids = [alert.alertId, alert.clientKey, alert.channelUserId, alert.clientId];
  let clientGone = false;
  if (alert.clientId) {
    const [profile, people, nudges, checkIns, analyses, scripts, client] = await Promise.all([
      clients.getProfile(alert.clientId),
      clients.people(alert.clientId),
      clients.nudges(alert.clientId),
      clients.checkInsSince(alert.clientId, '0000-00-00'),
      clients.communicationAnalyses(alert.clientId),
      clients.scripts(alert.clientId),
      programmes.getClient(programmeId, alert.clientId),
    ]);
    // Everyone the client named anywhere: the inventory, and the people typed into check-ins and exercises.
    names.push(
      profile?.preferredName,
      ...people.map((p) => p.name),
      ...nudges.map((n) => n.personName),
      ...checkIns.map((c) => c.interaction?.name),
      ...analyses.map((a) => a.personName),
      ...scripts.map((s) => s.personName),
    );
    ids.push(client?.externalId);
    clientGone = !profile;
  }
  return { names: names.filter((n): n is string => Boolean(n)), ids: ids.filter((i): i is string => Boolean(i)), clientGone };
}
