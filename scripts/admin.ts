/**
 * `npm run admin -- <command> [options]`: a small CLI over the programme API for operators.
 *
 *   IPT_API_URL   the service (default http://localhost:3978)
 *   IPT_API_KEY   the key to use (default: ADMIN_API_KEY from the environment or .env)
 *
 * Every command prints the API's JSON answer; `enrol` and `new-code` also print the enrolment code on a
 * line of its own. Errors print the API's `{path, message}` list and exit with 1.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { config as loadDotenv } from 'dotenv';

const USAGE = `Usage: npm run admin -- <command> [options]

  create-programme --name <name> --time-zone <IANA zone> [--id <id>] [--locale en|es] [--ack-timeout <minutes>]
                   [--alert-retention-days <days a closed alert is kept; 365 when not set>]
                   [--default-for-unenrolled]   (alerts of clients linked to no programme go to this one)
  list-programmes  [--limit <n>] [--cursor <c>]
  issue-key        --programme <id> [--label <text>]          (prints the key once: store it)
  revoke-key       --programme <id> --key-id <keyId>
  add-clinician    --programme <id> --name <name> --aad <Entra object id> [--id <id>] [--backup <clinicianId>]
                   [--shared]   (the same person is on another programme's roster, which says so too)
  enrol            --programme <id> --external-id <id> --clinician <id> --start <YYYY-MM-DD> --end <YYYY-MM-DD>
                   [--time-zone <zone>] [--locale en|es] [--focus grief|roleDispute|roleTransition|interpersonalDeficits]
  new-code         --programme <id> --client <clientId>
  list-clients     --programme <id> [--limit <n>] [--cursor <c>]
  add-reminder     --programme <id> --client <clientId> --kind checkIn|problemFollowUp|socialNudge --time <HH:mm>
                   [--days mon,tue,…] [--rrule <RRULE>]
  add-measures     --programme <id> --client <clientId> --instruments phq9,gad7 --time <HH:mm>
                   [--every-days <n> (14)] [--before-sessions [--session-every-days <n> (7)]] [--first-date <YYYY-MM-DD>]
  alerts           --programme <id> [--status open|acknowledged] [--limit <n>] [--cursor <c>]

Lists come a page at a time (50 by default, --limit up to 200); when there are more, the last line says
which --cursor gets the next page.

Environment: IPT_API_URL (default http://localhost:3978), IPT_API_KEY (default ADMIN_API_KEY).`;

export interface AdminIo {
  fetch: typeof fetch;
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

const OPTIONS = {
  id: { type: 'string' },
  name: { type: 'string' },
  'time-zone': { type: 'string' },
  locale: { type: 'string' },
  'ack-timeout': { type: 'string' },
  'alert-retention-days': { type: 'string' },
  'default-for-unenrolled': { type: 'boolean' },
  shared: { type: 'boolean' },
  programme: { type: 'string' },
  label: { type: 'string' },
  'key-id': { type: 'string' },
  aad: { type: 'string' },
  backup: { type: 'string' },
  'external-id': { type: 'string' },
  clinician: { type: 'string' },
  start: { type: 'string' },
  end: { type: 'string' },
  focus: { type: 'string' },
  client: { type: 'string' },
  kind: { type: 'string' },
  time: { type: 'string' },
  days: { type: 'string' },
  rrule: { type: 'string' },
  instruments: { type: 'string' },
  'every-days': { type: 'string' },
  'before-sessions': { type: 'boolean' },
  'session-every-days': { type: 'string' },
  'first-date': { type: 'string' },
  status: { type: 'string' },
  limit: { type: 'string' },
  cursor: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

class UsageError extends Error {}

/** Drops undefined values so the API's strict schemas see only what was given. */
function defined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

