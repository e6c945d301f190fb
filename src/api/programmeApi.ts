/**
 * The programme API's routes under /api/v1: programmes and their keys, clinicians, clients (enrolment),
 * reminder schedules and safety alerts. Each route is declared once; see `apiRouter.ts`.
 */
import type { Server } from 'restify';
import { z } from 'zod';
import { Logger } from '../logger';
import { CONTAINERS } from '../storage/containers';
import { DocumentStore } from '../storage/documentStore';
import { NotFoundError } from '../programmes/errors';
import { ProgrammeStore } from '../programmes/programmeStore';
import {
  acknowledgeAlertSchema,
  ALERT_OUTCOME_FILTERS,
  ALERT_STATUSES,
  alertViewSchema,
  CLIENT_STATUSES,
  ClientDocument,
  clientDocumentSchema,
  clientViewSchema,
  clinicianDocumentSchema,
  clinicianViewSchema,
  createClientSchema,
  createClinicianSchema,
  createProgrammeSchema,
  createScheduleSchema,
  enrolledClientSchema,
  enrolmentCodeViewSchema,
  idSchema,
  issuedKeySchema,
  issueKeySchema,
  KeyDocument,
  keyDocumentSchema,
  keyViewSchema,
  ProgrammeDocument,
  programmeDocumentSchema,
  programmeViewSchema,
  ScheduleDocument,
  scheduleDocumentSchema,
  scheduleViewSchema,
  updateClientSchema,
  updateClinicianSchema,
  updateProgrammeSchema,
  updateScheduleSchema,
} from '../programmes/schemas';
import { API_PREFIX, ApiRouter, errorBody } from './apiRouter';
import { pageOf, PageQuery, pageQueryFields, PageRequest, queryPage } from './paging';
import { ApiAuthenticator } from './auth';

/** Acknowledges a safety alert as a care-team member (the safety escalation's AlertService). */
export type AlertAcknowledger = (alertId: string, aadObjectId: string) => Promise<'acknowledged' | 'already' | 'refused' | 'notFound'>;

export interface ProgrammeApiOptions {
  server: Server;
  store: DocumentStore;
  programmes: ProgrammeStore;
  adminKey: string;
  logger: Logger;
  acknowledgeAlert?: AlertAcknowledger;
  /** The acknowledgement timeout of a programme that sets none (SAFETY_ACK_TIMEOUT_MINUTES); default 15. */
  defaultAckTimeoutMinutes?: number;
}

const programmeParams = z.object({ programmeId: idSchema }).strict();
const keyParams = programmeParams.extend({ keyId: z.string().uuid() }).strict();
const clinicianParams = programmeParams.extend({ clinicianId: idSchema }).strict();
const clientParams = programmeParams.extend({ clientId: z.string().uuid() }).strict();
const scheduleParams = clientParams.extend({ scheduleId: z.string().uuid() }).strict();
const alertParams = programmeParams.extend({ alertId: z.string().min(1).max(200) }).strict();
const pageQuery = z.object(pageQueryFields).strict();
const clientQuery = z.object({ status: z.enum(CLIENT_STATUSES).optional(), clinicianId: idSchema.optional(), ...pageQueryFields }).strict();
const alertQuery = z
  .object({
    status: z.enum(ALERT_STATUSES).optional(),
    outcome: z
      .enum(ALERT_OUTCOME_FILTERS)
      .optional()
      .describe("The clinician's review: needed, false_alarm, or unreviewed (with unreviewed a page may hold fewer items than the limit: follow nextCursor)."),
    ...pageQueryFields,
  })
  .strict();

const list = pageOf;

