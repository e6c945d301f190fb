/**
 * Reads a whole typed answer to a yes/no question as `yes`, `no` or `unclear`, in English and Spanish.
 *
 * Pure: no state, no I/O. It reads the answer as a person would, not by its first word: "not sure" and
 * "no sé" are doubt, not "no"; "I did not" and "I have never" are "no", not "yes". Doubt ("maybe", "I think
 * so", "a veces", "no lo sé") is always `unclear`, never `no`: the caller asks again, and a safety question
 * treats what stays unclear as the cautious answer.
 *
 * Two readings differ only where a word is a yes to a request but not an answer to a question about how
 * someone is: in `general` mode "ok", "vale", "sounds fine" agree; in `safety` mode they are unclear (an
 * "ok" to "have you had thoughts of killing yourself?" is not a yes or a no), and so is a polite "I don't
 * think so". The Microsoft Recognizers' boolean is not used: it reads "I'm not sure" as yes.
 */
export type YesNo = 'yes' | 'no' | 'unclear';

export interface YesNoOptions {
  /** `safety` for questions about risk; `general` (default) for requests such as consent. */
  mode?: 'safety' | 'general';
  /** Extra whole answers that mean yes / no for this question (e.g. "I'm safe" to "are you safe?"), any language. */
  yes?: readonly string[];
  no?: readonly string[];
}

/** Lower case, no accents or apostrophes ("don't" → "dont"), stretched letters shortened, single spaces. */
export function normaliseAnswer(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/(\p{L})\1{2,}/gu, '$1')
    .trim();
}

const words = (list: string): string => list.trim().split(/\s*\|\s*/).join('|');

/** Doubt anywhere in the answer: unclear, whatever else it says. */
const DOUBT = new RegExp(
  `\\b(?:${words(`
    maybe | mayb | perhaps | possibly | probably | prob | perhaps so | might have | might be | could be | kind of | kinda | sort of | sorta |
    i think so | think so | i guess | i suppose | i reckon | not sure | unsure | im not sure | not really sure | not certain | no idea |
    idk | idek | dunno | i dont know | dont know | i do not know | i dont remember | dont remember | cant remember | hard to say |
    not that i know | not that i remember | depends | it depends | somewhat | more or less | on and off | hmm | hm | meh | ish |
    i cant say | cant say | who knows | not exactly | in a way |
    quizas | quiza | tal vez | talvez | a lo mejor | igual si | puede ser | puede que | creo que si | supongo |
    no se | nose | no lo se | ni idea | no estoy segur[oa] | no estoy seguro a | no sabria | no sabria decir | mas o menos | depende |
    no me acuerdo | no recuerdo | no lo tengo claro | no tengo claro | de alguna manera | en cierto modo | medio | masomenos | ns
  `)})\\b`,
);

/** The answer (normalised, as `normaliseAnswer` gives it) with its words of doubt taken out: "no sé" leaves nothing. */
export function withoutDoubt(said: string): string {
  return said.replace(new RegExp(DOUBT.source, 'g'), '').replace(/ +/g, ' ').trim();
}

/** How often or how much: a yes when it comes with a yes, unclear on its own. */
const QUANTITY = new RegExp(
  `\\b(?:${words(`
    sometimes | a little | a bit | a little bit | slightly | occasionally | once or twice | now and then | from time to time | at times |
    a veces | un poco | algo | un poquito | de vez en cuando | alguna vez | ocasionalmente | en ocasiones
  `)})\\b`,
);

/** Plain yes words, alone or opening the answer. */
const YES_WORD = words(`
  yes | y | ye | yea | yeah | yeh | yah | yep | yup | yes yes | yess | yas | aye | sure | sure thing | of course | ofc | definitely | absolutely |
  certainly | correct | thats right | thats true | indeed | affirmative | totally | uh huh | uhuh | mhm | mm hmm | mmhm |
  si | s | sip | sep | claro | claro que si | por supuesto | desde luego | obvio | obviamente | cierto | exacto | efectivamente | aja | asi es |
  la verdad es que si | la verdad que si | si la verdad | pues si | si claro | bastante
`);

/** Plain no words, alone or opening the answer. */
const NO_WORD = words(`
  no | n | nope | nop | nah | na | naw | nay | no no | never | never ever | not really | not at all | nope never | no way | negative |
  not once | not ever | absolutely not | definitely not | of course not | certainly not | not even once | nothing like that | none |
  nunca | jamas | nunca jamas | para nada | en absoluto | tampoco | ni hablar | que va | de ninguna manera | nada | nada de eso | nel |
  no nunca | la verdad no | la verdad es que no | la verdad que no | pues no | no la verdad | ninguna vez | ni una vez | para nada no
`);

