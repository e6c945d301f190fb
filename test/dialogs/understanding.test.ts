import assert from 'node:assert/strict';
import { Language } from '../../src/i18n';
import { toChoices, YES_NO } from '../../dialogs/prompts/ask';
import { parseChoice, parseScore, parseYesNo } from '../../dialogs/prompts/parsers';
import { endsList } from '../../dialogs/prompts/listEnd';
import { readName } from '../../dialogs/prompts/names';
import { Parsed } from '../../dialogs/prompts/answerPrompt';
import { Theme, themesOf } from '../../dialogs/prompts/reflection';

/**
 * Typed answers as people write them, each with the reading a person would give it, per prompt kind and
 * language. `undefined` means the answer must be asked again (never guessed).
 */

type Row<T> = [typed: string, expected: T | undefined];

const WORDS: Record<Language, string[]> = {
  en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'],
  es: ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez'],
};

/** The ways a mood from 0 to 10 is typed; {d} a digit, {w} a word. */
const SCORE_FRAMES: Record<Language, string[]> = {
  en: ['{d}', '{w}', 'about a {d} I guess', 'a {w} today', "I'd say {d}", '{d}/10', '{w} out of ten', 'probably a {w}', 'around {d}', 'honestly a {d}', '{d} out of 10 today'],
  es: ['{d}', '{w}', 'un {d} más o menos', 'diría que {w}', '{d}/10', '{w} de diez', 'como un {d}', 'hoy un {w}', 'creo que {d}', 'más o menos un {d}', 'un {d} de 10 hoy'],
};

const SCORE_REFUSED: Record<Language, string[]> = {
  en: ['3 or 4', 'between 5 and 6', 'eleven', '15', 'not sure', 'bad', 'a good day', '-2', '4.5', 'no idea'],
  es: ['3 o 4', 'entre 5 y 6', 'once', '15', 'no sé', 'mal', 'un buen día', '-2', '4,5', 'ni idea'],
};

function scoreRows(language: Language): Row<number>[] {
  const rows: Row<number>[] = [];
  for (let n = 0; n <= 10; n++) for (const frame of SCORE_FRAMES[language]) rows.push([frame.replace('{d}', String(n)).replace('{w}', WORDS[language][n]), n]);
  return [...rows, ...SCORE_REFUSED[language].map((typed): Row<number> => [typed, undefined])];
}

const CIRCLES = toChoices(['inner', 'middle', 'outer'].map((id) => ({ id, key: `inventory.circle_${id}` })));
const OUTCOMES = toChoices(['done', 'partly', 'notYet'].map((id) => ({ id, key: `problem.outcome_${id}` })));
const STYLES = toChoices(['calm', 'defensive', 'dismissive'].map((id) => ({ id, key: `rehearsal.style_${id}` })));
const HOW = toChoices(['better', 'asExpected', 'worse'].map((id) => ({ id, key: `checkin.how_${id}` })));
/** Problem-solving options as a client wrote them: the buttons are numbers, the words count too. */
const PLAN_OPTIONS = [
  { value: 'option:0', synonyms: ['1', 'Call Ana tonight and explain'] },
  { value: 'option:1', synonyms: ['2', 'Write her a message'] },
  { value: 'option:2', synonyms: ['3', 'Wait until the weekend'] },
];
const PLAN_OPTIONS_ES = [
  { value: 'option:0', synonyms: ['1', 'Llamar a Ana esta noche'] },
  { value: 'option:1', synonyms: ['2', 'Escribirle un mensaje'] },
  { value: 'option:2', synonyms: ['3', 'Esperar al fin de semana'] },
];

const NUDGE = toChoices(['accept', 'other', 'decline'].map((id) => ({ id, key: `nudge.${id}Button` })));

