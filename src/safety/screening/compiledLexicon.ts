/**
 * The two lexicons compiled once, at module load: every rule split into its top-level alternatives and gated by its
 * anchors, the context cues of both languages merged and gated, the idioms, and the matcher over all of them.
 * Every inbound message is screened with both the English and the Spanish lexicon.
 */
import { requiredLiteralSets, splitAlternatives } from './literals';
import { GateRegistry, type Gated, type Requirements } from './matcher';
import { en } from './lexicon/en';
import { es } from './lexicon/es';
import type { Lexicon, LexiconCues, LexiconRule } from './types';

export interface CompiledRule {
  rule: LexiconRule;
  re: RegExp;
  /** Literal sets of which any match contains one string each; empty: always run. */
  anchors: Requirements;
  /** The rule's `requires` and `unless`, gated (shared by the parts of one rule). */
  requires: Gated[] | undefined;
  unless: Gated | undefined;
}

export interface CompiledCues {
  negations: Set<string>;
  negationExceptions: Map<string, Set<string>>;
  scopeBreakers: Set<string>;
  clauseBreakers: Set<string>;
  coordinators: Set<string>;
  presentVerbs: Set<string>;
  selfSubjects: Set<string>;
  thirdSubjects: Set<string>;
  thirdNouns: Set<string>;
  possessives: Set<string>;
  /** Someone the writer calls their own ("my coworker", "mi vecino"): a real person, not a story's character. */
  ownPerson: RegExp;
  pastMarkers: Gated;
  presentMarkers: Gated;
  pastVerbs: Gated;
  thoughtsBefore: Gated;
  thoughtsAfter: Gated;
  hyperbole: Gated;
  immediacy: Gated;
  timeBound: Gated;
  /** Tested on text that is not a stretch of the message (the phrase joined to the words after it): not gated. */
  family: RegExp[];
  future: Gated;
  /** Tested only around a phrase that matched, so not gated. */
  fiction: RegExp[];
  present: RegExp[];
  askedBefore: RegExp[];
  answeredNo: RegExp[];
  zeroBefore: RegExp[];
  answerRetracted: RegExp[];
}

const LEXICONS: readonly Lexicon[] = [en, es];

const registry = new GateRegistry();
const gated = (patterns: readonly RegExp[]): Gated => registry.gated(patterns);

function compileRules(lexicons: readonly Lexicon[]): CompiledRule[] {
  const seen = new Set<string>();
  const out: CompiledRule[] = [];
  for (const lexicon of lexicons) {
    for (const rule of lexicon.rules) {
      if (seen.has(rule.id)) throw new Error(`Duplicate screener rule id ${rule.id}; rule ids must be unique.`);
      seen.add(rule.id);
      const requires = rule.requires?.map((r) => gated([r]));
      const unless = rule.unless === undefined ? undefined : gated([rule.unless]);
      for (const part of splitAlternatives(rule.pattern.source)) {
        out.push({ rule, re: new RegExp(part, 'g'), anchors: requiredLiteralSets(part), requires, unless });
      }
    }
  }
  return out;
}

function compileCues(lexicons: readonly Lexicon[]): CompiledCues {
  const union = (pick: (c: LexiconCues) => string[]): Set<string> => new Set(lexicons.flatMap((l) => pick(l.cues)));
  const exceptions = new Map<string, Set<string>>();
  for (const l of lexicons) {
    for (const [word, next] of Object.entries(l.cues.negationExceptions)) {
      const set = exceptions.get(word) ?? new Set<string>();
      for (const n of next) set.add(n);
      exceptions.set(word, set);
    }
  }
  return {
    negations: union((c) => c.negations),
    negationExceptions: exceptions,
    scopeBreakers: union((c) => c.scopeBreakers),
    clauseBreakers: union((c) => c.clauseBreakers),
    coordinators: union((c) => c.coordinators),
    presentVerbs: union((c) => c.presentVerbs),
    selfSubjects: union((c) => c.selfSubjects),
    thirdSubjects: union((c) => c.thirdSubjects),
    thirdNouns: union((c) => c.thirdNouns),
    possessives: new Set(['my', 'a', 'his', 'her', 'our', 'their', 'mi', 'mis', 'su', 'sus', 'tu', 'un', 'una', 'nuestra', 'nuestro']),
    ownPerson: new RegExp(`\\b(?:my|our|mi|mis|nuestr[oa]s?) (?:${[...union((c) => c.thirdNouns)].join('|')})\\b`),
    pastMarkers: gated(lexicons.map((l) => l.cues.pastMarkers)),
    presentMarkers: gated(lexicons.map((l) => l.cues.presentMarkers)),
    pastVerbs: gated(lexicons.map((l) => l.cues.pastVerbs)),
    thoughtsBefore: gated(lexicons.map((l) => l.cues.thoughtsBefore)),
    thoughtsAfter: gated(lexicons.map((l) => l.cues.thoughtsAfter)),
    hyperbole: gated(lexicons.map((l) => l.cues.hyperbole)),
    immediacy: gated(lexicons.map((l) => l.cues.immediacy)),
    timeBound: gated(lexicons.map((l) => l.cues.timeBound)),
    family: lexicons.map((l) => l.cues.family),
    future: gated(lexicons.map((l) => l.cues.future)),
    fiction: lexicons.map((l) => l.cues.fiction),
    present: lexicons.map((l) => l.cues.present),
    askedBefore: lexicons.map((l) => l.cues.askedBefore),
    answeredNo: lexicons.map((l) => l.cues.answeredNo),
    zeroBefore: lexicons.map((l) => l.cues.zeroBefore),
    answerRetracted: lexicons.map((l) => l.cues.answerRetracted),
  };
}

export const RULES = compileRules(LEXICONS);
export const CUES = compileCues(LEXICONS);
/** Idioms of both languages, split into alternatives and gated like the rules. */
export const IDIOMS: { re: RegExp; anchors: Requirements }[] = LEXICONS.flatMap((l) => l.idioms).flatMap((r) =>
  splitAlternatives(r.source).map((part) => ({ re: new RegExp(part, 'g'), anchors: requiredLiteralSets(part) })),
);

/** One index over the anchors of every rule, gate and idiom. */
export const MATCHER = registry.build(
  RULES.map((r) => r.anchors),
  IDIOMS.map((i) => i.anchors),
);
