import { Language, variants } from '../../src/i18n';
import { normaliseAnswer } from './yesNo';
import { combined, Intensity, intensityAt } from './intensity';

/**
 * A short reflection of what the person just wrote, said before the next question: a death, loneliness,
 * tiredness, a conflict, worry, sadness, anger, or something good, named briefly ("my dad passed away" is
 * not followed by a bare next question), as strongly as the person put it ("algo cansada" is not "te pesa
 * mucho el cansancio"; see ./intensity.ts). Pure: the themes come from the words, the sentence from
 * `locales/<language>/reflect.json`, picked by a seed (the local day, so the wording varies across days)
 * and never the same as the previous one.
 */

export const THEMES = ['loss', 'lonely', 'tired', 'conflict', 'worried', 'sad', 'angry', 'good'] as const;
export type Theme = (typeof THEMES)[number];

const words = (list: string): string => list.trim().split(/\s*\|\s*/).join('|');

const THEME_WORDS: Record<Theme, RegExp> = {
  loss: new RegExp(`\\b(?:${words(`
    passed away | passed on | died | has died | dead | death | funeral | lost my (?:mum|mom|mother|dad|father|wife|husband|partner|son|daughter|brother|sister|friend|grandma|grandpa|baby|dog|cat) |
    bereaved | bereavement | grieving | grief | miscarriage |
    fallecio | fallecida | fallecido | murio | muerta | muerto | muerte | funeral | velorio | entierro | duelo | perdi a mi | se nos fue | aborto espontaneo
  `)})\\b`),
  lonely: new RegExp(`\\b(?:${words(`
    lonely | loneliness | alone | isolated | on my own | by myself | nobody to talk | no one to talk | left out | no friends |
    (?:me siento|estoy|muy|tan|bastante|algo|un poco|me senti|me quede) solo | sola | solita | solisimo | solisima | soledad | aislado | aislada | sin nadie | nadie con quien hablar | me siento apartad[oa]
  `)})\\b`),
  tired: new RegExp(`\\b(?:${words(`
    tired | exhausted | worn out | drained | no energy | sleepy | shattered | knackered | fatigued | burnt out | burned out |
    cansado | cansada | cansadisimo | cansadisima | cansancio | agotado | agotada | agotamiento | sin energia | rendido | rendida | sin fuerzas | con sueno
  `)})\\b`),
  conflict: new RegExp(`\\b(?:${words(`
    argued | argue | arguing | argument | fight | fought | fighting | row | rowed | shouted | yelled | conflict | tension | fell out | disagreement |
    discuti | discutimos | discutiendo | discusion | pelea | peleamos | pelear | bronca | grito | gritamos | me grito | conflicto | tension | nos peleamos
  `)})\\b`),
  worried: new RegExp(`\\b(?:${words(`
    anxious | anxiety | worried | worry | worrying | stressed | stress | nervous | overwhelmed | panicky | on edge | tense |
    ansioso | ansiosa | ansiedad | preocupado | preocupada | preocupadisimo | preocupadisima | preocupacion | estresado | estresada | estres | agobiado | agobiada | nervioso | nerviosa | angustiad[oa]
  `)})\\b`),
  sad: new RegExp(`\\b(?:${words(`
    sad | sadness | down | low | crying | cried | miserable | heartbroken | upset | blue | gloomy |
    triste | tristisimo | tristisima | tristeza | llore | llorando | bajon | decaido | decaida | desanimado | desanimada | con el animo bajo
  `)})\\b`),
  angry: new RegExp(`\\b(?:${words(`
    angry | anger | furious | annoyed | irritated | frustrated | frustration | mad at | cross |
    enfadado | enfadada | enojado | enojada | molesto | molesta | frustrado | frustrada | frustracion | rabia | furioso | furiosa | irritad[oa]
  `)})\\b`),
  good: new RegExp(`\\b(?:${words(`
    happy | glad | great | good | calm | relaxed | relieved | grateful | hopeful | proud | content | better |
    feliz | contento | contenta | alegre | tranquilo | tranquila | relajado | relajada | aliviado | aliviada | agradecido | agradecida | orgulloso | orgullosa | bien | mejor
  `)})\\b`),
};

/** The same patterns, global, built once: each clause is searched for every match (a negated one may come first). */
const THEME_SEARCH = Object.fromEntries(THEMES.map((theme) => [theme, new RegExp(THEME_WORDS[theme].source, 'g')])) as Record<Theme, RegExp>;
const NOT_LOSS_ALL = () => new RegExp(NOT_LOSS.source, 'g');

/** "not tired", "no estoy cansada", "never lonely": the word is there, the feeling is not. */
const NEGATED = /\b(?:not|no|never|isnt|wasnt|arent|dont|didnt|nada|ni|nunca|tampoco|no estoy|no me siento)\s+(?:\p{L}+\s+)?$/u;

