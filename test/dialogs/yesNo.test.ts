import assert from 'node:assert/strict';
import { normaliseAnswer, readYesNo, withoutDoubt, YesNo } from '../../dialogs/prompts/yesNo';

/** [answer, reading to a safety question, reading to a request such as consent (when it differs)]. */
type Row = [string, YesNo, YesNo?];

const ENGLISH: Row[] = [
  // plain
  ['yes', 'yes'], ['Yes.', 'yes'], ['y', 'yes'], ['yeah', 'yes'], ['Yeah!', 'yes'], ['yep', 'yes'], ['yup', 'yes'], ['yea', 'yes'], ['yesss', 'yes'],
  ['sure', 'yes'], ['of course', 'yes'], ['definitely', 'yes'], ['absolutely', 'yes'], ['uh huh', 'yes'], ['mhm', 'yes'],
  ['no', 'no'], ['No.', 'no'], ['n', 'no'], ['nope', 'no'], ['nah', 'no'], ['noooo', 'no'], ['never', 'no'], ['not really', 'no'],
  ['not at all', 'no'], ['no way', 'no'], ['not once', 'no'], ['absolutely not', 'no'], ['no no', 'no'], ['none', 'no'],
  // first person
  ['I have', 'yes'], ['yes I have', 'yes'], ['yeah I have', 'yes'], ['I did', 'yes'], ['I do', 'yes'], ["I've thought about it", 'yes'],
  ['I have been', 'yes'], ['Yes, I have.', 'yes'],
  ['I did not', 'no'], ['I have never', 'no'], ["I haven't", 'no'], ['I have not', 'no'], ["I didn't", 'no'], ['I never have', 'no'],
  ['I never did', 'no'], ["no I haven't", 'no'], ["No, I haven't.", 'no'], ["I've never thought about it", 'no'], ['never have', 'no'],
  ["Nope, never", 'no'], ["I don't", 'no'], ['no never', 'no'], ['no, not really', 'no'], ["not really, no", 'no'],
  // how often, how much
  ['yeah all the time', 'yes'], ['all the time', 'yes'], ['every day', 'yes'], ['a lot', 'yes'], ['yes, sometimes', 'yes'], ['yes a little', 'yes'],
  ['yeah, a bit', 'yes'], ['sometimes', 'unclear'], ['a little', 'unclear'], ['a bit', 'unclear'], ['occasionally', 'unclear'],
  // doubt: never a no
  ['maybe', 'unclear'], ['Maybe?', 'unclear'], ['kind of', 'unclear'], ['kinda', 'unclear'], ['sort of', 'unclear'], ['I think so', 'unclear'],
  ["I think so, I'm just so tired", 'unclear'], ['not sure', 'unclear'], ["I'm not sure", 'unclear'], ['im not sure tbh', 'unclear'],
  ['no idea', 'unclear'], ['idk', 'unclear'], ['dunno', 'unclear'], ["I don't know", 'unclear'], ['i dont know honestly', 'unclear'],
  ['perhaps', 'unclear'], ['probably', 'unclear'], ['probably not', 'unclear'], ['i guess', 'unclear'], ['hard to say', 'unclear'],
  ['not that I know of', 'unclear'], ['yes and no', 'unclear'], ['no, but sometimes I wonder', 'unclear'], ['no... well yes', 'unclear'],
  ['yes... no, not really', 'unclear'], ["I don't think so", 'unclear', 'no'], ['No I don\'t think so', 'unclear', 'no'],
  ['more or less', 'unclear'], ['on and off', 'unclear'], ['hmm', 'unclear'],
  // not an answer: asked again
  ['', 'unclear'], ['   ', 'unclear'], ['?', 'unclear'], ['what do you mean', 'unclear'], ['no one cares about me', 'unclear'],
  ['never felt so alone', 'unclear'], ["I'm fine", 'unclear'], ['whatever', 'unclear'], ['why are you asking', 'unclear'],
  // requests (consent and the like): agreement is a yes, to a safety question it is not an answer
  ['ok', 'unclear', 'yes'], ['okay', 'unclear', 'yes'], ['sure, that sounds fine', 'yes'], ["yes that's ok", 'yes'], ['sounds good', 'unclear', 'yes'],
  ['fine', 'unclear', 'yes'], ['alright', 'unclear', 'yes'], ["that's fine", 'unclear', 'yes'], ['go ahead', 'unclear', 'yes'],
  ['no thanks', 'unclear', 'no'], ['not now', 'unclear', 'no'], ['not yet', 'unclear', 'no'],
  ['why not', 'unclear', 'yes'], ['ok thanks', 'unclear', 'yes'], ['sounds good, thanks', 'unclear', 'yes'], ['ok but not now', 'unclear'],
  // typed in a hurry: stretched letters, double spaces, a space before the comma
  ['nooope', 'no'], ['sureee', 'yes'], ['absolutely  not', 'no'], ['no , never', 'no'], ['nope, not once', 'no'], ["never, I'm fine", 'no'],
  // a yes or no that does not stay one
  ['no, but I wonder about it', 'unclear'], ['no... actually yeah', 'unclear'], ['no, well, yes', 'unclear'], ['yes, maybe', 'unclear'],
  ['yeah probably', 'unclear'], ["yeah no, I'm fine", 'unclear'], ["yeah nah, I'm good", 'unclear'], ['yes not really, sometimes', 'unclear'], ['not every day', 'unclear'], ['every day, no', 'unclear'], ["yes but I'm scared", 'unclear', 'yes'],
  // a yes inside the answer that is not the person's yes, nor a no
  ['I wish I could say yes', 'unclear'], ['he said yes', 'unclear'], ['he said no way', 'unclear'], ['my mum would say not at all', 'unclear'],
  // a word before the yes does not change it; before a no it may be dismay ("oh no"), so the bot asks again
  ['oh yes', 'yes'], ['ohh yes', 'yes'], ['  oh yes', 'yes'], ['ahh, yes', 'yes'], ['umm yes', 'yes'], ['errr, yes', 'yes'], ['uhm, yeah', 'yes'], ['Oh, yeah', 'yes'], ['OH YES', 'yes'], ['ooh yes', 'yes'], ['well yes', 'yes'], ['Well... yes, I have', 'yes'],
  ['honestly, yes', 'yes'], ['um yes', 'yes'], ['oh yeah, I did', 'yes'], ['oh yes, all the time', 'yes'],
  ['oh no', 'unclear'], ['well, no', 'unclear'], ['oh nope', 'unclear'], ['well, maybe', 'unclear'], ["oh yes but I'm scared", 'unclear', 'yes'],
  ['oh', 'unclear'], ['well', 'unclear'], ['sometimes yes', 'unclear'], ['oh ok', 'unclear', 'yes'],
  // "no doubt" after a yes is not a no
  ['yes, no doubt', 'yes'], ['yes no doubt', 'yes'], ['yes, no question about it', 'yes'], ['yes, I have no doubt', 'yes'],
  ["yes I have, no doubt", 'yes'], ["yes, there's no doubt", 'yes'], ['yes, no questions asked', 'yes'], ['yes, no doubt, but no', 'unclear'], ['yes, no one knows', 'unclear'],
];

