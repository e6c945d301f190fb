/**
 * The programme API's resources: one zod schema per request body and per stored document. The API
 * validates with these, the OpenAPI document is generated from them, and the store parses what it reads
 * with them.
 *
 * Storage (container `programmes`, partition = programme id unless noted):
 * - `programme`                     the programme itself
 * - `clinician:<id>`, `client:<id>`, `schedule:<id>`, `key:<keyId>`
 * - `externalId:<externalId>`, `aad:<aadObjectId>`   uniqueness markers (created first; a clash is a 409)
 * Look-ups by a secret or a chat identity have partitions of their own in the same container, so each is
 * one point read: `apiKey:<sha256>`, `enrolmentCode:<sha256>`, `chat:<sha256 of channel/user>`,
 * `attempts:<sha256 of channel/conversation>`, `attempts:programme:<id>`, `attempts:unknownCode` (enrolment
 * failures), `defaultForUnenrolled` (which programme clients linked to none go to). The partition `health`
 * holds only `/readyz`'s write check.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { FOCUS_AREAS } from '../bot/profile';
import { SUPPORTED_LANGUAGES } from '../i18n';
import { isValidTimeZone, rruleOccurrenceProblem, rruleProblem, WEEKDAYS } from '../scheduling/schedule';
import { plainText } from './plainText';
import { DEFAULT_CLOSED_ALERT_RETENTION_DAYS } from '../safety/escalation/alert';
import { cssrsAnswersSchema } from '../safety/cssrs';
import { REVIEW_OUTCOMES, REVIEW_REASONS, reviewSchema } from '../safety/review/alertReview';
import { MEASURE_CADENCES } from '../scheduling/measureSchedule';
import { INSTRUMENT_IDS } from '../measures/instruments';

export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'must be letters, digits, "-" or "_" (at most 64, starting with a letter or digit)');

const timeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Madrid or America/New_York')
  .describe('An IANA time zone, e.g. Europe/Madrid.');
const locale = z.enum(SUPPORTED_LANGUAGES);
const httpsUrl = z
  .string()
  .url('must be a URL')
  .max(2048)
  .refine((url) => /^https?:\/\//i.test(url), 'must be an http(s) URL');
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:mm, e.g. 19:00');
const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((value) => DateTime.fromISO(value).isValid, 'must be a real calendar date');
const name = z.string().trim().min(1, 'must not be empty').max(120).superRefine(plainText);
const isoTime = z.string().datetime({ offset: true });

// ---------------------------------------------------------------------------------------------- programmes

export const crisisResourceSchema = z
  .object({
    /** ISO 3166 country code the resource serves, e.g. US, ES; absent = everywhere. */
    region: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as ES').optional(),
    name: z.string().min(1).max(120).superRefine(plainText),
    contact: z.string().min(1).max(200).superRefine(plainText),
  })
  .strict();

export const outOfHoursLineSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(80),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9*#][0-9 ()*#-]{1,23}$/, 'must be a phone number: digits, spaces, "-", "(", ")", "*" or "#", optionally starting with "+", e.g. +34 900 123 456'),
    hours: z.string().trim().min(1, 'must not be empty').max(80).optional().describe('When the line answers, as clients should read it, e.g. "weekdays 18:00–08:00 and weekends".'),
  })
  .strict()
  .describe("The programme's own line (an out-of-hours service), shown to its clients before their country's crisis lines.");

export const onCallSchema = z
  .object({
    name: z.string().min(1).max(120).superRefine(plainText).optional(),
    aadObjectId: z.string().uuid('must be an Entra ID object id (a GUID)').optional(),
    webhookUrl: httpsUrl.optional(),
  })
  .strict()
  .refine((onCall) => onCall.aadObjectId || onCall.webhookUrl, 'needs an aadObjectId (Teams) and/or a webhookUrl')
  .describe('Who is paged when neither the clinician nor the backup acknowledges an alert in time.');

