import { SUPPORTED_LANGUAGES, variants } from '../src/i18n';
import { normaliseCommandText } from '../src/bot/commands';
import { ChecklistItem } from '../src/client/records';

/** Cue phrases of one kind (`rehearsal.cues_<kind>`) in every language, normalised like typed text. */
function cues(kind: string): string[] {
  return SUPPORTED_LANGUAGES.flatMap((language) => variants(language, `rehearsal.cues_${kind}`)).map(normaliseCommandText).filter(Boolean);
}

function mentions(padded: string, kind: string): boolean {
  return cues(kind).some((phrase) => padded.includes(` ${phrase} `));
}

/**
 * Which checklist points a rehearsed sentence meets, by simple phrase cues from the locales (in every
 * language, as clients mix them): a clear request, an "I" statement, a named feeling, no blaming words,
 * and a specific ask (a request with a time, day or number in it). A rough mirror, not a judgement.
 */
export function checkDraft(text: string): ChecklistItem[] {
  const padded = ` ${normaliseCommandText(text).replace(/\?/g, ' ').replace(/\s+/g, ' ').trim()} `;
  const met: ChecklistItem[] = [];
  const request = mentions(padded, 'request');
  if (request) met.push('clearRequest');
  if (mentions(padded, 'iStatement')) met.push('iStatement');
  if (mentions(padded, 'feeling')) met.push('namesFeeling');
  if (!mentions(padded, 'blame')) met.push('noBlame');
  if (request && (/\d/.test(padded) || mentions(padded, 'specific'))) met.push('specificAsk');
  return met;
}
