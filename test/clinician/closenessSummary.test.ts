import assert from 'node:assert/strict';
import { buildSummary, summarySchema, SummaryRecords } from '../../src/clinician/summary';
import { summaryCard, summaryText } from '../../src/clinician/cards';
import { t } from '../../src/i18n';
import { Person } from '../../src/client/records';

const clock = { now: () => new Date('2026-11-25T12:00:00Z') };
const empty: SummaryRecords = { timeZone: 'America/Lima', checkIns: [], problems: [], nudges: [], alerts: [], communicationAnalyses: [], scripts: [], reflections: [] };
const person = (name: string, circle: Person['circle'], extra: Partial<Person> = {}): Person => ({
  kind: 'person',
  clientId: 'c1',
  id: name,
  createdAt: '2026-11-01T12:00:00Z',
  updatedAt: '2026-11-01T12:00:00Z',
  name,
  relationship: '',
  circle,
  supportive: true,
  conflict: false,
  ...extra,
});

describe("Closeness history in the clinician's summary", () => {
  const people = [
    person('Ana', 'middle', { circleBefore: 'inner', gets: 'She listens', wouldChange: 'See her more' }),
    person('Luis', 'inner', { circleBefore: 'outer' }),
    person('Rosa', 'outer', { circleBefore: 'outer' }),
    person('Pedro', 'inner'),
  ];

  it('says per person whether they are closer, further or as close as before; people without a "before" are left out, and what the client wrote stays theirs', () => {
    const summary = buildSummary({ ...empty, people }, {}, clock);
    assert.deepEqual(summary.closeness, [
      { name: 'Ana', now: 'middle', before: 'inner', change: 'further' },
      { name: 'Luis', now: 'inner', before: 'outer', change: 'closer' },
      { name: 'Rosa', now: 'outer', before: 'outer', change: 'same' },
    ]);
    assert.ok(summarySchema.safeParse(summary).success);
    for (const language of ['en', 'es'] as const) {
      const text = summaryText(language, 'C-1', summary);
      const ana = t(language, 'clinician.summary.closenessRow', {
        name: 'Ana',
        now: t(language, 'clinician.summary.circle.middle'),
        before: t(language, 'clinician.summary.circle.inner'),
        change: t(language, 'clinician.summary.closeness.further'),
      });
      assert.ok(text.includes(`${t(language, 'clinician.summary.closenessTitle')}\n${ana}`), text);
      assert.ok(text.includes(t(language, 'clinician.summary.closeness.closer')));
      assert.ok(!text.includes('Pedro') && !text.includes('She listens') && !text.includes('See her more'));
      const card = JSON.stringify(summaryCard(language, 'c1', 'C-1', summary, 'data:image/png;base64,'));
      assert.ok(card.includes(ana.replace(/"/g, '\\"')));
    }
  });

  it('has no closeness part when no one has a "before"', () => {
    const summary = buildSummary({ ...empty, people: [person('Pedro', 'inner')] }, {}, clock);
    assert.equal(summary.closeness, undefined);
    assert.ok(!summaryText('es', 'C-1', summary).includes(t('es', 'clinician.summary.closenessTitle')));
  });
});