const CHOICE_ROWS: Record<Language, [string, typeof CIRCLES, Row<string>[]][]> = {
  en: [
    ['circle', CIRCLES, [
      ['fairly close', 'middle'], ['Fairly close (middle circle)', 'middle'], ['middle', 'middle'], ['middle circle', 'middle'], ['the middle one', 'middle'],
      ['very close', 'inner'], ['inner circle', 'inner'], ['inner', 'inner'], ['very', 'inner'], ['the first one', 'inner'], ['1', 'inner'],
      ['less close', 'outer'], ['outer', 'outer'], ['outter circle', 'outer'], ['the last one', 'outer'], ['the third', 'outer'], ['3', 'outer'],
      ['the second one', 'middle'], ['2nd', 'middle'], ['I guess fairly close', 'middle'], ['less', 'outer'], ['inner circel', 'inner'], ['fairley close', 'middle'],
      ['close', undefined], ['circle', undefined], ['not sure', undefined], ['4', undefined], ['purple', undefined],
    ]],
    ['outcome', OUTCOMES, [
      ['not yet', 'notYet'], ["not yet, it's still tomorrow", 'notYet'], ['nope not yet', 'notYet'], ['I did it', 'done'], ['yes I did it!', 'done'],
      ['partly', 'partly'], ['sort of, partly', 'partly'], ['partially', 'partly'], ['the first', 'done'], ['last one', 'notYet'], ['2', 'partly'],
      ['did it', 'done'], ['partlyy', 'partly'], ['banana', undefined], ['not sure', undefined],
    ]],
    ['reply style', STYLES, [
      ['probably defensive', 'defensive'], ['defensive', 'defensive'], ['defensiv', 'defensive'], ['calm', 'calm'], ['calmly I hope', 'calm'],
      ['dismissive', 'dismissive'], ['probably dismissive tbh', 'dismissive'], ['the second one', 'defensive'], ['the last one', 'dismissive'], ['first', 'calm'],
      ['angry', undefined],
    ]],
    ['how it went', HOW, [
      ['better than expected', 'better'], ['better', 'better'], ['worse', 'worse'], ['worse than I expected', 'worse'], ['about as expected', 'asExpected'],
      ['as expected', 'asExpected'], ['it went better than expected actually', 'better'], ['the second one', 'asExpected'], ['worst', 'worse'], ['okay', undefined],
    ]],
    ['a suggested reach-out', NUDGE, [
      ["yes let's do that", 'accept'], ["ok I'll text her", 'accept'], ['sure, I will', 'accept'], ['someone else please', 'other'], ['not now', 'decline'],
      ['no thanks', 'decline'], ['maybe', undefined], ['not sure', undefined],
    ]],
    ['problem option', PLAN_OPTIONS, [
      ['the one with Ana', 'option:0'], ['I think writing her a message is best', 'option:1'], ['calling Ana', 'option:0'], ['waiting', 'option:2'],
      ['the weekend one', 'option:2'], ['message', 'option:1'], ['2', 'option:1'], ['the second one', 'option:1'], ['the last one', 'option:2'],
      ['option 3', 'option:2'], ['number 1', 'option:0'], ['the first', 'option:0'], ['write the message', 'option:1'], ['none of them', undefined], ['5', undefined],
    ]],
  ],
  es: [
    ['circle', CIRCLES, [
      ['bastante cerca', 'middle'], ['Bastante cerca (círculo medio)', 'middle'], ['medio', 'middle'], ['círculo medio', 'middle'], ['el del medio', 'middle'],
      ['muy cerca', 'inner'], ['círculo íntimo', 'inner'], ['íntimo', 'inner'], ['muy', 'inner'], ['la primera', 'inner'], ['1', 'inner'],
      ['menos cerca', 'outer'], ['externo', 'outer'], ['círculo extreno', 'outer'], ['la última', 'outer'], ['la tercera', 'outer'], ['3', 'outer'],
      ['la segunda', 'middle'], ['el segundo', 'middle'], ['creo que bastante cerca', 'middle'], ['menos', 'outer'], ['intimo', 'inner'],
      ['cerca', undefined], ['círculo', undefined], ['no sé', undefined], ['4', undefined], ['morado', undefined],
    ]],
    ['outcome', OUTCOMES, [
      ['todavía no', 'notYet'], ['todavía no, es mañana', 'notYet'], ['no, todavía no', 'notYet'], ['lo hice', 'done'], ['¡sí, lo hice!', 'done'],
      ['en parte', 'partly'], ['más bien en parte', 'partly'], ['parte', 'partly'], ['la primera', 'done'], ['la última', 'notYet'], ['2', 'partly'],
      ['todavia no', 'notYet'], ['sí, lo hice', 'done'], ['plátano', undefined],
    ]],
    ['reply style', STYLES, [
      ['a la defensiva', 'defensive'], ['probablemente a la defensiva', 'defensive'], ['defensiva', 'defensive'], ['con calma', 'calm'], ['calma', 'calm'],
      ['quitándole importancia', 'dismissive'], ['le quitaría importancia', 'dismissive'], ['la segunda', 'defensive'], ['la última', 'dismissive'], ['la primera', 'calm'],
      ['enfadado', undefined],
    ]],
    ['how it went', HOW, [
      ['mejor de lo esperado', 'better'], ['mejor', 'better'], ['peor', 'worse'], ['peor de lo que esperaba', 'worse'], ['como esperaba', 'asExpected'],
      ['más o menos como esperaba', 'asExpected'], ['fue mejor de lo esperado la verdad', 'better'], ['la segunda', 'asExpected'], ['pero', undefined], ['normal', undefined],
    ]],
    ['a suggested reach-out', NUDGE, [
      ['sí, hagámoslo', 'accept'], ['vale, le escribo', 'accept'], ['claro', 'accept'], ['otra persona', 'other'], ['ahora no', 'decline'],
      ['no gracias', 'decline'], ['quizás', undefined], ['no sé', undefined],
    ]],
    ['problem option', PLAN_OPTIONS_ES, [
      ['la de Ana', 'option:0'], ['creo que escribirle un mensaje es lo mejor', 'option:1'], ['llamar a Ana', 'option:0'], ['esperar', 'option:2'],
      ['la del fin de semana', 'option:2'], ['mensaje', 'option:1'], ['2', 'option:1'], ['la segunda', 'option:1'], ['la última', 'option:2'],
      ['opción 3', 'option:2'], ['la número 1', 'option:0'], ['la primera', 'option:0'], ['escribir el mensaje', 'option:1'], ['ninguna', undefined], ['5', undefined],
    ]],
  ],
};

