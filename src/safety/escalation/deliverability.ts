import { Clinician } from './careTeamConfig';
import type { ProgrammeContacts } from './careTeamDirectory';
import { DestinationPolicy, webhookUrlProblem } from './webhookDestination';

/**
 * What `/readyz` says about alert delivery: the webhooks of a programme that can never deliver (nothing to
 * sign them with, a destination the policy refuses), and whether clients with no programme or no clinician
 * reach anyone. Messages name the programme and the role, never a URL or a secret.
 */
export function programmeDeliveryProblems(programme: ProgrammeContacts, clinicians: readonly Clinician[], policy: DestinationPolicy): string[] {
  const webhooks: Array<[who: string, url: string]> = [];
  if (programme.webhookUrl) webhooks.push(['its alert webhook', programme.webhookUrl]);
  if (programme.onCall?.webhookUrl) webhooks.push(["its on-call's webhook", programme.onCall.webhookUrl]);
  // Clinicians are counted, not named: /readyz is unauthenticated and a clinician id may be a name.
  for (const clinician of clinicians) if (clinician.webhookUrl) webhooks.push(['a clinician webhook', clinician.webhookUrl]);
  const problems: string[] = [];
  if (webhooks.length > 0 && !programme.webhookSecret) {
    problems.push(`programme "${programme.id}": ${summarise(webhooks.map(([who]) => who))} cannot be signed: set the programme's webhook secret`);
  }
  const refused = new Map<string, string[]>();
  for (const [who, url] of webhooks) {
    const problem = webhookUrlProblem(url, policy);
    if (problem) refused.set(problem, [...(refused.get(problem) ?? []), who]);
  }
  for (const [problem, whos] of refused) problems.push(`programme "${programme.id}" (${summarise(whos)}): the URL ${problem}`);
  return problems;
}

/**
 * Clients with no programme link, and clients with no clinician, go straight to their programme's on-call
 * stage: someone must be there (an on-call, or the programme's own webhook).
 */
export function defaultRouteProblem(programme: ProgrammeContacts | undefined): string | undefined {
  if (!programme) {
    return 'alerts of clients linked to no programme reach no one: configure SAFETY_ONCALL or SAFETY_WEBHOOK_URL, or mark an API programme defaultForUnenrolled';
  }
  if (!programme.onCall && !programme.webhookUrl) {
    return `alerts of clients with no clinician reach no one: programme "${programme.id}" (the default for them) has no on-call and no alert webhook`;
  }
  return undefined;
}

/** "its alert webhook, 2 clinician webhooks" */
function summarise(whos: string[]): string {
  const counts = new Map<string, number>();
  for (const who of whos) counts.set(who, (counts.get(who) ?? 0) + 1);
  return [...counts].map(([who, n]) => (n === 1 ? who : `${n} ${who.replace(/^a /, '')}s`)).join(', ');
}
