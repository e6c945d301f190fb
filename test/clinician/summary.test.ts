import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { CheckIn, CommunicationAnalysis, Nudge, Problem, Reflection, Script } from '../../src/client/records';
import { Alert } from '../../src/safety/escalation/alert';
import { buildSummary, MAX_SUMMARY_DAYS, periodProblem, SummaryRecords } from '../../src/clinician/summary';
import { chartPoints, MAX_CHART_BARS, MOOD_CHART_HEIGHT, MOOD_CHART_WIDTH, renderMoodChart } from '../../src/clinician/moodChart';
import { summaryCard, summaryText } from '../../src/clinician/cards';
import { t } from '../../src/i18n';

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

function analysis(id: string, at: string, shareWithClinician: boolean, words: string): CommunicationAnalysis {
  return {
    kind: 'communicationAnalysis', ...base(at), id, personName: `Person ${id}`, shareWithClinician,
    said: `${words} said`, felt: `${words} felt`, otherFelt: `${words} otherFelt`, understood: `${words} understood`, differently: `${words} differently`,
  };
}
function script(id: string, at: string): Script {
  return { kind: 'script', ...base(at), id, personName: 'Luis', goal: `script goal ${id}`, drafts: [`script draft ${id}`], text: `script text ${id}`, checklist: [], practisedReplies: [] };
}
function reflection(id: string, at: string, area: Reflection['area']): Reflection {
  return { kind: 'reflection', ...base(at), id, area, answers: { q1: `reflection answer ${id}` } };
}

/**
 * Seven days ending 25 November (Madrid): four check-ins inside, one the day before. Exercises: three
 * analyses inside (one not shared), one shared before; one script inside, one before; reflections on two
 * areas inside, one before.
 */
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
  communicationAnalyses: [
    analysis('a-private', '2026-11-23T10:00:00Z', false, 'Kept to myself'),
    analysis('a-shared', '2026-11-20T10:00:00Z', true, 'Told my sister'),
    // 23:30 UTC on the 18th is already the 19th in Madrid: inside the period.
    analysis('a-edge', '2026-11-18T23:30:00Z', true, 'Late call'),
    analysis('a-old', '2026-11-10T10:00:00Z', true, 'Long ago'),
  ],
  scripts: [script('s-in', '2026-11-21T10:00:00Z'), script('s-old', '2026-11-01T10:00:00Z'), { ...script('s-talk', '2026-11-02T10:00:00Z'), updatedAt: '2026-11-20T10:00:00Z', talkHappened: 'partly' }],
  reflections: [
    reflection('r1', '2026-11-20T10:00:00Z', 'grief'),
    reflection('r2', '2026-11-24T10:00:00Z', 'grief'),
    reflection('r3', '2026-11-22T10:00:00Z', 'roleTransition'),
    reflection('r4', '2026-11-12T10:00:00Z', 'roleDispute'),
    // Set before the period, answered inside it: counted as followed up in the period.
    { ...reflection('d1', '2026-11-10T10:00:00Z', 'roleDispute'), updatedAt: '2026-11-21T10:00:00Z', answers: { nextStep: 'Ask Leo', outcome: 'done' } },
    { ...reflection('t1', '2026-11-21T10:00:00Z', 'roleTransition'), updatedAt: '2026-11-23T10:00:00Z', answers: { needs: 'A walking group', outcome: 'notYet' } },
    { ...reflection('g1', '2026-11-19T10:00:00Z', 'interpersonalDeficits'), answers: { goal: 'Send Marta a message', outcome: 'done' } },
    { ...reflection('g2', '2026-11-23T10:00:00Z', 'interpersonalDeficits'), answers: { goal: 'Walking group' } },
    { ...reflection('g3', '2026-11-24T10:00:00Z', 'interpersonalDeficits'), answers: { goal: 'Say hello to the neighbour', outcome: 'notYet' } },
    { ...reflection('g-old', '2026-11-01T10:00:00Z', 'interpersonalDeficits'), answers: { goal: 'Call Leo', outcome: 'done' } },
  ],
};

