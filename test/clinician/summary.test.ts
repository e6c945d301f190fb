import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { CheckIn, Nudge, Problem } from '../../src/client/records';
import { Alert } from '../../src/safety/escalation/alert';
import { buildSummary, SummaryRecords } from '../../src/clinician/summary';
import { MOOD_CHART_HEIGHT, MOOD_CHART_WIDTH, renderMoodChart } from '../../src/clinician/moodChart';
import { summaryText } from '../../src/clinician/cards';

const clock = { now: () => new Date('2026-11-25T12:00:00Z') };
const zone = 'Europe/Madrid';
const base = (at: string) => ({ clientId: 'c1', createdAt: at, updatedAt: at });

function checkIn(localDate: string, mood: number, interaction?: CheckIn['interaction']): CheckIn {
  return { kind: 'checkIn', ...base(`${localDate}T18:00:00Z`), localDate, timeZone: zone, mood, ...(interaction ? { interaction } : {}) };
}
function problem(id: string, stage: Problem['stage'], at: string, extra: Partial<Problem> = {}): Problem {
  return { kind: 'problem', ...base(at), id, stage, options: [], cursor: 0, ...extra };
}
function nudge(id: string, status: Nudge['status'], answeredAt: string | undefined, personName: string): Nudge {
  return { kind: 'nudge', ...base(answeredAt ?? '2026-11-20T10:00:00Z'), id, personId: `p-${personName}`, personName, status, ...(answeredAt ? { answeredAt } : {}) };
}
function alert(alertId: string, createdAt: string, extra: Partial<Alert> = {}): Alert {
  return {
    kind: 'safetyAlert', alertId, clientKey: 'webchat:u', clientId: 'c1', channelId: 'webchat', channelUserId: 'u', language: 'en', level: 'urgent', categories: ['self_harm_suicide'],
    excerpt: '', createdAt, updatedAt: createdAt, conversationReference: {}, status: 'open', stage: 'primary', stageStartedAt: 0, round: 1, unrouted: false, deliveries: [], nextActionAt: null, audit: [],
    ...extra,
  };
}

/** Seven days ending 25 November (Madrid): four check-ins inside, one the day before. */
const records: SummaryRecords = {
  timeZone: zone,
  checkIns: [
    checkIn('2026-11-18', 1),
    checkIn('2026-11-19', 4),
    checkIn('2026-11-21', 6, { name: 'Ana', how: 'better' }),
    checkIn('2026-11-22', 3, { name: 'Luis', how: 'worse' }),
    checkIn('2026-11-25', 8, { name: 'Ana', how: 'better' }),
  ],
  problems: [
    problem('p1', 'planned', '2026-11-20T09:00:00Z', { definition: 'Rent dispute', firstStep: 'Call the landlord', when: 'Monday' }),
    problem('p2', 'reviewed', '2026-11-10T09:00:00Z', { definition: 'Lonely evenings', options: [{ text: 'Join the choir' }], chosen: 0, outcome: 'done', reviewedAt: '2026-11-24T19:00:00Z', updatedAt: '2026-11-24T19:00:00Z' }),
    problem('p3', 'options', '2026-11-23T09:00:00Z', { definition: 'Still a draft' }),
    problem('p4', 'reviewed', '2026-10-01T09:00:00Z', { outcome: 'partly' }),
  ],
  nudges: [
    nudge('n1', 'happened', '2026-11-23T20:00:00Z', 'Ana'),
    // 23:30 UTC on the 18th is already the 19th in Madrid: inside the period.
    nudge('n2', 'didNotHappen', '2026-11-18T23:30:00Z', 'Marta'),
    nudge('n3', 'suggested', undefined, 'Luis'),
    nudge('n4', 'happened', '2026-11-10T10:00:00Z', 'Old friend'),
  ],
  alerts: [
    alert('alert:old', '2026-11-01T10:00:00Z'),
    alert('alert:new', '2026-11-24T21:00:00Z', { status: 'acknowledged', acknowledgedAt: '2026-11-24T21:05:00Z', acknowledgedBy: 'ana' }),
  ],
};