export const alertWebhookSchema = z
  .object({
    url: httpsUrl.optional().describe("The programme's own webhook, told of every alert and escalation. Leave it out to set only the secret that signs the clinicians' and on-call's webhooks."),
    /** HMAC secret for signing every webhook of the programme (its own, its clinicians', its on-call's); never returned by the API. */
    secret: z
      .string()
      .min(32, 'must be at least 32 characters')
      .max(256)
      .describe('Signs every webhook of the programme (Standard Webhooks: `webhook-signature`). A `whsec_<base64>` secret is used as its decoded bytes; any other string as it is. Never returned by the API.'),
    previousSecret: z
      .string()
      .min(32, 'must be at least 32 characters')
      .max(256)
      .optional()
      .describe('During a rotation, the secret being retired: every webhook then carries a signature by each secret. Remove it once every receiver has the new one.'),
    includeExcerpt: z
      .boolean()
      .default(false)
      .describe("Send the words that raised the alert in the webhook's `excerpt`; off by default (health data leaves the service only if the programme's receiver is cleared for it)."),
  })
  .strict();

const closedAlertRetentionDays = z
  .number()
  .int()
  .min(1)
  .max(3650)
  .describe(
    `Days a closed safety alert (acknowledged, every notification sent) is kept before it is removed; ${DEFAULT_CLOSED_ALERT_RETENTION_DAYS} when not set. An alert not yet acknowledged is never removed.`,
  );
const careTeamReplyHours = z
  .number()
  .int()
  .min(1)
  .max(168)
  .describe('How many hours the care team usually takes to reply to an alert; a client who raised one is told this.');
const outOfHours = z
  .boolean()
  .describe('True while the care team is off duty (set it from your rota or a scheduled job): clients are told a reply may wait until the team is back.');

const afterCourse = z
  .object({
    keepWellCheckIns: z.boolean().describe("True: after the course ends, a monthly keep-well check-in (the client's reminder time rules: quiet hours apply). False: one goodbye message the day after the end, then no more reminders."),
    contactText: z.string().trim().min(1).max(300).describe('How to reach the clinic after the course, as the client reads it (e.g. "Call 555 0100, weekdays 9–17").'),
    contactUrl: z.string().url().max(500).optional().describe('A page or booking link for the clinic, shown after the contact text.'),
  })
  .strict()
  .describe('What happens after a client\'s course ends. Absent: a goodbye message that says to contact the clinic, without contact details.');

const programmeFields = {
  name,
  defaultLocale: locale.default('en'),
  defaultTimeZone: timeZone,
  crisisResources: z.array(crisisResourceSchema).max(20).optional(),
  outOfHoursLine: outOfHoursLineSchema.optional(),
  alertWebhook: alertWebhookSchema.optional(),
  onCall: onCallSchema.optional(),
  ackTimeoutMinutes: z
    .number()
    .int()
    .min(1)
    .max(1440)
    .optional()
    .describe("Minutes an alert may stay unacknowledged before the backup, then the on-call, is told. Absent: the service's SAFETY_ACK_TIMEOUT_MINUTES (15 unless set); a read shows the value in force."),
  closedAlertRetentionDays: closedAlertRetentionDays.optional(),
  defaultForUnenrolled: z
    .boolean()
    .optional()
    .describe('Alerts of clients linked to no programme (e.g. anonymous Web Chat) go to this programme. At most one programme; not allowed while a SAFETY_* programme is configured (that one is the default).'),
  careTeamReplyHours: careTeamReplyHours.optional(),
  outOfHours: outOfHours.optional(),
  exportReviewedAlerts: z
    .boolean()
    .optional()
    .describe("Let `npm run export:alert-reviews` turn this programme's reviewed alerts into candidate screening-corpus lines (names, ids, e-mails, phone numbers and URLs removed). Off when absent."),
  showClientScores: z.boolean().optional().describe('Show clients their own PHQ-9 / GAD-7 scores in plain words after a questionnaire (default false: for the clinician only).'),
  afterCourse: afterCourse.optional(),
};

