import { normaliseAnswer } from './yesNo';

/**
 * Whether an answer to "another one?" ends the list instead of adding to it: "that's all", "nothing else",
 * "that's all I can think of", "ya está, no se me ocurre nada más", "eso es todo". Every part of the answer
 * (split at commas and full stops) must say so, so an option that merely contains the words ("do nothing
 * else until Friday") stays an option.
 */

const words = (list: string): string => list.trim().split(/\s*\|\s*/).join('|');

const END = new RegExp(
  `^(?:${words(`
    done | im done | i am done | finished | im finished | thats all | that is all | thats it | that is it | thats everything |
    thats all i can think of | thats all i have | thats all i got | thats all for now | thats enough | enough |
    nothing else | nothing more | no more | no more ideas | no other ideas | no others | none | none left | nope nothing |
    i cant think of anything else | i cant think of any more | i cant think of more | cant think of anything else |
    cant think of any more | cant think of anything more | i have no more | i dont have any more | i dont have more |
    i dont have any other ideas | no more options | thats all the options | nothing comes to mind | i think thats it |
    i think thats all | thats about it | that will do | thatll do | stop | lets move on | move on | next |
    ya esta | ya | listo | lista | eso es todo | es todo | eso es | nada mas | ninguna mas | ninguno mas | ninguna otra | no mas |
    no se me ocurre nada mas | no se me ocurre nada | no se me ocurren mas | no se me ocurre otra | no se me ocurre ninguna mas |
    no tengo mas | no tengo mas ideas | no tengo otras ideas | no hay mas | ya no hay mas | termine | ya termine | he terminado |
    suficiente | con eso basta | basta | es suficiente | creo que es todo | creo que ya esta | sigamos | siguiente
  `)})$`,
);

/** Words around the answer that change nothing ("ok", "I think", "gracias", "por ahora"). */
const LEADING = /^(?:(?:ok|okay|well|um|umm|hmm|so|no|nah|nope|honestly|really|i think|i guess|bueno|pues|mmm|mm|vale|no no|creo que|la verdad)\s+)+/;
const TRAILING = /(?:\s+(?:thanks|thank you|for now|really|i think|i guess|gracias|por ahora|creo|de momento|la verdad|por el momento))+$/;

function clauseEnds(clause: string): boolean {
  const bare = clause.replace(TRAILING, '').trim();
  const core = bare.replace(LEADING, '').trim();
  return END.test(bare) || (core !== '' && END.test(core));
}

export function endsList(text: string | undefined): boolean {
  const clauses = (text ?? '')
    .split(/[,.;!…\n]+|\s+-\s+|\s+—\s+/)
    .map(normaliseAnswer)
    .filter(Boolean);
  return clauses.length > 0 && clauses.every((clause) => clauseEnds(clause) || /^(?:no|nah|nope|ok|okay|bueno|pues|vale|gracias|thanks)$/.test(clause));
}
