import assert from 'node:assert/strict';
import { screenMessage, type RiskCategory, type RiskLevel } from '../../../src/safety/screener';

/**
 * What a risk phrase means in its context, as the level of the message shows it: denied, answered no, in the past,
 * only a thought, a joke, someone else's, a character's. With the lexicon alone (the learned layer only raises).
 */
type Row = [
  text: string,
  level: RiskLevel,
  expect?: { signal?: string; no?: string; third?: boolean; categories?: RiskCategory[]; evidence?: string[] },
];

function table(name: string, rows: Row[]): void {
  describe(name, () => {
    for (const [text, level, expect = {}] of rows) {
      it(`${JSON.stringify(text)} → ${level}`, () => {
        const result = screenMessage(text, { model: false });
        assert.equal(result.level, level, `signals: ${result.signals.join(', ')}`);
        if (expect.signal !== undefined) assert.ok(result.signals.includes(expect.signal), `${expect.signal} missing from ${result.signals.join(', ')}`);
        if (expect.no !== undefined) assert.ok(!result.signals.includes(expect.no), `${expect.no} in ${result.signals.join(', ')}`);
        if (expect.third !== undefined) assert.equal(result.thirdParty, expect.third);
        if (expect.categories !== undefined) assert.deepEqual(result.categories, expect.categories);
        if (expect.evidence !== undefined) assert.deepEqual(result.evidence, expect.evidence);
      });
    }
  });
}

const S: RiskCategory[] = ['self_harm_suicide'];
const TS: RiskCategory[] = ['self_harm_suicide', 'third_party'];

