import type { LexiconRule, RuleOptions, RiskCategory, RiskLevel, Signal } from '../types';

/** A rule builder for one language's lexicon: rule ids are prefixed with the language (`en.`, `es.`). */
export function ruleBuilder(language: string) {
  return function rule(id: string, signal: Signal, category: RiskCategory, level: RiskLevel, pattern: RegExp, options: RuleOptions = {}): LexiconRule {
    return { id: `${language}.${id}`, signal, category, level, pattern, ...options };
  };
}

/** Short names for the categories, so rule tables stay readable. */
export const S: RiskCategory = 'self_harm_suicide';
export const O: RiskCategory = 'harm_to_others';
export const B: RiskCategory = 'harmed_by_others';
export const E: RiskCategory = 'disordered_eating';
