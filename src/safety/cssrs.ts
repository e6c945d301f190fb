import { z } from 'zod';

/**
 * The C-SSRS screen version as the crisis dialog asks it: pure, so the order and the levels are tested
 * on their own.
 *
 * Order (the instrument's): 1 wish to be dead, 2 thoughts of killing oneself; 3 method, 4 intent, 5 plan
 * with intent only after a yes to 2; 6 behaviour always, and after a yes to it, whether it was within the
 * past 3 months. An answer that stayed unclear after asking again counts as yes for what comes next and for
 * the level, and is kept as "unclear" for the clinician.
 *
 * Level (the instrument's recommendation): a yes to 4 or 5, or behaviour within the past 3 months, is high
 * risk → `urgent`; anything else that was screened is at least `concern`.
 */
export const CSSRS_QUESTIONS = ['wishDead', 'thoughts', 'method', 'intent', 'plan', 'behaviour', 'behaviourRecent'] as const;
export type CssrsQuestion = (typeof CSSRS_QUESTIONS)[number];

export const SCREEN_ANSWERS = ['yes', 'no', 'unclear'] as const;
export type ScreenAnswer = (typeof SCREEN_ANSWERS)[number];
export type CssrsAnswers = Partial<Record<CssrsQuestion, ScreenAnswer>>;

/** How the answers are stored on the alert. */
export const cssrsAnswersSchema = z.object(Object.fromEntries(CSSRS_QUESTIONS.map((q) => [q, z.enum(SCREEN_ANSWERS).optional()])) as Record<CssrsQuestion, z.ZodOptional<z.ZodEnum<['yes', 'no', 'unclear']>>>).strict();

/** Yes, or unclear after asking again: the cautious branch. */
export function countsAsYes(answer: ScreenAnswer | undefined): boolean {
  return answer === 'yes' || answer === 'unclear';
}

export interface ScreenPlan {
  /**
   * Confirming a weak signal: a clear no to both of the first two questions ends the screen there (the
   * behaviour question is for a screen a risk word started).
   */
  confirming?: boolean;
}

/** The next question to ask, or undefined when the screen is complete. */
export function nextQuestion(answers: CssrsAnswers, plan: ScreenPlan = {}): CssrsQuestion | undefined {
  if (!answers.wishDead) return 'wishDead';
  if (!answers.thoughts) return 'thoughts';
  if (plan.confirming && answers.wishDead === 'no' && answers.thoughts === 'no') return undefined;
  if (countsAsYes(answers.thoughts)) {
    for (const question of ['method', 'intent', 'plan'] as const) if (!answers[question]) return question;
  }
  if (!answers.behaviour) return 'behaviour';
  if (countsAsYes(answers.behaviour) && !answers.behaviourRecent) return 'behaviourRecent';
  return undefined;
}

/** High risk by the instrument: intent, a plan with intent, or behaviour within the past 3 months. */
export function isHighRisk(answers: CssrsAnswers): boolean {
  return countsAsYes(answers.intent) || countsAsYes(answers.plan) || (countsAsYes(answers.behaviour) && countsAsYes(answers.behaviourRecent));
}

/** Whether anything the person answered calls for the clinician (a confirmed concern). */
export function anyRisk(answers: CssrsAnswers): boolean {
  return CSSRS_QUESTIONS.some((q) => q !== 'behaviourRecent' && countsAsYes(answers[q]));
}

export function screenLevel(answers: CssrsAnswers): 'none' | 'concern' | 'urgent' {
  if (isHighRisk(answers)) return 'urgent';
  return anyRisk(answers) ? 'concern' : 'none';
}

/** "wishDead: yes, thoughts: no, …" in the instrument's order, for the audit trail. */
export function describeAnswers(answers: CssrsAnswers): string {
  return CSSRS_QUESTIONS.filter((q) => answers[q])
    .map((q) => `${q}: ${answers[q]}`)
    .join(', ');
}
