import assert from 'node:assert/strict';
import { CheckIn, Nudge, Problem } from '../../src/client/records';
import { Alert } from '../../src/safety/escalation/alert';
import { buildSummary, periodProblem, summarySchema, SummaryRecords } from '../../src/clinician/summary';
import { safetyPlanSchema } from '../../src/safety/safetyPlan';

/**
 * What the clinician sees at the edges of a summary: which day "today" is for the client, the order of the
 * alerts, a plan not made yet, and who counts as contacted.
 */

const empty = (timeZone: string): SummaryRecords => ({ timeZone, checkIns: [], problems: [], nudges: [], alerts: [], communicationAnalyses: [], scripts: [], reflections: [] });
const at = (iso: string) => ({ now: () => new Date(iso) });
const noon = at('2026-11-25T12:00:00Z');

function checkIn(localDate: string, mood: number, timeZone: string): CheckIn {
  return { kind: 'checkIn', clientId: 'c1', createdAt: `${localDate}T12:00:00Z`, updatedAt: `${localDate}T12:00:00Z`, localDate, timeZone, mood };
}
function alert(alertId: string, createdAt: string, extra: Partial<Alert> = {}): Alert {
  return {
    kind: 'safetyAlert', alertId, clientKey: 'webchat:u', clientId: 'c1', channelId: 'webchat', channelUserId: 'u', language: 'en', level: 'urgent', categories: ['self_harm_suicide'],
    excerpt: '', createdAt, updatedAt: createdAt, conversationReference: {}, status: 'open', stage: 'primary', stageStartedAt: 0, round: 1, unrouted: false, deliveries: [], nextActionAt: null, audit: [],
    ...extra,
  };
}
function problem(id: string, createdAt: string, extra: Partial<Problem>): Problem {
  return { kind: 'problem', clientId: 'c1', createdAt, updatedAt: createdAt, id, stage: 'planned', options: [], cursor: 0, ...extra };
}
function nudge(personName: string, status: Nudge['status'], answeredAt: string): Nudge {
  return { kind: 'nudge', clientId: 'c1', createdAt: '2026-11-20T08:00:00Z', updatedAt: answeredAt, id: `n-${personName}`, personId: `p-${personName}`, personName, status, answeredAt };
}

describe('clinician summary: the client\'s today', () => {
  it('late in the evening UTC it is already tomorrow in Madrid: the period ends on the client\'s day', () => {
    const records = { ...empty('Europe/Madrid'), checkIns: [checkIn('2026-11-26', 7, 'Europe/Madrid')] };
    const summary = buildSummary(records, {}, at('2026-11-25T23:30:00Z'));
    assert.deepEqual(summary.period, { from: '2026-11-20', to: '2026-11-26', days: 7, timeZone: 'Europe/Madrid', basis: 'days' });
    assert.deepEqual(summary.mood.at(-1), { date: '2026-11-26', mood: 7 });
    assert.equal(summary.averageMood, 7);
  });

  it('early in the morning UTC it is still yesterday in Bogotá', () => {
    const summary = buildSummary(empty('America/Bogota'), { days: 1 }, at('2026-11-26T03:00:00Z'));
    assert.deepEqual(summary.period, { from: '2026-11-25', to: '2026-11-25', days: 1, timeZone: 'America/Bogota', basis: 'days' });
    assert.deepEqual(summary.mood, [{ date: '2026-11-25', mood: null }]);
    assert.deepEqual(summary.adherence, { daysWithCheckIn: 0, days: 1, ratio: 0 });
    assert.equal(summary.averageMood, null);
  });

  it('an alert at 23:30 in Bogotá (04:30 UTC the next day) belongs to the client\'s day it happened', () => {
    const records = { ...empty('America/Bogota'), alerts: [alert('alert:before', '2026-11-24T04:30:00Z'), alert('alert:late', '2026-11-26T04:30:00Z')] };
    // 04:45 UTC on the 26th is 23:45 on the 25th in Bogotá: a period asked from the 24th ends on the 25th.
    const summary = buildSummary(records, { since: '2026-11-24' }, at('2026-11-26T04:45:00Z'));
    assert.deepEqual(summary.period, { from: '2026-11-24', to: '2026-11-25', days: 2, timeZone: 'America/Bogota', basis: 'since' });
    // 04:30 UTC on the 24th is still the 23rd in Bogotá: before the period.
    assert.deepEqual(summary.alerts.map((a) => a.alertId), ['alert:late']);
  });

  it('a time zone luxon does not know is read as UTC, and so is the asked-for period', () => {
    const summary = buildSummary(empty('Mars/Olympus_Mons'), {}, at('2026-11-25T23:30:00Z'));
    assert.deepEqual(summary.period, { from: '2026-11-19', to: '2026-11-25', days: 7, timeZone: 'UTC', basis: 'days' });
    assert.equal(periodProblem({ since: '2026-11-25' }, 'Mars/Olympus_Mons', at('2026-11-25T23:30:00Z')), undefined);
    assert.equal(periodProblem({ since: '2026-11-26' }, 'Mars/Olympus_Mons', at('2026-11-25T23:30:00Z'))?.field, 'since');
  });

  it('a number of days asked for that is not whole is refused; today itself is a valid start', () => {
    assert.equal(periodProblem({ days: 2.5 }, 'Europe/Madrid', noon)?.field, 'days');
    assert.equal(periodProblem({ days: 1 }, 'Europe/Madrid', noon), undefined);
    assert.equal(periodProblem({ since: '2026-11-25' }, 'Europe/Madrid', noon), undefined);
    assert.equal(periodProblem({ since: '25/11/2026' }, 'Europe/Madrid', noon)?.field, 'since');
  });
});