describe('screening: what a phrase means in its context', () => {
  table('idioms are not risk', [
    ['this job is killing me', 'none'],
    ['Me voy a matar a estudiar estas dos semanas', 'none'],
    ['Shot myself in the foot by agreeing to host Christmas', 'none'],
    ['been banging my head against the wall trying to fix this bug', 'none'],
    ['me muero de hambre', 'none'],
    ['this job is killing me and I want to die', 'concern', { categories: S }],
    ['I need to cut myself some slack', 'none', { no: 'self_harm' }],
    ['I cut myself on a knife while cooking', 'none', { no: 'self_harm' }],
    ['I keep beating myself up about it', 'none'],
    ['fell off my bike and hurt myself', 'none', { no: 'self_harm' }],
    ['my mom is going to kill me, I broke her vase', 'none', { no: 'immediate_danger' }],
    ['the wifi unalived itself again', 'none'],
    ['I cut myself some slack and I want to die', 'concern', { signal: 'passive_ideation', no: 'self_harm', evidence: ['want to die'] }],
    ['this job is killing me and I want to die', 'concern', { evidence: ['want to die'] }],
    ['Ese examen me mató', 'none'],
    ['mi mamá me cortó el teléfono', 'none', { no: 'self_harm' }],
    ['si sigo así me mato', 'urgent', { signal: 'active_ideation', categories: S }],
    ['me corto cuando estoy triste', 'concern', { signal: 'self_harm' }],
    ['Snapchat messages self delete after you view them', 'none'],
    ['the train broke down and we had to walk on the tracks to the station', 'none'],
  ]);

  table('a phrase inside a larger one counts once, as the larger one', [
    ['me amenazó con matarme', 'urgent', { signal: 'harmed_by_others', no: 'active_ideation', categories: ['harmed_by_others'] }],
    // The threat swallows only the words inside it: the writer's own wish beside it still counts.
    ['Quiero matarme y él me amenazó con matarme', 'urgent', { signal: 'active_ideation', categories: ['self_harm_suicide', 'harmed_by_others'] }],
    ['Me amenazó con matarme y yo quiero matarme', 'urgent', { signal: 'active_ideation', categories: ['self_harm_suicide', 'harmed_by_others'] }],
  ]);

  table('a negation just before the phrase denies it', [
    ['I would never kill myself', 'none', { signal: 'denial', no: 'active_ideation' }],
    ['I dont want to kill myself', 'none', { signal: 'denial' }],
    ['no quiero matarme', 'none', { signal: 'denial' }],
    ['I do not really honestly truly deeply want to die', 'none', { signal: 'denial' }],
    ['mi hermano no se quiere matar', 'none', { signal: 'denial', third: false }],
    ['no tengo un plan, pero a veces quiero morirme', 'concern', { signal: 'passive_ideation', no: 'plan_hint' }],
  ]);

  table('a negation too far back, in another clause or taken back, does not', [
    ['I do not really honestly truly very deeply want to die', 'concern', { no: 'denial' }],
    ['I never said that. I want to kill myself', 'urgent', { signal: 'active_ideation', no: 'denial' }],
    ['I never, ever want to die', 'concern', { signal: 'passive_ideation' }],
    ['I never thought I would say this but I want to kill myself', 'urgent'],
    ['never mind, I want to kill myself', 'urgent'],
    ["I cant stop wanting to kill myself", 'urgent'],
    ["I don't think I want to kill myself", 'urgent'],
    ['no sé si quiero morirme', 'concern'],
    ['Never. Want to die every day', 'concern', { no: 'denial' }],
    ["I'm not sad but I want to die", 'concern', { no: 'denial' }],
    ["I don't think I'd ever want to kill myself", 'urgent', { no: 'denial' }],
    ['I would never ever in my life want to kill myself', 'urgent', { no: 'denial' }],
  ]);

  table('a reported question answered no is a denial, unless the answer is taken back', [
    ['the counsellor asked me if I ever hurt myself, I said no, never', 'none', { signal: 'denial' }],
    ['me preguntó si pensaba en suicidarme y le dije que no', 'none', { signal: 'denial' }],
    ['the counsellor asked me if I ever hurt myself, I said no, but I lied', 'concern', { signal: 'self_harm', no: 'denial' }],
    ['she asked me if I ever wanted to die', 'concern'],
    ['I said no. she asked me if I wanted to die', 'concern'],
    ['she asked me if I ever wanted to die. I said no', 'none', { signal: 'denial' }],
    ['she asked me if I ever hurt myself and honestly I said no', 'none'],
    ['I want to die. No.', 'concern', { signal: 'passive_ideation', no: 'denial' }],
    ['she asked if I wanted to die, I said no, not at all', 'none', { signal: 'denial' }],
    ['she asked if I wanted to die, and I said no but honestly I do', 'concern', { signal: 'passive_ideation' }],
    ['she asked me if I wanted to die, honestly I said no', 'none', { signal: 'denial' }],
    // The clinician is shown what the person did not deny, never the words they answered no to.
    ['the nurse asked me if I had hurt myself, I said no. I want to die', 'concern', { signal: 'passive_ideation', evidence: ['want to die'] }],
    // A questionnaire's item answered zero before it is named, or "none" after a question about it.
    ['scored 0 on the self harm question again', 'none', { signal: 'denial' }],
    ['marqué 0 en la pregunta de autolesiones', 'none', { signal: 'denial' }],
    ['scored 2 on the self harm question again', 'concern', { signal: 'self_harm', no: 'denial' }],
    ['the doctor asked about suicidal thoughts, honestly none', 'none', { signal: 'denial' }],
    ['the doctor asked about suicidal thoughts, honestly a lot', 'concern', { signal: 'suicidal_thoughts', no: 'denial' }],
  ]);

  table('the past is history, counted only with distress now', [
    ['I tried to kill myself', 'none', { signal: 'past_history', no: 'active_ideation' }],
    ['I used to cut myself', 'none', { signal: 'past_history' }],
    ['I cut myself years ago', 'none', { signal: 'past_history' }],
    ['intenté suicidarme', 'none', { signal: 'past_history' }],
    ['cuando era adolescente me cortaba', 'none', { signal: 'past_history' }],
    ['I cut myself years ago and again today', 'concern', { signal: 'self_harm', no: 'past_history' }],
    ['years ago I wanted to die but now I want to die again', 'concern', { signal: 'passive_ideation' }],
    ['I tried to kill myself two years ago but I want to kill myself now', 'urgent', { signal: 'active_ideation' }],
    ['two years ago I had a plan to kill myself', 'none', { signal: 'past_history', no: 'plan' }],
    ['years ago I wrote my suicide note', 'none', { signal: 'past_history', no: 'preparation' }],
    ['years ago I took all my pills', 'none', { signal: 'past_history', no: 'act_in_progress' }],
    ['years ago I was a burden to everyone', 'none', { signal: 'past_history', no: 'burden' }],
    ['years ago he hit me', 'none', { signal: 'past_history', no: 'harmed_by_others' }],
    ['years ago I was starving myself', 'none', { signal: 'past_history', no: 'disordered_eating' }],
    ['years ago I was going to kill him', 'none', { signal: 'past_history', no: 'harm_to_others' }],
    ['years ago I was thinking about suicide', 'none', { signal: 'past_history', no: 'suicidal_thoughts' }],
    ['years ago I kept thinking about killing him', 'none', { signal: 'past_history' }],
    ['years ago I felt hopeless', 'none', { signal: 'past_history', no: 'hopelessness' }],
    ['years ago I had stockpiled my meds', 'none', { signal: 'past_history', no: 'means' }],
    ['years ago he was outside with a knife', 'none', { signal: 'past_history', no: 'immediate_danger' }],
    ['years ago I was going to take all my pills', 'none', { signal: 'past_history', no: 'intent' }],
    ["I've stockpiled my meds", 'urgent', { signal: 'means' }],
    ["he's outside with a knife", 'urgent', { signal: 'immediate_danger', categories: ['harmed_by_others'] }],
    ['It was two years ago. I want to kill myself', 'urgent', { signal: 'active_ideation', no: 'past_history' }],
    ['I want to kill myself. I got a dog two years ago', 'urgent', { signal: 'active_ideation', no: 'past_history' }],
    ['years ago I was going to end it tonight', 'urgent', { signal: 'active_ideation' }],
    ['I have a plan to kill myself', 'urgent', { signal: 'plan' }],
    ['I wrote my suicide note', 'urgent', { signal: 'preparation' }],
    ['I took all my pills', 'urgent', { signal: 'act_in_progress' }],
    ['he hits me', 'concern', { signal: 'harmed_by_others', categories: ['harmed_by_others'] }],
    ["I've been starving myself", 'concern', { signal: 'disordered_eating', categories: ['disordered_eating'] }],
    ['Two years ago I was suicidal. Now I am doing well', 'none', { signal: 'past_history', no: 'active_ideation' }],
    // A past time joined on with "and" and its own subject or time is not the phrase's.
    ['I want to die and two years ago I was in hospital', 'concern', { signal: 'passive_ideation', no: 'past_history' }],
    ['quiero morirme y hace dos años estuve internada', 'concern', { signal: 'passive_ideation', no: 'past_history' }],
    ['I want to die and I tried two years ago', 'concern', { signal: 'passive_ideation', no: 'past_history' }],
    // An "and" followed by a verb in the present starts the phrase's own clause; one in the past shares the time.
    ['I used to love running and want to die', 'concern', { signal: 'passive_ideation', no: 'past_history' }],
    ['I used to love running and wanted to die', 'none', { signal: 'past_history' }],
    ['solía correr y quiero morirme', 'concern', { signal: 'passive_ideation', no: 'past_history' }],
    ['solía ser feliz y me quiero morir', 'concern', { signal: 'passive_ideation', no: 'past_history' }],
    ['I used to be sad and wanted to kill myself', 'none', { signal: 'past_history' }],
    ['solía estar mal y me cortaba', 'none', { signal: 'past_history' }],
    // A past time after "but", or a past word before it, is another clause.
    ['quiero morirme pero solía ser feliz', 'concern', { signal: 'passive_ideation', no: 'past_history' }],
    ['estaba bien antes pero quiero morirme', 'concern', { signal: 'passive_ideation', no: 'past_history' }],
    // A question about lethal amounts is never history, whatever time is named beside it.
    ['how many of my pills would it take to die, I got them years ago', 'urgent', { signal: 'means_question', no: 'past_history' }],
  ]);

  table('thinking about it is a thought, unless it is tonight or names a method', [
    ['I keep thinking about killing myself', 'concern', { signal: 'suicidal_thoughts', no: 'active_ideation', categories: S }],
    ['killing myself is all I think about', 'concern', { signal: 'suicidal_thoughts' }],
    ['the thought of killing myself keeps coming up', 'concern', { signal: 'suicidal_thoughts' }],
    ['pienso en matarme', 'concern', { signal: 'suicidal_thoughts' }],
    ['I keep thinking about killing my boss', 'concern', { signal: 'harm_to_others_thoughts', categories: ['harm_to_others'] }],
    ['I keep thinking about killing myself tonight', 'urgent', { signal: 'active_ideation', no: 'suicidal_thoughts' }],
    ['pienso en matarme esta noche', 'urgent', { signal: 'active_ideation' }],
    ['I keep thinking about jumping in front of a train', 'urgent', { signal: 'active_ideation' }],
    ['I thought about it and I want to kill myself', 'urgent'],
    ['I keep thinking I will end it', 'concern', { signal: 'suicidal_thoughts' }],
    ["I'm thinking about killing him lol", 'concern', { signal: 'harm_to_others_thoughts' }],
    ['I keep thinking about hurting someone', 'concern', { signal: 'harm_to_others_thoughts' }],
    ['killing myself these days is all I think about', 'concern', { signal: 'suicidal_thoughts', no: 'active_ideation' }],
    ['I want to kill my boss and it\'s all I think about', 'concern', { signal: 'harm_to_others_thoughts', categories: ['harm_to_others'] }],
    ['I keep thinking about killing myself and I might tonight', 'urgent', { signal: 'active_ideation', no: 'suicidal_thoughts' }],
    ["I've stockpiled my meds and it's all I think about", 'urgent', { signal: 'means', no: 'suicidal_thoughts' }],
  ]);

  table('a wish to be dead with a time within hours and a future is intent', [
    ['tonight I finally get to rest forever', 'urgent', { signal: 'intent', no: 'passive_ideation' }],
    ['I want to die', 'concern', { signal: 'passive_ideation' }],
    ['I wish I was dead, today was awful', 'concern', { signal: 'passive_ideation', no: 'intent' }],
  ]);

  table('a joke marker makes explicit words a gentle check, and a laughed-off threat at family nothing', [
    ['I want to kill myself lol', 'concern', { signal: 'hyperbole', categories: S }],
    ['ugh I want to kill myself if I have to sit through this', 'concern', { signal: 'hyperbole' }],
    ["I'm going to kill the guy next door lol", 'concern', { signal: 'harm_to_others', categories: ['harm_to_others'] }],
    ["I'm going to kill my sister lol", 'none', { signal: 'hyperbole', no: 'harm_to_others' }],
    ["I'm gonna kill my roommate, he ate my food lol", 'none', { signal: 'hyperbole' }],
    ['kill myself lol', 'concern', { signal: 'active_ideation' }],
    ["I'm going to kill him", 'urgent', { signal: 'harm_to_others', no: 'hyperbole' }],
    ['I want to kill myself watching them play lol', 'concern', { signal: 'active_ideation', categories: S }],
    // The quarrel is read only from the words right after the threat, in its own clause.
    ["I'm gonna kill the guy who dates my sister lol", 'concern', { signal: 'harm_to_others', categories: ['harm_to_others'] }],
    ["I'm going to kill the guy, my sister agrees lol", 'concern', { signal: 'harm_to_others' }],
    ["I'm going to kill the guy. my sister agrees lol", 'concern', { signal: 'harm_to_others' }],
    ["I'm going to kill the guy but my sister says no lol", 'concern', { signal: 'harm_to_others' }],
  ]);

  table('a veiled act stays a signal even when the writer says they will not', [
    ["don't worry, I won't do anything stupid", 'none', { signal: 'veiled_act', no: 'denial' }],
    ['no te preocupes, no voy a hacer una tontería', 'none', { signal: 'veiled_act', no: 'denial' }],
    ['she asked if I would do anything stupid, I said no', 'none', { signal: 'veiled_act', no: 'denial' }],
  ]);

  table('whose risk it is', [
    ['she wants to kill herself', 'concern', { third: true, categories: TS }],
    ['he wants to die', 'concern', { third: true }],
    ['my mom says she wants to die', 'concern', { third: true }],
    ['someone told me they want to die', 'concern', { third: true }],
    ['a friend wants to die', 'concern', { third: true }],
    ['mi hermano se quiere matar', 'concern', { third: true, categories: TS }],
    ['she said I want to kill myself', 'urgent', { third: false }],
    ['he has pills, I want to die', 'concern', { third: false }],
    ['he said that. I want to die', 'concern', { third: false }],
    ['he pensado en suicidarme', 'concern', { third: false, signal: 'suicidal_thoughts' }],
    ['he pensado que ya no quiero vivir', 'concern', { third: false, signal: 'passive_ideation' }],
    ['she makes me want to kill myself', 'urgent', { third: false }],
    ["he left, I'm going to end it all", 'urgent', { third: false }],
    ['honestly want to die', 'concern', { third: false }],
    ['my job makes me want to die', 'concern', { third: false }],
    ['quiero morirme', 'concern', { third: false, categories: S }],
    ['yesterday my neighbour said she wants to die', 'concern', { third: true }],
    ['my friend who I met at school in the city near the big old park wants to kill herself', 'concern', { third: true }],
    ['I told him I want to die', 'concern', { third: false }],
    ['she wants to kill herself and I want to die', 'concern', { third: true, signal: 'passive_ideation' }],
    ['my dad smashed my phone, ill end it', 'urgent', { third: false, categories: S }],
    ['my neighbour who lives across the street from us with three dogs wants to die', 'concern', { third: true }],
    // Someone named a dozen words back does not take a phrase with no subject of its own away from the writer.
    ['she says the meeting moved to thursday at three in the big room, want to die', 'concern', { third: false, categories: S }],
    ['he pensado en acabar con mi vida', 'concern', { third: false, signal: 'suicidal_thoughts' }],
    ['mi amiga me ha dicho que quiere acabar con todo', 'concern', { third: true, categories: TS }],
    // Spanish "he" + a participle is "I have": also the irregular ones with a prefix.
    ['he resuelto acabar con mi vida', 'urgent', { third: false, signal: 'active_ideation', categories: S }],
    ['he descubierto que quiero acabar con todo', 'urgent', { third: false, categories: S }],
    ['he said he wants to end it all', 'concern', { third: true, categories: TS }],
    // "Not asking for a friend" is about the writer: their own response, not the helper's.
    ["I'm not asking for a friend, I want to die", 'concern', { third: false, no: 'asking_for_a_friend', categories: S }],
    ['No es para un amigo, es para mí: ¿cuántas pastillas hacen falta para morir?', 'urgent', { third: false, no: 'asking_for_a_friend', categories: S }],
  ]);

  table('a character or a news story is nobody at risk, unless someone close is named', [
    ['in the game my character wants to kill himself', 'none', { signal: 'fiction' }],
    ['he wants to kill himself, in the book', 'concern', { third: true }],
    ['in the movie the dad wants to kill himself', 'none', { signal: 'fiction' }],
    ['in the movie my dad wants to kill himself', 'concern', { third: true, categories: TS }],
    ['We watched a movie about the war. Afterwards he told me he wants to kill himself', 'concern', { third: true, no: 'fiction' }],
    ['The guy next door is a real hero. He says he wants to kill himself', 'concern', { third: true, no: 'fiction' }],
    ['El vecino de abajo siempre fue un héroe. Dice que quiere acabar con todo', 'concern', { third: true, no: 'fiction' }],
    ['I was reading the news on the bus when the old man next to me said he wants to kill himself', 'concern', { third: true, no: 'fiction' }],
    ['My best friend keeps watching the news and now she says she wants to kill herself', 'concern', { third: true, no: 'fiction', categories: TS }],
    // A coworker or a neighbour is someone real, whatever the story or the news elsewhere in the message.
    ['I read the news at lunch and then my coworker told me he wants to kill himself', 'concern', { third: true, no: 'fiction', categories: TS }],
    ['vi las noticias y luego mi vecino me dijo que quiere acabar con todo', 'concern', { third: true, no: 'fiction', categories: TS }],
    // Someone beside the writer or speaking to them is real too, with nobody close named.
    ['I was reading the news when the man next to me said he wants to kill himself', 'concern', { third: true, no: 'fiction', categories: TS }],
    ['estaba leyendo las noticias cuando el señor al lado mío dijo que se quiere matar', 'concern', { third: true, no: 'fiction', categories: TS }],
    ['in the news a man said he wants to kill himself', 'none', { signal: 'fiction' }],
    ['en las noticias un hombre dijo que se quiere matar', 'none', { signal: 'fiction' }],
  ]);

  it('reads context the same way at the end of a long message', () => {
    const chat = 'we went to the market and then to the park, it was a nice day and the kids played. '.repeat(20);
    const level = (text: string) => screenMessage(chat + text, { model: false });
    assert.equal(level('I would never kill myself').level, 'none');
    assert.equal(level('I keep thinking about killing myself').level, 'concern');
    assert.ok(level('years ago I wanted to die').signals.includes('past_history'));
    assert.equal(level('I want to kill myself').level, 'urgent');
  });
});
