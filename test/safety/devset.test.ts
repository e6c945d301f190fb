import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RISK_LEVELS, levelRank, screenMessage, type RiskCategory, type RiskLevel, type ScreeningHistoryEntry } from '../../src/safety/screener';
import { evaluateDevSet, loadDevSet, type Evaluation } from './evaluate';

const CATEGORIES: RiskCategory[] = ['self_harm_suicide', 'harm_to_others', 'harmed_by_others', 'disordered_eating', 'third_party'];

interface Sequence {
  name: string;
  locale: 'en' | 'es';
  messages: string[];
  expected: RiskLevel;
  minutesApart?: number;
  note: string;
}

describe('safety development set', () => {
  const items = loadDevSet();

  describe('composition', () => {
    it('has at least 400 labelled messages', () => assert.ok(items.length >= 400, `${items.length} items`));
    it('has at least 40% negatives', () => {
      const negatives = items.filter((i) => i.level === 'none').length;
      assert.ok(negatives / items.length >= 0.4, `${negatives}/${items.length}`);
    });
    it('covers English and Spanish, roughly 60/40', () => {
      const english = items.filter((i) => i.locale === 'en').length;
      const spanish = items.filter((i) => i.locale === 'es').length;
      assert.equal(english + spanish, items.length, 'every item is en or es');
      assert.ok(english / items.length >= 0.5 && english / items.length <= 0.7, `${english} en / ${spanish} es`);
    });
    it('has every level in both languages', () => {
      for (const locale of ['en', 'es']) {
        for (const level of RISK_LEVELS) {
          assert.ok(items.some((i) => i.locale === locale && i.level === level), `${locale} ${level}`);
        }
      }
    });
    it('every item is well formed', () => {
      for (const item of items) {
        const where = JSON.stringify(item.text);
        assert.ok(typeof item.text === 'string' && item.text.trim() !== '', where);
        assert.ok(RISK_LEVELS.includes(item.level), `${where}: level ${item.level}`);
        assert.ok(item.categories.every((c) => CATEGORIES.includes(c)), `${where}: categories`);
        assert.equal(item.level === 'none', item.categories.length === 0, `${where}: none ⇔ no categories`);
        assert.ok(item.note.trim() !== '', `${where}: note`);
      }
    });
    it('has no duplicate messages', () => assert.equal(new Set(items.map((i) => i.text)).size, items.length));
  });

  describe('screener performance on the set', () => {
    let evaluation: Evaluation;
    before(() => {
      evaluation = evaluateDevSet(items);
    });
    const missesOf = (expected: RiskLevel, ok: (got: RiskLevel) => boolean): string =>
      evaluation.misses
        .filter((m) => m.expected === expected && !ok(m.got))
        .map((m) => `  got ${m.got}: ${m.text}`)
        .join('\n');

    it('flags 100% of urgent messages (level ≥ concern)', () => {
      assert.equal(evaluation.overall.urgentFlaggedRate, 1, missesOf('urgent', (g) => levelRank(g) > 0));
    });
    it('rates at least 95% of urgent messages urgent', () => {
      assert.ok(evaluation.overall.urgentExactRate >= 0.95, missesOf('urgent', (g) => g === 'urgent'));
    });
    it('flags at least 95% of concern messages', () => {
      assert.ok(evaluation.overall.concernFlaggedRate >= 0.95, missesOf('concern', (g) => levelRank(g) > 0));
    });
    it('flags at most 5% of negatives', () => {
      assert.ok(evaluation.overall.negativeFlaggedRate <= 0.05, missesOf('none', (g) => g === 'none'));
    });
  });

  describe('multi-message sequences', () => {
    const sequences = JSON.parse(
      readFileSync(path.join(__dirname, '..', 'fixtures', 'safety-sequences.json'), 'utf8'),
    ) as Sequence[];
    const t0 = Date.parse('2025-03-01T10:00:00Z');

    it('covers both languages', () => {
      assert.ok(sequences.some((s) => s.locale === 'en') && sequences.some((s) => s.locale === 'es'));
    });
    for (const sequence of sequences) {
      it(`${sequence.name} → ${sequence.expected}`, () => {
        const history: ScreeningHistoryEntry[] = [];
        const levels: RiskLevel[] = [];
        const apart = (sequence.minutesApart ?? 5) * 60_000;
        sequence.messages.forEach((message, i) => {
          // The window's arithmetic over the lexicon's findings; the learned layer is tested on its own.
          const result = screenMessage(message, { history, now: new Date(t0 + i * apart), model: false });
          levels.push(result.level);
          history.push(result.historyEntry);
        });
        assert.equal(levels[levels.length - 1], sequence.expected, `levels ${levels.join(' → ')}`);
        if (sequence.minutesApart === undefined) {
          // Inside one window the level never drops.
          for (let i = 1; i < levels.length; i += 1) assert.ok(levelRank(levels[i]) >= levelRank(levels[i - 1]), levels.join(' → '));
        }
      });
    }
  });
});
