import assert from 'node:assert/strict';
import { ClientRepository } from '../../src/client/clientRepository';
import { Person, Reflection } from '../../src/client/records';
import { buildSummary, summarySchema, SummaryRecords } from '../../src/clinician/summary';
import { summaryCard, summaryText } from '../../src/clinician/cards';
import { t } from '../../src/i18n';
import { tempStore } from '../support/tempStore';

const clock = { now: () => new Date('2026-11-25T12:00:00Z') };
const zone = 'Europe/Madrid';
const empty: SummaryRecords = { timeZone: zone, checkIns: [], problems: [], nudges: [], alerts: [], communicationAnalyses: [], scripts: [], reflections: [] };

function dispute(id: string, at: string, answers: Record<string, string>): Reflection {
  return { kind: 'reflection', clientId: 'c1', createdAt: at, updatedAt: at, id, area: 'roleDispute', answers };
}
function person(id: string, name: string, createdAt: string, circle: Person['circle'], circleMoves?: Person['circleMoves']): Person {
  return { kind: 'person', clientId: 'c1', createdAt, updatedAt: createdAt, id, name, relationship: '', circle, supportive: true, conflict: false, ...(circleMoves ? { circleMoves } : {}) };
}

/** The default period: the seven days ending 25 November in Madrid (19–25 November). */
const records: SummaryRecords = {
  ...empty,
  reflections: [
    dispute('leo-1', '2026-11-10T10:00:00Z', { who: 'Leo', stage: 'impasse', nextStep: 'Write to him' }),
    dispute('leo-2', '2026-11-20T10:00:00Z', { who: 'Leo', stage: 'renegotiation' }),
    dispute('leo-3', '2026-11-24T10:00:00Z', { who: 'leo ', stage: 'renegotiation' }),
    // 23:30 UTC on the 18th is already the 19th in Madrid: inside the period.
    dispute('marta-1', '2026-11-18T23:30:00Z', { who: 'Marta', stage: 'dissolution' }),
    dispute('sam-1', '2026-11-01T10:00:00Z', { who: 'Sam', stage: 'impasse' }),
    dispute('no-stage', '2026-11-22T10:00:00Z', { who: 'Pablo' }),
    { ...dispute('grief', '2026-11-22T10:00:00Z', { who: 'Dad', stage: 'impasse' }), area: 'grief' },
  ],
  people: [
    person('ana', 'Ana', '2026-11-01T10:00:00Z', 'outer', [
      { from: 'inner', to: 'middle', at: '2026-11-10T10:00:00Z' },
      { from: 'middle', to: 'outer', at: '2026-11-22T10:00:00Z' },
    ]),
    person('luis', 'Luis', '2026-11-23T10:00:00Z', 'middle', [{ from: 'outer', to: 'middle', at: '2026-11-24T09:00:00Z' }]),
    person('eva', 'Eva', '2026-11-21T10:00:00Z', 'inner'),
    person('old', 'Old friend', '2026-10-01T10:00:00Z', 'outer'),
  ],
};

