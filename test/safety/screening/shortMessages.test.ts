import assert from 'node:assert/strict';
import { screenMessage, type RiskCategory, type RiskLevel } from '../../../src/safety/screener';

/**
 * Short messages typed on a phone that say the risk flatly (no "kill", no "suicide"), in both languages, and their
 * everyday look-alikes: the level a client's message gets, and who the alert is about. The lexicon alone decides
 * here, so these hold whatever the learned layer was trained on; the last block uses the shipped screener.
 */
const lexicon = (text: string) => screenMessage(text, { model: false });

type Case = readonly [text: string, level: RiskLevel, category?: RiskCategory];

function table(cases: readonly Case[]): void {
  for (const [text, level, category] of cases) {
    it(`${level}: ${text}`, () => {
      const result = lexicon(text);
      assert.equal(result.level, level, JSON.stringify(result.signals));
      if (category !== undefined) assert.ok(result.categories.includes(category), JSON.stringify(result.categories));
    });
  }
}

describe('short messages that say the risk flatly', () => {
  describe('means bought or gathered is urgent; the everyday rope, gun safe or medicine drawer is not', () => {
    table([
      ['bought a rope today', 'urgent', 'self_harm_suicide'],
      ['finally got the rope. its in the car', 'urgent'],
      ['hoy me compre una soga', 'urgent'],
      ['ya compre la cuerda', 'urgent'],
      ['all my pills are together in the drawer just in case', 'urgent'],
      ['tengo todas las pastillas juntas x las dudas', 'urgent'],
      ["gun's loaded", 'urgent'],
      ['el fierro ya ta cargado', 'urgent'],
      ['bought a rope for the tent', 'none'],
      ['got a gun safe for the house', 'none'],
      ['compre una cuerda pa tender la ropa', 'none'],
      ['my pills are in the drawer, took one for my headache', 'none'],
      ['tengo las pastillas en el cajon por si me duele la cabeza', 'none'],
    ]);
  });

  describe('a method as a scene, with no intent verb, is urgent; its harmless twin is not', () => {
    table([
      ['in the car. engine running. garage shut. so sleepy', 'urgent'],
      ['en la cochera con el carro prendido y todo cerrado, me da sueño', 'urgent'],
      ['at the platform edge, the train is coming', 'urgent'],
      ['al borde del anden, ya viene el metro', 'urgent'],
      ['up on the roof, not taking the stairs down this time', 'urgent'],
      ['en la azotea. no pienso bajar por las escaleras', 'urgent'],
      ['warming up the car in the garage, engine running, so cold out', 'none'],
      ['engine running in the garage with the door wide open, defrosting', 'none'],
      ['calentando el auto en la cochera con el motor prendido', 'none'],
      ['at the platform, train is coming but im late again', 'none'],
      ['rooftop party tonight, not taking the stairs, the lift is fine', 'none'],
      ['fiesta en la azotea, no pienso bajar por las escaleras, tomo el ascensor', 'none'],
    ]);
  });

  describe('an overdose taken or bleeding that will not stop is urgent', () => {
    table([
      ['took the whole box an hour ago', 'urgent'],
      ['took them all like 20 min ago, dizzy', 'urgent'],
      ['me empastillé hace un rato', 'urgent'],
      ['me las tome todas hace media hora, estoy mareada', 'urgent'],
      ['cut deep and the bleeding wont stop', 'urgent'],
      ['me he cortao mucho y no para la sangre', 'urgent'],
      ['cut my finger cooking and the bleeding wont stop', 'none'],
      ['took the whole box of chocolates lol', 'none'],
    ]);
  });

  describe('an ordinary-sounding goodbye with finality is urgent; an ordinary goodbye is not', () => {
    table([
      ["today's my last day. decided", 'urgent'],
      ['hoy es mi ultimo dia, de verdad', 'urgent'],
      ['chau, gracias por bancarme, no me busquen', 'urgent'],
      ['adios. no van a saber mas de mi', 'urgent'],
      ['you guys wont be hearing from me anymore', 'urgent'],
      ['today is my last day at work!!', 'none'],
      ['hoy es mi ultimo dia en la chamba', 'none'],
      ['gracias por bancarme hoy, nos vemos el jueves', 'none'],
      ['no me busquen este finde que estoy de viaje', 'none'],
      ['ok bye for real now, gotta study', 'none'],
      ['chau de verdad, me voy a dormir', 'none'],
    ]);
  });

  describe('asking how many pills it takes not to wake up is urgent', () => {
    table([
      ['how many pills so i dont wake up', 'urgent'],
      ['how many sleeping pills till i never wake up', 'urgent'],
      ['cuantas pastillas para no despertarme', 'urgent'],
      ['cuantos somniferos pa no volver a despertar', 'urgent'],
    ]);
  });

  describe('a friend’s goodbye followed by silence is urgent for the helper', () => {
    for (const text of [
      'my friend sent a goodbye voice note and doesnt answer',
      'my friend says shes doing it tonight and already said goodbye',
      'mi amigo me mando un audio de despedida y no contesta',
      'mi amiga me dejo un mensaje de despedida y tiene el celu apagado',
    ]) {
      it(`urgent, about someone else: ${text}`, () => {
        const result = lexicon(text);
        assert.equal(result.level, 'urgent');
        assert.equal(result.thirdParty, true);
      });
    }
    table([['my friend sent a goodbye message before moving abroad, so sweet', 'none']]);
  });

  describe('someone lying in wait with a weapon is urgent harm to others', () => {
    table([
      ['waiting outside her house with the bat', 'urgent', 'harm_to_others'],
      ['got the knife, when he comes in i kill him', 'urgent', 'harm_to_others'],
      ['esperando afuera de su casa con el bate', 'urgent', 'harm_to_others'],
      ['tengo el cuchillo, cuando entre lo mato', 'urgent', 'harm_to_others'],
      ['waiting outside his house with the bat, we have practice at 5', 'none'],
      // Without a weapon, a laughed-off threat at a brother stays a quarrel.
      ['cuando llegue mi hermano lo mato, se comio mi pizza jaja', 'none'],
    ]);
  });

  describe('concern kinds said briefly', () => {
    table([
      ["everyone'd be better off without me", 'concern'],
      ['estaríais mejor sin mí', 'concern'],
      ['everybody better off w/o me', 'concern'],
      ['my dad beat the crap out of me last night', 'concern', 'harmed_by_others'],
      ['mi viejo me cago a palos', 'concern', 'harmed_by_others'],
      ['mi papa me saco la chingada anoche', 'concern', 'harmed_by_others'],
      ['stuck my fingers down my throat after dinner', 'concern', 'disordered_eating'],
      ['vomite a proposito despues de cenar', 'concern', 'disordered_eating'],
      ['me meti los dedos despues de comer', 'concern', 'disordered_eating'],
      ['drinking till i black out, dont care if i wake up', 'concern'],
      ['me da igual si despierto o no', 'concern'],
      ['feel like i did right before my attempt', 'concern'],
      ['me siento como antes del intento', 'concern'],
      ['why keep living tbh', 'concern'],
      ['kinda hoping the plane crashes', 'concern'],
      ['ojala el avion se caiga', 'concern'],
      ['i just want to be with my mom up there', 'concern'],
      ['quiero irme con mi abuelo alla arriba', 'concern'],
    ]);
  });

  describe('their look-alikes are none', () => {
    table([
      ['my brother beat me at fifa again', 'none'],
      ['the gym beat the crap out of me today', 'none'],
      ['el entrenador me dio una paliza en el gym', 'none'],
      ['me cagaron a pedos por llegar tarde', 'none'],
      ['threw up after dinner, food poisoning i think', 'none'],
      ['dont care if i wake up late tomorrow, its saturday', 'none'],
      ['why keep living in this city with these rents', 'none'],
      ['hoping the plane lands on time', 'none'],
      ['ojala el avion no se retrase', 'none'],
      ['want to go be with grandpa up there at the cabin this weekend', 'none'],
    ]);
  });

  describe('precision: where the meaning is clear, no alert', () => {
    table([
      ['el parcial me mato', 'none'],
      ['me mato el examen de fisica', 'none'],
      ['no, no tengo ideas de hacerme daño', 'none'],
      ['no tengo pensamientos suicidas', 'none'],
      ['la carta de despedida que me pidio la terapeuta, no la voy a mandar', 'none'],
      ['wrote the goodbye letter my therapist asked for, not sending it', 'none'],
      ['the show ended with the main guy killing himself', 'none'],
      ['la peli termina con el prota matandose', 'none'],
    ]);
    // The same words with the risk still in them stay flagged.
    table([
      ['si repruebo el parcial me mato', 'urgent'],
      ['escribi mi carta de despedida, la terapeuta no sabe', 'urgent'],
      ['wrote my goodbye letter, my therapist doesnt know', 'urgent'],
      ['no tengo ideas de hacerme daño, tengo un plan para matarme', 'urgent'],
    ]);
  });

  describe('short answers to the bot’s own questions are never flagged (shipped screener)', () => {
    for (const text of [
      'no', 'skip', 'ninguno', "I don't have one", 'ya lo hice', 'took them this morning', 'ya me las tome',
      'si, ya me tome las pastillas de hoy', 'bye, see you thursday', 'chau, nos vemos', 'why does it matter',
      'whatever', 'por que importa',
    ]) {
      it(`none: ${text}`, () => assert.equal(screenMessage(text).level, 'none'));
    }
  });
});
