/**
 * Tables of messages and the level the lexicon gives them, shared by the screening tests. They describe the
 * lexicon's rules, so they screen with the lexicon alone: the learned layer is retrained whenever the corpus grows
 * and may ask about a hard negative here. It can only raise a level, which every row checks as well; its quality is
 * measured by npm run eval:safety.
 */
import assert from 'node:assert/strict';
import { levelRank, screenMessage, type RiskCategory, type RiskLevel } from '../../src/safety/screener';

export type Case = [text: string, level: RiskLevel, categories?: RiskCategory[]];

export const S: RiskCategory[] = ['self_harm_suicide'];
export const B: RiskCategory[] = ['harmed_by_others'];
export const O: RiskCategory[] = ['harm_to_others'];
export const E: RiskCategory[] = ['disordered_eating'];
export const TS: RiskCategory[] = ['self_harm_suicide', 'third_party'];

export function table(name: string, cases: Case[]): void {
  describe(name, () => {
    for (const [text, level, categories] of cases) {
      it(`${JSON.stringify(text)} → ${level}${categories ? ` ${categories.join('+')}` : ''}`, () => {
        const result = screenMessage(text, { model: false });
        assert.equal(result.level, level, `signals: ${result.signals.join(', ')}`);
        if (categories) assert.deepEqual(result.categories, categories);
        assert.ok(levelRank(screenMessage(text).level) >= levelRank(level), 'the learned layer never lowers a level');
      });
    }
  });
}
