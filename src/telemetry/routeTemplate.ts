/**
 * URL paths as route templates, so no id in a path (a conversation, a client, a programme, a stored
 * document, a webhook token) reaches an exported attribute: `/v3/conversations/a:1b2/activities/7` becomes
 * `/v3/conversations/{id}/activities/{id}`.
 */

/** Collections whose next path segment is always an id (the bot's own routes, the Bot Connector's, Cosmos DB's). */
const COLLECTIONS = new Set([
  'conversations',
  'activities',
  'members',
  'attachments',
  'programmes',
  'clients',
  'clinicians',
  'alerts',
  'reminders',
  'schedules',
  'enrolments',
  'dbs',
  'colls',
  'docs',
  'pkranges',
  'users',
]);

/** A segment kept as it is: a plain word (`api`, `openapi.json`, `readyz`) or a version (`v1`). Anything else may be an id. */
const WORD = /^(?:[a-z][a-z_.-]{0,39}|v\d{1,2})$/i;
const MAX_SEGMENTS = 12;

/** The path's template (no query string, no fragment). */
export function routeTemplate(path: string): string {
  const bare = path.split(/[?#]/, 1)[0] ?? '';
  const segments = bare.split('/').filter((segment) => segment !== '');
  const out: string[] = [];
  for (const [index, segment] of segments.slice(0, MAX_SEGMENTS).entries()) {
    // The kept previous segment: a container named `clients` (an id after `colls`) does not make `docs` an id.
    const previous = index > 0 ? out[index - 1].toLowerCase() : '';
    out.push(COLLECTIONS.has(previous) || !WORD.test(segment) ? '{id}' : segment);
  }
  if (segments.length > MAX_SEGMENTS) out.push('…');
  return `/${out.join('/')}`;
}

/** A full URL with its path as a template and without query, fragment or credentials; undefined when it is not a URL. */
export function urlTemplate(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  return `${url.protocol}//${url.host}${routeTemplate(url.pathname)}`;
}
