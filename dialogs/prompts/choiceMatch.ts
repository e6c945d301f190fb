import { Choice, findChoices } from 'botbuilder-dialogs';
import { normaliseAnswer, withoutDoubt } from './yesNo';
import { indexIn, readOneNumber, readPosition } from './numbers';

/**
 * Which of a question's choices a typed answer means, read as a person would: the title or id typed, its
 * position ("2", "the second one", "la última"), the whole title inside a sentence ("not yet, it's still
 * tomorrow"), the start of a title ("fairly close" for "Fairly close (middle circle)"), or the words that
 * tell one option from the others, typos and word endings allowed ("the one with Ana", "I think writing her
 * a message is best", "outter circle"). When an answer fits two options equally, nothing is chosen: the
 * question is asked again rather than a guess stored.
 *
 * Pure, and cheap: a few string comparisons per option; the number recognizers only when a digit or a
 * number word could be there.
 */

/** Words that tell options apart too little to count on their own. */
const FILLER = new Set(
  `a an the one ones i im me my it its is was be to of and or with for in on at that this think guess maybe probably
  best option choice would like want go about just really yes no please ok okay her him them she he they not never
  el la los las un una uno unos unas y o de del con en a al que lo le me mi mis es era ser creo pienso quizas mejor opcion
  quiero seria por para eso esa ese esta este si no ok vale ella el ellos`.split(/\s+/),
);

const tokens = (text: string): string[] => normaliseAnswer(text).split(' ').filter(Boolean);

/** Whether two words are the same word give or take a typo or an ending ("writing"/"write", "outter"/"outer"). */
export function sameWord(typed: string, word: string): boolean {
  if (typed === word) return true;
  if (typed.length < 4 || word.length < 4) return false;
  // Short words differ by one letter too often ("pero"/"peor"): typos count from five letters.
  if (Math.min(typed.length, word.length) < 5) return typed.startsWith(word) || word.startsWith(typed) ? Math.min(typed.length, word.length) >= 4 : false;
  let common = 0;
  while (common < Math.min(typed.length, word.length) && typed[common] === word[common]) common++;
  if (common >= 4 && common >= Math.min(typed.length, word.length) - 3) return true;
  return editDistance(typed, word, 2) <= (Math.min(typed.length, word.length) >= 7 ? 2 : 1);
}

/** Levenshtein distance with transpositions, stopping early once above `limit` (only small typos matter here). */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let beforePrevious: number[] = [];
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, beforePrevious[j - 2] + 1);
      current.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length];
}

function namesOf(choice: Choice): string[] {
  return [choice.value, ...(choice.synonyms ?? [])].map(normaliseAnswer).filter(Boolean);
}

/** The value when every candidate is the same option, else undefined (ambiguous or nothing). */
function onlyOne(values: Iterable<string>): string | undefined {
  const distinct = new Set(values);
  return distinct.size === 1 ? [...distinct][0] : undefined;
}

/** An option given by a number or a position, when the titles are not themselves numbers. */
function byPosition(text: string, choices: Choice[]): string | undefined {
  const titlesAreNumbers = choices.some((c) => namesOf(c).some((n) => /^\d+$/.test(n)));
  const hasNumberish = /\d|\p{L}{3,}/u.test(text);
  if (!hasNumberish) return undefined;
  const position = readPosition(text);
  if (position) {
    const index = indexIn(position, choices.length);
    return index === undefined ? undefined : choices[index].value;
  }
  const n = readOneNumber(text, { loneOne: false });
  if (n === undefined || !Number.isInteger(n)) return undefined;
  if (titlesAreNumbers) return onlyOne(choices.filter((c) => namesOf(c).includes(String(n))).map((c) => c.value));
  return n >= 1 && n <= choices.length ? choices[n - 1].value : undefined;
}

/** A whole title said inside a sentence, through botbuilder's own choice finder. */
function byWholeTitle(text: string, choices: Choice[]): string | undefined {
  const flat: Choice[] = choices.flatMap((c) => namesOf(c).map((name) => ({ value: `${c.value}\u0000${name}` })));
  const found = findChoices(normaliseAnswer(text), flat.map((c) => c.value.split('\u0000')[1]));
  if (found.length === 0) return undefined;
  return onlyOne(found.map((f) => flat[f.resolution.index].value.split('\u0000')[0]));
}

/** The start or the end of exactly one option's title ("fairly close", "very", "as expected"). */
function byPart(typed: string, choices: Choice[]): string | undefined {
  if (typed.length < 3) return undefined;
  const fits = (name: string) => name.startsWith(`${typed} `) || name.endsWith(` ${typed}`) || (name.startsWith(typed) && typed.length >= 4);
  return onlyOne(choices.filter((c) => namesOf(c).some(fits)).map((c) => c.value));
}

/** The option whose distinctive words the answer uses most (typos and endings allowed); none on a tie. */
function byDistinctiveWords(typed: string[], choices: Choice[]): string | undefined {
  const wordsOf = choices.map((c) => new Set(namesOf(c).flatMap((n) => n.split(' ')).filter((w) => !FILLER.has(w))));
  const heard = typed.filter((w) => !FILLER.has(w) && (w.length >= 3 || /\d/.test(w)));
  if (heard.length === 0) return undefined;
  const scores = choices.map((_, i) => {
    let score = 0;
    for (const word of heard) {
      const here = [...wordsOf[i]].some((w) => sameWord(word, w));
      if (!here) continue;
      const elsewhere = wordsOf.some((other, j) => j !== i && [...other].some((w) => sameWord(word, w)));
      if (!elsewhere) score++;
    }
    return score;
  });
  const best = Math.max(...scores);
  if (best === 0) return undefined;
  const winners = scores.flatMap((s, i) => (s === best ? [choices[i].value] : []));
  return winners.length === 1 ? winners[0] : undefined;
}

/** The option whose id or title is exactly what was typed (case, accents and punctuation aside). */
export function matchTitle(text: string, choices: Choice[]): string | undefined {
  const typed = normaliseAnswer(text);
  return typed ? onlyOne(choices.filter((c) => namesOf(c).includes(typed)).map((c) => c.value)) : undefined;
}

/** The option a typed answer means, or undefined when it means none of them or could mean several. */
export function matchChoice(text: string, choices: Choice[]): string | undefined {
  const typed = normaliseAnswer(text);
  if (!typed || choices.length === 0) return undefined;
  const exact = matchTitle(text, choices);
  if (exact) return exact;
  const meant = byMeaning(text, typed, choices);
  // Doubt is not a choice: "no sé" holds the word of a "No" button, and so does "no idea". An answer with doubt in
  // it picks an option whose own title has those words ("Más o menos como esperaba", "Not sure"); otherwise only
  // the rest of the answer is read ("probably the second one", "no sé, el mismo día creo"), and doubt alone picks nothing.
  const rest = withoutDoubt(typed);
  if (rest === typed) return meant;
  const titledWithDoubt = choices.some((c) => c.value === meant && namesOf(c).some((name) => withoutDoubt(name) !== name));
  if (titledWithDoubt) return meant;
  return rest ? byMeaning(rest, rest, choices) : undefined;
}

function byMeaning(text: string, typed: string, choices: Choice[]): string | undefined {
  return byPosition(text, choices) ?? byWholeTitle(text, choices) ?? byPart(typed, choices) ?? byDistinctiveWords(tokens(text), choices);
}
