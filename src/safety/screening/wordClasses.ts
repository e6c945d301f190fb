/**
 * Word classes for the learned layer: broad concepts (a means, finality, a time soon, arrangements, someone else,
 * fiction, clinical talk…) that many words in both languages point to. A message written in words the corpus has
 * never seen together still shares its classes with messages of the same kind, so the model can learn "a means and a
 * time soon" rather than one family's wording — which is what lets it generalise to meanings it was not trained on.
 * The classes are shared by English and Spanish, so each language learns from the other's messages too.
 *
 * These are not rules: no class raises a level on its own; the model weighs them with everything else. Words are the
 * normalised form (lower-case, accents folded); an entry ending in `*` matches any word starting with it.
 */

/** The concepts, in a fixed order (their index names their features). */
export const WORD_CLASSES = [
  'farewell',
  'finality',
  'arrangements',
  'means',
  'quantity',
  'soon',
  'ingested',
  'elapsed',
  'planning',
  'doing_it',
  'hopeless',
  'worthless',
  'death',
  'body_harm',
  'eating',
  'numbing',
  'stopping',
  'first_person',
  'second_person',
  'third_person',
  'media',
  'negation',
  'clinical',
  'laughing',
  'revenge',
  'danger_from',
  'distress',
  'past',
  'everyday',
  'coping',
  'question',
  'accident',
] as const;
export type WordClass = (typeof WORD_CLASSES)[number];

