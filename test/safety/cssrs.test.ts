import assert from 'node:assert/strict';
import { CssrsAnswers, CssrsQuestion, nextQuestion, ScreenAnswer, screenLevel } from '../../src/safety/cssrs';

/** Answers the screen in order from a script of answers per question; returns the questions asked. */
function run(script: Partial<Record<CssrsQuestion, ScreenAnswer>>, confirming = false): { asked: CssrsQuestion[]; answers: CssrsAnswers } {
  const answers: CssrsAnswers = {};
  const asked: CssrsQuestion[] = [];
  for (let question = nextQuestion(answers, { confirming }); question; question = nextQuestion(answers, { confirming })) {
    asked.push(question);
    answers[question] = script[question] ?? 'no';
    assert.ok(asked.length <= 7, 'the screen ends');
  }
  return { asked, answers };
}

const ROWS: Array<[string, Partial<Record<CssrsQuestion, ScreenAnswer>>, CssrsQuestion[], 'none' | 'concern' | 'urgent', boolean?]> = [
  ['no to everything: Q1, Q2, then behaviour anyway', {}, ['wishDead', 'thoughts', 'behaviour'], 'none'],
  ['wish to be dead only', { wishDead: 'yes' }, ['wishDead', 'thoughts', 'behaviour'], 'concern'],
  ['thoughts: method, intent and plan follow, then behaviour', { thoughts: 'yes' }, ['wishDead', 'thoughts', 'method', 'intent', 'plan', 'behaviour'], 'concern'],
  ['thoughts with a method, no intent: still concern', { wishDead: 'yes', thoughts: 'yes', method: 'yes' }, ['wishDead', 'thoughts', 'method', 'intent', 'plan', 'behaviour'], 'concern'],
  ['intent → urgent', { thoughts: 'yes', intent: 'yes' }, ['wishDead', 'thoughts', 'method', 'intent', 'plan', 'behaviour'], 'urgent'],
  ['plan with intent → urgent', { thoughts: 'yes', plan: 'yes' }, ['wishDead', 'thoughts', 'method', 'intent', 'plan', 'behaviour'], 'urgent'],
  ['behaviour within 3 months → urgent', { behaviour: 'yes', behaviourRecent: 'yes' }, ['wishDead', 'thoughts', 'behaviour', 'behaviourRecent'], 'urgent'],
  ['behaviour longer ago → concern', { behaviour: 'yes', behaviourRecent: 'no' }, ['wishDead', 'thoughts', 'behaviour', 'behaviourRecent'], 'concern'],
  ['unclear thoughts count as yes: the follow-ups are asked', { thoughts: 'unclear' }, ['wishDead', 'thoughts', 'method', 'intent', 'plan', 'behaviour'], 'concern'],
  ['unclear intent counts as yes → urgent', { thoughts: 'yes', intent: 'unclear' }, ['wishDead', 'thoughts', 'method', 'intent', 'plan', 'behaviour'], 'urgent'],
  ['unclear behaviour asks when; unclear when → urgent', { behaviour: 'unclear', behaviourRecent: 'unclear' }, ['wishDead', 'thoughts', 'behaviour', 'behaviourRecent'], 'urgent'],
  ['confirming: a clear no to both ends there', {}, ['wishDead', 'thoughts'], 'none', true],
  ['confirming: a yes to Q1 goes on to behaviour', { wishDead: 'yes' }, ['wishDead', 'thoughts', 'behaviour'], 'concern', true],
  ['confirming: unclear Q1 is not a no', { wishDead: 'unclear' }, ['wishDead', 'thoughts', 'behaviour'], 'concern', true],
];

describe('C-SSRS screen: order and level', () => {
  for (const [name, script, expected, level, confirming] of ROWS) {
    it(name, () => {
      const { asked, answers } = run(script, confirming);
      assert.deepEqual(asked, expected);
      assert.equal(screenLevel(answers), level);
    });
  }

  it('never asks method, intent or plan without a yes (or unclear) to thoughts', () => {
    for (const wishDead of ['yes', 'no', 'unclear'] as const) {
      const { asked } = run({ wishDead, thoughts: 'no', behaviour: 'yes', behaviourRecent: 'no' });
      assert.ok(!asked.some((q) => q === 'method' || q === 'intent' || q === 'plan'), wishDead);
      assert.ok(asked.includes('behaviour'), 'behaviour is always asked');
    }
  });
});