const YES_NO_ROWS: Record<Language, Row<boolean>[]> = {
  en: [
    ['yes', true], ['yeah', true], ['yep', true], ['sure', true], ['sure, that sounds fine', true], ['yes that\'s ok', true], ['yes let\'s do that', true],
    ['ok I\'ll text her', true], ['yeah, a bit', true], ['sometimes', true], ['a bit', true], ['a little', true], ['of course', true], ['absolutely', true],
    ['definitely', true], ['yes please', true], ['ok', true], ['okay', true], ['sounds good', true], ['yes she is', true],
    ['no', false], ['nope', false], ['no thanks', false], ['not really', false], ['not at all', false], ['no, not now', false], ['never', false],
    ['No I don\'t think so', false], ['not yet, it\'s still tomorrow', false], ['I didn\'t', false], ['no, she isn\'t', false],
    ['maybe', undefined], ['not sure', undefined], ['I\'m not sure', undefined], ['I don\'t know', undefined], ['idk', undefined], ['hmm', undefined],
    ['it depends', undefined], ['perhaps', undefined], ['kind of', undefined], ['hard to say', undefined],
  ],
  es: [
    ['sí', true], ['si', true], ['claro', true], ['sí, claro', true], ['vale', true], ['de acuerdo', true], ['sí, me parece bien', true], ['dale', true],
    ['sí, un poco', true], ['a veces', true], ['un poco', true], ['por supuesto', true], ['desde luego', true], ['sí por favor', true], ['está bien', true],
    ['venga', true], ['sí, lo es', true], ['sí, vamos', true], ['sí, hagámoslo', true], ['claro que sí', true],
    ['no', false], ['no gracias', false], ['para nada', false], ['nunca', false], ['ahora no', false], ['no, no tengo', false], ['todavía no, es mañana', false],
    ['no creo', false], ['no lo hice', false], ['no, no es', false], ['en absoluto', false],
    ['quizás', undefined], ['no sé', undefined], ['no estoy segura', undefined], ['ni idea', undefined], ['tal vez', undefined], ['puede ser', undefined],
    ['depende', undefined], ['a lo mejor', undefined], ['más o menos', undefined], ['no lo sé', undefined],
  ],
};

