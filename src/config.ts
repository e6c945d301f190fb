import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { config as loadDotenv } from 'dotenv';
import type { StoreOptions } from './storage/createStore';
import { clientClinicianKey, cliniciansKey, onCallKey, SafetySettings } from './safety/escalation/careTeamConfig';
import { destinationPolicy, webhookUrlProblem } from './safety/escalation/webhookDestination';

/**
 * The one schema over the environment. Every key is documented in `.env.example`; the deployment
 * templates set the ones production requires. A bad value stops the service with a sentence per key.
 */
const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());

export const configSchema = z
  .object({
    NODE_ENV: z.preprocess(
      emptyToUndefined,
      z.enum(['development', 'test', 'production'], { message: 'must be development, test or production' }).default('development'),
    ),
    PORT: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ message: 'must be a port number' })
        .int('must be a whole number')
        .min(0, 'must be between 0 and 65535')
        .max(65535, 'must be between 0 and 65535')
        .default(3978),
    ),
    HOST: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .ip({ message: 'must be an IP address to listen on, such as 127.0.0.1, 0.0.0.0 (every IPv4 interface) or :: (every interface)' })
        .optional(),
    ),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
    ),
    MicrosoftAppType: z.preprocess(
      emptyToUndefined,
      z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], { message: 'must be SingleTenant, UserAssignedMSI or MultiTenant' }).default('SingleTenant'),
    ),
    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppTenantId: optionalString,
    STORE: z.preprocess(emptyToUndefined, z.enum(['sqlite', 'cosmos'], { message: 'must be sqlite or cosmos' }).optional()),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('data')),
    COSMOS_ENDPOINT: z.preprocess(emptyToUndefined, z.string().url('must be a URL such as https://<account>.documents.azure.com:443/').optional()),
    COSMOS_KEY: optionalString,
    COSMOS_DATABASE: z.preprocess(
      emptyToUndefined,
      z.string().regex(/^[A-Za-z0-9-_]{1,255}$/, 'must be letters, digits, - or _ (at most 255)').default('ipt-companion'),
    ),
    MAX_BODY_BYTES: z.preprocess(
      emptyToUndefined,
      z.coerce.number({ message: 'must be a number of bytes' }).int().min(1024, 'must be at least 1024').max(10485760, 'must be at most 10485760').default(262144),
    ),
    SHUTDOWN_GRACE_MS: z.preprocess(
      emptyToUndefined,
      z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(0).max(120000, 'must be at most 120000').default(10000),
    ),
    // --- Safety escalation: one programme from configuration until the programme API exists. ---
    SAFETY_PROGRAMME_ID: z.preprocess(emptyToUndefined, z.string().regex(/^[A-Za-z0-9-_]{1,100}$/, 'must be letters, digits, - or _ (at most 100)').default('default')),
    SAFETY_WEBHOOK_URL: z.preprocess(emptyToUndefined, z.string().url('must be an http(s) URL such as https://paging.example.org/ipt').optional()),
    SAFETY_WEBHOOK_SECRET: z.preprocess(emptyToUndefined, z.string().min(16, 'must be at least 16 characters (a long random string)').optional()),
    SAFETY_WEBHOOK_PREVIOUS_SECRET: z.preprocess(emptyToUndefined, z.string().min(16, 'must be at least 16 characters (the secret being retired)').optional()),
    SAFETY_WEBHOOK_INCLUDE_EXCERPT: z.preprocess(
      emptyToUndefined,
      z.enum(['true', 'false'], { message: 'must be true or false' }).default('false').transform((value) => value === 'true'),
    ),
    SAFETY_WEBHOOK_ALLOW_PRIVATE: z.preprocess(
      emptyToUndefined,
      z.enum(['true', 'false'], { message: 'must be true or false' }).default('false').transform((value) => value === 'true'),
    ),
    SAFETY_ACK_TIMEOUT_MINUTES: z.preprocess(
      emptyToUndefined,
      z.coerce.number({ message: 'must be a number of minutes' }).positive('must be more than 0').max(1440, 'must be at most 1440 (a day)').default(15),
    ),
    SAFETY_CLINICIANS: cliniciansKey,
    SAFETY_ONCALL: onCallKey,
    SAFETY_CLIENT_CLINICIAN: clientClinicianKey,
    SAFETY_RETRY_BASE_SECONDS: z.preprocess(
      emptyToUndefined,
      z.coerce.number({ message: 'must be a number of seconds' }).min(0.05, 'must be at least 0.05').max(600, 'must be at most 600').default(10),
    ),
    SAFETY_OUTBOX_POLL_MS: z.preprocess(
      emptyToUndefined,
      z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(50, 'must be at least 50').max(600000, 'must be at most 600000').default(5000),
    ),
    SAFETY_SEND_TIMEOUT_SECONDS: z.preprocess(
      emptyToUndefined,
      z.coerce.number({ message: 'must be a number of seconds' }).min(0.1, 'must be at least 0.1').max(120, 'must be at most 120').default(15),
    ),
    // --- end of Safety escalation ---
    // --- API and reminders ---
    ADMIN_API_KEY: z.preprocess(emptyToUndefined, z.string().min(32, 'must be at least 32 characters (a long random string)').optional()),
    REMINDER_GRACE_MINUTES: z.preprocess(
      emptyToUndefined,
      z.coerce.number({ message: 'must be a number of minutes' }).int('must be a whole number').min(0).max(1440, 'must be at most 1440 (a day)').default(120),
    ),
    SCHEDULER_ENABLED: z.preprocess(
      emptyToUndefined,
      z.enum(['true', 'false'], { message: 'must be true or false' }).default('true').transform((value) => value === 'true'),
    ),
    SCHEDULER_INTERVAL_SECONDS: z.preprocess(
      emptyToUndefined,
      z.coerce.number({ message: 'must be a number of seconds' }).min(1, 'must be at least 1').max(3600, 'must be at most 3600').default(30),
    ),
    ENROLMENT_CODE_TTL_DAYS: z.preprocess(
      emptyToUndefined,
      z.coerce.number({ message: 'must be a number of days' }).int('must be a whole number').min(1).max(90, 'must be at most 90').default(14),
    ),
    // --- end of API and reminders ---
    // Telemetry: Azure Monitor (Application Insights) through OpenTelemetry; without it nothing is loaded.
    APPLICATIONINSIGHTS_CONNECTION_STRING: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .regex(
          /(^|;)\s*InstrumentationKey=[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\s*(;|$)/,
          'must be an Application Insights connection string such as InstrumentationKey=<guid>;IngestionEndpoint=https://… (copy it from the resource\'s Overview page)',
        )
        .optional(),
    ),
  })
  .superRefine((env, ctx) => {
    const fail = (key: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message });
    if (env.MicrosoftAppId) {
      if (env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
        fail('MicrosoftAppPassword', `is required when MicrosoftAppId is set and MicrosoftAppType is ${env.MicrosoftAppType}`);
      }
      if (env.MicrosoftAppType !== 'MultiTenant' && !env.MicrosoftAppTenantId) {
        fail('MicrosoftAppTenantId', `is required for MicrosoftAppType ${env.MicrosoftAppType} (your Entra ID tenant id)`);
      }
    } else if (env.NODE_ENV === 'production') {
      fail('MicrosoftAppId', 'is required in production: without it the bot runs with authentication disabled (local mode)');
    }
    // Safety escalation: every webhook is signed, and every client mapping names a configured clinician.
    const webhookUrls = [env.SAFETY_WEBHOOK_URL, env.SAFETY_ONCALL?.webhookUrl, ...(env.SAFETY_CLINICIANS ?? []).map((c) => c.webhookUrl)].filter(Boolean);
    if (webhookUrls.length > 0 && !env.SAFETY_WEBHOOK_SECRET) fail('SAFETY_WEBHOOK_SECRET', 'is required when a safety webhook URL is configured (alerts are signed with it)');
    // Webhook destinations: https only and no internal addresses in production (checked again on every delivery).
    const policy = destinationPolicy(env.NODE_ENV, env.SAFETY_WEBHOOK_ALLOW_PRIVATE);
    const destinations: Array<[string, string | undefined]> = [
      ['SAFETY_WEBHOOK_URL', env.SAFETY_WEBHOOK_URL],
      ['SAFETY_ONCALL', env.SAFETY_ONCALL?.webhookUrl],
      ...(env.SAFETY_CLINICIANS ?? []).map((c): [string, string | undefined] => ['SAFETY_CLINICIANS', c.webhookUrl]),
    ];
    for (const [key, url] of destinations) {
      const problem = url ? webhookUrlProblem(url, policy) : undefined;
      if (problem) fail(key, `webhook URL ${problem}`);
    }
    const clinicianIds = new Set((env.SAFETY_CLINICIANS ?? []).map((c) => c.id));
    for (const [userId, clinicianId] of Object.entries(env.SAFETY_CLIENT_CLINICIAN ?? {})) {
      if (!clinicianIds.has(clinicianId)) fail('SAFETY_CLIENT_CLINICIAN', `maps "${userId}" to "${clinicianId}", which is not an id in SAFETY_CLINICIANS`);
    }
    const store = env.STORE ?? (env.COSMOS_ENDPOINT ? 'cosmos' : 'sqlite');
    if (store === 'cosmos' && !env.COSMOS_ENDPOINT) fail('COSMOS_ENDPOINT', 'is required when STORE=cosmos');
  });