describe("problem-area progress in the clinician's summary", () => {
  it('shows each dispute\'s stage over time (with the last one before the period), who joined the circle and who moved', () => {
    const summary = buildSummary(records, {}, clock);
    assert.ok(summarySchema.safeParse(summary).success);
    assert.deepEqual(summary.progress, {
      disputeStages: [
        { name: 'Marta', stages: [{ date: '2026-11-19', stage: 'dissolution' }] },
        {
          name: 'leo',
          stages: [
            { date: '2026-11-10', stage: 'impasse', beforePeriod: true },
            { date: '2026-11-20', stage: 'renegotiation' },
            { date: '2026-11-24', stage: 'renegotiation' },
          ],
        },
      ],
      circleChanges: [
        { date: '2026-11-22', name: 'Ana', from: 'middle', to: 'outer' },
        { date: '2026-11-24', name: 'Luis', from: 'outer', to: 'middle' },
      ],
      newPeople: [
        { date: '2026-11-21', name: 'Eva', circle: 'inner' },
        // Added in the outer circle, moved closer the next day.
        { date: '2026-11-23', name: 'Luis', circle: 'outer' },
      ],
    });
  });

  it('a longer period takes in the earlier stages and moves', () => {
    const summary = buildSummary(records, { since: '2026-11-01' }, clock);
    assert.deepEqual(
      summary.progress?.disputeStages.map((d) => [d.name, d.stages.map((s) => s.stage)]),
      [
        ['Sam', ['impasse']],
        ['Marta', ['dissolution']],
        ['leo', ['impasse', 'renegotiation', 'renegotiation']],
      ],
    );
    assert.deepEqual(summary.progress?.circleChanges.map((c) => `${c.name} ${c.from}→${c.to}`), ['Ana inner→middle', 'Ana middle→outer', 'Luis outer→middle']);
  });

  it('is left out when nothing changed in the period', () => {
    assert.equal(buildSummary(empty, {}, clock).progress, undefined);
    assert.equal(buildSummary({ ...empty, people: [person('old', 'Old friend', '2026-10-01T10:00:00Z', 'outer')] }, {}, clock).progress, undefined);
  });

  for (const language of ['en', 'es'] as const) {
    it(`${language}: the text and the card say it in the clinician's language`, () => {
      const summary = buildSummary(records, {}, clock);
      const stage = (s: string, date: string, before = false) =>
        t(language, before ? 'clinician.summary.progressStageBefore' : 'clinician.summary.progressStage', { stage: t(language, `clinician.summary.progressStages.${s}`), date });
      const leo = t(language, 'clinician.summary.progressDispute', {
        name: 'leo',
        stages: [stage('impasse', '2026-11-10', true), stage('renegotiation', '2026-11-20'), stage('renegotiation', '2026-11-24')].join(' → '),
      });
      const moved = t(language, 'clinician.summary.progressMoved', {
        date: '2026-11-22',
        name: 'Ana',
        from: t(language, 'clinician.summary.progressCircle.middle'),
        to: t(language, 'clinician.summary.progressCircle.outer'),
      });
      const added = t(language, 'clinician.summary.progressAdded', { date: '2026-11-21', name: 'Eva', circle: t(language, 'clinician.summary.progressCircle.inner') });
      const text = summaryText(language, 'C-1', summary);
      assert.ok(text.includes(t(language, 'clinician.summary.progressTitle')));
      for (const line of [leo, moved, added]) {
        assert.ok(text.includes(line), line);
        assert.ok(JSON.stringify(summaryCard(language, 'c1', 'C-1', summary, 'data:image/png;base64,')).includes(JSON.stringify(line).slice(1, -1)), line);
      }
      assert.ok(!summaryText(language, 'C-1', buildSummary(empty, {}, clock)).includes(t(language, 'clinician.summary.progressTitle')));
    });
  }
});

describe('moves between circles are kept on the person', () => {
  let temp: Awaited<ReturnType<typeof tempStore>>;
  beforeEach(async () => (temp = await tempStore()));
  afterEach(async () => temp.dispose());

  it('an edit that changes the circle adds a move with its time; an edit that does not, adds none', async () => {
    let now = new Date('2026-11-20T10:00:00Z');
    const repo = new ClientRepository(temp.store, { now: () => now });
    const clientId = repo.newClientId();
    const ana = await repo.addPerson(clientId, { name: 'Ana', relationship: 'sister', circle: 'inner', supportive: true, conflict: false });
    now = new Date('2026-11-21T10:00:00Z');
    await repo.savePerson({ ...ana, conflict: true });
    assert.equal((await repo.people(clientId))[0].circleMoves, undefined);
    now = new Date('2026-11-22T10:00:00Z');
    await repo.savePerson({ ...(await repo.people(clientId))[0], circle: 'middle' });
    now = new Date('2026-11-23T10:00:00Z');
    // An older copy of the person (without the first move) still keeps it: the stored moves count.
    await repo.savePerson({ ...ana, circle: 'outer' });
    const [stored] = await repo.people(clientId);
    assert.deepEqual(stored.circleMoves, [
      { from: 'inner', to: 'middle', at: '2026-11-22T10:00:00.000Z' },
      { from: 'middle', to: 'outer', at: '2026-11-23T10:00:00.000Z' },
    ]);
    assert.equal(stored.circle, 'outer');
  });
});