export const createProgrammeSchema = z.object({ id: idSchema.optional(), ...programmeFields }).strict();
export const updateProgrammeSchema = z
  .object({
    name: programmeFields.name.optional(),
    defaultLocale: locale.optional(),
    defaultTimeZone: timeZone.optional(),
    crisisResources: programmeFields.crisisResources,
    outOfHoursLine: outOfHoursLineSchema.nullable().optional(),
    alertWebhook: alertWebhookSchema.nullable().optional(),
    onCall: onCallSchema.nullable().optional(),
    ackTimeoutMinutes: z.number().int().min(1).max(1440).nullable().optional().describe("null: back to the service's SAFETY_ACK_TIMEOUT_MINUTES."),
    closedAlertRetentionDays: closedAlertRetentionDays.optional(),
    defaultForUnenrolled: programmeFields.defaultForUnenrolled,
    careTeamReplyHours: careTeamReplyHours.nullable().optional(),
    outOfHours: outOfHours.optional(),
    exportReviewedAlerts: programmeFields.exportReviewedAlerts,
    showClientScores: programmeFields.showClientScores,
    afterCourse: afterCourse.nullable().optional(),
  })
  .strict();

export const programmeDocumentSchema = z.object({
  type: z.literal('programme'),
  id: idSchema,
  name: z.string(),
  defaultLocale: locale,
  defaultTimeZone: z.string(),
  crisisResources: z.array(crisisResourceSchema).optional(),
  outOfHoursLine: z.object({ name: z.string(), phone: z.string(), hours: z.string().optional() }).optional(),
  alertWebhook: z.object({ url: z.string().optional(), secret: z.string(), previousSecret: z.string().optional(), includeExcerpt: z.boolean().optional() }).optional(),
  onCall: z.object({ name: z.string().optional(), aadObjectId: z.string().optional(), webhookUrl: z.string().optional() }).optional(),
  /** Absent: the service's default (SAFETY_ACK_TIMEOUT_MINUTES). */
  ackTimeoutMinutes: z.number().optional(),
  /** Absent on programmes created before the setting existed: the default applies. */
  closedAlertRetentionDays: z.number().optional(),
  defaultForUnenrolled: z.boolean().optional(),
  careTeamReplyHours: z.number().optional(),
  outOfHours: z.boolean().optional(),
  exportReviewedAlerts: z.boolean().optional(),
  showClientScores: z.boolean().optional(),
  afterCourse: z.object({ keepWellCheckIns: z.boolean(), contactText: z.string(), contactUrl: z.string().optional() }).optional(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type ProgrammeDocument = z.infer<typeof programmeDocumentSchema>;

export const programmeViewSchema = programmeDocumentSchema
  .omit({ type: true, alertWebhook: true })
  .extend({ alertWebhook: z.object({ url: z.string().optional(), hasSecret: z.boolean(), rotating: z.boolean(), includeExcerpt: z.boolean() }).optional() })
  .strict();

// ---------------------------------------------------------------------------------------------- api keys

export const issueKeySchema = z.object({ label: z.string().trim().min(1).max(120).superRefine(plainText).optional() }).strict();
export const keyDocumentSchema = z.object({
  type: z.literal('key'),
  keyId: z.string(),
  programmeId: z.string(),
  /** sha256 of the key, hex. The key itself is shown once and never stored. */
  hash: z.string(),
  label: z.string().optional(),
  createdAt: isoTime,
  revokedAt: isoTime.optional(),
});
export type KeyDocument = z.infer<typeof keyDocumentSchema>;
export const keyViewSchema = keyDocumentSchema.omit({ type: true, hash: true }).strict();
export const issuedKeySchema = keyViewSchema.extend({ key: z.string().describe('The key. Shown once: store it now.') }).strict();

// ---------------------------------------------------------------------------------------------- clinicians

const clinicianFields = {
  name,
  aadObjectId: z.string().uuid('must be an Entra ID object id (a GUID)'),
  webhookUrl: httpsUrl.optional(),
  backupClinicianId: idSchema.optional(),
  language: locale.optional(),
  timeZone: timeZone.optional(),
  sharedAcrossProgrammes: z
    .boolean()
    .optional()
    .describe('The same person (Entra ID object id) is on another programme\'s roster too. Both programmes must say so; otherwise a second roster with this aadObjectId is refused.'),
};
export const createClinicianSchema = z.object({ id: idSchema.optional(), ...clinicianFields }).strict();
export const updateClinicianSchema = z
  .object({
    name: clinicianFields.name.optional(),
    aadObjectId: clinicianFields.aadObjectId.optional(),
    webhookUrl: httpsUrl.nullable().optional(),
    backupClinicianId: idSchema.nullable().optional(),
    language: locale.optional(),
    timeZone: timeZone.optional(),
    sharedAcrossProgrammes: clinicianFields.sharedAcrossProgrammes,
  })
  .strict();
export const clinicianDocumentSchema = z.object({
  type: z.literal('clinician'),
  id: z.string(),
  programmeId: z.string(),
  name: z.string(),
  aadObjectId: z.string(),
  webhookUrl: z.string().optional(),
  backupClinicianId: z.string().optional(),
  language: locale.optional(),
  timeZone: z.string().optional(),
  sharedAcrossProgrammes: z.boolean().optional(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type ClinicianDocument = z.infer<typeof clinicianDocumentSchema>;
export const clinicianViewSchema = clinicianDocumentSchema.omit({ type: true }).strict();

// ---------------------------------------------------------------------------------------------- clients

export const quietHoursSchema = z.object({ start: localTime, end: localTime }).strict().describe('Local hours with no reminders; start after end spans midnight.');

const clientFields = {
  externalId: z.string().trim().min(1).max(120).superRefine(plainText).describe("The programme's own id for this client (unique in the programme)."),
  clinicianId: idSchema,
  locale: locale.optional(),
  timeZone: timeZone.optional(),
  courseStart: localDate,
  courseEnd: localDate,
  focusArea: z.enum(FOCUS_AREAS).optional(),
  quietHours: quietHoursSchema.optional(),
};
const courseOrder = (body: { courseStart?: string; courseEnd?: string }) => !body.courseStart || !body.courseEnd || body.courseStart <= body.courseEnd;
export const createClientSchema = z
  .object(clientFields)
  .strict()
  .refine(courseOrder, { message: 'courseEnd must be on or after courseStart', path: ['courseEnd'] });
export const updateClientSchema = z
  .object({
    clinicianId: idSchema.optional(),
    locale: locale.optional(),
    timeZone: timeZone.optional(),
    courseStart: localDate.optional(),
    courseEnd: localDate.optional(),
    focusArea: z.enum(FOCUS_AREAS).nullable().optional(),
    quietHours: quietHoursSchema.nullable().optional(),
    lastSessionDate: localDate
      .nullable()
      .optional()
      .describe("The client's last session (their local date): the clinician's summary starts there by default. null clears it."),
    status: z
      .literal('linked')
      .optional()
      .describe('Set "linked" to resume reminders to a client marked unreachable (e.g. after they added the bot again).'),
  })
  .strict()
  .refine(courseOrder, { message: 'courseEnd must be on or after courseStart', path: ['courseEnd'] });

export const CLIENT_STATUSES = ['enrolled', 'linked', 'unreachable', 'withdrawn'] as const;
export const chatLinkSchema = z.object({
  channelId: z.string(),
  userId: z.string(),
  linkedAt: isoTime,
  /** Where proactive reminders go; set by the bot when the linked client writes. */
  conversationReference: z.record(z.unknown()).optional(),
});
export const clientDocumentSchema = z.object({
  type: z.literal('client'),
  id: z.string(),
  programmeId: z.string(),
  externalId: z.string(),
  clinicianId: z.string(),
  locale: locale,
  timeZone: z.string(),
  courseStart: z.string(),
  courseEnd: z.string(),
  focusArea: z.enum(FOCUS_AREAS).optional(),
  quietHours: z.object({ start: z.string(), end: z.string() }).optional(),
  /** The last session with the clinician (client's local date), set by the programme or from Teams. */
  lastSessionDate: z.string().optional(),
  status: z.enum(CLIENT_STATUSES),
  chat: chatLinkSchema.optional(),
  /** sha256 of the open enrolment code, so issuing a new code retires the old one. */
  enrolmentCodeHash: z.string().optional(),
  enrolmentCodeExpiresAt: isoTime.optional(),
  unreachableAt: isoTime.optional(),
  /** When the client deleted their data from the chat: the chat was unlinked and its ids removed. */
  dataDeletedAt: isoTime.optional(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type ClientDocument = z.infer<typeof clientDocumentSchema>;
export const clientViewSchema = clientDocumentSchema
  .omit({ type: true, chat: true, enrolmentCodeHash: true })
  .extend({
    linked: z.boolean(),
    channelId: z.string().optional(),
    chatSettings: z
      .object({ remindersPaused: z.boolean(), consentWithdrawn: z.boolean() })
      .strict()
      .optional()
      .describe('What the client set in chat (only when reading one client): reminders paused, consent withdrawn.'),
  })
  .strict();
export const enrolmentCodeViewSchema = z
  .object({ code: z.string().describe('One-time code the client types in chat.'), expiresAt: isoTime })
  .strict();
export const enrolledClientSchema = z.object({ client: clientViewSchema, enrolment: enrolmentCodeViewSchema }).strict();

// ---------------------------------------------------------------------------------------------- reminders

/** Reminders a programme schedules through the API. */
export const PROGRAMME_REMINDER_KINDS = ['checkIn', 'problemFollowUp', 'socialNudge', 'measure'] as const;
/**
 * Every kind a schedule can have: the programme's, plus `anniversary`, which a client sets up from chat (grief
 * work: a gentle message before or on a date that may be hard, once a year). The programme sees those in
 * the API and may pause or delete them, but does not create them.
 */
/** After the course: monthly keep-well check-ins, or one goodbye; the dispatcher plans one of them when the course's reminders stop. */
export const AFTER_COURSE_REMINDER_KINDS = ['keepWell', 'courseEnded'] as const;
export const REMINDER_KINDS = [...PROGRAMME_REMINDER_KINDS, 'anniversary', ...AFTER_COURSE_REMINDER_KINDS] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const scheduleRuleSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('weekly'),
      time: localTime,
      days: z.array(z.enum(WEEKDAYS)).max(7).optional().describe('Days of the week; every day when absent.'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('rrule'),
      rrule: z
        .string()
        .min(1)
        .max(500)
        .superRefine((value, ctx) => {
          const problem = rruleProblem(value);
          if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
        })
        .describe('An RFC 5545 RRULE without DTSTART, e.g. FREQ=WEEKLY;BYDAY=MO,TH'),
      time: localTime,
    })
    .strict(),
  z
    .object({
      kind: z.literal('measure'),
      instruments: z
        .array(z.enum(INSTRUMENT_IDS, { errorMap: () => ({ message: `must be one of ${INSTRUMENT_IDS.join(', ')}` }) }))
        .min(1, 'must name at least one instrument')
        .refine((ids) => new Set(ids).size === ids.length, 'must name each instrument once')
        .describe('The questionnaires, asked in this order: phq9 (depression), gad7 (anxiety).'),
      time: localTime,
      cadence: z.enum(MEASURE_CADENCES).optional().describe('interval (default): every `everyDays` days; beforeSession: the day before each session.'),
      everyDays: z.number().int('must be a whole number of days').min(1, 'must be a positive number of days').max(180).optional().describe('Days between measures (default 14).'),
      sessionEveryDays: z
        .number()
        .int('must be a whole number of days')
        .min(1, 'must be a positive number of days')
        .max(60)
        .optional()
        .describe("The programme's session rhythm (default 7): sessions every this many days from the client's lastSessionDate."),
      firstDate: localDate.optional().describe("The baseline's date (the client's local date, within the course); the course start when absent."),
      atCourseEnd: z.boolean().optional().describe("A last measure on the course's final day (default true)."),
    })
    .strict()
    .describe('Outcome measures (PHQ-9, GAD-7) at the baseline, then at a rhythm, and at the course end.'),
]);

/** A rule a programme sends must also fire some day (checked here, not on every stored rule read: it costs a little). */
const firingRuleSchema = scheduleRuleSchema.superRefine((rule, ctx) => {
  const problem = rule.kind === 'rrule' && !rruleProblem(rule.rrule) ? rruleOccurrenceProblem(rule.rrule) : undefined;
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['rrule'], message: problem });
});

/** A `measure` schedule has a measure rule, and only it has one. */
const measureRuleMatches = (body: { kind?: string; rule?: { kind: string } }) => !body.kind || !body.rule || (body.kind === 'measure') === (body.rule.kind === 'measure');

export const createScheduleSchema = z
  .object({ kind: z.enum(PROGRAMME_REMINDER_KINDS), rule: firingRuleSchema, paused: z.boolean().default(false) })
  .strict()
  .refine(measureRuleMatches, { message: 'a "measure" schedule needs a rule of kind "measure", and only it may have one', path: ['rule', 'kind'] });
export const updateScheduleSchema = z.object({ rule: firingRuleSchema.optional(), paused: z.boolean().optional() }).strict();

export const scheduleDocumentSchema = z.object({
  type: z.literal('schedule'),
  id: z.string(),
  programmeId: z.string(),
  clientId: z.string(),
  kind: z.enum(REMINDER_KINDS),
  rule: scheduleRuleSchema,
  paused: z.boolean(),
  /** Bumped on every change; a due reminder of an older version is dropped, not sent. */
  version: z.number().int(),
  nextDueAt: isoTime.optional(),
  lastSentAt: isoTime.optional(),
  /** Why the schedule stopped on its own (client unreachable, course over). */
  stoppedReason: z.enum(['unreachable', 'courseOver', 'withdrawn']).optional(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type ScheduleDocument = z.infer<typeof scheduleDocumentSchema>;
export const scheduleViewSchema = scheduleDocumentSchema.omit({ type: true }).strict();

// ---------------------------------------------------------------------------------------------- alerts

export const ALERT_STATUSES = ['open', 'acknowledged'] as const;
export const alertViewSchema = z
  .object({
    alertId: z.string(),
    programmeId: z.string().optional(),
    clientId: z.string().optional(),
    clinicianId: z.string().optional(),
    level: z.string(),
    categories: z.array(z.string()),
    status: z.enum(ALERT_STATUSES),
    stage: z.string(),
    createdAt: z.string(),
    acknowledgedAt: z.string().optional(),
    acknowledgedBy: z.string().optional(),
    clientErasedAt: z
      .string()
      .optional()
      .describe('When the client deleted their data: the alert is kept without their name or words, under a pseudonymous clientId.'),
    screening: cssrsAnswersSchema.optional().describe("The client's answers to the C-SSRS screen questions in the chat (yes / no / unclear; unclear counts as yes)."),
    reviewOutcome: z.enum(REVIEW_OUTCOMES).optional().describe("The clinician's latest review: needed or false_alarm (earlier ones are in the alert's audit)."),
    reviewReason: z.enum(REVIEW_REASONS).optional(),
    reviewedAt: z.string().optional(),
    reviewedBy: z.string().optional(),
  })
  .strict();
export const ALERT_OUTCOME_FILTERS = [...REVIEW_OUTCOMES, 'unreviewed'] as const;
export const reviewAlertSchema = reviewSchema
  .extend({ clinicianId: idSchema.describe('The clinician (of this programme) who reviews: one who may acknowledge the alert.') })
  .strict();
export const acknowledgeAlertSchema = z.object({ clinicianId: idSchema.describe('The clinician (of this programme) who acknowledges.') }).strict();
