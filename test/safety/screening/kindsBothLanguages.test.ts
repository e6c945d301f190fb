/**
 * Kinds of message the leave-family-out estimate missed, each in English and Spanish with its harmless look-alikes:
 * someone else with the means ready or the intent for today, the "asking for a friend" frame, an overdose told as a
 * count or an empty container, the when and the how, medication stopped on purpose, belongings handed out, and the
 * short Spanish messages (a wish not to wake, self-harm again, days without food, poison swallowed, "lo hago ahora").
 *
 * Levels are the lexicon's (the learned layer is retrained as the corpus grows), and the learned layer may only raise
 * them: both are checked for every line.
 */
import assert from 'node:assert/strict';
import { screenMessage } from '../../../src/safety/screener';
import { B, E, O, S, table, TS } from '../../support/screeningTable';

describe('kinds screened alike in English and Spanish', () => {
  table('someone else with the means ready, or the intent for today, is urgent for the helper', [
    ['my friend has the pills ready right now', 'urgent', TS],
    ['mi amiga tiene las pastillas listas ahora mismo', 'urgent', TS],
    ["my brother says he's killing himself today", 'urgent', TS],
    ['hoy se mata', 'urgent', TS],
    ['dice que se va a matar hoy', 'urgent', TS],
    ['mi amiga dice que hoy se mata', 'urgent', TS],
    // Without a time it is the helpers' concern, as for any third party's risk.
    ['my friend has the pills ready', 'concern', TS],
    ['mi amiga tiene las pastillas listas', 'concern', TS],
    ['dice que se va a matar', 'concern', TS],
    ['my grandma has the pills ready for her morning dose', 'none'],
    ['mi abuela tiene las pastillas listas para la dosis de la noche', 'none'],
    ['mi hermano se mata trabajando', 'none'],
    ['hoy me mato de risa', 'none'],
  ]);

  table('an overdose told as a count or an empty container is urgent', [
    ['i took like 30 pills', 'urgent', S],
    ['me tomé como 30 pastillas', 'urgent', S],
    ['took about 20 of my sertraline an hour ago', 'urgent', S],
    ['me tomé como 20 de las sertralinas hace una hora', 'urgent', S],
    ["the bottle had 40, now it's empty", 'urgent', S],
    ['el frasco tenía 40, ahora está vacío', 'urgent', S],
    ['me tomé toda la caja', 'urgent', S],
    ['i took 30 photos at the concert', 'none'],
    ['me tomé 30 cafés esta semana', 'none'],
    ["the box had 40 cookies, now it's empty lol", 'none'],
    ['la caja tenía 40 galletas y ya no queda ninguna jaja', 'none'],
  ]);

  table('the when and the how settled is a plan', [
    ["I've worked out the when and the how", 'urgent', S],
    ['ya tengo el cómo y el cuándo', 'urgent', S],
    ['worked out the when and the how for the surprise party', 'none'],
    ['ya tengo el cómo y el cuándo de la sorpresa para su cumple', 'none'],
  ]);

  table('medication stopped on purpose, or with indifference, is concern', [
    ['i stopped my meds, if i crash i crash', 'concern', S],
    ['dejé la medicación, si me caigo me caigo', 'concern', S],
    ['threw my pills in the bin, if i get worse i get worse', 'concern', S],
    ['tiré las pastillas a la basura. si empeoro, empeoro', 'concern', S],
    ['el doctor me dijo que deje las pastillas de golpe', 'none'],
    ['my doctor told me to stop the antibiotics, so i stopped the pills', 'none'],
  ]);

  table('belongings handed out without a risk word are preparation', [
    ['gave my dog to my neighbour and my clothes to my cousin', 'urgent', S],
    ['le di mi perro a mi vecina y mi ropa a mi prima', 'urgent', S],
    ['i gave away everything i own', 'urgent', S],
    ['regalé todas mis cosas', 'urgent', S],
    ["gave all my stuff away because we're moving abroad", 'none'],
    ['regalé todas mis cosas porque me mudo a chile', 'none'],
  ]);

  table('short messages: a wish not to wake or to be taken, self-harm again, days without food, poison, "now"', [
    ['rezo pa no amanecer', 'concern', S],
    ['i pray not to wake up', 'concern', S],
    ['ojalá diosito me llevara pronto', 'concern', S],
    ['i hope god takes me soon', 'concern', S],
    ['quisiera evaporarme', 'concern', S],
    ['i wish i could evaporate', 'concern', S],
    ['me cansé de estar viva', 'concern', S],
    ['para qué nací', 'concern', S],
    ['otra vez me hice daño', 'concern', S],
    ['llevo tres días sin comer nada', 'concern', E],
    ["haven't eaten in three days", 'concern', E],
    ['volví a vomitar la comida', 'concern', E],
    ['threw up my dinner again', 'concern', E],
    ['me he bebido lejía hace media hora', 'urgent', S],
    ['tomé el anticongelante del garage', 'urgent', S],
    ['lo hago ahora', 'urgent', S],
    ['quiero desaparecer de las redes un rato', 'none'],
    ['ojalá no me despierte temprano el sábado', 'none'],
    ["hope i don't wake up early on saturday", 'none'],
    ['mi mamá me lleva al aeropuerto', 'none'],
    ['me volví a hacer daño en la rodilla jugando fútbol', 'none'],
    ["haven't eaten in two days, this stomach bug is awful", 'none'],
    ['llevo dos días sin comer por la gripe estomacal', 'none'],
    ['no le veo sentido a seguir con este proyecto', 'none'],
  ]);

  table('short Spanish kinds and their English mirror: nothing left, waste of oxygen, no future, an end announced, danger now', [
    ['ya no me queda nada', 'concern', S],
    ['i have nothing left', 'concern', S],
    ['se me acabaron las razones para seguir', 'concern', S],
    ['ive run out of reasons to keep going', 'concern', S],
    ['soy un desperdicio de oxígeno', 'concern', S],
    ['im a waste of oxygen', 'concern', S],
    ['hoy me desperté otra vez. qué decepción', 'concern', S],
    ['woke up again. disappointed', 'concern', S],
    ['no me veo llegando a los 30', 'concern', S],
    ["can't see myself making it to 30", 'concern', S],
    ['ahora solo me permito una manzana al día', 'concern', E],
    ['i only let myself eat an apple a day', 'concern', E],
    ['hoy hago sewerslide', 'urgent', S],
    ['esta noche se acaba', 'urgent', S],
    ['tonight it ends', 'urgent', S],
    ['después de hoy ya no más', 'urgent', S],
    ['está tumbando la puerta', 'urgent', B],
    ["he's kicking the door in", 'urgent', B],
    ['trae un cuchillo. ayuda', 'urgent', B],
    ['tengo una pierna por fuera del balcón', 'urgent', S],
    ['one leg over the balcony', 'urgent', S],
    ['ya no me queda nada de batería, te escribo luego', 'none'],
    ['i have nothing left to wear for the party', 'none'],
    ['ive run out of money until payday', 'none'],
    ['no creo que llegue a fin de mes con este sueldo', 'none'],
    ['esta noche se acaba la serie, qué emoción', 'none'],
    ['tonight it ends with the finale, so excited', 'none'],
    ['after today no more exams!!', 'none'],
    ['mi papá trae un cuchillo para el asado', 'none'],
    ['el vecino está tumbando la pared por la obra', 'none'],
    ['solo me permito postre los domingos', 'none'],
  ]);

  describe('the "asking for a friend" frame', () => {
    it('does not make a disclosure in the first person someone else’s', () => {
      for (const text of ['asking for a friend… my partner hits me', 'pregunto por una amiga, mi pareja me pega']) {
        const result = screenMessage(text, { model: false });
        assert.equal(result.level, 'concern', text);
        assert.equal(result.thirdParty, false, text);
        assert.deepEqual(result.categories, B, text);
      }
    });

    it('around "you" is still read as a possible disclosure (the friend, or the writer)', () => {
      for (const text of ['asking for a friend, what do you do when your partner hits you', 'pregunto por una amiga, qué haces si tu pareja te pega']) {
        const result = screenMessage(text, { model: false });
        assert.equal(result.level, 'concern', text);
        assert.deepEqual(result.categories, ['harmed_by_others', 'third_party'], text);
      }
      for (const text of ['asking for a friend, how do you stop cutting yourself', 'pregunto por una amiga, cómo dejas de cortarte']) {
        assert.equal(screenMessage(text, { model: false }).level, 'concern', text);
      }
    });

    it('denied ("I\'m not asking for a friend") leaves the writer’s own risk, not a third party’s', () => {
      for (const text of ["I'm not asking for a friend, I want to kill myself", 'no pregunto por una amiga, me quiero matar']) {
        const result = screenMessage(text, { model: false });
        assert.equal(result.level, 'urgent', text);
        assert.equal(result.thirdParty, false, text);
        assert.deepEqual(result.categories, S, text);
        assert.ok(!result.signals.includes('asking_for_a_friend'), text);
      }
    });

    it('about something harmless stays none', () => {
      for (const text of ['asking for a friend: how do you tell someone you like them', 'pregunto por una amiga: cómo le dices a alguien que te gusta']) {
        assert.equal(screenMessage(text, { model: false }).level, 'none', text);
      }
    });
  });

  table('thoughts that keep coming back, beside a denied or past act, are concern', [
    ["I'm not suicidal but I think about it sometimes", 'concern', S],
    ['no soy suicida pero a veces lo pienso', 'concern', S],
    ['I would never do it but I think about it every day', 'concern', S],
    ['nunca lo haría pero lo pienso todos los días', 'concern', S],
    ['I tried to kill myself in 2019 and lately I think about it again', 'concern', S],
    ['intenté matarme en 2019 y últimamente lo pienso otra vez', 'concern', S],
    ['never tried it but it crosses my mind a lot lately', 'concern', S],
    ['nunca lo intenté pero últimamente se me cruza por la cabeza', 'concern', S],
    ["I wouldn't act on it, but the thought is always there", 'concern', S],
    // Deciding, or thoughts that have stopped, are not thoughts coming back.
    ["I'd never do that, I'll think about it and let you know", 'none'],
    ['no lo haría, lo pienso y te digo', 'none'],
    ["I'm not going to do it, I don't think about it anymore", 'none'],
    ['no soy suicida, ya no lo pienso', 'none'],
    ['my sister thinks about it every day but would never do it', 'none'],
    ['I think about it a lot, the new job offer I mean', 'none'],
  ]);

  table('who holds the weapon decides whose danger it is: the writer waiting with it, or someone waiting for them', [
    ['waiting for him behind the door with a knife', 'urgent', O],
    ['lo estoy esperando detrás de la puerta con un cuchillo', 'urgent', O],
    ['la espero en la esquina con la navaja', 'urgent', O],
    ['he is waiting outside with a knife', 'urgent', B],
    ['me está esperando afuera con un cuchillo', 'urgent', B],
    ['lo estoy esperando con la cena lista', 'none'],
  ]);

  it('thoughts coming back beside a denial are asked about, not alerted at once', () => {
    for (const text of ["I'm not suicidal but I think about it sometimes", 'no soy suicida pero a veces lo pienso']) {
      const result = screenMessage(text, { model: false });
      assert.equal(result.confirm, true, text);
      assert.ok(result.signals.includes('suicidal_thoughts'), text);
    }
  });

  describe("short answers to the bot's own questions, with the learned layer", () => {
    const answers: [string, string][] = [
      ['no', 'en'], ["I don't have one", 'en'], ['skip', 'en'], ['none', 'en'], ['nope, nothing today', 'en'],
      ['no', 'es'], ['no tengo', 'es'], ['ninguno', 'es'], ['saltar', 'es'], ['no, nada hoy', 'es'],
    ];
    for (const [text, locale] of answers) {
      it(`${JSON.stringify(text)} (${locale}) is never flagged`, () => assert.equal(screenMessage(text, { locale }).level, 'none'));
    }
  });

  table('a past attempt beside distress hidden from everyone now is a concern; the hiding alone is not', [
    ['a year after my overdose my mum thinks im fine but im not', 'concern', S],
    ['un año despues de mi sobredosis mi familia cree que estoy bien pero no', 'concern', S],
    ['after my attempt i keep pretending to be fine', 'concern', S],
    ['despues de mi intento sigo fingiendo que estoy bien', 'concern', S],
    ['everyone thinks im fine with the new job but im not, its so much', 'none'],
    ['todos creen que estoy bien con la mudanza pero no, es un monton', 'none'],
  ]);
});
