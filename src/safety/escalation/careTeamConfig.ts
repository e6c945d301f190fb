import { z } from 'zod';
import type { DestinationPolicy } from './webhookDestination';

/**
 * The zod schemas of the "Safety escalation" configuration keys that hold JSON (see `src/config.ts` and
 * `.env.example`). Until the programme API exists, one programme, its clinicians and its on-call are
 * configured here; `ConfigCareTeamDirectory` serves them through the `CareTeamDirectory` port.
 */

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** Parses a JSON string before validating it, with a sentence when it is not JSON at all. */
function jsonKey<T extends z.ZodTypeAny>(schema: T, example: string) {
  return z.preprocess((value, ctx) => {
    const raw = emptyToUndefined(value);
    if (raw === undefined || typeof raw !== 'string') return raw;
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be JSON, e.g. ${example}` });
      return z.NEVER;
    }
  }, schema.optional());
}

const httpUrl = z
  .string({ message: 'must be a URL' })
  .url('must be an http(s) URL')
  .refine((url) => /^https?:\/\//i.test(url), 'must be an http(s) URL');

export const clinicianSchema = z
  .object({
    id: z.string({ message: 'id is required' }).min(1, 'id must not be empty'),
    name: z.string({ message: 'name is required' }).min(1, 'name must not be empty'),
    /** The clinician's Entra ID (AAD) object id: how Teams identifies them and who may acknowledge. */
    aadObjectId: z.string().min(1).optional(),
    /** The clinician to escalate to when this one does not acknowledge in time. */
    backupId: z.string().min(1).optional(),
    /** An extra webhook for this clinician's own paging tool. */
    webhookUrl: httpUrl.optional(),
    /** Language of the alert card (en or es); default en. */
    language: z.enum(['en', 'es']).optional(),
    /** IANA time zone the alert card shows times in; default UTC. */
    timeZone: z.string().min(1).optional(),
  })
  .strict();

export type Clinician = z.infer<typeof clinicianSchema>;

export const onCallSchema = z
  .object({
    name: z.string().min(1).optional(),
    aadObjectId: z.string().min(1).optional(),
    webhookUrl: httpUrl.optional(),
    language: z.enum(['en', 'es']).optional(),
    timeZone: z.string().min(1).optional(),
  })
  .strict()
  .refine((onCall) => onCall.aadObjectId || onCall.webhookUrl, 'needs an aadObjectId (Teams) and/or a webhookUrl');

export type OnCall = z.infer<typeof onCallSchema>;

export const cliniciansKey = jsonKey(
  z.array(clinicianSchema, { message: 'must be a JSON array of clinicians' }).superRefine((clinicians, ctx) => {
    const ids = new Set<string>();
    for (const [index, clinician] of clinicians.entries()) {
      if (ids.has(clinician.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [index, 'id'], message: `clinician id "${clinician.id}" appears twice` });
      ids.add(clinician.id);
    }
    for (const [index, clinician] of clinicians.entries()) {
      if (clinician.backupId && !ids.has(clinician.backupId)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [index, 'backupId'], message: `backupId "${clinician.backupId}" is not the id of a clinician in this list` });
      }
      if (clinician.backupId === clinician.id) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [index, 'backupId'], message: 'a clinician cannot be their own backup' });
    }
  }),
  '[{"id":"c1","name":"Dr Ana Ruiz","aadObjectId":"…","backupId":"c2"}]',
);

export const onCallKey = jsonKey(onCallSchema, '{"name":"Clinic on-call","webhookUrl":"https://…","aadObjectId":"…"}');

export const clientClinicianKey = jsonKey(
  z.record(z.string().min(1), z.string().min(1), { message: 'must be a JSON object mapping a channel user id to a clinician id' }),
  '{"29:1a2b…":"c1"}',
);

/** The escalation settings the service runs with (from configuration now, from the programme store later). */
export interface SafetySettings {
  programme?: {
    id: string;
    webhookUrl?: string;
    webhookSecret?: string;
    webhookPreviousSecret?: string;
    webhookIncludeExcerpt: boolean;
    clinicians: Clinician[];
    onCall?: OnCall;
    /** Channel user id (`activity.from.id`) → clinician id. */
    clientClinician: Record<string, string>;
  };
  ackTimeoutMinutes: number;
  retryBaseSeconds: number;
  outboxPollMs: number;
  /** One delivery attempt may take this long; a claim on a delivery lasts twice as long plus 1 s. */
  sendTimeoutSeconds: number;
  /** Which webhook destinations are allowed (https only and no internal addresses in production). Default: development's. */
  webhookPolicy?: DestinationPolicy;
}
