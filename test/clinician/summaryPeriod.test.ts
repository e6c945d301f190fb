import assert from 'node:assert/strict';
import { CheckIn, CommunicationAnalysis, Nudge, Problem, Reflection } from '../../src/client/records';
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

function checkIn(localDate: string, mood: number, timeZone: string, interaction?: CheckIn['interaction']): CheckIn {
  return { kind: 'checkIn', clientId: 'c1', createdAt: `${localDate}T12:00:00Z`, updatedAt: `${localDate}T12:00:00Z`, localDate, timeZone, mood, ...(interaction ? { interaction } : {}) };
}
function shared(id: string, createdAt: string): CommunicationAnalysis {
  return { kind: 'communicationAnalysis', clientId: 'c1', createdAt, updatedAt: createdAt, id, personName: `Person ${id}`, said: 's', felt: 'f', otherFelt: 'o', understood: 'u', differently: 'd', shareWithClinician: true };
}
function goal(id: string, createdAt: string, outcome?: string): Reflection {
  return { kind: 'reflection', clientId: 'c1', createdAt, updatedAt: createdAt, id, area: 'interpersonalDeficits', answers: { goal: `Goal ${id}`, ...(outcome ? { outcome } : {}) } };
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
function nudge(personName: string, status: Nudge['status'], answeredAt: string, updatedAt = answeredAt): Nudge {
  return { kind: 'nudge', clientId: 'c1', createdAt: '2026-11-10T08:00:00Z', updatedAt, id: `n-${personName}`, personId: `p-${personName}`, personName, status, answeredAt };
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

  it('a record at the client\'s midnight starting the period is in it; one at the midnight ending it is not', () => {
    const clock = at('2026-11-25T22:30:00Z'); // 23:30 on the 25th in Madrid
    const records = {
      ...empty('Europe/Madrid'),
      alerts: [
        alert('alert:first-midnight', '2026-11-18T23:00:00Z'), // 00:00 on the 19th, the period's first day
        alert('alert:just-before', '2026-11-18T22:59:59Z'),
        alert('alert:last-minute', '2026-11-25T22:59:59Z'),
        alert('alert:next-midnight', '2026-11-25T23:00:00Z'), // 00:00 on the 26th
      ],
    };
    assert.deepEqual(buildSummary(records, {}, clock).alerts.map((a) => a.alertId), ['alert:last-minute', 'alert:first-midnight']);
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
        // Made weeks ago, its plan changed this week and not reviewed yet: still in this week's summary.
        { ...problem('p-changed', '2026-10-01T10:00:00Z', { firstStep: 'Ask for a raise' }), updatedAt: '2026-11-24T10:00:00Z' },
        problem('p-untouched', '2026-10-01T10:00:00Z', { firstStep: 'Old plan' }),
      ],
    };
    assert.deepEqual(buildSummary(records, {}, noon).problems, [
      { id: 'p-changed', plan: 'Ask for a raise', stage: 'planned' },
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
        // Answered on the 21st, touched again later: the day shown is the day of the answer.
        nudge('Ana', 'accepted', '2026-11-21T10:00:00Z', '2026-11-24T09:00:00Z'),
        nudge('Old', 'happened', '2026-11-10T10:00:00Z', '2026-11-24T09:00:00Z'),
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
      // Ana on three days and three days without her: enough for a pattern.
      checkIns: [
        checkIn('2026-11-19', 6, 'Europe/Madrid', { name: 'Ana', how: 'better' }),
        checkIn('2026-11-20', 6, 'Europe/Madrid', { name: 'Ana', how: 'worse' }),
        checkIn('2026-11-21', 6, 'Europe/Madrid', { name: 'Ana', how: 'asExpected' }),
        checkIn('2026-11-22', 4, 'Europe/Madrid'),
        checkIn('2026-11-23', 4, 'Europe/Madrid'),
        checkIn('2026-11-24', 4, 'Europe/Madrid'),
      ],
      communicationAnalyses: [shared('a1', '2026-11-24T10:00:00Z')],
      problems: [problem('p1', '2026-11-24T10:00:00Z', { definition: 'Money', firstStep: 'Talk on Sunday', when: 'Sunday', outcome: 'partly' })],
      nudges: [nudge('Ana', 'happened', '2026-11-24T10:00:00Z')],
      alerts: [alert('alert:1', '2026-11-24T10:00:00Z', { status: 'acknowledged', acknowledgedAt: '2026-11-24T10:05:00Z', acknowledgedBy: 'ana', reviewOutcome: 'needed', reviewReason: 'other', reviewedAt: '2026-11-24T11:00:00Z', reviewedBy: 'ana' })],
      safetyPlan: safetyPlanSchema.parse({ kind: 'safetyPlan', clientId: 'c1', updatedAt: '2026-11-20T10:00:00Z', warningSigns: ['Not sleeping'], author: 'client', needsReview: true, changedByClient: ['warningSigns'], draft: { resumeAt: 'copingStrategies' } }),
    };
    const summary = buildSummary(records, {}, noon);
    assert.equal(summary.moodAndPeople.patterns.length, 1);
    const parsed = summarySchema.safeParse(summary);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
  });

  it('lists contacts, shared analyses and interactions in date order, whatever order they were stored in', () => {
    const records: SummaryRecords = {
      ...empty('Europe/Madrid'),
      checkIns: [
        checkIn('2026-11-24', 5, 'Europe/Madrid', { name: 'Leo', how: 'asExpected' }),
        checkIn('2026-11-20', 3, 'Europe/Madrid', { name: 'Ana', how: 'worse' }),
        checkIn('2026-11-22', 6, 'Europe/Madrid'),
      ],
      communicationAnalyses: [shared('late', '2026-11-24T10:00:00Z'), shared('early', '2026-11-20T10:00:00Z')],
      reflections: [goal('g1', '2026-11-21T10:00:00Z', 'partly'), goal('g2', '2026-11-22T10:00:00Z', 'done'), goal('g3', '2026-11-23T10:00:00Z')],
    };
    const summary = buildSummary(records, {}, noon);
    assert.deepEqual(summary.interactions, {
      events: [{ date: '2026-11-20', name: 'Ana', how: 'worse' }, { date: '2026-11-24', name: 'Leo', how: 'asExpected' }],
      better: 0, asExpected: 1, worse: 1,
    });
    assert.deepEqual(summary.sharedAnalyses.map((a) => a.name), ['Person early', 'Person late']);
    assert.deepEqual(summary.exercises.connectionGoals, { set: 3, done: 1, partly: 1, notYet: 0 });
  });

  it('an empty summary, too, is what the API documents', () => {
    const parsed = summarySchema.safeParse(buildSummary(empty('Europe/Madrid'), {}, noon));
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
  });
});