/** Agreement that answers a request, not a question about how someone is (general mode only). */
const AGREE_WORD = words(`
  ok | okay | okey | okie | k | kk | fine | alright | all right | sounds good | sounds fine | that sounds fine | thats fine | thats ok |
  thats okay | good | great | perfect | go ahead | go for it | please | yes please | i agree | agree | agreed | lets do it | lets go |
  happy to | why not | vale | venga | dale | de acuerdo | bueno | perfecto | esta bien | me parece bien | adelante | acepto | porfa | por favor |
  genial | okas
`);

/** Polite refusals of a request (general mode only): "no thanks", "not now". */
const DECLINE_WORD = words(`
  no thanks | no thank you | not now | not yet | not today | maybe later | later | rather not | id rather not | i dont want to |
  i dont agree | i do not agree | dont agree | no gracias | ahora no | todavia no | aun no | luego | prefiero que no | no quiero |
  no acepto | no estoy de acuerdo
`);

/** A softened no: a no to a request, doubt to a safety question. */
const SOFT_NO = new RegExp(`\\b(?:${words(`i dont think so | dont think so | i do not think so | not that i can think of | no creo | creo que no | no lo creo`)})\\b`);

/** "I have", "I did", "yes I have", "he pensado", "lo he hecho": an answer in the first person, affirmed. */
const AFFIRMED_CLAUSE = new RegExp(
  `^(?:(?:${YES_WORD})\\s+)?(?:i(?:ve| have| did| do| am|m| was| had)|ive|i have|have|did|do|he|lo he|si he|si lo he|lo hice|lo he hecho|lo he pensado|he pensado|tengo|si estoy|lo estoy|lo tengo|si lo tengo|lo pense|si lo pense)(?:\\s+(?:been|had|done|thought|about|it|that|so|yes|si|lo|eso|pensado|hecho|en eso|en ello))*$`,
);

/** "I did not", "I have never", "I haven't", "no he", "nunca lo he pensado": a denial in the first person. */
const DENIED_CLAUSE = new RegExp(
  `^(?:(?:${NO_WORD})\\s+)?(?:i\\s+)?(?:ive\\s+|have\\s+|had\\s+|did\\s+|do\\s+|am\\s+|m\\s+|im\\s+|was\\s+)?(?:not|never|havent|hadnt|didnt|dont|wasnt|aint|no)(?:\\s+(?:have|had|did|do|ever|never|really|once|been|done|thought|that|it|this|so|at all|of it|about it|about that|anything like that))*$` +
    `|^(?:no\\s+|nunca\\s+|jamas\\s+)(?:lo\\s+|me\\s+|eso\\s+|la\\s+verdad\\s+)*(?:he|hice|tengo|estoy|pense|pensado|hecho|lo he|lo hice|lo he hecho|lo he pensado|me ha pasado|ha pasado)(?:\\s+(?:nada|nunca|jamas|eso|hecho|pensado|nada de eso|en eso|en ello))*$`,
);

/** A "but" after a no ("no, but sometimes…") takes the answer back into doubt. */
const BUT = /\b(?:but|though|although|except|pero|aunque|excepto|salvo que|sin embargo)\b/;

/** Yes words that cannot start anything else; "si", "y" and "s" can ("si me muero", "y nada"), so they need a pause or a tail. */
const SURE_YES_START = /^(?:yes|yeah|yea|yeh|yep|yup|yess|yas|sure|definitely|absolutely|of course|certainly|claro|por supuesto|obvio|sip|desde luego|efectivamente)\b/;
/** What may follow a bare "si" (no comma) and keep it a yes. */
const SI_TAIL = /^si (?:si|claro|he|lo he|lo hice|lo tengo|tengo|estoy|a veces|un poco|algo|bastante|mucho|muchas veces|todo el tiempo|todos los dias|siempre|la verdad|de verdad|me ha pasado|me pasa|lo pense|lo he pensado|he pensado|por supuesto|sin duda|gracias|porfa|por favor)\b/;
/** No words that cannot start anything else ("no one cares", "never felt so alone" can). */
const SURE_NO_START = /^(?:nope|nop|nah|naw|not really|not at all|not once|not ever|no way|absolutely not|definitely not|of course not|para nada|en absoluto|ni hablar|que va|de ninguna manera|nunca jamas|no nunca|no no|la verdad (?:es )?(?:que )?no)\b/;

/**
 * A word that may open an answer without being it ("oh yes", "well, yeah", "pues sí claro"). Only a yes is
 * read through it: "oh no" may be dismay as much as a no, so it stays unclear and the bot asks again.
 */
const OPENERS = new Set('oh ohh ooh ah ahh aw well um umm uh uhm er erm errm honestly actually so pues bueno ay eh mira oye'.split(' '));
/** "No doubt" after a yes is not a no ("yes, I have no doubt", "sí, no me cabe duda"). */
const NO_DOUBT = /\bno (?:doubt|questions?)\b|\bno (?:tengo|hay|me cabe) (?:ninguna )?dudas?\b/g;

