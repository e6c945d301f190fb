/**
 * The scene in two or three words, as the very short families of 8 Dec wrote it (slang from both sides of the
 * Atlantic): a count of a drug, a bottle emptied, a ligature tied, gas on with the room shut, a height or the tracks
 * now, a friend's goodbye and silence, someone beaten or followed now, poison swallowed, means in hand — each in
 * English and Spanish, with the everyday twin that shares its words. Levels are the lexicon's; the learned layer may
 * only raise them (both are checked for every line).
 */
import { B, O, S, table, TS } from '../../support/screeningTable';

const THIRD_DANGER: ['harmed_by_others', 'third_party'] = ['harmed_by_others', 'third_party'];

describe('the scene in two or three words, in English and Spanish', () => {
  table('a count of a drug, or a bottle emptied, is an overdose; a dose or a refill is not', [
    ['40 tylenol down', 'urgent', S],
    ['~20 seroquel. just now', 'urgent', S],
    ['40 paracetamol adentro', 'urgent', S],
    ['me metí 30 clonas', 'urgent', S],
    ['van 25 paracetamoles y sigo', 'urgent', S],
    ['emptied the bottle. sorry', 'urgent', S],
    ['listo. vacié el pastillero', 'urgent', S],
    ['neta, ni una pastilla queda', 'urgent', S],
    ['20 mg sertraline', 'none'],
    ['30 paracetamol en la caja, me quedan pocos', 'none'],
    ['emptied the bottle of wine lol', 'none'],
    ['vacié el pastillero para rellenarlo el domingo, ya pedí la receta', 'none'],
  ]);

  table('a ligature tied, or gas on with the room shut, is an act under way; a swing or dinner is not', [
    ["rope's tied to the beam", 'urgent', S],
    ['ya até la cuerda', 'urgent', S],
    ['cuerda en la viga ya', 'urgent', S],
    ['turned the gas on. windows shut', 'urgent', S],
    ['las hornallas abiertas, chau', 'urgent', S],
    ['carbón prendido, cuarto sellado', 'urgent', S],
    ["rope's tied to the tree for the kids' swing", 'none'],
    ['ya até la cuerda de tender la ropa', 'none'],
    ['turned the gas on for the pasta, windows shut bc its freezing', 'none'],
  ]);

  table('a height or the tracks now is urgent; the roof with an antenna, or a late train, is not', [
    ['on the ledge rn', 'urgent', S],
    ['at the tracks. train’s in 10', 'urgent', S],
    ['parado en la cornisa ahora', 'urgent', S],
    ['arriba del edificio. ya fue', 'urgent', S],
    ['en la vía. tren en 10', 'urgent', S],
    ['on the roof rn fixing the antenna', 'none'],
    ['on the bridge rn watching the sun go down', 'none'],
    ['en la azotea ahora tendiendo la ropa', 'none'],
  ]);

  table('bleeding that will not stop, poison swallowed, means in hand: urgent', [
    ['me corté hondo y no para', 'urgent', S],
    ['no para de sangrar mano', 'urgent', S],
    ['el cloro, me lo tomé', 'urgent', S],
    ['me bajé el límpido parce', 'urgent', S],
    ['pastillas en la mano', 'urgent', S],
    ['pills in my hand', 'urgent', S],
    ['me sangra la nariz y no para de sangrar', 'none'],
    ['me tomé sin querer un trago de cloro, ya llamé al toxicológico', 'none'],
  ]);

  table('someone else: a goodbye and silence, or being beaten now, is urgent for the helper', [
    ['bf took pills, not answering', 'urgent', TS],
    ["bro's ending it, cant find him", 'urgent', TS],
    ['amiga se despidió, no contesta', 'urgent', TS],
    ["la Vale posteó 'adiós', no abre", 'urgent', TS],
    ["stepdad's beating my little sister rn", 'urgent', THIRD_DANGER],
    ['papá golpeando a mi hermanito', 'urgent', THIRD_DANGER],
    ['le pega a mamá ahora', 'urgent', THIRD_DANGER],
    ['dad beating mom rn', 'urgent', THIRD_DANGER],
    ['dad hitting the ball in the garden rn', 'none'],
    ['mi compañero de piso se despidió hoy, se vuelve a su pueblo', 'none'],
    ['my brothers are play fighting rn, hitting each other with pillows', 'none'],
  ]);

  table('danger to me now, or harm I am about to do, is urgent', [
    ["some guy's following me, almost home", 'urgent', B],
    ['un tipo me está siguiendo', 'urgent', B],
    ['me quieren subir a un carro', 'urgent', B],
    ['got in thru window, help', 'urgent', B],
    ["hes hurting me rn", 'urgent', B],
    ['me ahorcó, sigue aquí', 'urgent', B],
    ['encerrada en el baño y él sigue', 'urgent', B],
    ['mi ex afuera gritando amenazas', 'urgent', B],
    ["shooting him when he's home", 'urgent', O],
    ['hoy mato a ese wey', 'urgent', O],
    ['im about to hurt the baby', 'urgent', O],
    ['estoy a punto de lastimar al bebé', 'urgent', O],
    ['im about to hit the gym', 'none'],
    ['hoy le quemo la casa', 'urgent', O],
    ['my toddler follows me everywhere lol', 'none'],
    ['hoy mato a las cucarachas de la cocina', 'none'],
  ]);

  table('a goodbye in two words, or a time for "it", is urgent; a goodnight is not', [
    ['gn forever', 'urgent', S],
    ['cuidá a mi perro. chau', 'urgent', S],
    ['esto es una despedida. los quiero', 'urgent', S],
    ['mañana temprano ya no estoy', 'urgent', S],
    ['a las 3 lo hago', 'urgent', S],
    ['esta noche es, parce', 'urgent', S],
    ['doing it at 3am', 'urgent', S],
    ['it happens tonight. decided', 'urgent', S],
    ['gn see u tmrw', 'none'],
    ['cuidá a mi perro el finde que me voy de viaje, chau', 'none'],
    ['esto es una despedida de soltera épica jaja', 'none'],
  ]);

  table('burns, urges held back, and someone who barely eats are concern', [
    ['lighter burns, last night', 'concern', S],
    ['anoche, quemaduras con encendedor', 'concern', S],
    ['my whole body is itching to do it. sitting on my hands rn', 'concern', S],
    ['todo el cuerpo me pide hacerlo. estoy sentada sobre las manos ahora', 'concern', S],
    ['sister barely eats, so thin', 'concern'],
    ['hermana casi no come, flaquísima', 'concern'],
    ['burned my hand on the oven lol', 'none'],
    ['my sister barely eats since the braces, so sore', 'none'],
  ]);
});
