/**
 * How strongly a person put a feeling, read from the words around it, so a reflection keeps their intensity:
 * "algo cansada" is met with a mild line, "muy cansada" with a stronger one, a bare "cansada" with a neutral
 * one. Works on text already normalised (lower case, no accents or punctuation, see ./yesNo.ts).
 */
export const INTENSITIES = ['mild', 'neutral', 'strong'] as const;
export type Intensity = (typeof INTENSITIES)[number];

const words = (list: string): string => list.trim().split(/\s*\|\s*/).join('|');

/** Softeners, right before the feeling ("a bit tired", "un poco sola") or right after it ("tired a bit"). */
const SOFTENER = words(`
  a bit | a little bit | a little | little bit | a tad | a touch | bit | kind of | kinda | sort of | sorta | slightly | somewhat | mildly | a wee bit |
  algo | un poco | un poquito | un poquitin | poquito | medio | ligeramente | levemente | un tanto | un pelin | un pelito
`);

/** Intensifiers, right before the feeling ("really tired", "muy cansada", "bien cansada", "re cansada"). */
const INTENSIFIER = words(`
  very | really | so | super | extremely | incredibly | totally | completely | absolutely | utterly | terribly | awfully | seriously | deeply | too | such a | so much |
  muy | super | re | requete | tan | bien | demasiado | demasiada | tremendamente | sumamente | totalmente | completamente | increiblemente | mucho | mucha | muchisimo | muchisima | tanto | tanta
`);

/** After the feeling: "tired a bit", "sola un montón", "lonely as anything". */
const SOFT_AFTER = words(`a bit | a little | a little bit | kind of | sort of | un poco | un poquito | un poquitin | algo`);
const STRONG_AFTER = words(`a lot | so much | beyond words | un monton | muchisimo | demasiado | a morir | hasta no poder mas`);

/** Words a modifier may stand apart from its feeling by ("kind of feeling lonely", "un poco de cansancio"). */
const FILLER = words(`a | an | feeling | feel | felt | i | im | am | was | been | got | getting | of | me | siento | senti | sentia | estoy | estaba | ando | quede | de | con`);

/** Words that are strong on their own ("exhausted", "agotada", "heartbroken"), unless softened. */
const STRONG_WORDS = new RegExp(`\\b(?:${words(`
  exhausted | drained | shattered | knackered | burnt out | burned out | heartbroken | miserable | devastated | furious | overwhelmed | panicky | isolated |
  agotado | agotada | agotamiento | rendido | rendida | sin fuerzas | destrozado | destrozada | furioso | furiosa | \\p{L}+isim[oa]s?
`)})\\b`, 'u');

const SOFT_BEFORE = new RegExp(`\\b(?:${SOFTENER})\\s+(?:(?:${FILLER})\\s+){0,2}$`);
const STRONG_BEFORE = new RegExp(`\\b(?:${INTENSIFIER})\\s+(?:(?:${INTENSIFIER}|${FILLER})\\s+){0,2}$`);
const SOFT_AFTER_RE = new RegExp(`^\\s*(?:${SOFT_AFTER})\\b`);
const STRONG_AFTER_RE = new RegExp(`^\\s*(?:${STRONG_AFTER})\\b`);

/**
 * The intensity of the feeling word `word` found in `clause` at `index`: a softener before or after it makes
 * it mild (a softener wins: "a bit exhausted" is mild), an intensifier or a strong word makes it strong.
 */
export function intensityAt(clause: string, index: number, word: string): Intensity {
  const before = clause.slice(0, index);
  const after = clause.slice(index + word.length);
  if (SOFT_BEFORE.test(before) || SOFT_AFTER_RE.test(after)) return 'mild';
  if (STRONG_BEFORE.test(before) || STRONG_AFTER_RE.test(after) || STRONG_WORDS.test(word)) return 'strong';
  return 'neutral';
}

/** One intensity for several feelings named together: the shared one, else neutral (never stronger or milder than said). */
export function combined(intensities: Intensity[]): Intensity {
  return intensities.every((i) => i === intensities[0]) ? (intensities[0] ?? 'neutral') : 'neutral';
}