const SPANISH: Row[] = [
  ['sí', 'yes'], ['si', 'yes'], ['Sí.', 'yes'], ['s', 'yes'], ['siii', 'yes'], ['sip', 'yes'], ['claro', 'yes'], ['claro que sí', 'yes'],
  ['por supuesto', 'yes'], ['desde luego', 'yes'], ['obvio', 'yes'], ['así es', 'yes'], ['ajá', 'yes'], ['sí, claro', 'yes'], ['si claro', 'yes'],
  ['la verdad es que sí', 'yes'], ['pues sí', 'yes'], ['bastante', 'yes'],
  ['no', 'no'], ['No.', 'no'], ['nop', 'no'], ['nunca', 'no'], ['jamás', 'no'], ['para nada', 'no'], ['en absoluto', 'no'], ['tampoco', 'no'],
  ['qué va', 'no'], ['ni hablar', 'no'], ['nada', 'no'], ['no, la verdad no', 'no'], ['la verdad es que no', 'no'], ['no no', 'no'],
  ['no, nunca', 'no'], ['nunca jamás', 'no'], ['pues no', 'no'], ['ninguna vez', 'no'], ['nel', 'no'],
  // primera persona
  ['sí, lo he pensado', 'yes'], ['lo he pensado', 'yes'], ['he pensado', 'yes'], ['sí he', 'yes'], ['lo he hecho', 'yes'], ['sí, lo hice', 'yes'],
  ['no he', 'no'], ['no lo he hecho', 'no'], ['nunca lo he pensado', 'no'], ['no, nunca lo he pensado', 'no'], ['no lo he pensado', 'no'],
  ['no, no me ha pasado', 'no'], ['nunca me ha pasado', 'no'],
  // cuánto
  ['todo el tiempo', 'yes'], ['sí, todos los días', 'yes'], ['muchas veces', 'yes'], ['sí, a veces', 'yes'], ['sí, un poco', 'yes'],
  ['a veces', 'unclear'], ['un poco', 'unclear'], ['algo', 'unclear'], ['de vez en cuando', 'unclear'], ['alguna vez', 'unclear'],
  // duda: nunca es un no
  ['no sé', 'unclear'], ['no se', 'unclear'], ['nose', 'unclear'], ['no lo sé', 'unclear'], ['no estoy segura', 'unclear'],
  ['no estoy seguro', 'unclear'], ['ni idea', 'unclear'], ['puede ser', 'unclear'], ['quizás', 'unclear'], ['quizá', 'unclear'],
  ['tal vez', 'unclear'], ['a lo mejor', 'unclear'], ['creo que sí', 'unclear'], ['supongo', 'unclear'], ['más o menos', 'unclear'],
  ['depende', 'unclear'], ['no me acuerdo', 'unclear'], ['no sé, la verdad', 'unclear'], ['sí y no', 'unclear'], ['no, pero a veces sí', 'unclear'],
  ['no... bueno, sí', 'unclear'], ['no creo', 'unclear', 'no'], ['creo que no', 'unclear', 'no'], ['no lo creo', 'unclear', 'no'],
  ['medio', 'unclear'], ['no lo tengo claro', 'unclear'],
  // no es una respuesta
  ['', 'unclear'], ['no puedo más', 'unclear'], ['si me muero nadie lo notaría', 'unclear'], ['nadie me quiere', 'unclear'],
  ['estoy bien', 'unclear'], ['¿por qué me lo preguntas?', 'unclear'], ['y nada', 'unclear'], ['nada me sale bien', 'unclear'],
  // peticiones (consentimiento): acuerdo es un sí
  ['vale', 'unclear', 'yes'], ['ok', 'unclear', 'yes'], ['de acuerdo', 'unclear', 'yes'], ['venga', 'unclear', 'yes'], ['dale', 'unclear', 'yes'],
  ['me parece bien', 'unclear', 'yes'], ['está bien', 'unclear', 'yes'], ['sí, me parece bien', 'yes'], ['no gracias', 'unclear', 'no'],
  ['ahora no', 'unclear', 'no'], ['todavía no', 'unclear', 'no'],
  ['vale, gracias', 'unclear', 'yes'], ['dale, gracias', 'unclear', 'yes'],
  ['nada, estoy bien', 'no'], ['nada,estoy bien', 'no'], ['nunca, estoy bien', 'no'],
  ['no, no sé', 'unclear'], ['no pero lo pienso', 'unclear'], ['no, aunque lo pienso', 'unclear'], ['no, todos los días no', 'unclear'],
  ['si, pero poco', 'unclear', 'yes'],
  // un sí que no es de la persona, ni un no
  ['¿y qué pasa si lo hice mal?', 'unclear'], ['mi mamá dijo que ni hablar', 'unclear'],
  // la verdad: un no franco
  ['la verdad no lo he pensado', 'no'], ['la verdad que no lo he pensado', 'no'], ['la verdad es que no, nunca', 'no'],
  // una palabra antes del sí no lo cambia; antes de un no puede ser susto ("ay no"), así que se vuelve a preguntar
  ['pues sí claro', 'yes'], ['pues sí, a veces', 'yes'], ['bueno, sí', 'yes'], ['bueno sí', 'yes'], ['ay sí', 'yes'], ['mira, sí lo he pensado', 'yes'],
  ['ay no', 'unclear'], ['bueno, no', 'unclear'], ['pues', 'unclear'],
  // "sin duda" después de un sí
  ['sí, sin duda', 'yes'], ['sí sin duda', 'yes'], ['sí, no me cabe duda', 'yes'], ['sí, no hay duda', 'yes'], ['sí, no tengo dudas', 'yes'], ['sí, no tengo ninguna duda', 'yes'], ['sí, sin ninguna duda', 'yes'],
];

