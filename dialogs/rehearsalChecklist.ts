import { SUPPORTED_LANGUAGES, variants } from '../src/i18n';
import { normaliseCommandText } from '../src/bot/commands';
import { ChecklistItem } from '../src/client/records';

/** The kinds of blame the checklist recognises, each with its own rewrite suggestion (`rehearsal.rewrite_<kind>`). */
export const BLAME_KINDS = ['label', 'fedUp', 'absolute', 'fault'] as const;
export type BlameKind = (typeof BLAME_KINDS)[number];

const cueCache = new Map<string, string[]>();
/** Cue phrases of one kind (`rehearsal.cues_<kind>`) in every language, normalised like typed text. */
function cues(kind: string): string[] {
  let list = cueCache.get(kind);
  if (!list) {
    list = SUPPORTED_LANGUAGES.flatMap((language) => variants(language, `rehearsal.cues_${kind}`)).map(normaliseCommandText).filter(Boolean);
    cueCache.set(kind, list);
  }
  return list;
}

function mentions(padded: string, kind: string): boolean {
  return cues(kind).some((phrase) => padded.includes(` ${phrase} `));
}

/** "you're useless", "eres un egoísta", "sos tan vago", "qué inútil eres": a label put on the person. */
function labels(padded: string): boolean {
  const words = cues('blameLabel');
  return cues('blameLabelLead').some((lead) => padded.includes(` ${lead} `) && words.some((word) => padded.includes(` ${lead} ${word} `))) || words.some((word) => padded.includes(` que ${word} eres `) || padded.includes(` que ${word} sos `));
}

/**
 * Spanish drops the "tú": "nunca me escuchas", "siempre llegas tarde". "siempre"/"nunca"/"jamás", then
 * perhaps a pronoun, then a verb in the second person (-as/-es). Words that end the same way but are not
 * verbs ("nunca antes", "a veces") are left out.
 */
const SPANISH_ABSOLUTE = / (?:siempre|nunca|jamas)(?: (?:me|te|nos|lo|la|los|las|le|les|se))* (\p{L}{2,}(?:as|es))(?= )/gu;
const NOT_VERBS = new Set(['antes', 'veces', 'mientras', 'entonces', 'demas', 'atras', 'ademas', 'jamas', 'mas', 'tres', 'meses', 'semanas', 'horas', 'cosas', 'personas']);

function absolute(padded: string): boolean {
  if (mentions(padded, 'blameAbsolute')) return true;
  return [...padded.matchAll(SPANISH_ABSOLUTE)].some((found) => !NOT_VERBS.has(found[1]));
}

/** The kinds of blame in a sentence, most hurtful first; empty when none of the cues is there. */
export function blameIn(text: string): BlameKind[] {
  const padded = pad(text);
  const found: BlameKind[] = [];
  if (labels(padded)) found.push('label');
  if (mentions(padded, 'blameFedUp')) found.push('fedUp');
  if (absolute(padded)) found.push('absolute');
  if (mentions(padded, 'blame')) found.push('fault');
  return found;
}

function pad(text: string): string {
  return ` ${normaliseCommandText(text).replace(/\?/g, ' ').replace(/\s+/g, ' ').trim()} `;
}

/**
 * Which checklist points a rehearsed sentence meets, by simple phrase cues from the locales (in every
 * language, as clients mix them): a clear request, an "I" statement, a named feeling, no blaming words,
 * and a specific ask (a request with a time, day or number in it). A rough mirror, not a judgement — and
 * the client is told so.
 */
export function checkDraft(text: string): ChecklistItem[] {
  const padded = pad(text);
  const met: ChecklistItem[] = [];
  const request = mentions(padded, 'request');
  if (request) met.push('clearRequest');
  if (mentions(padded, 'iStatement')) met.push('iStatement');
  if (mentions(padded, 'feeling')) met.push('namesFeeling');
  if (blameIn(text).length === 0) met.push('noBlame');
  if (request && (/\d/.test(padded) || mentions(padded, 'specific'))) met.push('specificAsk');
  return met;
}
