import assert from 'node:assert/strict';
import { buildSummary, summarySchema, SummaryRecords } from '../../src/clinician/summary';
import { summaryCard, summaryText } from '../../src/clinician/cards';
import { t } from '../../src/i18n';
import { KeepWellPlan } from '../../src/client/keepWellPlan';

const clock = { now: () => new Date('2026-11-25T12:00:00Z') };
const empty: SummaryRecords = { timeZone: 'America/Bogota', checkIns: [], problems: [], nudges: [], alerts: [], communicationAnalyses: [], scripts: [], reflections: [] };
const plan: KeepWellPlan = {
  kind: 'keepWellPlan',
  clientId: 'c1',
  createdAt: '2026-11-20T12:00:00Z',
  updatedAt: '2026-11-21T12:00:00Z',
  warningSigns: 'I stop answering messages',
  whoToTell: 'Ana',
  lowForTwoWeeks: 'Call the clinic',
  whatHelped: 'Walking with Ana',
  endingFeelings: 'Scared',
};

describe('The keep-well plan in the clinician\'s summary', () => {
  it('shows the client\'s words part by part, in the API answer, the text and the card; feelings about ending stay in chat', () => {
    const summary = buildSummary({ ...empty, keepWellPlan: plan }, {}, clock);
    assert.deepEqual(summary.keepWellPlan, { warningSigns: 'I stop answering messages', whoToTell: 'Ana', lowForTwoWeeks: 'Call the clinic', whatHelped: 'Walking with Ana', updatedAt: '2026-11-21T12:00:00Z' });
    assert.ok(summarySchema.safeParse(summary).success);
    for (const language of ['en', 'es'] as const) {
      const text = summaryText(language, 'C-1', summary);
      assert.ok(text.includes(`${t(language, 'clinician.summary.keepWellTitle')}\n${t(language, 'clinician.summary.keepWellPart_warningSigns', { text: 'I stop answering messages' })}`));
      assert.ok(text.includes(t(language, 'clinician.summary.keepWellPart_lowForTwoWeeks', { text: 'Call the clinic' })));
      assert.ok(!text.includes('Scared'));
      assert.ok(JSON.stringify(summaryCard(language, 'c1', 'C-1', summary, 'data:image/png;base64,')).includes('Walking with Ana'));
    }
  });

  it('says the plan is not written yet when there is none', () => {
    const summary = buildSummary(empty, {}, clock);
    assert.equal(summary.keepWellPlan, undefined);
    assert.ok(summaryText('es', 'C-1', summary).includes(`${t('es', 'clinician.summary.keepWellTitle')}\n${t('es', 'clinician.summary.keepWellNone')}`));
  });
});