function viewOfProgramme(p: ProgrammeDocument, defaultAckTimeoutMinutes: number): z.infer<typeof programmeViewSchema> {
  const { type: _type, alertWebhook, ...rest } = p;
  return { ...rest, ackTimeoutMinutes: p.ackTimeoutMinutes ?? defaultAckTimeoutMinutes, ...(alertWebhook ? { alertWebhook: { url: alertWebhook.url, hasSecret: alertWebhook.secret.length > 0, rotating: Boolean(alertWebhook.previousSecret), includeExcerpt: alertWebhook.includeExcerpt ?? false } } : {}) };
}
function keyView(k: KeyDocument): z.infer<typeof keyViewSchema> {
  const { type: _type, hash: _hash, ...rest } = k;
  return rest;
}
function clientView(c: ClientDocument): z.infer<typeof clientViewSchema> {
  const { type: _type, chat, enrolmentCodeHash: _hash, ...rest } = c;
  return { ...rest, linked: Boolean(chat), ...(chat ? { channelId: chat.channelId } : {}) };
}
function scheduleView(s: ScheduleDocument): z.infer<typeof scheduleViewSchema> {
  const { type: _type, ...rest } = s;
  return rest;
}
function stripType<T extends { type: string }>(doc: T): Omit<T, 'type'> {
  const { type: _type, ...rest } = doc;
  return rest;
}