export type Environment = z.infer<typeof configSchema>;

export interface Config {
  env: Environment['NODE_ENV'];
  port: number;
  /**
   * The address to listen on. Local mode (authentication off) listens on loopback only, so nobody else on the
   * network can post as any user; with credentials, every interface (App Service forwards to it). HOST wins.
   */
  host: string;
  logLevel: Environment['LOG_LEVEL'];
  /** No app id: Bot Framework auth is off and the local Web Chat page is served. */
  localMode: boolean;
  botAuth: {
    MicrosoftAppType: Environment['MicrosoftAppType'];
    MicrosoftAppId: string;
    MicrosoftAppPassword: string;
    MicrosoftAppTenantId: string;
  };
  store: StoreOptions;
  maxBodyBytes: number;
  shutdownGraceMs: number;
  /** Safety escalation: the programme, its clinicians and on-call, and the outbox timings. */
  safety: SafetySettings;
  /** Programme API and reminders. Without an admin key the API is not served at all. */
  programmes: {
    adminApiKey?: string;
    enrolmentCodeTtlDays: number;
    reminderGraceMinutes: number;
    schedulerEnabled: boolean;
    schedulerIntervalSeconds: number;
  };
  /** Telemetry export to Azure Monitor; undefined: off, and its packages are never loaded. */
  telemetry: { connectionString?: string };
}

