/**
 * The clinician's data through the programme API (JSON), for programmes that integrate with their own
 * records: the between-session summary, the safety plan, the focus area and the access audit. A programme
 * key reads its own clients; every read or change of a client's data is written to the access audit.
 */
import { z } from 'zod';
import { FOCUS_AREAS } from '../bot/profile';
import { ApiRouter, errorBody } from '../api/apiRouter';
import { pageOf, pageQueryFields } from '../api/paging';
import { Caller } from '../api/auth';
import { idSchema } from '../programmes/schemas';
import { safetyPlanSchema } from '../safety/safetyPlan';
import { AccessAction, AccessAuditStore, accessAuditViewSchema } from './accessAudit';
import { ClinicianService, safetyPlanPartsSchema } from './clinicianService';
import { calendarDate, MAX_SUMMARY_DAYS, periodProblem, summarySchema } from './summary';

const clientParams = z.object({ programmeId: idSchema, clientId: z.string().uuid() }).strict();
const auditQuery = z.object({ clientId: z.string().uuid().optional(), ...pageQueryFields }).strict();
const summaryQuery = z
  .object({
    since: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
      .refine((value) => calendarDate(value, 'UTC') !== undefined, 'must be a real calendar date as YYYY-MM-DD')
      .optional()
      .describe(`First day of the period, at most ${MAX_SUMMARY_DAYS} days ago and not in the future; default: the client's lastSessionDate when set, else the last 7 days.`),
    days: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_SUMMARY_DAYS)
      .optional()
      .describe('Length of the period in days, ending today (without `since`, this replaces the last-session default).'),
  })
  .strict();
const safetyPlanViewSchema = safetyPlanSchema.omit({ kind: true }).strict();
const focusAreaBody = z.object({ focusArea: z.enum(FOCUS_AREAS) }).strict();

export function registerClinicianApi(api: ApiRouter, service: ClinicianService, audit: AccessAuditStore): void {
  const { programmes } = service.options;
  const record = (caller: Caller, programmeId: string, clientId: string, action: AccessAction) =>
    audit.record({
      programmeId,
      actor: caller.kind === 'programme' ? `key:${caller.keyId}` : caller.kind,
      via: 'api',
      clientId,
      action,
      outcome: 'allowed',
      basis: 'programme',
    });
  /** The client named in the path (404 when it is not this programme's), with this read or write audited. */
  const auditedClient = async (params: { programmeId: string; clientId: string }, caller: Caller, action: AccessAction) => {
    const client = await programmes.requireClient(params.programmeId, params.clientId);
    await record(caller, params.programmeId, client.id, action);
    return client;
  };
  const planView = (plan: z.infer<typeof safetyPlanSchema>) => {
    const { kind: _kind, ...rest } = plan;
    return rest;
  };

  api.add({
    method: 'get',
    path: '/programmes/:programmeId/access-audit',
    summary: "List who read or changed clients' data, newest first (filter by client)",
    access: 'programme',
    params: z.object({ programmeId: idSchema }).strict(),
    query: auditQuery,
    responses: { 200: { description: 'The audit entries, newest first', schema: pageOf(accessAuditViewSchema) } },
    handler: async ({ params, query }) => {
      await programmes.requireProgramme(params.programmeId);
      const { clientId, ...request } = query;
      const { items, nextCursor } = await audit.page(params.programmeId, clientId ? { clientId } : {}, request);
      return { status: 200, body: { items: items.map(({ type: _type, ...rest }) => rest), ...(nextCursor ? { nextCursor } : {}) } };
    },
  });
  api.add({
    method: 'get',
    path: '/programmes/:programmeId/clients/:clientId/summary',
    summary: "A client's between-session summary: mood by day, check-ins, interpersonal events, problems, people contacted, alerts, exercises, shared analyses",
    access: 'programme',
    params: clientParams,
    query: summaryQuery,
    responses: { 200: { description: 'The summary', schema: summarySchema } },
    handler: async ({ params, query, caller }) => {
      // The period is checked in the client's zone before anything is read: too long or impossible is a 400.
      const client = await programmes.requireClient(params.programmeId, params.clientId);
      const problem = periodProblem(query, client.timeZone, service.clock);
      if (problem) return { status: 400, body: errorBody([{ path: `query.${problem.field}`, message: problem.message }]) };
      await record(caller, params.programmeId, client.id, 'summary');
      return { status: 200, body: await service.summary(client, query) };
    },
  });
  api.add({
    method: 'get',
    path: '/programmes/:programmeId/clients/:clientId/safety-plan',
    summary: "Read a client's safety plan (404 when none was written)",
    access: 'programme',
    params: clientParams,
    responses: { 200: { description: 'The plan', schema: safetyPlanViewSchema }, 404: { description: 'No plan yet' } },
    handler: async ({ params, caller }) => {
      const client = await auditedClient(params, caller, 'safetyPlan.read');
      const plan = await service.safetyPlan(client.id);
      if (!plan) return { status: 404, body: { errors: [{ path: '', message: 'This client has no safety plan yet: PUT one.' }] } };
      return { status: 200, body: planView(plan) };
    },
  });
  api.add({
    method: 'put',
    path: '/programmes/:programmeId/clients/:clientId/safety-plan',
    summary: "Write a client's Stanley–Brown safety plan (replaces it; shown in their next crisis response)",
    access: 'programme',
    params: clientParams,
    body: safetyPlanPartsSchema.strict(),
    responses: { 200: { description: 'The stored plan', schema: safetyPlanViewSchema } },
    handler: async ({ params, body, caller }) => {
      const client = await auditedClient(params, caller, 'safetyPlan.write');
      return { status: 200, body: planView(await service.saveSafetyPlan(client.id, body)) };
    },
  });
  api.add({
    method: 'put',
    path: '/programmes/:programmeId/clients/:clientId/focus-area',
    summary: "Set a client's IPT focus area (used in their check-ins at once)",
    access: 'programme',
    params: clientParams,
    body: focusAreaBody,
    responses: { 200: { description: 'The focus area', schema: focusAreaBody } },
    handler: async ({ params, body, caller }) => {
      const client = await auditedClient(params, caller, 'focusArea.write');
      const updated = await service.setFocusArea(client, body.focusArea);
      return { status: 200, body: { focusArea: updated.focusArea ?? body.focusArea } };
    },
  });
}
