import { normaliseAnswer } from './yesNo';

/**
 * A name (and who the person is to the client) from what people type when asked for one: "Nice to meet
 * you, you can call me Dani." → Dani; "Un placer conocerte, me llamo Lucía." → Lucía; "soy Lucía"; "my
 * sister Ana, we talked on the phone" → Ana, sister; "my dad" → no name, relation dad. A short answer with no
 * cue ("Dani", "Ana María") is the name as typed. Pure.
 */
export interface NameReading {
  /** The name, as typed (capitalised when typed all in lower case). */
  name?: string;
  /** Who they are to the client, in the client's words ("sister", "mi papá" → "papá"). */
  relation?: string;
  /** The name came out of a longer sentence: worth a short confirmation. */
  extracted: boolean;
}

const MAX_NAME_WORDS = 3;

/** Cues after which a name follows. */
const SELF_CUES = [
  /\b(?:you can call me|you may call me|just call me|call me|please call me|my name is|my names|my name s|name is|names|the name is|i go by|people call me|everyone calls me|it is|its)\s+(.+)$/,
  /\b(?:me llamo|mi nombre es|puedes llamarme|llamame|llamenme|me puedes llamar|dime|me dicen|me llaman|todos me dicen|mi nombre)\s+(.+)$/,
  /\b(?:i am|im|this is|soy|yo soy)\s+(.+)$/,
  // Someone else's name, or a new one for them ("call her Anita", "se llama Anita", "cámbialo a Anita").
  /\b(?:call (?:her|him|them)|her name is|his name is|their name is|her names|his names|(?:she|he) goes by|they go by|(?:change|rename) (?:it|her|him|them|the name)? ?to|make it|it should be|should be|now its|now it is)\s+(.+)$/,
  /\b(?:se llama|llamala|llamalo|llamale|su nombre es|le dicen|le llaman|cambialo a|cambialo por|cambiale el nombre a|cambialo|ponle|ponlo|ponla|mejor|ahora es|en realidad es|es)\s+(.+)$/,
];

/** What follows "I'm" / "soy" that is not a name ("I'm tired", "soy de México"). */
const NOT_A_NAME = new Set(
  `a an the not so very just fine good ok okay tired sad here back sorry really feeling from in at on well alright glad happy
  de del la el un una muy bien mal yo cansado cansada triste aqui nuevo nueva feliz shes hes theyre its thats were`.split(/\s+/),
);

/** Words that end a name ("Dani, thanks", "Ana and we talked"). */
const AFTER_NAME = new Set(
  `and but we who she he they please thanks thank because since from at that is was y pero que quien porque nos ella el gracias por desde es era with con
  actually now instead not no anymore ahora realmente`.split(/\s+/),
);

/** Relations, longest first so "best friend" wins over "friend"; the value is the word kept. */
const RELATIONS = `best friend | friend from work | step mother | stepmother | stepfather | mother in law | father in law | grandmother | grandfather |
  grandma | grandpa | granny | mother | mom | mum | mommy | father | dad | daddy | papa | mama | sister | brother | wife | husband |
  partner | boyfriend | girlfriend | fiance | fiancee | son | daughter | friend | boss | manager | colleague | coworker | co worker |
  aunt | uncle | cousin | niece | nephew | neighbour | neighbor | roommate | flatmate | housemate | teacher | ex | child | kid |
  mejor amiga | mejor amigo | companera de trabajo | companero de trabajo | suegra | suegro | abuela | abuelo | madre | mama | padre | papa |
  hermana | hermano | esposa | esposo | marido | mujer | pareja | novia | novio | hija | hijo | amiga | amigo | jefa | jefe |
  companera | companero | colega | tia | tio | prima | primo | sobrina | sobrino | vecina | vecino | madrastra | padrastro`
  .split('|')
  .map((r) => r.trim())
  .filter(Boolean);

const RELATION = new RegExp(`\\b(?:my|mi|mis)\\s+(${RELATIONS.join('|')})\\b(?:\\s+(.+))?`);

