import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  RISK_LEVELS,
  levelRank,
  maxLevel,
  requiredLiterals,
  screenMessage,
  splitAlternatives,
  type RiskLevel,
  type ScreeningHistoryEntry,
} from '../../src/safety/screener';
import { normalise } from '../../src/safety/normalise';
import { requiredLiteralSets } from '../../src/safety/screening/literals';
import { en } from '../../src/safety/screening/lexicon/en';
import { es } from '../../src/safety/screening/lexicon/es';
import { loadDevSet } from './evaluate';
import { B, E, O, S, table, TS } from '../support/screeningTable';


describe('crisis screener', () => {
  describe('levels API', () => {
    it('orders levels none < concern < urgent', () => {
      assert.deepEqual(RISK_LEVELS, ['none', 'concern', 'urgent']);
      assert.ok(levelRank('none') < levelRank('concern') && levelRank('concern') < levelRank('urgent'));
    });
    it('maxLevel picks the higher level', () => {
      assert.equal(maxLevel('none', 'urgent'), 'urgent');
      assert.equal(maxLevel('concern', 'none'), 'concern');
      assert.equal(maxLevel('urgent', 'concern'), 'urgent');
    });
  });

  table('passive ideation is concern', [
    ['I wish I were dead', 'concern', S],
    ['sometimes I wish I could just not wake up', 'concern', S],
    ['everyone would be better off without me', 'concern', S],
    ['I want to die', 'concern', S],
    ['no quiero despertar', 'concern', S],
    ['ojalá no despertar', 'concern', S],
    ['me quiero morir', 'concern', S],
    ['quiero desaparecer', 'concern', S],
  ]);

  table('active ideation, intent, plan, means, preparation, acts and farewells are urgent', [
    ['I want to kill myself', 'urgent', S],
    ['me quiero matar', 'urgent', S],
    ['quiero matarme', 'urgent', S],
    ["I'm going to kill myself tonight", 'urgent', S],
    ['I have a plan to end my life', 'urgent', S],
    ['I have the pills ready', 'urgent', S],
    ['I wrote my note and gave away my things', 'urgent', S],
    ['I took all the pills', 'urgent', S],
    ['me tomé todas las pastillas', 'urgent', S],
    ['this is my last message', 'urgent', S],
    ['goodbye everyone, tell my mom I love her', 'urgent', S],
    ['esta es mi despedida', 'urgent', S],
  ]);

  table('self-harm, harm by others and disordered eating are concern', [
    ['i keep thinking about hurting myself', 'concern', S],
    ['tengo ganas de cortarme otra vez', 'concern', S],
    ['he hits me when he drinks', 'concern', B],
    ['mi pareja me pega', 'concern', B],
    ["I'm scared of my partner, he hurts me", 'concern', B],
    ["I've been starving myself", 'concern', E],
    ['I make myself throw up after eating', 'concern', E],
    ['no como nada para adelgazar', 'concern', E],
  ]);

  table('harm to others and immediate danger are urgent', [
    ["I'm going to hurt him", 'urgent', O],
    ['voy a matarlo', 'urgent', O],
    ["he's outside with a knife", 'urgent', B],
    ['me va a matar, está golpeando la puerta', 'urgent', B],
    ['my boyfriend is choking me right now help', 'urgent', B],
  ]);

  table('being told to kill oneself is bullying, not the writer\'s own ideation', [
    ['my classmates keep telling me to kill myself', 'concern', B],
    ['someone commented kys on my post', 'concern', B],
    ["people at school tell me to kys and maybe they're right", 'concern', ['self_harm_suicide', 'harmed_by_others']],
    ['en la escuela me dicen que me mate', 'concern', B],
    ['mi amiga me dijo que me tirara a la piscina y le hablara', 'none'],
    ['kys', 'none'],
  ]);

  table('questions about means', [
    ['how many paracetamol would be lethal', 'urgent', S],
    ['¿cuántas pastillas hacen falta para no despertar?', 'urgent', S],
    ['lost my job today. what bridges in the city are taller than 25m', 'urgent', S],
    ["what's the tallest bridge near me, I can't take it anymore", 'urgent', S],
    // A means-like question with no distress at all is trivia (documented choice).
    ["what's the tallest bridge in New York? pub quiz question", 'none'],
    ['how many ibuprofen can I take for period cramps', 'none'],
  ]);

  table('slang and algospeak', [
    ['kms', 'urgent', S],
    ['i wanna kms fr', 'urgent', S],
    ["i'm going to unalive myself", 'urgent', S],
    ['thinking about sewerslide a lot lately', 'concern', S],
    ["I've decided to self-delete this weekend", 'urgent', S],
    ['planning to ctb tonight', 'urgent', S],
    ["I'm going to end it all tonight", 'urgent', S],
    ['ran 5 kms this morning', 'none'],
    ['this message will self-delete in 10 seconds', 'none'],
    ['I need to catch the bus at 7', 'none'],
  ]);

  // An exclusion list after a slang word ("kms to the station", "cut back") must end at a word boundary, or "to"
  // swallows "tonight" and "a" swallows "again": the riskiest messages were the ones read as exceptions.
  table('slang and risk phrases followed by a time or a word an exception starts with', [
    ['gonna kms tonight', 'urgent', S],
    ['kms tonight', 'urgent', S],
    ['i will kms tonight', 'urgent', S],
    ['unalive tonight', 'urgent', S],
    ['i should just kys', 'urgent', S],
    ['gonna kys tonight', 'urgent', S],
    ["i'm going to end it once and for all", 'urgent', S],
    ['i want to disappear tonight', 'concern', S],
    ['quiero desaparecer ahora', 'concern', S],
    ['i really want to cut again', 'concern', S],
    ['5 kms to the station', 'none'],
    ['ran 10 kms today', 'none'],
    ['kys loser', 'none'],
    ['ctm que weon', 'none'],
  ]);

  // The same meaning is read alike in both languages (the parity test holds the pairs); these are the near misses.
  table('meanings read alike in English and Spanish, and their everyday look-alikes', [
    ['see you on the other side. thanks for trying', 'urgent', S],
    ['nos vemos en el otro lado. gracias por intentarlo', 'urgent', S],
    ['see you on the other side of the holidays!', 'none'],
    ['nos vemos al otro lado del charco', 'none'],
    ['qué sentido tiene seguir', 'concern', S],
    ['qué sentido tiene seguir con este proyecto', 'none'],
    ['ojalá alguien me matara y ya', 'concern', S],
    ['this time i’ll do it properly', 'urgent', S],
    ['esta vez lo voy a hacer bien', 'urgent', S],
    ['the shopping list note is on the fridge', 'none'],
    ['no hay salida de este atasco, avanzamos 50 metros en 20 min', 'none'],
    ["there's no way out of this traffic jam", 'none'],
    ["I've got something in my bag for my teacher tomorrow, a birthday card", 'none'],
    ['como mi jefe me ponga otra reunión me tiro por la ventana jaja', 'none'],
    ['this time i’ll do it properly. meal prep for the whole week', 'none'],
    ['esta vez lo hago bien. comida preparada para toda la semana', 'none'],
    ['my sister is going to kill me, i broke her hair straighteners', 'none'],
    ['mi esposa me va a matar, se me olvidó reservar la cena de aniversario', 'none'],
    ['estos informes me van a matar, che', 'none'],
    ['my husband is going to kill me, he has a knife', 'urgent', B],
    ['mi esposo me va a matar, tiene un cuchillo', 'urgent', B],
    // The end of therapy and a joke farewell are said with continuity (keep using the worksheets, off to IKEA).
    ['last session done, i will keep using the worksheets. thanks for everything', 'none'],
    ['última sesión lista, voy a seguir usando las fichas. gracias por todo', 'none'],
    ['goodbye cruel world, im going to ikea with my mother in law', 'none'],
    ['adiós mundo cruel, me voy a ikea con mi suegra', 'none'],
    ['thanks for everything. goodbye forever', 'urgent', S],
    ['gracias por todo, adiós para siempre', 'urgent', S],
    // Corpus kinds the merged corpus showed read differently in the two languages.
    ['wrote down everything about the baby for my sister. routine, allergies. she’ll need it', 'urgent', S],
    ['le anoté todo de la bebé a mi hermana: rutina, alergias. lo va a necesitar', 'urgent', S],
    ['updated my will, returned my library books and had coffee with my oldest friend', 'urgent', S],
    ['ya actualicé el testamento, devolví los libros a la biblioteca', 'urgent', S],
    ['sold my old phone, factory reset my phone and gave the plants to my neighbour, moving on friday', 'none'],
    ['alguien de mi discord dijo que está planeando acabar con todo', 'concern', TS],
    ['quiero acabar con todo', 'urgent', S],
    ['hoy me desvivo', 'urgent', S],
    ['me desvivo por mis hijos', 'none'],
    ['the wifi unalived itself again', 'none'],
    ['no food since tuesday', 'concern', E],
    ["there's nothing left for me", 'concern', S],
    ['cut my finger chopping onions, so much blood for such a tiny cut lol', 'none'],
    ['compré cuerda para la hamaca nueva, ya quiero que sea verano', 'none'],
  ]);

  // A message that only points at an act has nothing else to be read by: never ignored; urgent, marked uncertain.
  describe('a whole message that only points at an act', () => {
    for (const text of ["i'm doing it", 'ya lo voy a hacer', 'decided. tonight', 'ya está decidido, esta noche']) {
      it(`${JSON.stringify(text)} → urgent, marked uncertain (confirm)`, () => {
        const result = screenMessage(text, { model: false });
        assert.equal(result.level, 'urgent');
        assert.equal(result.confirm, true);
      });
    }
    it('"i\'m doing it, the homework i mean" → none', () => assert.equal(screenMessage("i'm doing it, the homework i mean", { model: false }).level, 'none'));
    // The walk-through asks "When will you do it?": an answer with a time is not a decision announced.
    for (const text of ["i'll do it tomorrow", 'decided, tomorrow i tell my boss', 'already took them']) {
      it(`${JSON.stringify(text)} → none`, () => assert.equal(screenMessage(text, { model: false }).level, 'none'));
    }
  });

  // Explicit words with a laugh or a skull ("kms lol", "i want to die 💀") may be a joke or may not: the chat asks the
  // person first, as for a concern from the model; the same words without the laugh alert at once.
  describe('explicit words said with a laugh are asked about first, not alerted on', () => {
    for (const text of ['kms lol', 'i want to die lol', 'sent the meme to my boss, i want to die 💀', 'me quiero morir jaja', 'gonna kill myself revising for this exam lol', 'si vuelvo a escuchar esa canción me pego un tiro jajaja']) {
      it(`${JSON.stringify(text)} → concern, asked first (confirm)`, () => {
        const result = screenMessage(text, { model: false });
        assert.deepEqual([result.level, result.confirm], ['concern', true]);
      });
    }
    for (const [text, level] of [['i want to die', 'concern'], ['me quiero morir', 'concern'], ['kms', 'urgent'], ['i want to die tonight lol', 'urgent'], ['si me deja me pego un tiro', 'urgent']] as const) {
      it(`${JSON.stringify(text)} → ${level}, alerted at once`, () => {
        const result = screenMessage(text, { model: false });
        assert.deepEqual([result.level, result.confirm], [level, false]);
      });
    }
  });

  // Typed answers to the bot's own questions (a button's title, "no code", "nothing else") are screened like any
  // message, with the learned layer too, and must not page anyone.
  describe("answers to the bot's own questions, with the learned layer", () => {
    for (const [text, locale] of [
      ["i don't have one sorry", 'en'],
      ['I have nothing else to add', 'en'],
      ["don't have time now", 'en'],
      ['no tengo ningún código', 'es'],
      ['no tengo nada más que contar', 'es'],
      ['hoy no tengo tiempo', 'es'],
    ] as const) {
      it(`${JSON.stringify(text)} → none`, () => assert.equal(screenMessage(text, { locale }).level, 'none'));
    }
  });

  // Belongings given away read as a farewell beside "I won't need it where I'm going"; either alone is not a level.
  table('belongings given away, with no risk word', [
    ["gave my camera to my cousin and the bike to sam. wont need any of it where im going", 'urgent', S],
    ["i'm giving my books away, won't be needing them where i'm going", 'urgent', S],
    ["won't need my coat where i'm going, cancun baby", 'none'],
    ['gave my books away, moving to a smaller flat', 'none'],
    ['le regalé mi cámara a mi prima y la bici a sam, pa donde voy no necesito nada de eso', 'urgent', S],
    ['estoy repartiendo mis cosas, para donde me voy ya no me hacen falta', 'urgent', S],
    ['pa donde voy no necesito abrigo, me voy a cancún', 'none'],
    ['regalé mis libros, me mudo a un depa más chico', 'none'],
  ]);

  // A past time on the far side of an "and" that starts its own clause does not make present words past.
  table('ideation now, beside a past attempt', [
    ['I want to kill myself and I tried to overdose two years ago', 'urgent', S],
    ['i took pills last year and i want to kill myself', 'urgent', S],
    ['quiero matarme y hace dos años me tomé unas pastillas', 'urgent', S],
    ['back in 2019 i wanted to die and cut myself a lot', 'none'],
    ['encontré mi diario de cuando tenía 17 y me quería morir', 'none'],
  ]);

  // Doubt about wanting to live is asked about (C-SSRS 1), never read as no; doubt about a place or a time is not.
  table('doubt about wanting to live', [
    ["I'm not sure I want to live anymore", 'concern', S],
    ['honestly i dont know if i still want to be alive', 'concern', S],
    ['no sé si quiero seguir viviendo', 'concern', S],
    ['ya no sé si quiero vivir así', 'concern', S],
    ['not sure i want to live in this city', 'none'],
    ['im not sure i want to wake up early tomorrow', 'none'],
  ]);

  table('obfuscation', [
    ['k1ll mys3lf', 'urgent', S],
    ['I want to ѕuicide', 'urgent', S],
    ['i want to k\u200Bill my\u200Dself', 'urgent', S],
    ['k i l l  m y s e l f', 'urgent', S],
    ['i want to diiiiie tonight', 'urgent', S],
    ['𝐈 𝐰𝐚𝐧𝐭 𝐭𝐨 𝐤𝐢𝐥𝐥 𝐦𝐲𝐬𝐞𝐥𝐟', 'urgent', S],
    ['m e q u i e r o m a t a r', 'urgent', S],
  ]);

  table('a denial cancels only the phrase it governs', [
    ["I'd never hurt myself", 'none'],
    ["I'm not suicidal", 'none'],
    ['no quiero morir', 'none'],
    ['nunca me mataría', 'none'],
    ['I would never hurt myself but I wish I could not wake up', 'concern', S],
    ["I'd never hurt anyone else, but I'm going to kill myself", 'urgent', S],
    ['nunca me haría daño pero ojalá no despertara', 'concern', S],
    ["I'm not going to do anything stupid, but I've been looking at the bridge", 'urgent', S],
    ["I can't stop thinking about killing myself", 'concern', S],
    ["I don't want to live anymore", 'concern', S],
  ]);

  table('idioms and hyperbole do not fire', [
    ['this commute is killing me', 'none'],
    ["I'm dying to see that film", 'none'],
    ["I'd kill for a coffee", 'none'],
    ['dead tired', 'none'],
    ['I need to cut myself some slack', 'none'],
    ['me muero de hambre', 'none'],
    ['mataría por un café', 'none'],
    ['me mata de risa', 'none'],
    ['killing it at work', 'none'],
    ['the battery died', 'none'],
    ['drop dead gorgeous', 'none'],
    ['I killed the boss on level 3', 'none'],
    ['how do I kill the process', 'none'],
    ['suicide squad is on tonight', 'none'],
    ['my mom is going to kill me when she sees my grades', 'none'],
    ['la película de terror me mató del susto', 'none'],
    ["I'm going to kill myself if I have to sit through one more meeting lol", 'concern', S],
  ]);

  table('past history', [
    ["years ago I attempted but I'm in a good place now", 'none'],
    ['hace años intenté suicidarme, pero ahora estoy bien', 'none'],
    ['I tried to kill myself 2 years ago and lately I feel that hopeless again', 'concern', S],
    ['I tried to kill myself 2 years ago and I want to do it again', 'urgent', S],
  ]);

  table('burden and hopelessness about living are concern; the same words about a task, a place or a team are not', [
    ["I'm a burden to everyone around me", 'concern', S],
    ['I feel like such a weight on everyone who knows me', 'concern', S],
    ['soy una carga para mi familia', 'concern', S],
    ['siento que solo soy un estorbo para todos', 'concern', S],
    ["I'm so done with life", 'concern', S],
    ["I don't see any reason to keep living", 'concern', S],
    ['no le veo sentido a seguir viviendo', 'concern', S],
    ['Estoy harto de todo, me quiero ir de este mundo', 'concern', S],
    ["I honestly don't know why I'm still alive", 'concern', S],
    ['quiero dormirme para siempre', 'concern', S],
    ["I feel like a burden on my team because I'm slow at coding", 'none'],
    ["I don't want to be a burden on my friends so I'll take the bus", 'none'],
    ["I'm done with living with roommates", 'none'],
    ['no point in living in London if you work from home', 'none'],
    ['no le veo sentido a seguir con este proyecto', 'none'],
    ['estoy harto de vivir en esta ciudad tan cara', 'none'],
    ['no me quiero ir de este mundo sin ver Japón', 'none'],
  ]);

  table('thoughts, urges or plans with a lethal method are urgent (C-SSRS 3); without a method they stay concern', [
    ['i keep thinking about jumping in front of a train', 'urgent', S],
    ["I can't stop thinking about driving my car into a wall", 'urgent', S],
    ["I've been looking at the bridge near work and thinking about jumping off it", 'urgent', S],
    ['I keep picturing myself stepping off the platform when the train comes', 'urgent', S],
    ["I've thought about hanging myself in the garage", 'urgent', S],
    ['he pensado en tirarme del puente', 'urgent', S],
    ['no dejo de pensar en lanzarme a las vías del tren', 'urgent', S],
    ['quisiera estrellar el coche contra un muro', 'urgent', S],
    ['me imagino colgándome del árbol del patio', 'urgent', S],
    ['I sat in the garage last night thinking about turning the car on and closing the door', 'urgent', S],
    ['me dan ganas de tirarme al metro cuando llega', 'urgent', S],
    ['I want to walk into the sea at sunset, it\'s so pretty', 'none'],
    ["I want to take all my meds with breakfast, is that ok?", 'none'],
    ['I keep thinking about killing myself', 'concern', S],
    ['I keep thinking about jumping off the diving board at the pool', 'none'],
    ['we jumped off the pier into the sea, it was amazing', 'none'],
    ['I nearly crashed my car into a wall on the ice this morning, scary', 'none'],
    ['me voy a colgar la mochila y nos vamos', 'none'],
    ['quiero saltar en paracaídas desde un avión', 'none'],
  ]);

  table('acquiring or stockpiling means: stockpiling and buying a lethal means are urgent, everyday purchases are none', [
    ["I've stockpiled my meds", 'urgent', S],
    ["I've been hoarding my sleeping pills", 'urgent', S],
    ['I bought a rope today', 'urgent', S],
    ['I got a gun last week and keep it by my bed', 'urgent', S],
    ['compré una cuerda', 'urgent', S],
    ['I bought rope for the climbing trip', 'none'],
    ['I bought a rope swing for the kids', 'none'],
    ['I stockpiled toilet paper like everyone else', 'none'],
    ['compré una cuerda para el columpio del jardín', 'none'],
    ['compré pastillas para el dolor de cabeza', 'none'],
  ]);

  table('farewells and final arrangements are urgent; ordinary goodbyes, letters and favours are not', [
    ['goodbye, thank you for trying to help me', 'urgent', S],
    ["I wrote letters to my kids in case I'm not here", 'urgent', S],
    ["I gave my cat to my sister so she'll be looked after when I'm gone", 'urgent', S],
    ['I wrote a will and said goodbye to my friends', 'urgent', S],
    ["I've been giving my stuff away to friends", 'urgent', S],
    ['I left instructions for my sister about my cat and my bank passwords', 'urgent', S],
    ['le dejé una carta a mi madre explicándole todo, perdónenme', 'urgent', S],
    ["I've sorted out who gets my dog", 'urgent', S],
    ["I just want you to know you helped me, I'm sorry it wasn't enough", 'urgent', S],
    ["I filled my prescription early so I'd have enough", 'urgent', S],
    ['ya organicé todo para que mis hijos estén bien cuando yo falte', 'urgent', S],
    ['who gets my dog when we go on holiday? my neighbour', 'none'],
    ["I filled my prescription early because I'm travelling", 'none'],
    ['I gave my stuff to my sister when I moved abroad', 'none'],
    ['goodbye for now, talk tomorrow!', 'none'],
    ['thank you for everything today, see you next week', 'none'],
    ["thanks for trying, I'll ask the pharmacist", 'none'],
    ['I wrote a letter to my kids for their birthdays', 'none'],
    ["I've been giving my old stuff away before the move", 'none'],
    ["please take care of my dog for me while I'm at work", 'none'],
    ['le dejé una nota a mi madre: perdón por no llamar antes', 'none'],
  ]);

  table('harmed by a family member or partner is concern, also when others are hurt with the writer', [
    ['my dad hits my mom and me', 'concern', B],
    ["my mum throws things at me when she's drunk", 'concern', B],
    ['mi marido me da patadas cuando se enfada', 'concern', B],
    ['my dad beat us at monopoly again', 'none'],
    ['my brother hits us with pillows every morning lol', 'none'],
    ['mi hijo me pega sus mocos, qué asco', 'none'],
    ['mi perro me da patadas cuando duerme', 'none'],
  ]);

  // Classes from the blind batch of 2026-11-26, in other words than the batch's own messages.
  table('final arrangements, acts and means questions said indirectly are urgent', [
    ["I've given away my bike and my records, feels right to sort it before I go", 'urgent', S],
    ['I swallowed everything in the medicine cabinet an hour ago', 'urgent', S],
    ['would 30 tablets of codeine be enough?', 'urgent', S],
    ["i'm standing at the edge of the quarry. just wanted to say thanks", 'urgent', S],
    ['I just drank a cup of weedkiller', 'urgent', S],
    ['any car parks near me without a barrier on the top floor', 'urgent', S],
    ["the letters are done and the pills are in my car, I've decided Sunday is the day", 'urgent', S],
    ['me trague todo el bote de la mesita hace media hora', 'urgent', S],
    ['si me tomo todas las de clonazepam me muero?', 'urgent', S],
    ['le regalé mi compu a mi hermano, ya no la voy a necesitar', 'urgent', S],
    ['me tomé la lavandina, ya está', 'urgent', S],
  ]);

  table('passive wishes and self-harm in plain words are concern', [
    ["honestly if a truck hit me on the way home I wouldn't care", 'concern', S],
    ["it would be so much easier for everyone if I just slipped away", 'concern', S],
    ['I keep praying to God to come for me', 'concern', S],
    ['I burned my arm with a lighter again last night', 'concern', S],
    ['me da lo mismo si me muero mañana', 'concern', S],
    ['me hice unos cortes en la pierna ayer', 'concern', S],
  ]);

  table('idioms and everyday uses of the same words stay none', [
    ['Me voy a matar a estudiar estas dos semanas', 'none'],
    ['nos vamos a matar a entrenar antes del partido', 'none'],
    ['Shot myself in the foot by agreeing to host Christmas', 'none'],
    ['been banging my head against the wall trying to fix this bug', 'none'],
    ['I took everything out of the medicine cabinet to clean it', 'none'],
    ['Is 2 tablets of ibuprofen enough for a headache?', 'none'],
    ["I won't need therapy anymore, I feel great", 'none'],
    ['El ejercicio lo hago esta noche cuando se duerman los chicos', 'none'],
    ['Feliz navidad a todos, sean felices', 'none'],
    ['im on the roof fixing the aerial, thanks for asking', 'none'],
  ]);

  describe('third parties', () => {
    it('someone else at risk is concern with the third-party category', () => {
      const result = screenMessage('my friend wants to kill herself, what do I do');
      assert.equal(result.level, 'concern');
      assert.equal(result.thirdParty, true);
      assert.deepEqual(result.categories, TS);
      assert.ok(result.signals.includes('third_party'));
    });
    it('works in Spanish from the verb and clitic', () => {
      const result = screenMessage('mi hermana dice que se quiere morir');
      assert.equal(result.level, 'concern');
      assert.equal(result.thirdParty, true);
      assert.deepEqual(result.categories, TS);
    });
    for (const text of ['my brother says he is going to kill himself tonight', 'mi amiga dice que se va a matar esta noche']) {
      it(`someone else's intent for tonight is urgent for the helper: ${JSON.stringify(text)}`, () => {
        const result = screenMessage(text, { model: false });
        assert.equal(result.level, 'urgent');
        assert.equal(result.thirdParty, true);
        assert.deepEqual(result.categories, TS);
      });
    }
    it('a character who dies tonight in a book stays fiction', () => {
      assert.equal(screenMessage('in the book the hero kills himself tonight', { model: false }).level, 'none');
    });
    it('someone else in danger right now stays urgent', () => {
      const result = screenMessage("my friend just took a bunch of pills and won't wake up");
      assert.equal(result.level, 'urgent');
      assert.equal(result.thirdParty, true);
    });
    it('"asking for a friend" is also treated as possible self-concern', () => {
      const result = screenMessage('asking for a friend: how many pills would it take to not wake up');
      assert.equal(result.level, 'urgent');
      assert.equal(result.thirdParty, true);
      assert.deepEqual(result.categories, TS);
      assert.ok(result.signals.includes('asking_for_a_friend'));
    });
    it('"asking for a friend" about something harmless is none', () => {
      const result = screenMessage("asking for a friend: what's a good gift for a new dad?");
      assert.equal(result.level, 'none');
      assert.equal(result.thirdParty, false);
    });
    it('"I feel the same" puts the writer in the same place', () => {
      const result = screenMessage('my friend told me she wants to kill herself and honestly I feel the same');
      assert.equal(result.level, 'urgent');
      assert.equal(result.thirdParty, true);
    });
  });

  describe('result shape', () => {
    it('evidence quotes the original message, signals carry no text', () => {
      const text = 'Honestly… I WANT TO K1LL MYSELF tonight';
      const result = screenMessage(text);
      assert.equal(result.level, 'urgent');
      assert.ok(result.evidence.length > 0);
      for (const e of result.evidence) {
        assert.ok(text.includes(e), `evidence "${e}" is not from the original`);
        assert.ok(e.length <= 120);
      }
      for (const s of result.signals) assert.match(s, /^[a-z_]+$/);
      assert.ok(result.signals.includes('obfuscation'));
    });
    it('evidence is short even for a long match', () => {
      const result = screenMessage(`I want to kill ${'\u200B'.repeat(300)}myself`);
      assert.equal(result.level, 'urgent');
      for (const e of result.evidence) assert.ok(e.length <= 120);
    });
    it('a none message has no evidence and no categories', () => {
      const result = screenMessage('my mood is 6/10 today');
      assert.deepEqual(
        { level: result.level, categories: result.categories, evidence: result.evidence, thirdParty: result.thirdParty },
        { level: 'none', categories: [], evidence: [], thirdParty: false },
      );
    });
    it('the history entry records time, level and signals', () => {
      const now = new Date('2025-05-01T12:00:00Z');
      const result = screenMessage('I want to die', { now });
      assert.deepEqual(result.historyEntry, {
        at: '2025-05-01T12:00:00.000Z',
        level: 'concern',
        categories: ['self_harm_suicide'],
        signals: ['passive_ideation'],
      });
    });
    it('handles empty and odd input', () => {
      for (const text of ['', ' ', '\u200B', '...', '😀', '\uD800', 'a'.repeat(5)]) assert.equal(screenMessage(text).level, 'none');
    });
  });

  describe('conversation window', () => {
    const t0 = Date.parse('2025-05-01T12:00:00Z');
    const at = (minutes: number): Date => new Date(t0 + minutes * 60_000);
    function run(messages: string[], minutesApart = 5, windowMinutes?: number): { levels: RiskLevel[]; history: ScreeningHistoryEntry[] } {
      const history: ScreeningHistoryEntry[] = [];
      const levels: RiskLevel[] = [];
      messages.forEach((m, i) => {
        const result = screenMessage(m, { history, now: at(i * minutesApart), windowMinutes, model: false });
        levels.push(result.level);
        history.push(result.historyEntry);
      });
      return { levels, history };
    }

    it('a retraction never lowers the level', () => {
      assert.deepEqual(run(['I want to kill myself', 'never mind, I was just being dramatic', 'how was your day?']).levels, [
        'urgent',
        'urgent',
        'urgent',
      ]);
    });
    it('signals accumulate across messages', () => {
      const { levels } = run(['nothing is ever going to get better', "I'm just a burden", "I won't be around much longer"]);
      assert.equal(levels[2], 'urgent');
    });
    it('buying a lethal means is urgent alone and after ideation in the window', () => {
      assert.deepEqual(run(['I bought a rope today']).levels, ['urgent']);
      assert.deepEqual(run(['I want to die', 'I bought a rope today']).levels, ['concern', 'urgent']);
      assert.deepEqual(run(['quiero morirme', 'compré una cuerda']).levels, ['concern', 'urgent']);
    });
    it('a chosen place is a gentle check alone and urgent after ideation in the window', () => {
      assert.deepEqual(run(["I've picked the spot in the woods"]).levels, ['concern']);
      assert.deepEqual(run(["I don't want to live anymore", "I've picked the spot in the woods"]).levels, ['concern', 'urgent']);
      assert.deepEqual(run(['I picked the spot for our picnic']).levels, ['none']);
    });
    it('a means question after distress is urgent', () => {
      assert.deepEqual(run(['I lost my job today', 'what bridges in the city are taller than 25m']).levels, ['none', 'urgent']);
    });
    it('entries older than the window are ignored', () => {
      assert.deepEqual(run(['I lost my job today', 'what bridges in the city are taller than 25m'], 25 * 60).levels, ['none', 'none']);
      assert.deepEqual(run(['I want to die', 'thanks for listening'], 90, 60).levels, ['concern', 'none']);
    });
    it('a stored entry holds what the message raised, not the inherited level, so a flag expires', () => {
      const { history } = run(['I want to die', 'thanks for listening']);
      assert.equal(history[1].level, 'none');
    });
    it('ignores malformed and future entries', () => {
      const history = [
        { at: 'not a date', level: 'urgent', categories: [], signals: ['active_ideation'] },
        { at: at(60).toISOString(), level: 'urgent', categories: [], signals: [] },
      ] as ScreeningHistoryEntry[];
      assert.equal(screenMessage('hello', { history, now: at(0) }).level, 'none');
    });
    it('keeps the window categories when the level is inherited', () => {
      const history = [screenMessage('he hits me when he drinks', { now: at(0) }).historyEntry];
      const result = screenMessage('ok thanks', { history, now: at(5) });
      assert.equal(result.level, 'concern');
      assert.deepEqual(result.categories, ['harmed_by_others']);
      assert.equal(result.messageLevel, 'none');
    });
  });

  // Speed is measured by `npm run bench` (screen.*); here only what a person would notice: long messages are
  // read to the end, and no input can hang the service (catastrophic backtracking would take seconds or hours).
  describe('long and adversarial input', () => {
    it('reads a 10,000-character message to its end: ordinary chat is none, risk in its last words is found', () => {
      const long = 'I had a long day at work and then I went to the shop for bread. '.repeat(160).slice(0, 9_900);
      assert.equal(screenMessage(long).level, 'none');
      assert.equal(screenMessage(`${long} and tonight I want to kill myself`).level, 'urgent');
    });
    it('never hangs on adversarial input', () => {
      const inputs = [
        'k i l l '.repeat(1200),
        'a'.repeat(10_000),
        `${'i want to '.repeat(1000)}die`,
        `${'no '.repeat(3000)}quiero morir`,
        `${'\u200B'.repeat(5000)}kill myself`,
        '💊'.repeat(4000),
      ];
      for (const input of inputs) {
        const start = process.hrtime.bigint();
        screenMessage(input);
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        assert.ok(ms < 2000, `${JSON.stringify(input.slice(0, 20))}… took ${ms.toFixed(1)} ms`);
      }
    });
  });

  describe('rule anchors (the gate that decides which rules run)', () => {
    const alternatives = [...en.rules, ...es.rules].flatMap((r) =>
      splitAlternatives(r.pattern.source).map((source) => ({ id: r.id, source, re: new RegExp(source, 'g') })),
    );
    const devTexts = loadDevSet().map((i) => normalise(i.text).text);

    it('every rule alternative has anchors', () => {
      for (const a of alternatives) assert.notEqual(requiredLiterals(a.source), null, `${a.id}: /${a.source}/`);
    });
    it('every match found in the dev set contains one of its anchors', () => {
      for (const a of alternatives) {
        const anchors = [...(requiredLiterals(a.source) ?? [])];
        for (const text of devTexts) {
          for (const m of text.matchAll(a.re)) {
            assert.ok(anchors.some((x) => m[0].includes(x)), `${a.id} matched "${m[0]}" without any of ${anchors.join('|')}`);
          }
        }
      }
    });
    it('every match found in the dev set contains one string of each set a rule is gated on', () => {
      for (const a of alternatives) {
        const sets = requiredLiteralSets(a.source);
        assert.deepEqual(sets[0], requiredLiterals(a.source), `${a.id}: the cheapest set comes first`);
        for (const text of devTexts) {
          for (const m of text.matchAll(a.re)) {
            for (const set of sets) {
              assert.ok([...set].some((x) => m[0].includes(x)), `${a.id} matched "${m[0]}" without any of ${[...set].join('|')}`);
            }
          }
        }
      }
    });
    it('a rule whose cheapest anchor is short ("us") is also gated on its verbs, so it does not run on every "because"', () => {
      const harmedUs = [...en.rules].find((r) => r.id.endsWith('harmed_us'));
      assert.ok(harmedUs !== undefined);
      const sets = requiredLiteralSets(harmedUs.pattern.source);
      assert.equal(sets.length, 2);
      assert.ok(sets[0].has('us'));
      assert.ok(sets[1].has(' hits '));
    });
    it('the analysis is sound on generated patterns', () => {
      const word = fc.constantFrom('kill', 'me', 'my', 'self', 'die', 'to', 'want', 'a', 'b');
      const atom: fc.Arbitrary<string> = fc.oneof(
        word,
        fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => `(?:${ws.join('|')})`),
        word.map((w) => `(?:${w} )?`),
        word.map((w) => `(?:${w})+`),
        fc.constant('\\b'),
        fc.constant(' '),
        fc.constant('\\w+'),
      );
      fc.assert(
        fc.property(fc.array(atom, { minLength: 1, maxLength: 6 }), fc.array(word, { maxLength: 12 }), (atoms, words) => {
          const source = atoms.join('');
          const anchors = requiredLiterals(source);
          if (anchors === null) return;
          for (const m of words.join(' ').matchAll(new RegExp(source, 'g'))) {
            if (m[0].length > 0) assert.ok([...anchors].some((x) => m[0].includes(x)), `/${source}/ on "${m[0]}"`);
            for (const set of requiredLiteralSets(source)) {
              if (m[0].length > 0) assert.ok([...set].some((x) => m[0].includes(x)), `/${source}/ on "${m[0]}" (set ${[...set].join('|')})`);
            }
          }
        }),
        { numRuns: 2000 },
      );
    });
  });
});