/** Keys whose values are never echoed in an error: secrets, webhook URLs (they often carry a token), the telemetry connection string. */
const WEBHOOK_KEYS = new Set(['SAFETY_WEBHOOK_URL', 'SAFETY_CLINICIANS', 'SAFETY_ONCALL', 'APPLICATIONINSIGHTS_CONNECTION_STRING']);
function isSensitive(key: string): boolean {
  const lower = key.toLowerCase();
  return lower.includes('password') || lower.includes('key') || lower.includes('secret') || WEBHOOK_KEYS.has(key.split('.')[0]);
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nFix these in the environment or in .env (see .env.example).`);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (process.env by default, after reading `.env` when there is one). */
export function loadConfig(source: NodeJS.ProcessEnv = readEnvironment()): Config {
  const parsed = configSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = issue.path.join('.') || '(environment)';
        const value = issue.path.length ? source[String(issue.path[0])] : undefined;
        const shown = isSensitive(key) ? '' : value === undefined ? '' : ` (got "${value}")`;
        return `${key} ${issue.message}${shown}`;
      }),
    );
  }
  const env = parsed.data;
  const storeKind = env.STORE ?? (env.COSMOS_ENDPOINT ? 'cosmos' : 'sqlite');
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST ?? (env.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1'),
    logLevel: env.LOG_LEVEL,
    localMode: !env.MicrosoftAppId,
    botAuth: {
      MicrosoftAppType: env.MicrosoftAppType,
      MicrosoftAppId: env.MicrosoftAppId ?? '',
      MicrosoftAppPassword: env.MicrosoftAppPassword ?? '',
      MicrosoftAppTenantId: env.MicrosoftAppTenantId ?? '',
    },
    store:
      storeKind === 'cosmos'
        ? { kind: 'cosmos', endpoint: env.COSMOS_ENDPOINT!, key: env.COSMOS_KEY, databaseId: env.COSMOS_DATABASE }
        : { kind: 'sqlite', dataDir: resolve(process.cwd(), env.DATA_DIR) },
    maxBodyBytes: env.MAX_BODY_BYTES,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    safety: {
      // A programme exists as soon as anyone could be notified: a webhook, a clinician or an on-call.
      programme:
        env.SAFETY_WEBHOOK_URL || env.SAFETY_CLINICIANS?.length || env.SAFETY_ONCALL
          ? {
              id: env.SAFETY_PROGRAMME_ID,
              webhookUrl: env.SAFETY_WEBHOOK_URL,
              webhookSecret: env.SAFETY_WEBHOOK_SECRET,
              ...(env.SAFETY_WEBHOOK_PREVIOUS_SECRET ? { webhookPreviousSecret: env.SAFETY_WEBHOOK_PREVIOUS_SECRET } : {}),
              webhookIncludeExcerpt: env.SAFETY_WEBHOOK_INCLUDE_EXCERPT,
              clinicians: env.SAFETY_CLINICIANS ?? [],
              onCall: env.SAFETY_ONCALL,
              clientClinician: env.SAFETY_CLIENT_CLINICIAN ?? {},
            }
          : undefined,
      ackTimeoutMinutes: env.SAFETY_ACK_TIMEOUT_MINUTES,
      retryBaseSeconds: env.SAFETY_RETRY_BASE_SECONDS,
      outboxPollMs: env.SAFETY_OUTBOX_POLL_MS,
      sendTimeoutSeconds: env.SAFETY_SEND_TIMEOUT_SECONDS,
      webhookPolicy: destinationPolicy(env.NODE_ENV, env.SAFETY_WEBHOOK_ALLOW_PRIVATE),
    },
    programmes: {
      adminApiKey: env.ADMIN_API_KEY,
      enrolmentCodeTtlDays: env.ENROLMENT_CODE_TTL_DAYS,
      reminderGraceMinutes: env.REMINDER_GRACE_MINUTES,
      schedulerEnabled: env.SCHEDULER_ENABLED,
      schedulerIntervalSeconds: env.SCHEDULER_INTERVAL_SECONDS,
    },
    telemetry: { connectionString: env.APPLICATIONINSIGHTS_CONNECTION_STRING },
  };
}

/** For the entry points: the configuration, or exit 1 with a line per bad key (the message says how to fix it). */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** process.env, with `.env` from the working directory filled in underneath (real variables win). */
function readEnvironment(): NodeJS.ProcessEnv {
  const file = resolve(process.cwd(), '.env');
  if (existsSync(file)) loadDotenv({ path: file, quiet: true });
  return process.env;
}
