/**
 * The screener's vocabulary: levels, categories, signal ids, what a screening returns, and the shape of a
 * lexicon. Shared by every part of screening; holds no logic beyond ordering levels.
 */
import type { ScreeningModel } from './model';
export type RiskLevel = 'none' | 'concern' | 'urgent';
export type RiskCategory = 'self_harm_suicide' | 'harm_to_others' | 'harmed_by_others' | 'disordered_eating' | 'third_party';

/** What matched, by id. Safe to log: no text. */
export type Signal =
  | 'active_ideation'
  | 'intent'
  | 'plan'
  | 'means'
  | 'preparation'
  | 'act_in_progress'
  | 'farewell'
  | 'means_question'
  | 'harm_to_others'
  | 'immediate_danger'
  | 'passive_ideation'
  | 'suicidal_thoughts'
  | 'self_harm'
  | 'harmed_by_others'
  | 'disordered_eating'
  | 'not_around'
  | 'harm_to_others_thoughts'
  | 'hopelessness'
  | 'burden'
  | 'thwarted_belonging'
  | 'capability'
  | 'distress'
  | 'past_history'
  | 'ambiguous_means'
  | 'plan_hint'
  | 'preparation_hint'
  | 'means_hint'
  | 'recurrence_hint'
  | 'intent_hint'
  /**
   * Thoughts that come back, pointing at something named elsewhere ("but lately I think about it every day", "a veces
   * lo pienso"): with a denied or past act in the message or the window, suicidal thoughts now.
   */
  | 'thoughts_hint'
  /** A whole message that only points at an act ("I'm doing it", "ya lo voy a hacer"): asked about, never ignored. */
  | 'bare_it_pointer'
  | 'decision_hint'
  | 'veiled_act'
  | 'retraction'
  | 'denial'
  | 'third_party'
  | 'asking_for_a_friend'
  | 'identification'
  | 'hyperbole'
  | 'obfuscation'
  /** A phrase about a character or a news story (recorded, no level). */
  | 'fiction'
  /** The learned layer raised the level (see ./model); no phrase to quote. */
  | 'model_concern'
  | 'model_urgent';

export interface ScreeningHistoryEntry {
  at: string /* ISO time */;
  level: RiskLevel;
  categories: RiskCategory[];
  signals: string[];
  /** Set (true) when the entry's level rests only on the model or on combined weak signals: it was to be asked about. */
  confirm?: boolean;
}

export interface ScreeningResult {
  /** The level to act on: this message combined with the conversation window. */
  level: RiskLevel;
  /** This message alone. */
  messageLevel: RiskLevel;
  categories: RiskCategory[];
  /** Ids of what matched; safe to log (no text). */
  signals: string[];
  /** The matched phrases from the original message, for the clinician alert only (never logged). */
  evidence: string[];
  /** The concern is about someone else (the helpers' response applies). */
  thirdParty: boolean;
  /**
   * The level rests only on the learned model or on weak signals combined (no phrase the lexicon is sure of): the chat
   * asks the person directly before alerting. False for every lexicon-certain level, and when the level is none.
   */
  confirm: boolean;
  /** What the caller appends to the conversation's history. */
  historyEntry: ScreeningHistoryEntry;
}

export interface ScreenOptions {
  history?: readonly ScreeningHistoryEntry[];
  now?: Date;
  /** Default 24 × 60. */
  windowMinutes?: number;
  /** The person's language, when known; picks the model's thresholds (otherwise guessed from the words). */
  locale?: string;
  /**
   * Whether the learned layer may raise the level: true (default) uses the shipped model, false screens with the
   * lexicon alone, and a model (as ./model reads one) is used instead of the shipped one.
   */
  model?: boolean | ScreeningModel;
  /**
   * The bot's pending question, when it asks *when* the person will do something ("When will you do it?"): an answer
   * that only points at an act with a time ("I'm doing it tomorrow", "lo hago mañana") is then the answer, not an act
   * announced. Every risk phrase in it still counts.
   */
  answering?: 'when';
}

// ---------------------------------------------------------------------------------------------------------------
// Lexicon types (implemented by ./lexicon/en.ts and ./lexicon/es.ts)