const exactly = (list: string): RegExp => new RegExp(`^(?:${list})$`);
const YES_EXACT = exactly(YES_WORD);
const NO_EXACT = exactly(NO_WORD);
const AGREE_EXACT = exactly(AGREE_WORD);
const DECLINE_START = new RegExp(`^(?:${DECLINE_WORD})\\b`);
const YES_ANYWHERE = new RegExp(`\\b(?:${YES_WORD})\\b`);
const NO_ANYWHERE = /\b(?:no|not|never|nope|nah|nunca|jamas|tampoco)\b/;
const OFTEN = /\b(?:all the time|every day|everyday|every night|constantly|a lot|often|lots|so often|todo el tiempo|todos los dias|todas las noches|cada dia|mucho|muchas veces|a menudo|siempre|always)\b/;

/** Whether `said` is, or opens with, one of `phrases` (already normalised). */
function matchesPhrase(phrases: readonly string[], said: string): boolean {
  return phrases.some((p) => p && (said === p || said.startsWith(`${p} `)));
}

/** The words before the first pause (comma, full stop, dash…), normalised; undefined when there is no pause. */
function beforePause(text: string): string | undefined {
  const match = /^([^,.;:!?…\-–—]+)[,.;:!?…\-–—]+\s*\S/u.exec(text.trim());
  return match ? normaliseAnswer(match[1]) : undefined;
}

/**
 * The reading of a whole answer. Order matters: doubt first (so "no sé" is never a no), then the question's
 * own phrases, then first-person clauses ("I did not"), then how the answer opens.
 */
export function readYesNo(text: string | undefined, options: YesNoOptions = {}): YesNo {
  const safety = options.mode === 'safety';
  const raw = text ?? '';
  const said = normaliseAnswer(raw);
  if (SOFT_NO.test(said)) return safety ? 'unclear' : 'no';
  if (DOUBT.test(said)) return 'unclear';

  const ownNo = (options.no ?? []).map(normaliseAnswer);
  const ownYes = (options.yes ?? []).map(normaliseAnswer);
  // The question's own "no" first: "I'm not safe" opens like nothing in a yes list, but "I'm safe" is inside "I'm safe… not".
  if (matchesPhrase(ownNo, said)) return BUT.test(said) ? 'unclear' : 'no';
  if (matchesPhrase(ownYes, said)) return BUT.test(said) || NO_ANYWHERE.test(said) ? 'unclear' : 'yes';

  if (NO_EXACT.test(said) || DENIED_CLAUSE.test(said)) return 'no';
  if (YES_EXACT.test(said) || AFFIRMED_CLAUSE.test(said)) return 'yes';
  const [first, ...after] = said.split(' ');
  if (OPENERS.has(first) && readYesNo(after.join(' '), options) === 'yes') return 'yes';

  if (!safety) {
    if (DECLINE_START.test(said)) return 'no';
    if (AGREE_EXACT.test(said)) return 'yes';
  }

  const lead = beforePause(raw);
  // What follows the opening word ("yeah no, I'm fine" is a yes followed by a no, not by "I'm fine").
  const rest = after.join(' ');
  const noLead = (lead !== undefined && (NO_EXACT.test(lead) || DENIED_CLAUSE.test(lead))) || SURE_NO_START.test(said);
  const yesLead = (lead !== undefined && (YES_EXACT.test(lead) || AFFIRMED_CLAUSE.test(lead))) || SURE_YES_START.test(said) || SI_TAIL.test(said);

  if (noLead && !yesLead) {
    // "no, but sometimes…", "no… well, yes": the answer does not stay a no.
    if (BUT.test(said) || YES_ANYWHERE.test(rest) || QUANTITY.test(said) || OFTEN.test(rest)) return 'unclear';
    return 'no';
  }
  if (yesLead && !noLead) {
    // "yes… no, not really": a yes that turns into a no is doubt.
    if (NO_ANYWHERE.test(rest.replace(NO_DOUBT, ''))) return 'unclear';
    if (safety && BUT.test(said)) return 'unclear';
    return 'yes';
  }
  if (!safety && !NO_ANYWHERE.test(said) && ((lead !== undefined && AGREE_EXACT.test(lead)) || new RegExp(`^(?:${AGREE_WORD})\\b`).test(said) || /\b(?:sounds (?:good|fine|ok|okay)|thats (?:ok|okay|fine)|me parece bien|esta bien)\b/.test(said))) {
    return 'yes';
  }
  // Frequency on its own ("all the time", "todos los días") answers yes to "have you…?".
  if (OFTEN.test(said)) return NO_ANYWHERE.test(said) || /\b(?:dont|didnt|havent)\b/.test(said) ? 'unclear' : 'yes';
  return 'unclear';
}