/** Registers the API on the server and returns the router (its routes and OpenAPI document). */
export function registerProgrammeApi(options: ProgrammeApiOptions): ApiRouter {
  const { server, programmes, store } = options;
  /** One page of a programme's documents of a type (oldest first), parsed; a document that does not parse is left out. */
  const page = async <T>(schema: z.ZodType<T>, query: Omit<PageQuery, 'orderBy'> & { orderBy?: PageQuery['orderBy'] }, request: PageRequest, container = CONTAINERS.programmes) => {
    const { docs, nextCursor } = await queryPage<unknown>(store, container, { orderBy: { field: 'createdAt', direction: 'asc' }, ...query }, request);
    const items = docs.flatMap((doc) => {
      const parsed = schema.safeParse(doc.body);
      return parsed.success ? [parsed.data] : [];
    });
    return { items, ...(nextCursor ? { nextCursor } : {}) };
  };
  const ofType = (type: string, more: PageQuery['where'] = []): PageQuery['where'] => [{ field: 'type', op: '=', value: type }, ...more];
  const api = new ApiRouter(server, new ApiAuthenticator(options.adminKey, programmes), options.logger);
  const ok = (body: unknown, status = 200) => ({ status, body });
  const defaultAck = options.defaultAckTimeoutMinutes ?? 15;
  const programmeView = (p: ProgrammeDocument) => viewOfProgramme(p, defaultAck);

  api.add({
    method: 'get',
    path: '/openapi.json',
    summary: 'This OpenAPI 3.1 document',
    access: 'public',
    responses: { 200: { description: 'The document' } },
    handler: async () => ok(openApi()),
  });

  // ------------------------------------------------------------------------------------------ programmes
  api.add({
    method: 'post',
    path: '/programmes',
    summary: 'Create a programme (admin key)',
    access: 'admin',
    body: createProgrammeSchema,
    responses: { 201: { description: 'Created', schema: programmeViewSchema }, 409: { description: 'The id is taken, or another programme is already defaultForUnenrolled' } },
    handler: async ({ body }) => ok(programmeView(await programmes.createProgramme(body)), 201),
  });
  api.add({
    method: 'get',
    path: '/programmes',
    summary: 'List programmes (a programme key sees its own)',
    access: 'programme',
    query: pageQuery,
    responses: { 200: { description: 'The programmes, oldest first', schema: list(programmeViewSchema) } },
    handler: async ({ caller, query }) => {
      if (caller.kind === 'programme') return ok({ items: [programmeView(await programmes.requireProgramme(caller.programmeId))] });
      // Across programmes (each is its own partition): an admin operation.
      const { items, nextCursor } = await page(programmeDocumentSchema, { where: ofType('programme') }, query);
      return ok({ items: items.map(programmeView), ...(nextCursor ? { nextCursor } : {}) });
    },
  });
  api.add({
    method: 'get',
    path: '/programmes/:programmeId',
    summary: 'Read a programme',
    access: 'programme',
    params: programmeParams,
    responses: { 200: { description: 'The programme', schema: programmeViewSchema } },
    handler: async ({ params }) => ok(programmeView(await programmes.requireProgramme(params.programmeId))),
  });
  api.add({
    method: 'patch',
    path: '/programmes/:programmeId',
    summary: 'Change a programme (null removes an optional setting)',
    access: 'programme',
    params: programmeParams,
    body: updateProgrammeSchema,
    responses: { 200: { description: 'The changed programme', schema: programmeViewSchema }, 409: { description: 'Another programme is already defaultForUnenrolled' } },
    handler: async ({ params, body }) => ok(programmeView(await programmes.updateProgramme(params.programmeId, body))),
  });

  // ------------------------------------------------------------------------------------------ keys
  api.add({
    method: 'post',
    path: '/programmes/:programmeId/keys',
    summary: 'Issue a programme key (admin key); the key is shown once',
    access: 'admin',
    params: programmeParams,
    body: issueKeySchema,
    responses: { 201: { description: 'The new key', schema: issuedKeySchema } },
    handler: async ({ params, body }) => {
      const { key, document } = await programmes.issueKey(params.programmeId, body.label);
      return ok({ ...keyView(document), key }, 201);
    },
  });
  api.add({
    method: 'get',
    path: '/programmes/:programmeId/keys',
    summary: "List a programme's keys (admin key; never the keys themselves)",
    access: 'admin',
    params: programmeParams,
    query: pageQuery,
    responses: { 200: { description: 'The keys, oldest first', schema: list(keyViewSchema) } },
    handler: async ({ params, query }) => {
      await programmes.requireProgramme(params.programmeId);
      const { items, nextCursor } = await page(keyDocumentSchema, { partitionKey: params.programmeId, where: ofType('key') }, query);
      return ok({ items: items.map(keyView), ...(nextCursor ? { nextCursor } : {}) });
    },
  });
  api.add({
    method: 'delete',
    path: '/programmes/:programmeId/keys/:keyId',
    summary: 'Revoke a programme key (admin key)',
    access: 'admin',
    params: keyParams,
    responses: { 200: { description: 'The revoked key', schema: keyViewSchema } },
    handler: async ({ params }) => ok(keyView(await programmes.revokeKey(params.programmeId, params.keyId))),
  });

  // ------------------------------------------------------------------------------------------ clinicians
  api.add({
    method: 'post',
    path: '/programmes/:programmeId/clinicians',
    summary: 'Add a clinician',
    access: 'programme',
    params: programmeParams,
    body: createClinicianSchema,
    responses: {
      201: { description: 'Created', schema: clinicianViewSchema },
      409: { description: "The id or aadObjectId is taken, or the aadObjectId is on another programme's roster and not marked sharedAcrossProgrammes by both" },
    },
    handler: async ({ params, body }) => ok(stripType(await programmes.createClinician(params.programmeId, body)), 201),
  });
  api.add({
    method: 'get',
    path: '/programmes/:programmeId/clinicians',
    summary: 'List clinicians',
    access: 'programme',
    params: programmeParams,
    query: pageQuery,
    responses: { 200: { description: 'The clinicians, oldest first', schema: list(clinicianViewSchema) } },
    handler: async ({ params, query }) => {
      await programmes.requireProgramme(params.programmeId);
      const { items, nextCursor } = await page(clinicianDocumentSchema, { partitionKey: params.programmeId, where: ofType('clinician') }, query);
      return ok({ items: items.map(stripType), ...(nextCursor ? { nextCursor } : {}) });
    },
  });
  api.add({
    method: 'get',
    path: '/programmes/:programmeId/clinicians/:clinicianId',
    summary: 'Read a clinician',
    access: 'programme',
    params: clinicianParams,
    responses: { 200: { description: 'The clinician', schema: clinicianViewSchema } },
    handler: async ({ params }) => {
      const clinician = await programmes.getClinician(params.programmeId, params.clinicianId);
      if (!clinician) throw new NotFoundError(`There is no clinician "${params.clinicianId}" in this programme.`);
      return ok(stripType(clinician));
    },
  });
  api.add({
    method: 'patch',
    path: '/programmes/:programmeId/clinicians/:clinicianId',
    summary: 'Change a clinician',
    access: 'programme',
    params: clinicianParams,
    body: updateClinicianSchema,
    responses: {
      200: { description: 'The changed clinician', schema: clinicianViewSchema },
      409: { description: "The aadObjectId is taken, or is on another programme's roster and not marked sharedAcrossProgrammes by both" },
    },
    handler: async ({ params, body }) => ok(stripType(await programmes.updateClinician(params.programmeId, params.clinicianId, body))),
  });
  api.add({
    method: 'delete',
    path: '/programmes/:programmeId/clinicians/:clinicianId',
    summary: 'Remove a clinician who has no clients and backs up nobody',
    access: 'programme',
    params: clinicianParams,
    responses: { 204: { description: 'Removed' }, 409: { description: 'Still has clients or is a backup' } },
    handler: async ({ params }) => {
      await programmes.deleteClinician(params.programmeId, params.clinicianId);
      return { status: 204 };
    },
  });

  // ------------------------------------------------------------------------------------------ clients
  api.add({
    method: 'post',
    path: '/programmes/:programmeId/clients',
    summary: 'Enrol a client; returns their one-time enrolment code',
    access: 'programme',
    params: programmeParams,
    body: createClientSchema,
    responses: { 201: { description: 'Enrolled', schema: enrolledClientSchema }, 409: { description: 'The externalId is taken' } },
    handler: async ({ params, body }) => {
      const { client, code, expiresAt } = await programmes.enrolClient(params.programmeId, body);
      return ok({ client: clientView(client), enrolment: { code, expiresAt } }, 201);
    },
  });
  api.add({
    method: 'get',
    path: '/programmes/:programmeId/clients',
    summary: 'List clients (filter by status or clinician)',
    access: 'programme',
    params: programmeParams,
    query: clientQuery,
    responses: { 200: { description: 'The clients, oldest first', schema: list(clientViewSchema) } },
    handler: async ({ params, query }) => {
      await programmes.requireProgramme(params.programmeId);
      const where = ofType('client', [
        ...(query.status ? [{ field: 'status', op: '=' as const, value: query.status }] : []),
        ...(query.clinicianId ? [{ field: 'clinicianId', op: '=' as const, value: query.clinicianId }] : []),
      ]);
      const { items, nextCursor } = await page(clientDocumentSchema, { partitionKey: params.programmeId, where }, query);
      return ok({ items: items.map(clientView), ...(nextCursor ? { nextCursor } : {}) });
    },
  });
  api.add({
    method: 'get',
    path: '/programmes/:programmeId/clients/:clientId',
    summary: 'Read a client',
    access: 'programme',
    params: clientParams,
    responses: { 200: { description: 'The client', schema: clientViewSchema } },
    handler: async ({ params }) => {
      const client = await programmes.requireClient(params.programmeId, params.clientId);
      // What the client controls from chat lives in their own record (written by the client dialogs).
      const profile = client.chat ? (await store.read<{ remindersPaused?: boolean; consent?: { given?: boolean; withdrawnAt?: string } }>(CONTAINERS.clients, client.id, 'profile'))?.body : undefined;
      const chatSettings = profile ? { remindersPaused: profile.remindersPaused === true, consentWithdrawn: Boolean(profile.consent?.withdrawnAt) || profile.consent?.given === false } : undefined;
      return ok({ ...clientView(client), ...(chatSettings ? { chatSettings } : {}) });
    },
  });
  api.add({
    method: 'patch',
    path: '/programmes/:programmeId/clients/:clientId',
    summary: 'Change a client (zone, course and quiet hours re-plan their reminders)',
    access: 'programme',
    params: clientParams,
    body: updateClientSchema,
    responses: { 200: { description: 'The changed client', schema: clientViewSchema } },
    handler: async ({ params, body }) => ok(clientView(await programmes.updateClient(params.programmeId, params.clientId, body))),
  });
  api.add({
    method: 'delete',
    path: '/programmes/:programmeId/clients/:clientId',
    summary: 'Remove a client from the programme (no more reminders)',
    access: 'programme',
    params: clientParams,
    responses: { 204: { description: 'Removed' } },
    handler: async ({ params }) => {
      await programmes.deleteClient(params.programmeId, params.clientId);
      return { status: 204 };
    },
  });
  api.add({
    method: 'post',
    path: '/programmes/:programmeId/clients/:clientId/enrolment-code',
    summary: 'Issue a new enrolment code (the previous one stops working)',
    access: 'programme',
    params: clientParams,
    responses: { 201: { description: 'The new code', schema: enrolmentCodeViewSchema }, 409: { description: 'The client is already linked' } },
    handler: async ({ params }) => {
      const { code, expiresAt } = await programmes.issueEnrolmentCode(params.programmeId, params.clientId);
      return ok({ code, expiresAt }, 201);
    },
  });

  // ------------------------------------------------------------------------------------------ reminders
  api.add({
    method: 'post',
    path: '/programmes/:programmeId/clients/:clientId/reminders',
    summary: "Add a reminder schedule (local time + days, or an RRULE, in the client's zone)",
    access: 'programme',
    params: clientParams,
    body: createScheduleSchema,
    responses: { 201: { description: 'Created, with its next due time', schema: scheduleViewSchema } },
    handler: async ({ params, body }) => ok(scheduleView(await programmes.createSchedule(params.programmeId, params.clientId, body)), 201),
  });
  api.add({
    method: 'get',
    path: '/programmes/:programmeId/clients/:clientId/reminders',
    summary: "List a client's reminder schedules",
    access: 'programme',
    params: clientParams,
    query: pageQuery,
    responses: { 200: { description: 'The schedules, oldest first', schema: list(scheduleViewSchema) } },
    handler: async ({ params, query }) => {
      await programmes.requireClient(params.programmeId, params.clientId);
      const { items, nextCursor } = await page(scheduleDocumentSchema, { partitionKey: params.programmeId, where: ofType('schedule', [{ field: 'clientId', op: '=', value: params.clientId }]) }, query);
      const current = await Promise.all(items.map((schedule) => programmes.withProgress(schedule)));
      return ok({ items: current.map(scheduleView), ...(nextCursor ? { nextCursor } : {}) });
    },
  });
  api.add({
    method: 'get',
    path: '/programmes/:programmeId/clients/:clientId/reminders/:scheduleId',
    summary: 'Read a reminder schedule',
    access: 'programme',
    params: scheduleParams,
    responses: { 200: { description: 'The schedule', schema: scheduleViewSchema } },
    handler: async ({ params }) => ok(scheduleView(await programmes.requireSchedule(params.programmeId, params.clientId, params.scheduleId))),
  });
  api.add({
    method: 'patch',
    path: '/programmes/:programmeId/clients/:clientId/reminders/:scheduleId',
    summary: 'Change, pause or resume a reminder schedule',
    access: 'programme',
    params: scheduleParams,
    body: updateScheduleSchema,
    responses: { 200: { description: 'The changed schedule', schema: scheduleViewSchema } },
    handler: async ({ params, body }) => ok(scheduleView(await programmes.updateSchedule(params.programmeId, params.clientId, params.scheduleId, body))),
  });
  api.add({
    method: 'delete',
    path: '/programmes/:programmeId/clients/:clientId/reminders/:scheduleId',
    summary: 'Delete a reminder schedule',
    access: 'programme',
    params: scheduleParams,
    responses: { 204: { description: 'Deleted' } },
    handler: async ({ params }) => {
      await programmes.deleteSchedule(params.programmeId, params.clientId, params.scheduleId);
      return { status: 204 };
    },
  });

  // ------------------------------------------------------------------------------------------ alerts
  api.add({
    method: 'get',
    path: '/programmes/:programmeId/alerts',
    summary: "List the programme's safety alerts, newest first (filter by status and by the clinician's review)",
    access: 'programme',
    params: programmeParams,
    query: alertQuery,
    responses: { 200: { description: 'The alerts (without the words that raised them)', schema: list(alertViewSchema) } },
    handler: async ({ params, query }) => {
      await programmes.requireProgramme(params.programmeId);
      const where = [
        { field: 'kind', op: '=' as const, value: 'safetyAlert' },
        { field: 'programmeId', op: '=' as const, value: params.programmeId },
        ...(query.status ? [{ field: 'status', op: '=' as const, value: query.status }] : []),
        ...(query.outcome && query.outcome !== 'unreviewed' ? [{ field: 'reviewOutcome', op: '=' as const, value: query.outcome }] : []),
      ];
      // Cross-partition (alerts are partitioned by alert id), filtered to this programme.
      const { docs, nextCursor } = await queryPage<Record<string, unknown>>(store, CONTAINERS.alerts, { where, orderBy: { field: 'createdAt', direction: 'desc' } }, query);
      const items = docs.flatMap((doc) => {
        const picked = Object.fromEntries(Object.keys(alertViewSchema.shape).map((key) => [key, doc.body[key]]).filter(([, v]) => v !== undefined));
        const parsed = alertViewSchema.safeParse(picked);
        return parsed.success ? [parsed.data] : [];
      });
      // A missing field matches no condition in the store, so "not reviewed yet" is filtered here, page by page.
      const shown = query.outcome === 'unreviewed' ? items.filter((item) => !item.reviewOutcome) : items;
      return ok({ items: shown, ...(nextCursor ? { nextCursor } : {}) });
    },
  });
  api.add({
    method: 'post',
    path: '/programmes/:programmeId/alerts/:alertId/acknowledge',
    summary: 'Acknowledge an alert on behalf of one of its clinicians (stops escalation)',
    access: 'programme',
    params: alertParams,
    body: acknowledgeAlertSchema,
    responses: {
      200: { description: 'Acknowledged (or it already was)', schema: z.object({ outcome: z.enum(['acknowledged', 'already']) }).strict() },
      403: { description: 'That clinician may not acknowledge this alert' },
      503: { description: 'Safety escalation is not running in this service' },
    },
    handler: async ({ params, body }) => {
      const alert = await store.read<{ programmeId?: string }>(CONTAINERS.alerts, params.alertId, params.alertId);
      if (!alert || alert.body.programmeId !== params.programmeId) throw new NotFoundError(`There is no alert "${params.alertId}" in this programme.`);
      const clinician = await programmes.getClinician(params.programmeId, body.clinicianId);
      if (!clinician) throw new NotFoundError(`There is no clinician "${body.clinicianId}" in this programme.`);
      if (!options.acknowledgeAlert) return { status: 503, body: errorBody([{ path: '', message: 'Safety escalation is not running in this service.' }]) };
      const outcome = await options.acknowledgeAlert(params.alertId, clinician.aadObjectId);
      if (outcome === 'notFound') throw new NotFoundError(`There is no alert "${params.alertId}" in this programme.`);
      if (outcome === 'refused') return { status: 403, body: errorBody([{ path: 'body.clinicianId', message: 'Only the assigned clinician, the backup, or the on-call once reached can acknowledge this alert.' }]) };
      return ok({ outcome });
    },
  });

  let document: Record<string, unknown> | undefined;
  const openApi = () => (document ??= api.openApiDocument({ title: 'IPT Companion programme API', version: '1.0.0' }));
  options.logger.info({ routes: api.routes.length, prefix: API_PREFIX }, 'Programme API registered');
  return api;
}
