import assert from 'node:assert/strict';
import { screenMessage, type RiskLevel } from '../../src/safety/screener';

/** The lexicon alone, so these hold whatever the learned layer was trained on. */
const levelOf = (text: string): RiskLevel => screenMessage(text, { model: false }).level;

/** A described set of messages, each with the level the lexicon gives it. */
function levels(name: string, cases: ReadonlyArray<readonly [string, RiskLevel]>): void {
  describe(name, () => {
    for (const [text, level] of cases) it(`${level}: ${text}`, () => assert.equal(levelOf(text), level));
  });
}

describe('fewer false alarms where the meaning is clear', () => {
  // Look-alikes from the 8 Dec families: endings and goodbyes that are not the person's own, hyperbole about chores and
  // school, a grief letter, sleeping in, an itch. Each with the risk that shares its words, which stays flagged.
  levels('goodbyes, last messages and letters that belong to everyday life', [
    ['saying goodbye to my dog at the vet today, shes 15 and very sick 💔', 'none'],
    ['discharged today!! said bye to all the nurses, going home', 'none'],
    ['saying goodbye to every room before the movers come lol im so sentimental', 'none'],
    ['ultimo dia de pega, ya me despedi de todos, se viene algo nuevo po', 'none'],
    ['manejo hasta donde está mi papá que se está muriendo. quiero despedirme mientras todavía me escucha', 'none'],
    ['this is my last message in the school parents chat, leaving it lol', 'none'],
    ['este es mi último mensaje en el grupo de padres del cole, me salgo jaja', 'none'],
    ["thank u for everything, can't believe this was the last module, i'll miss this", 'none'],
    ['gracias por todo, no puedo creer que este fue el último módulo, lo voy a extrañar', 'none'],
    ['my therapist asked me to write a goodbye letter to my dad who died, doing it tonight', 'none'],
    ['escribí la carta de despedida a mi papá. no la voy a mandar obvio, pero me ayudó', 'none'],
    ['i need to tell my sister it wasnt her fault the dog got out, i left the gate open', 'none'],
    ['said goodbye to my dog, my sister will look after her better than i can. this is my last message', 'urgent'],
    ['wrote my goodbye letter to my dad. leaving it on his pillow tonight', 'urgent'],
    ['gracias por todo, solo quería despedirme antes de irme', 'urgent'],
  ]);
  levels('hyperbole about chores and school, sleeping in, an itch, a toddler', [
    ['if he leaves one more sock on the floor i swear ill murder him 😤', 'none'],
    ['failed the chem test, my mom is gonna kill me lol', 'none'],
    ['me fue mal en química, mi vieja me va a matar jaja', 'none'],
    ['tonight i want to sleep and not wake up till noon', 'none'],
    ['esta noche quiero dormir y no despertarme hasta mediodía', 'none'],
    ['poison ivy from the hike, scratched till it bled, cant stop itching', 'none'],
    ['los mosquitos me comieron vivo y me rasqué hasta sacarme sangre', 'none'],
    ['my toddler cannot let me pee alone, she stalks me lol', 'none'],
    ['cut myself off from the toxic group chat, leaving it today', 'none'],
    ['the slasher scene where hes locked in the basement is living in my head rent free', 'none'],
    ['he says he is going to kill me, he has the knife', 'urgent'],
    ['tonight i want to sleep and not wake up', 'concern'],
    ['scratched my arms till they bled on purpose', 'concern'],
  ]);
  describe('a hedge ("it\'s not that I want to kill myself") is asked about, not alerted and not dropped, in both languages', () => {
    for (const text of ["its not that i want to kill myself", 'not that i want to die or anything', 'no es que me quiera matar', 'no es que me quiera morir, solo quiero que pare']) {
      it(text, () => {
        const result = screenMessage(text, { model: false });
        assert.equal(result.level, 'concern', JSON.stringify(result.signals));
        assert.equal(result.confirm, true);
      });
    }
  });
  levels('films, games, sport, skin and hyperbole from the 8 Dec families (h17-h19), with the risk that shares the words', [
    ['watched the new saw film and theres SO much blood. couldnt sleep lol', 'none'],
    ['the movie ended with her jumping off the cliff and i cried for an hour', 'none'],
    ['anoche ese jefe me mató como 40 veces, voy a tirar el mando', 'none'],
    ['first bjj session, got choked out 4 times and loved it', 'none'],
    ['eczema flaring, scratched my arms raw in my sleep. new cream from the gp tho', 'none'],
    ["i'll kill you if you eat my last slice of pizza 😤", 'none'],
    ['voy a matar a mi hermano, se comió el último trozo de pizza que era MÍO', 'none'],
    ['quiero verme linda en mi boda así que voy al gym 3 veces por semana y como sano, sin matarme', 'none'],
    ['2 days just water before my colonoscopy, starving lol', 'none'],
    ['pienso en tirarme a la pileta apenas llegue', 'none'],
    ["my friend sent me a weird message saying thanks for everything and now she won't answer", 'urgent'],
    ['4 days just coffee', 'concern'],
    ['4 días a puro café', 'concern'],
    ['traje un martillo al trabajo, estoy esperando a mi jefe en el estacionamiento', 'urgent'],
    ['brought a hammer to work. waiting for my boss in the car park', 'urgent'],
    ['cada vez que cruzo el puente pa ir al trabajo pienso en tirarme', 'urgent'],
    ['every time i cross the bridge to work i think about just going over the side', 'urgent'],
    // h20-h21: a push to apply for a job, a tie that strangles, a bed one throws oneself on; a friend who is cutting.
    ['mi novio me empujó a aplicar al trabajo y me lo dieron!!!', 'none'],
    ['esta corbata me está ahorcando', 'none'],
    ['throwing myself on the bed now, night', 'none'],
    ['my friend is cutting her hair short', 'none'],
    ['my friend is cutting and idk what to do', 'urgent'],
    ['mi amiga se está cortando y no sé qué hacer', 'urgent'],
  ]);
  levels('the same kinds, now read in Spanish as in English', [
    ['hay alguien dentro de mi casa', 'urgent'],
    ['el sábado en la entrega de los niños llevo el bate. el novio nuevo de ella me las paga', 'urgent'],
    ['me cansé de luchar, toda la vida luchando y ya quiero rendirme', 'concern'],
    ['no puedo seguir así mucho más tiempo', 'concern'],
    ['últimamente he estado regalando mis cosas. no siento que las vaya a necesitar', 'urgent'],
    ['hay alguien en mi casa, es el fontanero', 'none'],
    // A plan denied is no risk; the denial still counts beside thoughts that keep coming back, in both languages.
    ['no tengo un plan para matarme', 'none'],
    ["i don't have a plan to kill myself", 'none'],
    ['no tengo un plan para matarme, pero lo pienso todos los días', 'concern'],
    ["i don't have a plan to kill myself but i think about it every day", 'concern'],
    ['no, no tengo ideas de matarme, pero lo pienso todos los días', 'concern'],
    ['me cansé de pelear con el banco por el papeleo', 'none'],
  ]);

  describe('a story about someone else is not a person at risk', () => {
    const stories = [
      'in the game my character kills himself at the end, so sad',
      'the main character in the book killed herself and i cried',
      'en la serie el protagonista se suicida al final',
    ];
    for (const text of stories) it(`none: ${text}`, () => assert.equal(levelOf(text), 'none'));

    const real = [
      ['my friend said in the game chat he wants to kill himself', 'concern'],
      ["she's been watching sad movies and says she wants to kill herself", 'concern'],
      ['in the book the girl wants to kill herself right now', 'urgent'],
      ['in the game my character kills himself at the end and honestly i feel the same', 'urgent'],
    ] as const;
    for (const [text, level] of real) it(`still ${level} when someone real is at risk: ${text}`, () => assert.equal(levelOf(text), level));
  });

  describe('a screening question answered no is not risk', () => {
    const denied = [
      'the counsellor asked me if i ever hurt myself, i said no, never',
      'the nurse asked whether i want to kill myself. i told her no',
      'nurse asked if i feel like harming myself or others. nope. just tired and stressed',
      'la psicóloga me preguntó si alguna vez pensé en suicidarme y le dije que no',
      'el medico hizo las preguntas de siempre, pensamientos de suicidio no, autolesiones no. todo bien',
      // An item of a questionnaire answered zero, or "none" after a question about it.
      'did the phq again and ticked 0 for the question about hurting myself',
      'my therapist asked about self harm, honestly no',
      'respondí 0 en la pregunta de suicidio del cuestionario',
      'me preguntaron sobre ideas de suicidio, la neta ninguna',
    ];
    for (const text of denied) it(`none: ${text}`, () => assert.equal(levelOf(text), 'none'));

    const flagged = [
      ["she asked if i've ever cut myself and i said yes", 'concern'],
      ['the doctor asked if i want to kill myself, no one would care anyway', 'urgent'],
      ['me preguntó si quería matarme, no sé qué decirle', 'urgent'],
      ['she asked if i want to kill myself. no. i want to be dead though', 'urgent'],
      ['ticked 2 for the question about hurting myself', 'concern'],
      ['she asked about my self harm and i lied and said it stopped', 'concern'],
    ] as const;
    for (const [text, level] of flagged) it(`still ${level} when the answer is not a plain no: ${text}`, () => assert.equal(levelOf(text), level));
  });

  levels('a thing, a season or a workload that "will kill me" is hyperbole; a person who says it is not', [
    ['the humidity in this flat is going to kill me', 'none'],
    ['these night shifts are gonna kill me lol', 'none'],
    ['la humedad de este depa me va a matar', 'none'],
    ['estos turnos de noche me van a matar', 'none'],
    ['my stepdad is going to kill me, he is drunk and shouting', 'urgent'],
    ['mi padrastro me va a matar, esta borracho y gritando', 'urgent'],
  ]);

  levels('a goodbye before a planned break is not a farewell; one with no return is', [
    ['final session before the easter holidays, thank you for all your help', 'none'],
    ['gracias por todo, es la ultima sesion antes de semana santa', 'none'],
    ['thank you for all your help, this is my last message, goodbye', 'urgent'],
    ['gracias por todo, es mi ultimo mensaje, adios', 'urgent'],
  ]);

  levels('a clinical question answered no stays a no when the answer comes a sentence later, or is followed by "but not that"', [
    ['she asked all the usual safety questions, any thoughts of harming myself or ending my life. i said no and i meant it', 'none'],
    ['the gp did the questionnaire, the one about being better off dead. i ticked not at all. still low some days but not that', 'none'],
    ['gp did the usual questions, any thoughts of suicide, no. any self harm, no. all good', 'none'],
    ['me hizo las preguntas de siempre, si tengo ideas de hacerme daño o de acabar con mi vida. le he dicho que no', 'none'],
    ['el medico me pregunto si habia tenido pensamientos de quitarme la vida. la verdad que no, ni una vez', 'none'],
    ['la enfermera me pregunto si tengo ganas de hacerme daño o hacerle daño a alguien. no. solo cansada', 'none'],
    ['the gp asked if i want to die, i said no but honestly yes', 'concern'],
    ['el medico me pregunto si quiero morir, le dije que no pero en realidad si', 'concern'],
  ]);

  levels('the end of therapy or a leave agreed with the therapist is an ordinary goodbye', [
    ['this is my last session before my maternity leave, thank you for everything', 'none'],
    ['we agreed this is my last block of sessions, i feel ready. thank you for everything', 'none'],
    ['esta es mi ultima sesion antes de la licencia de maternidad, gracias por todo', 'none'],
    ['acordamos que este es mi ultimo bloque de sesiones, me siento lista. gracias por todo', 'none'],
    ['thanks for everything, this is my last night', 'urgent'],
    ['gracias por todo, esta es mi ultima noche', 'urgent'],
  ]);

  levels('wearing oneself out at a chore, a spreadsheet that "will kill me", a plot, a film and a cat are not risk', [
    ['me voy a matar pintando la cocina antes de que venga mi mama', 'none'],
    ['me voy a matar a hacer horas extra pero en navidad lo agradecere', 'none'],
    ['esta planilla me va a matar jaja', 'none'],
    ['cant believe they unalived my fav character in the finale, im sobbing', 'none'],
    ['vi un tiktok de por que los creadores dicen unalive por el algoritmo', 'none'],
    ['just watched a film about a girl with anorexia, it was heavy but really well done', 'none'],
    ['mi gato me rasguñó todo el brazo cuando le quise dar el remedio', 'none'],
    ['me voy a matar saltando del puente', 'urgent'],
    ['i want to unalive myself', 'urgent'],
    ['thinking of unaliving tonight', 'urgent'],
    ['my sister has anorexia and she fainted today', 'concern'],
    ['me rasguño los brazos hasta sangrar cuando me angustio', 'concern'],
  ]);

  levels('a threat that comes back or hangs on a condition is abuse to tell the clinician about, not danger this minute', [
    ["my dad says he's gonna kill us all when he drinks but that's normal in our house", 'concern'],
    ['mi papá dice que nos va a matar a todos cuando toma, pero eso es normal en mi casa', 'concern'],
    ['my stepdad is going to kill me tonight, he is drunk and shouting', 'urgent'],
    ['mi padrastro me va a matar esta noche, está borracho y gritando', 'urgent'],
    ["i think the carer is hitting my grandma, she has bruises on her arms", 'concern'],
    ['my dad is hitting my mom right now help', 'urgent'],
    ['going as a zombie for halloween, fake blood everywhere lol', 'none'],
  ]);

  levels('short and flat, in both languages: a high place not left, someone else\'s pills, food not earned, a goodbye they do not understand', [
    ['on the roof. not coming down', 'urgent'],
    ['en la azotea, no pienso bajar', 'urgent'],
    ['on the roof fixing the aerial, not coming down till its done', 'none'],
    ['my sister took pills', 'urgent'],
    ['mi hermana se tomó pastillas', 'urgent'],
    ['my sister took pills for her headache', 'none'],
    ['mi hermana se tomó pastillas para la regla', 'none'],
    ['me tomé todas mis pastillas hace como 30 min, me siento raro', 'urgent'],
    ['me tomé todas mis pastillas de hoy', 'none'],
    ["i don't get to eat today because i messed up at work", 'concern'],
    ['hoy no me toca comer porque la cagué en el trabajo', 'concern'],
    ['hoy no me toca comer en casa', 'none'],
    ["already said goodbye to my sister, she doesn't know why", 'urgent'],
    ['ya me despedí de mi hermana, ella no sabe por qué', 'urgent'],
    ['said goodbye to my sister at the airport, she doesnt know why i cried so much', 'none'],
    ["if i fail the resit friday that's it, i've already got what i need", 'urgent'],
    ['si repruebo el examen del viernes se acabó, ya tengo lo que necesito', 'urgent'],
    ['see you soon mum. not long now, i promise', 'urgent'],
    ['nos vemos prontito mamá, ya falta poco, te lo prometo', 'urgent'],
    ['see you tonight mom, im coming for dinner', 'none'],
    ['see you soon mum! i promise to bring the cake', 'none'],
    ['see you tonight mom, im coming with the kids', 'none'],
    ['nos vemos pronto mamá, ya voy saliendo', 'none'],
    ['nos vemos pronto mamá, ya voy para la cena del domingo', 'none'],
    ['esta noche lo mato, en serio', 'urgent'],
    ['hoy lo mato en el examen jaja', 'none'],
  ]);

  levels('danger or a method right now, in a few words, and the same words on an ordinary day', [
    ['he broke in', 'urgent'],
    ['se metió a la casa', 'urgent'],
    ['being followed rn', 'urgent'],
    ['me siguen ayuda', 'urgent'],
    ['a dog is following me home lol', 'none'],
    ['un perro me está siguiendo a casa jaja', 'none'],
    ['banging on my door w a bat', 'urgent'],
    ['my brother is banging on the door bc he forgot his keys again', 'none'],
    ["dad's coming up the stairs w the belt", 'urgent'],
    ['mi papá viene con el cinturón, tengo miedo', 'urgent'],
    ['on the tracks', 'urgent'],
    ['estoy en la vía', 'urgent'],
    ['in the garage w the engine on', 'urgent'],
    ['holding dads gun rn', 'urgent'],
    ['tengo el fierro de mi viejo', 'urgent'],
    ['at the shooting range holding a rifle for the first time rn', 'none'],
    ['mi hijo me está apuntando con la pistola de agua jaja', 'none'],
    ['lit the charcoal and sealed the windows', 'urgent'],
    ['prendí el carbón y cerré todo', 'urgent'],
    ['prendí el carbón para el asado y cerré la puerta del patio', 'none'],
    ['en la azotea, del lado de afuera', 'urgent'],
    ['la soga ya está colgada', 'urgent'],
    ['la cuerda ya está colgada para tender la ropa', 'none'],
    ['walking into the sea now', 'urgent'],
    ['me estoy metiendo al mar', 'urgent'],
    ['me estoy metiendo al mar, está heladita jaja', 'none'],
    ['cant stop burning myself rn', 'urgent'],
    ['quemándome con el encendedor, no paro', 'urgent'],
    ['i burned myself again on purpose', 'concern'],
    ['burning my arm on the oven right now ouch', 'none'],
    ['day 10 no food, fainted twice', 'urgent'],
    ['10 días sin comer, me desmayé 2 veces', 'urgent'],
    ["vodka and my xanax, hoping i don't wake up", 'urgent'],
    ['me tomé las pastillas con ron, ojalá no me despierte', 'urgent'],
  ]);

  levels('a high place, a poisoned coffee, a last message: the kinds a blind batch showed missing', [
    ['8th floor, window open, legs outside', 'urgent'],
    ['sitting on the pier with my legs over the edge, so peaceful', 'none'],
    ["i'll put rat poison in his coffee, already bought it", 'urgent'],
    ['el domingo le echo el veneno pa ratas al café. ya lo compré', 'urgent'],
    ['this is the last time ill write here, thank you for trying', 'urgent'],
    ['this is the last time ill write here before my holiday, see you in january', 'none'],
    ['i swear im gonna kill my husband, he forgot to pick up the kid AGAIN', 'none'],
  ]);

  levels('harm now said as a fact of the day, and its everyday look-alikes', [
    ['mi mamá me volvió a cachetear hoy', 'concern'],
    ['anoche me volvió a empujar, estoy bien', 'concern'],
    ['he grabbed my neck when i talked back', 'concern'],
    ['dad threw a plate at me when i said im in therapy', 'concern'],
    ['banged my head on the wall again', 'concern'],
    ['been banging my head against the wall trying to fix this bug', 'none'],
    ['mi hermanito me está pegando con la almohada', 'none'],
    ['ex was outside my place again this am', 'concern'],
    ['mi ex otra vez afuera de mi casa', 'concern'],
    ['drinking till i feel nothing, every night', 'concern'],
    ['tomando hasta no sentir nada, todas las noches', 'concern'],
    ['volví a vomitar la cena', 'concern'],
    ['volví a vomitar la cena, este virus estomacal no se va', 'none'],
    ['the bracelets arent a style thing, they cover stuff', 'concern'],
    ['las pulseras no son por moda, tapan cosas', 'concern'],
    ['told everyone it was my cat. we dont have a cat', 'concern'],
    ['le dije a todos que fue el gato. no tenemos gato', 'concern'],
    ['wanna be with grandpa. up there', 'concern'],
    ['quisiera irme con mi abuelo ya, lo extraño', 'concern'],
    ['going to be with grandpa for lunch on sunday', 'none'],
    ['soy una carga pa todos', 'concern'],
    ["my roommate ate my leftover lasagna again, i'm gonna kill him", 'none'],
    ['voy a matar a mi hermano, se ha comido mis sobras', 'none'],
    ['decided. doing it tmrw, telling my boss', 'none'],
    ['left the letters on the table where they will find them in the morning', 'urgent'],
    ["left the presents where they'll find them in the morning, wrote a note from santa", 'none'],
  ]);

  levels('everyday Spanish that shares words with risk, as its English twin does', [
    ['mi marido se olvidó las llaves otra vez y está golpeando la puerta a medianoche 🙄', 'none'],
    ['está golpeando la puerta y tengo miedo', 'urgent'],
    ['mi hermana se comió lo que me sobró, me las va a pagar 😤', 'none'],
    ['siento que sobro', 'concern'],
    ['mi nene me pegó con la cuchara de madera y después dijo perdón mami', 'none'],
    ['cuando mi marido bebe me pega', 'concern'],
    ['después de ese turno de noche podría dormir para siempre', 'none'],
    ['solo quiero dormir para siempre', 'concern'],
  ]);

  // The shipped screener, learned layer included: between-session chat (greetings, a mood number, a one-word check-in,
  // how a talk went, everyday goodbyes and rescheduling) must never be asked about, let alone alerted on.
  describe('ordinary between-session chat is never flagged, by the lexicon or the learned layer', () => {
    const chat = [
      'hi',
      'hello!',
      'good morning',
      'hey, how are you?',
      '7',
      '3',
      '10',
      '5/10',
      'tired',
      'exhausted',
      'ok',
      'fine I guess',
      'not great',
      'so-so',
      'I talked with my sister, it went better than expected',
      'I had a fight with my mum about money again',
      'my partner and I argued about the dishes',
      "I miss my grandma, it's been a year since she passed",
      'work was stressful today',
      "couldn't sleep much last night",
      "I'm tired of my job",
      'I felt lonely at the weekend',
      "I'm done for today, see you tomorrow",
      'thanks, bye!',
      'goodbye, talk next week',
      'thanks for everything today',
      "can we move Thursday's session?",
      "I won't make it to the session on Thursday, I have a dentist appointment",
      'I cried a bit after the call with my dad',
      'I finally told my boss how I feel',
      'nothing much happened',
      "I don't know",
      'yes',
      'no',
      'stop',
      'menu',
      'hola',
      'buenos días',
      '¿qué tal?',
      'cansada',
      'cansado',
      'bien',
      'más o menos',
      'hablé con mi hermana, salió mejor de lo que esperaba',
      'discutí con mi pareja por la casa',
      'extraño a mi abuela',
      'hoy el trabajo fue estresante',
      'no dormí bien anoche',
      'estoy harta de mi trabajo',
      'me sentí sola el fin de semana',
      'gracias, hasta luego',
      'adiós, nos vemos la próxima semana',
      'gracias por todo hoy',
      '¿podemos cambiar la sesión del jueves?',
      'no voy a poder ir a la sesión del jueves, tengo dentista',
      'lloré un poco después de hablar con mi papá',
      'por fin le dije a mi jefe cómo me siento',
      'no sé',
      'sí',
    ];
    for (const text of chat) {
      it(`none: ${text}`, () => {
        const result = screenMessage(text);
        assert.equal(result.level, 'none', `signals: ${result.signals.join(', ')}`);
        assert.equal(result.confirm, false);
      });
    }
  });
});
