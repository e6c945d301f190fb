/**
 * A client's PHQ-9 and GAD-7 through the programme API: as JSON (each measure with its answers, and the
 * outcome per instrument), or as FHIR R4 (`?format=fhir`: a Bundle of Questionnaire and
 * QuestionnaireResponse resources). Another programme's client is a 404, and every read is audited.
 */
import { z } from 'zod';
import { ApiRouter } from '../api/apiRouter';
import { Caller } from '../api/auth';
import { AccessAuditStore } from '../clinician/accessAudit';
import { ClientRepository } from '../client/clientRepository';
import { measureSchema } from '../client/records';
import { Clock, systemClock } from '../clock';
import { ProgrammeStore } from '../programmes/programmeStore';
import { idSchema } from '../programmes/schemas';
import { fhirBundleSchema, measuresBundle } from './fhir';
import { measureOutcomes, measureOutcomeSchema } from './measureSummary';
import { outcomesCsv } from './outcomesCsv';

const clientParams = z.object({ programmeId: idSchema, clientId: z.string().uuid() }).strict();
const measuresQuery = z.object({ format: z.enum(['json', 'fhir']).default('json').describe('json (default) or fhir (an R4 Bundle).') }).strict();
const measureViewSchema = measureSchema.omit({ kind: true, clientId: true }).strict();
export const measuresViewSchema = z.object({ items: z.array(measureViewSchema), outcomes: z.array(measureOutcomeSchema) }).strict();

export interface MeasuresApiOptions {
  programmes: ProgrammeStore;
  clients: ClientRepository;
  audit: AccessAuditStore;
  clock?: Clock;
}

export function registerMeasuresApi(api: ApiRouter, options: MeasuresApiOptions): void {
  const clock = options.clock ?? systemClock;
  const record = (caller: Caller, programmeId: string, clientId: string) =>
    options.audit.record({ programmeId, actor: caller.kind === 'programme' ? `key:${caller.keyId}` : caller.kind, via: 'api', clientId, action: 'measures.read', outcome: 'allowed', basis: 'programme' });

  api.add({
    method: 'get',
    path: '/programmes/:programmeId/clients/:clientId/measures',
    summary: "A client's completed PHQ-9 and GAD-7: JSON with outcomes, or FHIR R4 QuestionnaireResponses (?format=fhir)",
    access: 'programme',
    params: clientParams,
    query: measuresQuery,
    responses: { 200: { description: 'The measures (JSON), or a FHIR R4 Bundle with format=fhir', schema: z.union([measuresViewSchema, fhirBundleSchema]) } },
    handler: async ({ params, query, caller }) => {
      const client = await options.programmes.requireClient(params.programmeId, params.clientId);
      await record(caller, params.programmeId, client.id);
      const measures = await options.clients.measures(client.id);
      if (query.format === 'fhir') {
        const subject = { system: `urn:ipt-companion:programme:${client.programmeId}:client`, value: client.externalId };
        return { status: 200, body: measuresBundle(measures, subject, clock.now()) };
      }
      const items = measures.map(({ kind: _kind, clientId: _clientId, ...rest }) => rest);
      return { status: 200, body: { items, outcomes: measureOutcomes(measures) } };
    },
  });

  api.add({
    method: 'get',
    path: '/programmes/:programmeId/measure-outcomes',
    summary: 'De-identified PHQ-9 / GAD-7 outcomes of every client (baseline, latest, change, weeks) as CSV, for service evaluation',
    access: 'programme',
    params: z.object({ programmeId: idSchema }).strict(),
    responses: { 200: { description: 'text/csv: participant (a pseudonym), instrument, measures, baseline, latest, change, reliableChange, response, remission, weeks' } },
    handler: async ({ params }) => {
      const clients = await options.programmes.listClients(params.programmeId);
      const rows = await Promise.all(clients.map(async (client) => ({ clientId: client.id, measures: await options.clients.measures(client.id) })));
      return { status: 200, contentType: 'text/csv; charset=utf-8', body: outcomesCsv(params.programmeId, rows) };
    },
  });
}