/** The typed words at the same positions as the normalised ones, so "Lucía" keeps its accent. */
function originalWords(text: string): string[] {
  return text
    .replace(/[^\p{L}\p{N}'’\- ]+/gu, ' ')
    .split(/\s+/)
    .filter((w) => normaliseAnswer(w) !== '');
}

function capitalise(word: string): string {
  return word === word.toLowerCase() ? word.charAt(0).toLocaleUpperCase() + word.slice(1) : word;
}

/** The name at the start of `rest` (normalised words), taken from the typed words at `offset`. */
function nameAt(rest: string, typed: string[], offset: number): string | undefined {
  const words: string[] = [];
  for (const [i, word] of rest.split(' ').entries()) {
    if (AFTER_NAME.has(word) || words.length >= MAX_NAME_WORDS) break;
    const original = typed[offset + i];
    if (!original || !/\p{L}/u.test(original)) break;
    words.push(capitalise(original));
  }
  return words.length > 0 ? words.join(' ') : undefined;
}

/** A clause read on its own: its normalised words and the typed words at the same positions. */
interface Clause {
  normalised: string;
  typed: string[];
}

function clauses(raw: string): Clause[] {
  return raw
    .split(/[,.;!?¡¿()\n]+|\s[-—]\s/)
    .map((part) => ({ normalised: normaliseAnswer(part), typed: originalWords(part) }))
    .filter((c) => c.normalised !== '');
}

/** Number of words in `normalised` before character `at`. */
function wordsBefore(normalised: string, at: number): number {
  return normalised.slice(0, at).split(' ').filter(Boolean).length;
}

function relationIn(clause: Clause): { relation: string; name?: string } | undefined {
  const match = RELATION.exec(clause.normalised);
  if (!match) return undefined;
  const at = wordsBefore(clause.normalised, match.index) + 1;
  const relationWords = match[1].split(' ').length;
  const relation = clause.typed.slice(at, at + relationWords).join(' ').toLowerCase();
  const name = match[2] ? nameAt(match[2], clause.typed, at + relationWords) : undefined;
  return { relation, name };
}

/** A name after a cue ("call me", "me llamo", "I'm"); `null` when a cue is there but no name follows ("I'm tired"). */
function cuedName(clause: Clause): string | undefined | null {
  let cueSeen = false;
  for (const cue of SELF_CUES) {
    const match = cue.exec(clause.normalised);
    if (!match) continue;
    cueSeen = true;
    if (NOT_A_NAME.has(match[1].split(' ')[0])) continue;
    const name = nameAt(match[1], clause.typed, wordsBefore(clause.normalised, match.index + match[0].length - match[1].length));
    if (name) return name;
  }
  return cueSeen ? null : undefined;
}

/** A clause that is only a name ("Ana" in "Ana, my sister"). */
function bareName(clause: Clause): string | undefined {
  const count = clause.normalised.split(' ').length;
  if (count > MAX_NAME_WORDS || clause.normalised.split(' ').some((w) => AFTER_NAME.has(w) || NOT_A_NAME.has(w) || GREETING.has(w))) return undefined;
  return clause.typed.map(capitalise).join(' ');
}

/** Greetings and pleasantries that are never a name. */
const GREETING = new Set(`hi hello hey hiya hola buenas buenos dias tardes noches encantado encantada nice meet you placer conocerte gusto mucho thanks gracias ok vale`.split(/\s+/));

export function readName(text: string | undefined): NameReading {
  const raw = (text ?? '').replace(/\s+/g, ' ').trim();
  const parts = clauses(raw);
  if (parts.length === 0) return { extracted: false };
  const totalWords = parts.reduce((n, c) => n + c.normalised.split(' ').length, 0);

  for (const [i, clause] of parts.entries()) {
    const found = relationIn(clause);
    if (!found) continue;
    // "Ana, my sister": the name in a clause of its own next to the relation.
    const name = found.name ?? [parts[i - 1], parts[i + 1]].map((c) => (c ? bareName(c) : undefined)).find(Boolean);
    const used = 1 + found.relation.split(' ').length + (name?.split(' ').length ?? 0);
    return { name, relation: found.relation, extracted: totalWords > used };
  }

  let cueWithoutName = false;
  for (const clause of parts) {
    const name = cuedName(clause);
    if (name) return { name, extracted: true };
    if (name === null) cueWithoutName = true;
  }
  if (cueWithoutName) return { extracted: false };

  // No cue: a short answer is the name itself.
  const onlyGreeting = parts.every((c) => c.normalised.split(' ').every((w) => GREETING.has(w)));
  if (!onlyGreeting && totalWords <= MAX_NAME_WORDS && raw.length <= 40 && /\p{L}/u.test(raw)) return { name: raw.replace(/[.!]+$/, '').trim(), extracted: false };
  return { extracted: false };
}