describe('clinician: buildSummary', () => {
  it('counts mood by day, adherence and interpersonal events over the default 7 days in the client zone', () => {
    const summary = buildSummary(records, {}, clock);
    assert.deepEqual(summary.period, { from: '2026-11-19', to: '2026-11-25', days: 7, timeZone: zone });
    assert.deepEqual(
      summary.mood.map((m) => m.mood),
      [4, null, 6, 3, null, null, 8],
    );
    assert.equal(summary.mood[0].date, '2026-11-19');
    assert.equal(summary.averageMood, 5.3);
    assert.deepEqual(summary.adherence, { daysWithCheckIn: 4, days: 7, ratio: 0.57 });
    assert.deepEqual(
      { better: summary.interactions.better, asExpected: summary.interactions.asExpected, worse: summary.interactions.worse },
      { better: 2, asExpected: 0, worse: 1 },
    );
    assert.deepEqual(summary.interactions.events.map((e) => `${e.date} ${e.name} ${e.how}`), ['2026-11-21 Ana better', '2026-11-22 Luis worse', '2026-11-25 Ana better']);
  });

  it('lists the plans and outcomes, the people contacted and the alerts of the period only', () => {
    const summary = buildSummary(records, {}, clock);
    assert.deepEqual(summary.problems, [
      { id: 'p2', definition: 'Lonely evenings', plan: 'Join the choir', stage: 'reviewed', outcome: 'done' },
      { id: 'p1', definition: 'Rent dispute', plan: 'Call the landlord', when: 'Monday', stage: 'planned' },
    ]);
    assert.deepEqual(summary.peopleContacted, [
      { name: 'Marta', status: 'didNotHappen', date: '2026-11-19' },
      { name: 'Ana', status: 'happened', date: '2026-11-23' },
    ]);
    assert.deepEqual(summary.alerts, [
      { alertId: 'alert:new', level: 'urgent', status: 'acknowledged', createdAt: '2026-11-24T21:00:00Z', acknowledgedAt: '2026-11-24T21:05:00Z', acknowledgedBy: 'ana' },
    ]);
  });

  it('starts at the last session date when one is given', () => {
    const summary = buildSummary(records, { since: '2026-11-22' }, clock);
    assert.deepEqual(summary.period, { from: '2026-11-22', to: '2026-11-25', days: 4, timeZone: zone });
    assert.deepEqual(summary.adherence, { daysWithCheckIn: 2, days: 4, ratio: 0.5 });
    assert.equal(summary.averageMood, 5.5);
    assert.deepEqual(summary.peopleContacted.map((p) => p.name), ['Ana']);
    assert.deepEqual(summary.problems.map((p) => p.id), ['p2']);
  });

  it('renders as text in English and Spanish', () => {
    const summary = buildSummary(records, {}, clock);
    const en = summaryText('en', 'MRN-1', summary);
    assert.match(en, /Check-ins: 4 of 7 days \(57%\)/);
    assert.match(en, /2 better, 0 as expected, 1 worse/);
    assert.match(en, /Rent dispute → Call the landlord \(not reviewed yet\)/);
    const es = summaryText('es', 'MRN-1', summary);
    assert.match(es, /Registros diarios: 4 de 7 días \(57 %\)/);
    assert.match(es, /Lonely evenings → Join the choir \(hecho\)/);
  });
});

describe('clinician: mood chart', () => {
  it('renders a PNG of the fixed size with the bars drawn, without a browser', async function () {
    this.timeout(20_000);
    const summary = buildSummary(records, {}, clock);
    const png = PNG.sync.read(await renderMoodChart(summary.mood));
    assert.equal(png.width, MOOD_CHART_WIDTH);
    assert.equal(png.height, MOOD_CHART_HEIGHT);
    // The bar colour (#4f6bed) is present: the data was drawn, not just an empty frame.
    let barPixels = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i] === 0x4f && png.data[i + 1] === 0x6b && png.data[i + 2] === 0xed) barPixels++;
    assert.ok(barPixels > 1000, `bar pixels: ${barPixels}`);
  });
});