describe('clinician: buildSummary', () => {
  it('counts mood by day, adherence and interpersonal events over the default 7 days in the client zone', () => {
    const summary = buildSummary(records, {}, clock);
    assert.deepEqual(summary.period, { from: '2026-11-19', to: '2026-11-25', days: 7, timeZone: zone, basis: 'days' });
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
    assert.deepEqual(summary.period, { from: '2026-11-22', to: '2026-11-25', days: 4, timeZone: zone, basis: 'since' });
    assert.deepEqual(summary.adherence, { daysWithCheckIn: 2, days: 4, ratio: 0.5 });
    assert.equal(summary.averageMood, 5.5);
    assert.deepEqual(summary.peopleContacted.map((p) => p.name), ['Ana']);
    assert.deepEqual(summary.problems.map((p) => p.id), ['p2']);
  });

  it('counts the exercises of the period only, by the client-zone day they were done', () => {
    assert.deepEqual(buildSummary(records, {}, clock).exercises, {
      communicationAnalyses: 2, scripts: 1, reflections: { grief: 2, roleDispute: 0, roleTransition: 2, interpersonalDeficits: 3 }, connectionGoals: { set: 3, done: 1, partly: 0, notYet: 1 },
      followUps: { disputeSteps: { done: 1, partly: 0, notYet: 0 }, talks: { done: 0, partly: 1, notYet: 0 }, transitionNeeds: { done: 0, partly: 0, notYet: 1 } },
    });
    assert.deepEqual(buildSummary(records, { since: '2026-11-22' }, clock).exercises, {
      communicationAnalyses: 0, scripts: 0, reflections: { grief: 1, roleDispute: 0, roleTransition: 1, interpersonalDeficits: 2 }, connectionGoals: { set: 2, done: 0, partly: 0, notYet: 1 },
      followUps: { disputeSteps: { done: 0, partly: 0, notYet: 0 }, talks: { done: 0, partly: 0, notYet: 0 }, transitionNeeds: { done: 0, partly: 0, notYet: 1 } },
    });
    assert.deepEqual(buildSummary(records, { days: 30 }, clock).exercises, {
      communicationAnalyses: 3, scripts: 3, reflections: { grief: 2, roleDispute: 2, roleTransition: 2, interpersonalDeficits: 4 }, connectionGoals: { set: 4, done: 2, partly: 0, notYet: 1 },
      followUps: { disputeSteps: { done: 1, partly: 0, notYet: 0 }, talks: { done: 0, partly: 1, notYet: 0 }, transitionNeeds: { done: 0, partly: 0, notYet: 1 } },
    });
  });

  it('shows the analyses the client shared, in full, and nothing of one they kept or of scripts and reflections', () => {
    const summary = buildSummary(records, {}, clock);
    assert.deepEqual(summary.sharedAnalyses, [
      { date: '2026-11-19', name: 'Person a-edge', said: 'Late call said', felt: 'Late call felt', otherFelt: 'Late call otherFelt', understood: 'Late call understood', differently: 'Late call differently' },
      { date: '2026-11-20', name: 'Person a-shared', said: 'Told my sister said', felt: 'Told my sister felt', otherFelt: 'Told my sister otherFelt', understood: 'Told my sister understood', differently: 'Told my sister differently' },
    ]);
    const card = summaryCard('en', 'c1', 'MRN-1', summary, 'data:image/png;base64,');
    for (const [where, rendered] of [
      ['json', JSON.stringify(summary)],
      ['card', JSON.stringify(card)],
      ['text en', summaryText('en', 'MRN-1', summary)],
      ['text es', summaryText('es', 'MRN-1', summary)],
    ]) {
      assert.ok(rendered.includes('Told my sister differently'), `${where} shows the shared analysis`);
      for (const secret of ['Kept to myself', 'Person a-private', 'script goal', 'script draft', 'script text', 'reflection answer']) assert.ok(!rendered.includes(secret), `${where} leaks "${secret}"`);
    }
  });

  it('starts at the last session by default; an asked date or number of days wins, a future one is passed over', () => {
    const withSession = { ...records, lastSessionDate: '2026-11-22' };
    const period = (request: Parameters<typeof buildSummary>[1], lastSessionDate = '2026-11-22') => buildSummary({ ...records, lastSessionDate }, request, clock).period;
    assert.deepEqual(period({}), { from: '2026-11-22', to: '2026-11-25', days: 4, timeZone: zone, basis: 'lastSession' });
    assert.deepEqual(buildSummary(withSession, {}, clock).exercises.communicationAnalyses, 0);
    assert.deepEqual(period({ since: '2026-11-24' }), { from: '2026-11-24', to: '2026-11-25', days: 2, timeZone: zone, basis: 'since' });
    assert.deepEqual(period({ days: 3 }), { from: '2026-11-23', to: '2026-11-25', days: 3, timeZone: zone, basis: 'days' });
    assert.deepEqual(period({}, '2026-12-01'), { from: '2026-11-19', to: '2026-11-25', days: 7, timeZone: zone, basis: 'days' });
    assert.deepEqual(period({}, '2026-11-25'), { from: '2026-11-25', to: '2026-11-25', days: 1, timeZone: zone, basis: 'lastSession' });
  });

  it('never covers more than a year: a last session or a since longer ago starts the period a year back', () => {
    const period = (request: Parameters<typeof buildSummary>[1], lastSessionDate?: string) =>
      buildSummary({ ...records, ...(lastSessionDate ? { lastSessionDate } : {}) }, request, clock).period;
    assert.deepEqual(period({}, '2020-01-01'), { from: '2025-11-25', to: '2026-11-25', days: MAX_SUMMARY_DAYS, timeZone: zone, basis: 'lastSession' });
    assert.deepEqual(period({ since: '0001-01-01' }), { from: '2025-11-25', to: '2026-11-25', days: MAX_SUMMARY_DAYS, timeZone: zone, basis: 'since' });
    assert.equal(period({ days: 100_000 }).days, MAX_SUMMARY_DAYS);
    // An impossible date is not a date: passed over, as a future one.
    assert.deepEqual(period({ since: '2026-13-45' }, '2026-11-22'), period({}, '2026-11-22'));
  });

  it('says what is wrong with a period asked for: impossible, future, longer than a year, or too many days', () => {
    assert.equal(periodProblem({ since: '2025-11-25' }, zone, clock), undefined);
    assert.equal(periodProblem({ days: MAX_SUMMARY_DAYS }, zone, clock), undefined);
    assert.equal(periodProblem({}, zone, clock), undefined);
    for (const [request, field, message] of [
      [{ since: '2026-13-45' }, 'since', /real calendar date/],
      [{ since: '2026-02-29' }, 'since', /real calendar date/],
      [{ since: '2026-11-26' }, 'since', /not be after today \(2026-11-25/],
      [{ since: '2025-11-24' }, 'since', /at most 366 days ago \(on or after 2025-11-25\)/],
      [{ days: MAX_SUMMARY_DAYS + 1 }, 'days', /from 1 to 366/],
      [{ days: 0 }, 'days', /from 1 to 366/],
    ] as const) {
      const problem = periodProblem(request, zone, clock);
      assert.equal(problem?.field, field, JSON.stringify(request));
      assert.match(problem.message, message);
    }
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

    for (const [language, analysesLine, reflectionsLine] of [
      ['en', 'Shared communication analyses: 2 · Rehearsed conversations: 1', 'Guided reflections: Grief 2, Role dispute 0, Role transition 2, Interpersonal deficits 3'],
      ['es', 'Análisis de comunicación compartidos: 2 · Conversaciones ensayadas: 1', 'Reflexiones guiadas: Duelo 2, Disputa de roles 0, Transición de rol 2, Déficits interpersonales 3'],
    ] as const) {
      const lines = summaryText(language, 'MRN-1', summary).split('\n');
      assert.ok(lines.includes(t(language, 'clinician.summary.basis.days', { count: 7, from: '2026-11-19' })), lines.join('\n'));
      assert.ok(lines.includes(analysesLine), lines.join('\n'));
      assert.ok(lines.includes(reflectionsLine), lines.join('\n'));
      assert.ok(lines.includes(t(language, 'clinician.summary.connectionGoals', { set: 3, done: 1, partly: 0, notYet: 1 })), lines.join('\n'));
      assert.ok(lines.includes(t(language, 'clinician.summary.followUp.talks', { done: 0, partly: 1, notYet: 0 })), lines.join('\n'));
      assert.ok(lines.includes(t(language, 'clinician.summary.sharedTitle')));
      assert.ok(lines.includes(t(language, 'clinician.summary.sharedItem', { date: '2026-11-20', name: 'Person a-shared' })));
      assert.ok(lines.includes(`${t(language, 'clinician.summary.analysis.otherFelt')}: Told my sister otherFelt`), lines.join('\n'));
    }
    const sinceSession = summaryText('es', 'MRN-1', buildSummary({ ...records, lastSessionDate: '2026-11-22' }, {}, clock));
    assert.match(sinceSession, /Desde la última sesión \(2026-11-22\)/);
  });
});

describe('clinician: mood and people', () => {
  // Fourteen days ending 25 November: Mum on 4 days (two went worse), nobody or Leo on the others.
  const mum = (date: string, mood: number, how: 'better' | 'worse' | 'asExpected', affectedMood?: 'aLot' | 'aBit' | 'notReally') =>
    checkIn(date, mood, { name: 'Mum', personId: 'p-mum', how, ...(affectedMood ? { affectedMood } : {}) });
  const seeded: SummaryRecords = {
    ...records,
    checkIns: [
      checkIn('2026-11-10', 9), // before the period: not counted
      mum('2026-11-12', 2, 'worse', 'aLot'),
      checkIn('2026-11-13', 6),
      mum('2026-11-15', 3, 'worse', 'aLot'),
      checkIn('2026-11-16', 7, { name: 'Leo', how: 'better' }),
      mum('2026-11-18', 6, 'better', 'aBit'),
      checkIn('2026-11-20', 8),
      mum('2026-11-24', 5, 'asExpected'),
      checkIn('2026-11-25', 7),
    ],
  };

  it('lists each check-in day with mood, person, how it went and the effect the client reported, and compares days with and without a person', () => {
    const summary = buildSummary(seeded, { days: 14 }, clock);
    assert.equal(summary.period.from, '2026-11-12');
    assert.deepEqual(summary.moodAndPeople.days, [
      { date: '2026-11-12', mood: 2, name: 'Mum', how: 'worse', affectedMood: 'aLot' },
      { date: '2026-11-13', mood: 6 },
      { date: '2026-11-15', mood: 3, name: 'Mum', how: 'worse', affectedMood: 'aLot' },
      { date: '2026-11-16', mood: 7, name: 'Leo', how: 'better' },
      { date: '2026-11-18', mood: 6, name: 'Mum', how: 'better', affectedMood: 'aBit' },
      { date: '2026-11-20', mood: 8 },
      { date: '2026-11-24', mood: 5, name: 'Mum', how: 'asExpected' },
      { date: '2026-11-25', mood: 7 },
    ]);
    // Mum: 2, 3, 6, 5 → 4; without: 6, 7, 8, 7 → 7. Two worse days only: no worse/other split. Leo: one day, left out.
    assert.deepEqual(summary.moodAndPeople.patterns, [{ name: 'Mum', withContact: { days: 4, averageMood: 4 }, withoutContact: { days: 4, averageMood: 7 } }]);
    // Seven days: Mum on 2 days only, too few to compare.
    assert.deepEqual(buildSummary(seeded, {}, clock).moodAndPeople.patterns, []);
  });

  it('shows the rows and the observation in the text and the card, in English and Spanish', () => {
    const summary = buildSummary(seeded, { days: 14 }, clock);
    for (const language of ['en', 'es'] as const) {
      const lines = summaryText(language, 'MRN-1', summary).split('\n');
      const row = t(language, 'clinician.summary.moodPeopleRow', {
        date: '2026-11-12', mood: 2, name: 'Mum', how: t(language, 'clinician.summary.how.worse'), affected: t(language, 'clinician.summary.affected.aLot'),
      });
      assert.ok(lines.includes(row), lines.join('\n'));
      assert.ok(lines.includes(t(language, 'clinician.summary.moodPeopleNobody', { date: '2026-11-13', mood: 6 })));
      const observation = t(language, 'clinician.summary.patternContact', { name: 'Mum', with: 4, moodWith: 4, without: 4, moodWithout: 7 });
      assert.ok(lines.includes(observation), lines.join('\n'));
      const shown = JSON.stringify(summaryCard(language, 'c1', 'MRN-1', summary, 'data:image/png;base64,'));
      assert.ok(shown.includes(JSON.stringify(observation)) && shown.includes(JSON.stringify(row)));
    }
    const week = summaryText('en', 'MRN-1', buildSummary(seeded, {}, clock)).split('\n');
    const title = week.indexOf(t('en', 'clinician.summary.patternsTitle'));
    assert.equal(week[title + 1], t('en', 'clinician.summary.none'), 'no pattern with too few days');
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

  it('draws a long period as weekly means, so a year is at most a few dozen bars', () => {
    const year = buildSummary(records, { days: MAX_SUMMARY_DAYS }, clock).mood;
    const points = chartPoints(year);
    assert.equal(points.length, Math.ceil(MAX_SUMMARY_DAYS / 7));
    assert.ok(points.length <= MAX_CHART_BARS);
    assert.equal(points[0].date, year[0].date);
    // The last 7-day run holds the fixture's latest check-ins: its bar is their mean.
    const lastWeek = year.slice((points.length - 1) * 7).flatMap((m) => (m.mood === null ? [] : [m.mood]));
    assert.equal(points.at(-1)?.mood, Math.round((lastWeek.reduce((a, b) => a + b, 0) / lastWeek.length) * 10) / 10);
    assert.deepEqual(chartPoints(year.slice(-7)), year.slice(-7), 'a week is drawn day by day');
  });
});