function table(name: string, rows: Row[]): void {
  describe(name, () => {
    it(`has at least 80 answers`, () => assert.ok(rows.length >= 80, `${rows.length}`));
    for (const [answer, safety, general] of rows) {
      it(`${JSON.stringify(answer)} → ${safety} to a safety question, ${general ?? safety} to a request`, () => {
        assert.equal(readYesNo(answer, { mode: 'safety' }), safety);
        assert.equal(readYesNo(answer), general ?? safety);
      });
    }
  });
}

describe('readYesNo: a whole answer read as yes, no or unclear', () => {
  table('English', ENGLISH);
  table('Spanish', SPANISH);

  it('doubt is never read as no, in either mode', () => {
    for (const [answer, safety] of [...ENGLISH, ...SPANISH]) {
      if (safety !== 'unclear') continue;
      assert.notEqual(readYesNo(answer, { mode: 'safety' }), 'no', answer);
    }
  });

  it("a question's own phrases: \"I'm safe\" and \"I'm not safe\" to \"are you safe right now?\"", () => {
    const safe = { mode: 'safety' as const, yes: ["I'm safe", "I'm ok", 'estoy a salvo', 'estoy bien'], no: ["I'm not safe", 'not safe', 'no estoy a salvo', 'no estoy bien'] };
    assert.equal(readYesNo("I'm safe", safe), 'yes');
    assert.equal(readYesNo("I'm safe for now", safe), 'yes');
    assert.equal(readYesNo("No, I'm not safe", safe), 'no');
    assert.equal(readYesNo("I'm not safe", safe), 'no');
    assert.equal(readYesNo('estoy bien', safe), 'yes');
    assert.equal(readYesNo('no estoy bien', safe), 'no');
    assert.equal(readYesNo('no estoy a salvo', safe), 'no');
    assert.equal(readYesNo('sí, estoy a salvo', safe), 'yes');
    assert.equal(readYesNo("I'm safe but I'm scared", safe), 'unclear');
    assert.equal(readYesNo('no sé si estoy a salvo', safe), 'unclear');
    assert.equal(readYesNo("I'm not safe but I'll manage", safe), 'unclear');
  });

  it('no answer at all is unclear', () => {
    assert.equal(readYesNo(undefined), 'unclear');
    assert.equal(readYesNo(undefined, { mode: 'safety' }), 'unclear');
  });
});

describe('withoutDoubt: what an answer says besides its doubt (for reading which button it picks)', () => {
  const rest = (text: string) => withoutDoubt(normaliseAnswer(text));
  it('doubt alone leaves nothing, in either language', () => {
    for (const text of ['no sé', 'No lo sé.', 'no estoy segura', 'not sure', 'no idea', 'idk', 'maybe', 'quizás', 'más o menos']) assert.equal(rest(text), '', text);
  });
  it('leaves the rest of the answer, words and order kept, single-spaced', () => {
    assert.equal(rest('probably the second one'), 'the second one');
    assert.equal(rest('no sé, el mismo día creo'), 'el mismo dia creo');
    assert.equal(rest('not sure   maybe   worse'), 'worse');
    assert.equal(rest('I think writing her a message'), 'i think writing her a message');
    assert.equal(rest('the first one, maybe, or the second'), 'the first one or the second');
  });
  it('an answer without doubt is unchanged', () => {
    for (const text of ['no', 'no, gracias', 'yes please', 'the first one']) assert.equal(rest(text), normaliseAnswer(text), text);
  });
});