describe('clinician summary: alerts, plans and contacts', () => {
  it('lists the alerts newest first, with the clinician\'s acknowledgement and review', () => {
    const records = {
      ...empty('Europe/Madrid'),
      alerts: [
        alert('alert:mon', '2026-11-23T08:00:00Z'),
        alert('alert:wed', '2026-11-25T09:00:00Z', {
          status: 'acknowledged', acknowledgedAt: '2026-11-25T09:05:00Z', acknowledgedBy: 'ana',
          reviewOutcome: 'false_alarm', reviewReason: 'idiom_hyperbole', reviewedAt: '2026-11-25T10:00:00Z', reviewedBy: 'ana',
        }),
        alert('alert:tue', '2026-11-24T08:00:00Z', { level: 'concern' }),
      ],
    };
    const { alerts } = buildSummary(records, {}, noon);
    assert.deepEqual(alerts.map((a) => a.alertId), ['alert:wed', 'alert:tue', 'alert:mon']);
    assert.deepEqual(alerts[0], {
      alertId: 'alert:wed', level: 'urgent', status: 'acknowledged', createdAt: '2026-11-25T09:00:00Z', acknowledgedAt: '2026-11-25T09:05:00Z', acknowledgedBy: 'ana',
      reviewOutcome: 'false_alarm', reviewReason: 'idiom_hyperbole', reviewedAt: '2026-11-25T10:00:00Z', reviewedBy: 'ana',
    });
    assert.deepEqual(alerts[1], { alertId: 'alert:tue', level: 'concern', status: 'open', createdAt: '2026-11-24T08:00:00Z' });
  });

  it('shows a planned problem whose plan is not chosen yet, without a plan, instead of failing', () => {
    const records = {
      ...empty('Europe/Madrid'),
      problems: [
        problem('p-open', '2026-11-24T10:00:00Z', { definition: 'Arguments about money' }),
        problem('p-chosen', '2026-11-23T10:00:00Z', { options: [{ text: 'Talk on Sunday' }, { text: 'Write a letter' }], chosen: 1 }),
        problem('p-gone', '2026-11-22T10:00:00Z', { options: [{ text: 'Only option' }], chosen: 3 }),
      ],
    };
    assert.deepEqual(buildSummary(records, {}, noon).problems, [
      { id: 'p-gone', stage: 'planned' },
      { id: 'p-chosen', plan: 'Write a letter', stage: 'planned' },
      { id: 'p-open', definition: 'Arguments about money', stage: 'planned' },
    ]);
  });

  it('counts a person as contacted when the client accepted, did it or tried, by the day they answered', () => {
    const records = {
      ...empty('Europe/Madrid'),
      nudges: [
        nudge('Rosa', 'didNotHappen', '2026-11-24T10:00:00Z'),
        nudge('Ana', 'accepted', '2026-11-21T10:00:00Z'),
        nudge('Leo', 'declined', '2026-11-22T10:00:00Z'),
        nudge('Marta', 'happened', '2026-11-23T10:00:00Z'),
      ],
    };
    assert.deepEqual(buildSummary(records, {}, noon).peopleContacted, [
      { name: 'Ana', status: 'accepted', date: '2026-11-21' },
      { name: 'Marta', status: 'happened', date: '2026-11-23' },
      { name: 'Rosa', status: 'didNotHappen', date: '2026-11-24' },
    ]);
  });

  it('says who wrote the safety plan in force; an empty plan is no plan', () => {
    const written = safetyPlanSchema.parse({ kind: 'safetyPlan', clientId: 'c1', updatedAt: '2026-11-20T10:00:00Z', warningSigns: ['Not sleeping'], professionals: ['Clinic 555 0100'] });
    assert.deepEqual(buildSummary({ ...empty('Europe/Madrid'), safetyPlan: written }, {}, noon).safetyPlan, {
      author: 'clinician', needsReview: false, draft: false, changedByClient: [], updatedAt: '2026-11-20T10:00:00Z',
    });
    const blank = safetyPlanSchema.parse({ kind: 'safetyPlan', clientId: 'c1', updatedAt: '2026-11-20T10:00:00Z', author: 'client', needsReview: true });
    assert.deepEqual(buildSummary({ ...empty('Europe/Madrid'), safetyPlan: blank }, {}, noon).safetyPlan, { author: 'none', needsReview: false, draft: false, changedByClient: [] });
  });

  it('every part of a full summary is what the API documents for it', () => {
    const records: SummaryRecords = {
      ...empty('Europe/Madrid'),
      checkIns: [checkIn('2026-11-24', 6, 'Europe/Madrid')],
      problems: [problem('p1', '2026-11-24T10:00:00Z', { definition: 'Money', firstStep: 'Talk on Sunday', when: 'Sunday', outcome: 'partly' })],
      nudges: [nudge('Ana', 'happened', '2026-11-24T10:00:00Z')],
      alerts: [alert('alert:1', '2026-11-24T10:00:00Z', { status: 'acknowledged', acknowledgedAt: '2026-11-24T10:05:00Z', acknowledgedBy: 'ana', reviewOutcome: 'needed', reviewReason: 'other', reviewedAt: '2026-11-24T11:00:00Z', reviewedBy: 'ana' })],
      safetyPlan: safetyPlanSchema.parse({ kind: 'safetyPlan', clientId: 'c1', updatedAt: '2026-11-20T10:00:00Z', warningSigns: ['Not sleeping'], author: 'client', needsReview: true, changedByClient: ['warningSigns'], draft: { resumeAt: 'copingStrategies' } }),
    };
    const parsed = summarySchema.safeParse(buildSummary(records, {}, noon));
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
  });
});