export async function runAdmin(argv: string[], io: AdminIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values: o, positionals } = parsed;
  const command = positionals[0];
  if (!command || o.help) {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  const need = (name: keyof typeof o): string => {
    const value = o[name];
    if (typeof value !== 'string' || value === '') throw new UsageError(`${command} needs --${name}`);
    return value;
  };
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const enc = encodeURIComponent;
  /** The query string of a list: its filters and the page asked for (what is not given is left out). */
  const listQuery = (filters: Record<string, string | undefined> = {}) => {
    const query = new URLSearchParams(defined({ ...filters, limit: o.limit, cursor: o.cursor }) as Record<string, string>).toString();
    return query ? `?${query}` : '';
  };

  let request: { method: string; path: string; body?: unknown };
  try {
    switch (command) {
      case 'create-programme':
        request = { method: 'POST', path: '/programmes', body: defined({ id: o.id, name: need('name'), defaultTimeZone: need('time-zone'), defaultLocale: o.locale, ackTimeoutMinutes: number(o['ack-timeout']), closedAlertRetentionDays: number(o['alert-retention-days']), defaultForUnenrolled: o['default-for-unenrolled'] }) };
        break;
      case 'list-programmes':
        request = { method: 'GET', path: `/programmes${listQuery()}` };
        break;
      case 'issue-key':
        request = { method: 'POST', path: `/programmes/${enc(need('programme'))}/keys`, body: defined({ label: o.label }) };
        break;
      case 'revoke-key':
        request = { method: 'DELETE', path: `/programmes/${enc(need('programme'))}/keys/${enc(need('key-id'))}` };
        break;
      case 'add-clinician':
        request = { method: 'POST', path: `/programmes/${enc(need('programme'))}/clinicians`, body: defined({ id: o.id, name: need('name'), aadObjectId: need('aad'), backupClinicianId: o.backup, sharedAcrossProgrammes: o.shared }) };
        break;
      case 'enrol':
        request = {
          method: 'POST',
          path: `/programmes/${enc(need('programme'))}/clients`,
          body: defined({ externalId: need('external-id'), clinicianId: need('clinician'), courseStart: need('start'), courseEnd: need('end'), timeZone: o['time-zone'], locale: o.locale, focusArea: o.focus }),
        };
        break;
      case 'new-code':
        request = { method: 'POST', path: `/programmes/${enc(need('programme'))}/clients/${enc(need('client'))}/enrolment-code` };
        break;
      case 'list-clients':
        request = { method: 'GET', path: `/programmes/${enc(need('programme'))}/clients${listQuery()}` };
        break;
      case 'add-reminder': {
        const time = need('time');
        const rule = o.rrule ? { kind: 'rrule', rrule: o.rrule, time } : defined({ kind: 'weekly', time, days: o.days?.split(',').map((d) => d.trim().toLowerCase()) });
        request = { method: 'POST', path: `/programmes/${enc(need('programme'))}/clients/${enc(need('client'))}/reminders`, body: { kind: need('kind'), rule } };
        break;
      }
      case 'add-measures': {
        const days = (flag: 'every-days' | 'session-every-days') => (o[flag] === undefined ? undefined : Number(o[flag]));
        const rule = defined({
          kind: 'measure',
          instruments: need('instruments').split(',').map((id) => id.trim().toLowerCase()),
          time: need('time'),
          cadence: o['before-sessions'] ? 'beforeSession' : undefined,
          everyDays: days('every-days'),
          sessionEveryDays: days('session-every-days'),
          firstDate: o['first-date'],
        });
        request = { method: 'POST', path: `/programmes/${enc(need('programme'))}/clients/${enc(need('client'))}/reminders`, body: { kind: 'measure', rule } };
        break;
      }
      case 'alerts':
        request = { method: 'GET', path: `/programmes/${enc(need('programme'))}/alerts${listQuery({ status: o.status })}` };
        break;
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }

  const base = (io.env.IPT_API_URL ?? 'http://localhost:3978').replace(/\/+$/, '');
  const key = io.env.IPT_API_KEY ?? io.env.ADMIN_API_KEY;
  if (!key) {
    io.err('Set IPT_API_KEY (a programme key) or ADMIN_API_KEY (the admin key) to call the API.');
    return 2;
  }
  let response: Response;
  try {
    response = await io.fetch(`${base}/api/v1${request.path}`, {
      method: request.method,
      headers: { authorization: `Bearer ${key}`, ...(request.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
  } catch (error) {
    io.err(`Could not reach ${base}: ${(error as Error).message}. Is the service running, and is IPT_API_URL right?`);
    return 1;
  }
  const text = await response.text();
  const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  if (!response.ok) {
    const errors = (body?.errors as Array<{ path: string; message: string }> | undefined) ?? [];
    io.err(`The API answered ${response.status}:`);
    for (const e of errors) io.err(`  ${e.path || '(request)'}: ${e.message}`);
    return 1;
  }
  if (body !== undefined) io.out(JSON.stringify(body, null, 2));
  const code = (body?.enrolment as { code?: string } | undefined)?.code ?? (command === 'new-code' ? (body?.code as string | undefined) : undefined);
  if (code) io.out(`\nEnrolment code: ${code}  (give it to the client; they type it in the chat)`);
  if (typeof body?.nextCursor === 'string') io.out(`\nMore: add --cursor ${body.nextCursor}`);
  if (command === 'issue-key' && body?.key) io.out(`\nProgramme key: ${String(body.key)}  (shown once: store it now)`);
  return 0;
}

if (require.main === module) {
  const file = resolve(process.cwd(), '.env');
  if (existsSync(file)) loadDotenv({ path: file, quiet: true });
  runAdmin(process.argv.slice(2), { fetch, out: (line) => console.log(line), err: (line) => console.error(line), env: process.env }).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
