/**
 * Turns a reviewed alert into a candidate line for the screening corpus (the JSON Lines format of the
 * corpus: text, locale, level, categories, family, note). Pure: the caller gives the names to hide and
 * the random family id. Nothing here identifies the client: names become [NAME], and e-mail addresses,
 * phone numbers, URLs, handles and ids are replaced by placeholders.
 */
import { Alert } from '../escalation/alert';
import { ReviewReason } from './alertReview';

export interface CorpusLine {
  text: string;
  locale: Alert['language'];
  level: Alert['level'];
  categories: Alert['categories'];
  family: string;
  note: string;
}

const REASON_NOTES: Record<ReviewReason, string> = {
  idiom_hyperbole: 'idiom or hyperbole',
  fiction_news: 'fiction or news',
  third_party: 'third party',
  past_history: 'past history',
  other: 'other',
};
const OUTCOME_NOTES = { needed: 'needed', false_alarm: 'false alarm' } as const;

// Order matters: e-mails and URLs before phone numbers (their digits), ids before numbers.
const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu, '[EMAIL]'],
  // A URL ends before the punctuation that follows it in a sentence.
  [/\b(?:https?:\/\/|www\.)\S*[^\s.,;:!?)"'»]/giu, '[URL]'],
  [/\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|org|net|edu|gov|io|co|me|info|app|es|mx|ar|cl|pe|uk|us)\b(?:\/\S*[^\s.,;:!?)"'»])?/giu, '[URL]'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/giu, '[ID]'],
  [/(?<![\p{L}\p{N}])@[\p{L}\p{N}_.]{2,}/gu, '[HANDLE]'],
  // Seven or more digits, with the spaces, dots, dashes and brackets people put in phone numbers.
  [/\+?\(?\d(?:[\s().-]*\d){6,}/gu, '[PHONE]'],
];

/** Lower case without accents: "José" and "jose" are the same name to hide. */
const fold = (word: string) => word.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();

/**
 * Replaces every word of the given names (and the given ids, wherever they appear) with placeholders, and
 * removes e-mail addresses, phone numbers, URLs and handles.
 */
export function anonymise(text: string, names: readonly string[], ids: readonly string[] = []): string {
  let out = text;
  for (const id of ids.filter((i) => i.trim().length >= 3).sort((a, b) => b.length - a.length)) {
    out = out.split(id).join('[ID]');
  }
  for (const [pattern, placeholder] of PATTERNS) out = out.replace(pattern, placeholder);
  const hidden = new Set(names.flatMap((name) => name.split(/[^\p{L}\p{N}'’-]+/u)).map(fold).filter((word) => word.length >= 2));
  if (hidden.size === 0) return out;
  return out.replace(/[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu, (word) => {
    if (hidden.has(fold(word))) return '[NAME]';
    // "Sam's", "Ana-María": hide the name part and keep the rest of the word.
    const parts = word.split(/(['’-])/);
    return parts.some((part) => hidden.has(fold(part))) ? parts.map((part) => (hidden.has(fold(part)) ? '[NAME]' : part)).join('') : word;
  });
}

/**
 * The corpus line for a reviewed alert, or undefined when it has no words left (the client deleted their
 * data, or nothing but identifiers was said). A false alarm is a negative (level none, no categories); a
 * needed alert keeps its level and categories.
 */
export function corpusLine(alert: Alert, hide: { names: readonly string[]; ids: readonly string[] }, family: string): CorpusLine | undefined {
  if (!alert.reviewOutcome || alert.clientErasedAt) return undefined;
  const words = (alert.excerpt ?? '').trim();
  if (!words || words === '—') return undefined;
  const text = anonymise(words, hide.names, hide.ids);
  if (!/\p{L}/u.test(text.replace(/\[(?:NAME|EMAIL|URL|ID|HANDLE|PHONE)\]/gu, ''))) return undefined;
  const falseAlarm = alert.reviewOutcome === 'false_alarm';
  return {
    text,
    locale: alert.language,
    level: falseAlarm ? 'none' : alert.level,
    categories: falseAlarm ? [] : [...alert.categories],
    family,
    note: `from a reviewed alert: ${alert.reviewReason ? REASON_NOTES[alert.reviewReason] : OUTCOME_NOTES[alert.reviewOutcome]}`,
  };
}