/** Idioms where a theme word means something else ("dead tired", "me muero de hambre" is screened elsewhere). */
const NOT_LOSS = /\b(?:dead tired|dead end|deadline|dead on|muerto de (?:cansancio|sueno|hambre|risa)|muerta de (?:cansancio|sueno|hambre|risa))\b/;

/** A theme as the person put it: what they named and how strongly (at its first mention). */
export interface ThemeReading {
  theme: Theme;
  intensity: Intensity;
}

/** The themes in a text, in the order they are first mentioned; a negation counts only inside its own clause. */
export function themesOf(text: string | undefined): Theme[] {
  return readThemes(text).map((reading) => reading.theme);
}

/** The themes in a text with the intensity each was said with ("a bit lonely": mild; "so tired": strong). */
export function readThemes(text: string | undefined): ThemeReading[] {
  const first = new Map<Theme, { at: number; intensity: Intensity }>();
  let offset = 0;
  for (const part of (text ?? '').split(/[,.;:!?\n]+|\s(?:but|pero|and|y)\s/)) {
    let clause = normaliseAnswer(part);
    if (!clause) continue;
    // "dead tired", "muerta de cansancio": tiredness, said strongly.
    if (NOT_LOSS.test(clause)) clause = clause.replace(NOT_LOSS_ALL(), (m) => (/tired|cansancio|sueno/.test(m) ? 'really tired' : ' '));
    for (const theme of THEMES) {
      const pattern = THEME_SEARCH[theme];
      pattern.lastIndex = 0;
      for (let m = pattern.exec(clause); m; m = pattern.exec(clause)) {
        if (NEGATED.test(clause.slice(0, m.index))) continue;
        if (!first.has(theme)) first.set(theme, { at: offset + m.index, intensity: intensityAt(clause, m.index, m[0]) });
        break;
      }
    }
    offset += clause.length + 1;
  }
  const found = [...first.entries()].sort(([, a], [, b]) => a.at - b.at).map(([theme, { intensity }]) => ({ theme, intensity }));
  // "good, but tired": the hard part is what gets named.
  return found.some(({ theme }) => theme !== 'good') ? found.filter(({ theme }) => theme !== 'good') : found;
}

function pick(options: string[], seed: number, previous: string | undefined): string {
  const start = Math.abs(seed) % options.length;
  for (let i = 0; i < options.length; i++) {
    const option = options[(start + i) % options.length];
    if (option !== previous) return option;
  }
  return options[start];
}

export interface ReflectionOptions {
  /** Varies the wording: the local day number makes a different sentence likely each day. */
  seed: number;
  /** The last reflection said to this person: never said twice in a row. */
  previous?: string;
}

/** The key of a theme's lines at an intensity: `reflect.tired_mild`, `reflect.tired`, `reflect.tired_strong`. */
function keyAt(base: string, intensity: Intensity): string {
  return intensity === 'neutral' ? base : `${base}_${intensity}`;
}

/** Fills a two-feelings template; a noun opening the sentence gets a capital. */
function fillTwo(template: string, a: string, b: string): string {
  const first = template.startsWith('{a}') ? a.charAt(0).toLocaleUpperCase() + a.slice(1) : a;
  return template.replace('{a}', first).replace('{b}', b);
}

/**
 * The sentence reflecting `text`, or undefined when it names nothing to reflect. A loss is reflected on its
 * own; two hard feelings are named together ("tiredness and loneliness"); one is named with its own line.
 * Each at the intensity the person used: softened, plain or strong (two feelings said differently: plain).
 */
export function reflect(language: Language, text: string | undefined, options: ReflectionOptions): string | undefined {
  const readings = readThemes(text);
  if (readings.length === 0) return undefined;
  if (readings.some(({ theme }) => theme === 'loss')) return pick(variants(language, 'reflect.loss'), options.seed, options.previous);
  const intensity = combined(readings.slice(0, 2).map((r) => r.intensity));
  if (readings.length >= 2) {
    // Softened nouns go without an article ("un poco de cansancio y de soledad").
    const nounKey = intensity === 'mild' ? 'reflect.nounBare_' : 'reflect.noun_';
    const [a, b] = readings.slice(0, 2).map(({ theme }) => variants(language, `${nounKey}${theme}`)[0]);
    const templates = variants(language, keyAt('reflect.two', intensity));
    const sentences = templates.map((template) => fillTwo(template, a, b));
    return pick(sentences, options.seed, options.previous);
  }
  return pick(variants(language, keyAt(`reflect.${readings[0].theme}`, intensity)), options.seed, options.previous);
}