const LISTS: Record<WordClass, string> = {
  farewell:
    'goodbye bye byee farewell thank thanks thankyou grateful forgive sorry apologise apologize miss remember love ' +
    'adios despedi* despido despedir* gracias agradec* perdon* perdona* perdoname cuidense cuidate chau chao extran* recuerd* quiero quiere',
  finality:
    'last final finally forever anymore longer done over end ending ended enough gone leaving leave left away ' +
    'ultimo ultima ultimos ultimas final fin siempre termin* acab* listo lista nunca mas ya adelante',
  arrangements:
    'sorted sort arranged organised organized will testament password passwords key keys debt debts owed paid insurance ' +
    'policy gave give giving given away letter letters note notes envelope dog cat pets pet plants belongings stuff things ' +
    'account accounts affairs order cleaned tidied tidy ' +
    'arregl* organiz* testamento contrasena contrasenas clave claves llave llaves deuda deudas debo pague pagado seguro ' +
    'regal* di dado dej* carta cartas nota notas sobre perro perra gato gata mascota cosas ordenad* limpi* cuenta cuentas',
  means:
    'pill pills tablet tablets meds medication medications paracetamol tylenol ibuprofen insulin overdose od rope belt noose cord ' +
    'knife knives blade blades razor gun guns pistol rifle shotgun bullet bullets bridge roof rooftop ledge edge platform train ' +
    'trains tracks track cliff building balcony window car garage exhaust engine hose bleach poison bath river sea lake drown ' +
    'jump jumping motorway highway traffic lorry truck bus ' +
    'pastilla pastillas pastas pasta medicamento medicamentos medicina medicinas paracetamol insulina sobredosis cuerda soga ' +
    'cinturon cable cuchillo cuchillos navaja cuchilla cuchillas hoja arma armas pistola escopeta bala balas puente azotea ' +
    'techo cornisa borde anden via vias tren trenes metro acantilado edificio balcon ventana auto carro coche garaje cochera ' +
    'escape motor manguera lejia cloro veneno tina banera rio mar lago ahog* tirarme tirarse saltar salto autopista carretera camion colectivo',
  quantity:
    'all whole entire bottle bottles box boxes pack packet packets strip strips lot lots counted count stockpile stockpiled ' +
    'saved saving enough dozen double triple handful bunch every ' +
    'toda todas todo todos caja cajas frasco frascos bote botes tira tiras blister monton junt* guard* ahorr* cont* ' +
    'suficiente suficientes docena puñado muchas muchos',
  soon:
    'tonight tomorrow soon later when after asleep sleeping weekend midnight friday saturday sunday monday tuesday wednesday ' +
    'thursday morning tonite tmrw tmr today now ready once ' +
    'hoy noche manana pronto luego cuando despues duerman dormidos dormida dormido finde medianoche viernes sabado domingo ' +
    'lunes martes miercoles jueves ahora ahorita madrugada vez',
  ingested:
    'took taken take taking swallowed swallow drank drunk downed ate ' +
    'tome tomado tomar tomo trague tragado tragar bebi bebido beber meti',
  elapsed: 'ago hour hours minutes min mins earlier already since half hace rato horas hora minutos antes ya media',
  planning:
    'plan plans planned planning decided decide decision ready prepared prepare figured worked sure certain date picked ' +
    'chose chosen spot place time ' +
    'plan planes planead* planific* decid* decision listo lista prepar* elegi elegido escogi lugar sitio fecha momento hora seguro segura',
  doing_it: 'it do doing did go through with get over ' + 'lo hacer hacerlo hago hare hecho haciendo eso esto cabo',
  hopeless:
    'hopeless pointless point way out trapped stuck nothing nobody never better future why sense hope escape matter matters ' +
    'sin sentido salida atrapad* encerrad* nada nadie nunca futuro esperanza importa vale pena mejor por que salir',
  worthless:
    'burden waste useless worthless failure pathetic oxygen space better off without disappointment mess fault deserve ' +
    'carga estorbo inutil fracas* desperdicio oxigeno sobro sobra sin mi culpa merezco decepcion porqueria basura',
  death:
    'die dying dead death died grave coffin funeral disappear vanish gone sleep wake exist existing alive live living life heaven ' +
    'morir muerte muerto muerta morirme muera muero moriria desaparecer despertar existir vivir vida vivo viva cielo ' +
    'funeral tumba dormir',
  body_harm:
    'cut cutting cuts cutter burn burning burned burnt lighter cigarette hit hitting punch punched punching bang banged ' +
    'head wall scratch scratching blood bleed bleeding scar scars skin wrist wrists arm arms thigh thighs bruise bruises hurt hurting ' +
    'cort* quem* golpe* pegar* pegue sangre sangr* cicatri* muneca munecas brazo brazos piel encendedor mechero cigarro pared cabeza ' +
    'rasgu* moreton moretones dano lastim*',
  eating:
    'eat eating ate eaten food meal meals starve starving fasting fast purge purging throw vomit vomiting calories weight fat ' +
    'skip skipped skipping laxatives hungry ' +
    'comer comiendo comi comido comida comidas ayun* vomit* calorias peso gorda gordo saltar salte laxantes hambre',
  numbing:
    'drink drinking drunk vodka wine beer alcohol numb high weed coke wasted booze shots ' +
    'beber bebiendo borrach* alcohol vodka vino cerveza chela pedo entumid* anestesi* olvidar',
  stopping: 'stop stopped stopping quit quitting flushed binned threw skip ' + 'deje dejar deje parar pare tire tirar',
  first_person: 'i me my myself mine im ive id ill ' + 'yo me mi mis conmigo mismo misma',
  second_person: 'you your yours u ur youre ' + 'tu tus ti te contigo usted',
  third_person:
    'he she they him her his their them friend friends brother sister mum mom dad mother father cousin son daughter ' +
    'neighbour neighbor roommate coworker colleague boss classmate guy girl someone someones people ' +
    'el ella ellos ellas le les su sus amigo amiga amigos hermano hermana mama papa madre padre primo prima hijo hija vecino vecina companero companera jefe alguien gente',
  media:
    'book books novel movie movies film films show shows series episode episodes game games character characters season ' +
    'chapter story news article documentary song lyrics podcast play protagonist actor actress anime manga video videos ' +
    'tiktok youtube streamer reading watched watching ' +
    'libro libros novela pelicula peliculas peli pelis serie series capitulo capitulos juego juegos videojuego personaje ' +
    'personajes temporada noticia noticias articulo documental cancion letra obra protagonista actor actriz leyendo viendo',
  negation: 'not never no dont didnt wont cant nope nah neither nor isnt wasnt ' + 'nunca jamas ni tampoco',
  clinical:
    'doctor gp therapist counsellor counselor psychiatrist psychologist nurse questionnaire asked ask screening appointment ' +
    'session review ' +
    'psiquiatra psicologa psicologo terapeuta medico medica doctora cuestionario pregunto pregunta preguntas sesion cita consulta',
  laughing: 'lol lmao lmfao haha hahaha jk joking kidding literally rofl xd ' + 'jaja jajaja jajajaja jeje broma bromeando literal',
  revenge:
    'pay regret teach lesson revenge sorry deserves deserve get back make show ' +
    'pagar pague venganza vengar* arrepent* leccion merece ensenar',
  danger_from:
    'hits hit threatens threatened threat scared afraid locked choke choked chokes pushes pushed controls control phone money ' +
    'yells shouts grabbed grabs slapped slaps ' +
    'pega pego amenaz* miedo encierra encerro empuj* controla control celular dinero grita agarr* cachet* ahorc*',
  distress:
    'cant anymore tired exhausted empty numb alone lonely hurts pain hate crying cry broken heavy dark tired ' +
    'puedo cansad* vacio vacia sola solo dolor duele harto harta odio llor* rot* pesad* oscur* agotad*',
  past: 'years ago when was used teen teenager back then once kid child ' + 'anos cuando era fue adolescente antes nino nina chica chico',
  everyday:
    'work job shift meeting exam exams class homework traffic weather dinner lunch coffee pizza party trip holiday ' +
    'shopping gym football match cook cooking cleaning ' +
    'trabajo chamba turno reunion examen examenes clase tarea trafico clima cena almuerzo comida cafe fiesta viaje ' +
    'vacaciones compras gimnasio futbol partido cocinar',
  coping:
    'relieved grateful happy excited proud good fine ok okay better easier glad yay lucky tickets enjoyed enjoying fun ' +
    'survived recovered recovery healing progress managed made bittersweet looking forward ' +
    'aliviad* agradecid* feliz felices content* orgullos* bien mejor emocionad* ganas suerte entradas disfrut* divert* ' +
    'sobrevivi recuperad* recuper* progreso logre conseguido consegui ilusion',
  question: 'how what which where whats hows can could should is does do ok safe normal ' + 'como cual donde que puedo puede debo normal pasa hago',
  accident:
    'accidentally accident forgot forget mistake missed oops by ' + 'querer accidente olvide olvido olvid* error equivoc* sin',
};

const exact = new Map<string, number[]>();
const prefixes = new Map<string, number[]>();
let longestPrefix = 0;

function add(map: Map<string, number[]>, key: string, index: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [index]);
  else if (!list.includes(index)) list.push(index);
}

WORD_CLASSES.forEach((name, index) => {
  for (const entry of LISTS[name].split(' ')) {
    if (entry === '') continue;
    if (entry.endsWith('*')) {
      const stem = entry.slice(0, -1);
      add(prefixes, stem, index);
      longestPrefix = Math.max(longestPrefix, stem.length);
    } else {
      add(exact, entry, index);
    }
  }
});

const NONE: readonly number[] = [];

/** Indices (into WORD_CLASSES) of the classes a normalised word belongs to; a shared empty array when none. */
export function classesOfWord(word: string): readonly number[] {
  const hit = exact.get(word);
  let out: number[] | undefined = hit === undefined ? undefined : [...hit];
  for (let n = Math.min(word.length, longestPrefix); n >= 3; n -= 1) {
    const more = prefixes.get(word.slice(0, n));
    if (more === undefined) continue;
    out ??= [];
    for (const c of more) if (!out.includes(c)) out.push(c);
  }
  return out ?? NONE;
}