const LIST_END_ROWS: Record<Language, Row<boolean>[]> = {
  en: [
    ["that's all", true], ['nothing else', true], ["that's all I can think of", true], ["that's it", true], ['done', true], ["I'm done", true],
    ['no more', true], ['no more ideas', true], ["I can't think of anything else", true], ["No, that's all, thanks", true], ['nothing more for now', true],
    ["that's everything", true], ["I think that's it", true], ['none', true], ["that's about it", true], ['no', true], ['let\'s move on', true],
    ["can't think of any more", true], ["ok that's all", true], ["that's all I've got", false],
    ['talk to my boss', false], ['do nothing else until Friday', false], ['call Ana', false], ['write it all down', false], ["ask if that's all she needs", false],
    ['move out', false], ['nothing, just wait', false], ['say no to the party', false], ['wait it out', false], ['take a break', false],
  ],
  es: [
    ['ya está', true], ['eso es todo', true], ['ya está, no se me ocurre nada más', true], ['no se me ocurre nada más', true], ['nada más', true],
    ['listo', true], ['es todo', true], ['ninguna más', true], ['no tengo más ideas', true], ['ya terminé', true], ['creo que ya está', true],
    ['nada más por ahora', true], ['no, eso es todo, gracias', true], ['ya', true], ['no', true], ['sigamos', true], ['bueno, ya está', true],
    ['no se me ocurren más', true], ['creo que es todo', true], ['con eso basta', true],
    ['hablar con mi jefe', false], ['no hacer nada hasta el viernes', false], ['llamar a Ana', false], ['escribirlo todo', false], ['ya está bien de discutir, hablarlo', false],
    ['mudarme', false], ['esperar', false], ['decir que no a la fiesta', false], ['tomarme un descanso', false], ['preguntarle si eso es todo lo que necesita', false],
  ],
};

type NameRow = [typed: string, name: string | undefined, relation?: string, extracted?: boolean];

const NAME_ROWS: Record<Language, NameRow[]> = {
  en: [
    ['Nice to meet you, you can call me Dani.', 'Dani', undefined, true], ['Dani', 'Dani', undefined, false], ["I'm Dani", 'Dani', undefined, true],
    ['call me Jo', 'Jo', undefined, true], ['my name is Sam', 'Sam', undefined, true], ["hi! my name's sam", 'Sam', undefined, true],
    ['you can call me DJ', 'DJ', undefined, true], ["it's Alex", 'Alex', undefined, true], ['Mary Jane', 'Mary Jane', undefined, false],
    ['hey, I go by Chris', 'Chris', undefined, true], ['just call me Bea please', 'Bea', undefined, true], ['people call me Mo', 'Mo', undefined, true],
    ["I'm tired", undefined], ['Nice to meet you', undefined], ['hello', undefined], ["I'm not sure", undefined],
    ['my sister Ana, we talked on the phone', 'Ana', 'sister', true], ['my dad', undefined, 'dad', false], ['my best friend Marco', 'Marco', 'best friend', false],
    ['Ana, my sister', 'Ana', 'sister', false], ['my boss', undefined, 'boss', false], ['my mum', undefined, 'mum', false], ['my friend Leo and I argued', 'Leo', 'friend', true],
    ['my partner Sam', 'Sam', 'partner', false], ['my brother Tom, he called', 'Tom', 'brother', true], ['my grandma', undefined, 'grandma', false],
    ['my husband', undefined, 'husband', false], ['my coworker Priya', 'Priya', 'coworker', false], ['my neighbour Joe', 'Joe', 'neighbour', false], ['my son Luke', 'Luke', 'son', false],
  ],
  es: [
    ['Un placer conocerte, me llamo Lucía.', 'Lucía', undefined, true], ['Lucía', 'Lucía', undefined, false], ['soy Lucía', 'Lucía', undefined, true],
    ['llámame Pepe', 'Pepe', undefined, true], ['mi nombre es Sara', 'Sara', undefined, true], ['hola, me llamo sara', 'Sara', undefined, true],
    ['puedes llamarme Maite', 'Maite', undefined, true], ['Hola, soy lucía, encantada', 'Lucía', undefined, true], ['Ana María', 'Ana María', undefined, false],
    ['me dicen Nacho', 'Nacho', undefined, true], ['dime Carmen por favor', 'Carmen', undefined, true], ['yo soy Andrés', 'Andrés', undefined, true],
    ['soy de México', undefined], ['encantada', undefined], ['hola', undefined], ['estoy cansada hoy, la verdad', undefined],
    ['mi hermana Ana, hablamos por teléfono', 'Ana', 'hermana', true], ['mi papá', undefined, 'papá', false], ['mi mejor amigo Marco', 'Marco', 'mejor amigo', false],
    ['Ana, mi hermana', 'Ana', 'hermana', false], ['mi jefa', undefined, 'jefa', false], ['mi mamá', undefined, 'mamá', false], ['mi amigo Leo y yo discutimos', 'Leo', 'amigo', true],
    ['mi pareja Sam', 'Sam', 'pareja', false], ['mi hermano Tomás, me llamó', 'Tomás', 'hermano', true], ['mi abuela', undefined, 'abuela', false],
    ['mi marido', undefined, 'marido', false], ['mi compañera Priya', 'Priya', 'compañera', false], ['mi vecino Joe', 'Joe', 'vecino', false], ['mi hijo Lucas', 'Lucas', 'hijo', false],
  ],
};