export interface RuleOptions {
  /** Whose risk the phrase describes: fixed by the grammar, or inferred from the nearest subject. Default infer. */
  person?: 'self' | 'third' | 'infer';
  /** Every one of these must also match somewhere in the (idiom-masked) message. */
  requires?: RegExp[];
  /** The rule does not apply when this matches anywhere in the message. */
  unless?: RegExp;
  /** The rule does not apply when the original text behind the match matches this (accents the normaliser folds). */
  unlessOriginal?: RegExp;
  /** A preceding negation turns the phrase into a denial. Default true. */
  negatable?: boolean;
  /** Matches of these signals lying inside this rule's match are dropped ("me amenazó con matarme"). */
  suppresses?: Signal[];
  /**
   * The phrase names a lethal method ("jumping in front of a train", "tirarme del puente"): thoughts about it are
   * C-SSRS 3 (thoughts with a method) and stay urgent instead of becoming non-specific thoughts.
   */
  method?: boolean;
  /**
   * The phrase gives its level but not certainty: asked about before anyone is alerted, as a concern from the model is
   * ("what's the point" as the whole message may be about the homework, or about living).
   */
  ask?: boolean;
}

export interface LexiconRule extends RuleOptions {
  id: string;
  signal: Signal;
  category: RiskCategory;
  level: RiskLevel;
  pattern: RegExp;
}

export interface LexiconCues {
  negations: string[];
  /** A negation followed by one of these words is not a negation ("not sure", "no sé", "can't stop"). */
  negationExceptions: Record<string, string[]>;
  /** Words that end a negation's scope when met walking back from the phrase. */
  scopeBreakers: string[];
  /** Words that split clauses for past-tense and "thinking about" scope. */
  clauseBreakers: string[];
  /**
   * Words that join two clauses ("and", "y"): a time in the past on the far side of one does not make the phrase
   * past ("I want to kill myself and I tried two years ago" is ideation now, with a history).
   */
  coordinators: string[];
  /**
   * Verbs in the present, first person or without a subject ("want", "quiero"): after a coordinator they start a
   * clause of their own, so "I used to love running and want to die" is not past ("and wanted to" would be).
   * Spanish clitics before them ("y me quiero morir") are skipped.
   */
  presentVerbs: string[];
  selfSubjects: string[];
  thirdSubjects: string[];
  /** Person nouns that, after "my"/"mi"/"a", make the subject someone else. */
  thirdNouns: string[];
  pastMarkers: RegExp;
  presentMarkers: RegExp;
  /** Tested on the words just before the phrase ("tried to", "intenté"). */
  pastVerbs: RegExp;
  /** Tested on the words just before the phrase ("thinking about", "pienso en"). */
  thoughtsBefore: RegExp;
  /** Tested on the words just after the phrase ("… is all I think about"). */
  thoughtsAfter: RegExp;
  hyperbole: RegExp;
  /** Someone else's risk is happening now ("he's up there right now"): a third party's ideation stays urgent. */
  immediacy: RegExp;
  /** A time within hours ("tonight", "esta noche"): "thinking about … tonight" is not mere thoughts. */
  timeBound: RegExp;
  /** Family, friends and pets: "I'm going to kill my sister lol" is the hyperbole of a sibling quarrel. */
  family: RegExp;
  /** Future or finality ("will", "finally", "voy a"): with a time within hours, passive ideation becomes intent. */
  future: RegExp;
  /**
   * A story's frame ("in the game", "the main character", "en la serie", "el personaje"), tested on the sentence
   * before a phrase about someone else: a character's or a news story's death is not a person at risk.
   */
  fiction: RegExp;
  /**
   * Someone with the writer or speaking to them ("the man next to me said", "a guy at work told me", "me dijo"):
   * a real person, whatever story or news is also in the sentence.
   */
  present: RegExp;
  /** A reported question ("she asked me if", "me preguntó si"), tested on the sentence before a phrase. */
  askedBefore: RegExp;
  /** The writer's answer was no ("…, i said no, never", "y le dije que no"), tested on the text after the phrase. */
  answeredNo: RegExp;
  /** A questionnaire's item answered zero, said before the item ("scored 0 on the", "puse 0 en la pregunta de"). */
  zeroBefore: RegExp;
  /** The answer is taken back ("but i lied", "pero la verdad"), tested on the text after the phrase. */
  answerRetracted: RegExp;
}

export interface Lexicon {
  locale: string;
  idioms: RegExp[];
  rules: LexiconRule[];
  cues: LexiconCues;
}

// ---------------------------------------------------------------------------------------------------------------
// Levels

export const RISK_LEVELS: readonly RiskLevel[] = ['none', 'concern', 'urgent'];

export function levelRank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

export function maxLevel(a: RiskLevel, b: RiskLevel): RiskLevel {
  return levelRank(a) >= levelRank(b) ? a : b;
}

export const CATEGORY_ORDER: readonly RiskCategory[] = [
  'self_harm_suicide',
  'harm_to_others',
  'harmed_by_others',
  'disordered_eating',
  'third_party',
];

export function sortCategories(categories: Iterable<RiskCategory>): RiskCategory[] {
  const set = new Set(categories);
  return CATEGORY_ORDER.filter((c) => set.has(c));
}
