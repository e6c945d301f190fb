/**
 * Weak signals combined: the level a set of signals reaches together, whether they came in one message or are
 * spread over the conversation's recent window. No single weak signal reaches a level on its own.
 */
import { maxLevel, type RiskLevel, type Signal } from './types';

export interface Accumulated {
  level: RiskLevel;
  signals: Signal[];
  /** The level rests only on a message that points at an act with nothing else to read it by: ask before alerting. */
  ask: boolean;
}

function countOf(signals: ReadonlySet<string>, list: readonly Signal[]): number {
  let n = 0;
  for (const s of list) if (signals.has(s)) n += 1;
  return n;
}

/**
 * The lists of signals that count together. Built on each call (only messages with signals get here), not as
 * module constants: mutation testing then knows which tests read each entry and runs only those, instead of a
 * process start and every test for each entry.
 */
function signalLists() {
  return {
    WARNING: ['hopelessness', 'burden', 'thwarted_belonging', 'capability', 'not_around'],
    GENERAL: [
      'hopelessness', 'burden', 'thwarted_belonging', 'capability', 'not_around', 'distress', 'passive_ideation', 'suicidal_thoughts', 'self_harm', 'past_history',
    ],
    DISTRESS_CONTEXT: [
      'distress', 'hopelessness', 'burden', 'thwarted_belonging', 'not_around', 'passive_ideation', 'suicidal_thoughts',
      'active_ideation', 'self_harm', 'farewell', 'veiled_act', 'asking_for_a_friend', 'harmed_by_others', 'intent', 'plan', 'means',
      'preparation', 'past_history',
    ],
    IDEATION_CONTEXT: [
      'passive_ideation', 'suicidal_thoughts', 'active_ideation', 'self_harm', 'not_around', 'hopelessness', 'burden',
      'thwarted_belonging', 'capability', 'past_history', 'veiled_act', 'farewell', 'intent',
    ],
    STRONG_IDEATION: [
      'passive_ideation', 'suicidal_thoughts', 'active_ideation', 'not_around', 'veiled_act', 'intent', 'capability',
    ],
    HINTS: ['plan_hint', 'preparation_hint', 'recurrence_hint', 'intent_hint'],
    /** "Tonight's the night" / "I've decided" together with means, a plan or preparation. */
    TIMING: ['intent_hint', 'decision_hint'],
    READINESS: ['means_hint', 'plan_hint', 'preparation_hint'],
    MEANS_WITH: ['hopelessness', 'burden', 'thwarted_belonging', 'distress'],
    PAST_WITH: ['distress', 'hopelessness', 'burden', 'thwarted_belonging'],
  } satisfies Record<string, readonly Signal[]>;
}

/** The level that a set of signals reaches together (one message, or everything in the window). */
export function accumulate(signals: ReadonlySet<string>): Accumulated {
  let level: RiskLevel = 'none';
  const added: Signal[] = [];
  if (signals.size === 0) return { level, signals: added, ask: false };
  const { WARNING, GENERAL, PAST_WITH, DISTRESS_CONTEXT, HINTS, IDEATION_CONTEXT, STRONG_IDEATION, MEANS_WITH, TIMING, READINESS } = signalLists();
  const warning = countOf(signals, WARNING);
  const general = countOf(signals, GENERAL);
  if (warning >= 2 || general >= 3) level = signals.has('not_around') ? 'urgent' : 'concern';
  if (signals.has('past_history') && countOf(signals, PAST_WITH) > 0) level = maxLevel(level, 'concern');
  if (signals.has('ambiguous_means') && countOf(signals, DISTRESS_CONTEXT) > 0) {
    level = 'urgent';
    added.push('means_question');
  }
  if (countOf(signals, HINTS) > 0 && countOf(signals, IDEATION_CONTEXT) > 0) level = 'urgent';
  if (signals.has('means_hint') && countOf(signals, STRONG_IDEATION) > 0) level = 'urgent';
  // Means at hand with hopelessness, burden or "I can't take it anymore" ("ya nada tiene sentido" … "ya tengo las
  // pastillas juntas"): access to a method with despair is the combination that most needs a person now.
  if (signals.has('means_hint') && countOf(signals, MEANS_WITH) > 0) level = 'urgent';
  // "I'd never do it, but I think about it every day" / "I tried in 2019 and lately I think about it again": a denial
  // or a past act does not cancel thoughts that keep coming back now.
  if (signals.has('thoughts_hint') && (signals.has('denial') || signals.has('past_history'))) {
    level = maxLevel(level, 'concern');
    added.push('suicidal_thoughts');
  }
  if (signals.has('decision_hint') && signals.has('intent_hint')) level = 'urgent';
  // Means in hand and a chosen place ("ya tengo la cuerda y elegí el árbol") is a plan.
  if (signals.has('means_hint') && signals.has('plan_hint')) level = 'urgent';
  if (countOf(signals, TIMING) > 0 && countOf(signals, READINESS) > 0) level = 'urgent';
  // "I'm doing it" and nothing else: it may be the homework or the act. It is never ignored: urgent, marked uncertain
  // (`ask`), and the chat still alerts at once — an uncertain urgent is not held back for an answer that may not come.
  if (level === 'none' && signals.has('bare_it_pointer')) return { level: 'urgent', signals: added, ask: true };
  return { level, signals: added, ask: false };
}