/** What a reflection names in a feelings answer (a loss alone is enough; negated feelings are not there). */
const THEME_ROWS: Record<Language, Row<Theme[]>[]> = {
  en: [
    ['tired and a bit lonely', ['tired', 'lonely']], ['my dad passed away', ['loss']], ['my grandma died last year', ['loss']], ['so lonely', ['lonely']],
    ['exhausted', ['tired']], ['dead tired', ['tired']], ['not tired, just bored', []], ['argued with my boss', ['conflict']], ['we had a big fight', ['conflict']],
    ['worried about money', ['worried']], ['stressed and angry', ['worried', 'angry']], ['a bit down', ['sad']], ['happy', ['good']], ['good but tired', ['tired']],
    ['fine', []], ['I am not lonely', []], ['the deadline is close', []], ['felt left out at work', ['lonely']],
  ],
  es: [
    ['cansada y un poco sola', ['tired', 'lonely']], ['mi papá falleció', ['loss']], ['murió mi abuela el año pasado', ['loss']], ['muy sola', ['lonely']],
    ['agotado', ['tired']], ['muerta de cansancio', ['tired']], ['no estoy cansada, solo aburrida', []], ['discutí con mi jefe', ['conflict']], ['tuvimos una pelea', ['conflict']],
    ['preocupada por el dinero', ['worried']], ['estresado y enfadado', ['worried', 'angry']], ['un poco triste', ['sad']], ['contenta', ['good']], ['bien pero cansado', ['tired']],
    ['normal', []], ['no me siento sola', []], ['me muero de hambre', []], ['me siento apartada en el trabajo', ['lonely']],
  ],
};

const value = <T>(parsed: Parsed<T>): T | undefined => (parsed.ok ? parsed.value : undefined);

for (const language of ['en', 'es'] as Language[]) {
  describe(`Typed answers (${language})`, () => {
    it('has at least 300 typed answers with their expected readings', () => {
      const count =
        scoreRows(language).length +
        CHOICE_ROWS[language].reduce((n, [, , rows]) => n + rows.length, 0) +
        YES_NO_ROWS[language].length +
        LIST_END_ROWS[language].length +
        NAME_ROWS[language].length +
        THEME_ROWS[language].length;
      assert.ok(count >= 300, `only ${count}`);
    });

    describe('a number from 0 to 10', () => {
      const parse = parseScore(0, 10);
      for (const [typed, expected] of scoreRows(language)) {
        it(`"${typed}" → ${expected ?? 'asked again'}`, () => assert.equal(value(parse({ text: typed }, {})), expected));
      }
    });

    for (const [kind, choices, rows] of CHOICE_ROWS[language]) {
      describe(`a choice: ${kind}`, () => {
        for (const [typed, expected] of rows) {
          it(`"${typed}" → ${expected ?? 'asked again'}`, () => assert.equal(value(parseChoice({ text: typed }, { choices })), expected));
        }
      });
    }

    describe('yes / no / unclear (a request or a question about what happened)', () => {
      for (const [typed, expected] of YES_NO_ROWS[language]) {
        it(`"${typed}" → ${expected === undefined ? 'asked again' : expected ? 'yes' : 'no'}`, () =>
          assert.equal(value(parseYesNo({ text: typed }, { choices: toChoices(YES_NO) })), expected));
      }
    });

    describe('the end of a list', () => {
      for (const [typed, expected] of LIST_END_ROWS[language]) {
        it(`"${typed}" → ${expected ? 'ends the list' : 'a list item'}`, () => assert.equal(endsList(typed), expected));
      }
    });

    describe('what a feelings answer names', () => {
      for (const [typed, expected] of THEME_ROWS[language]) {
        it(`"${typed}" → ${expected?.join(', ') || 'nothing to reflect'}`, () => assert.deepEqual(themesOf(typed), expected));
      }
    });

    describe('a name', () => {
      for (const [typed, name, relation, extracted] of NAME_ROWS[language]) {
        it(`"${typed}" → ${name ?? 'no name'}${relation ? ` (${relation})` : ''}`, () => {
          const reading = readName(typed);
          assert.equal(reading.name, name);
          assert.equal(reading.relation, relation);
          if (extracted !== undefined) assert.equal(reading.extracted, extracted);
        });
      }
    });
  });
}
