import assert from 'node:assert/strict';
import { PromptOptions } from 'botbuilder-dialogs';
import { parseChoice, parsePersonName, parseScore, parseText, parseYesABitNo, parseYesNo } from '../../dialogs/prompts/parsers';
import { toChoices, YES_NO } from '../../dialogs/prompts/ask';

/**
 * What the bot understands from a typed answer or a button, on the questions people actually meet: how a
 * contact went (three buttons), a suggestion to accept or put off, the consent question, "keep the name as
 * it is", a mood or a rating.
 */

const howItWent: PromptOptions = {
  choices: toChoices([
    { id: 'better', key: 'checkin.how_better' },
    { id: 'asExpected', key: 'checkin.how_asExpected' },
    { id: 'worse', key: 'checkin.how_worse' },
  ]),
};
const nudge: PromptOptions = { choices: toChoices([{ id: 'accept', key: 'nudge.acceptButton' }, { id: 'decline', key: 'nudge.declineButton' }]) };
const consent: PromptOptions = { choices: toChoices([{ id: 'yes', key: 'onboarding.consentYes' }, { id: 'no', key: 'onboarding.consentNo' }]) };
const keepName: PromptOptions = { choices: toChoices([{ id: 'skip', key: 'inventory.keepButton' }]) };

describe('typed answers: picking one of the buttons', () => {
  it('a number typed picks the button in that place, counting from 1; a number past the buttons is asked again', () => {
    assert.deepEqual(parseChoice({ text: '1' }, howItWent), { ok: true, value: 'better' });
    assert.deepEqual(parseChoice({ text: '3' }, howItWent), { ok: true, value: 'worse' });
    assert.deepEqual(parseChoice({ text: '0' }, howItWent), { ok: false, reason: 'unknownChoice' });
    assert.deepEqual(parseChoice({ text: '4' }, howItWent), { ok: false, reason: 'unknownChoice' });
    for (const how of [{ strict: true }, {}]) {
      assert.deepEqual(parseChoice({ text: '1' }, howItWent, how), { ok: true, value: 'better' });
      assert.deepEqual(parseChoice({ text: '3' }, howItWent, how), { ok: true, value: 'worse' });
      assert.deepEqual(parseChoice({ text: '4' }, howItWent, how), { ok: false, reason: 'unknownChoice' });
    }
    // A list without buttons has no first one.
    assert.deepEqual(parseChoice({ text: '1' }, {}), { ok: false, reason: 'unknownChoice' });
  });

  it('a title typed in any case and with punctuation is that button, even in strict or exact reading', () => {
    for (const how of [{}, { strict: true }, { exact: true }]) {
      assert.deepEqual(parseChoice({ text: 'BETTER THAN EXPECTED!!' }, howItWent, how), { ok: true, value: 'better' }, JSON.stringify(how));
      assert.deepEqual(parseChoice({ text: 'peor de lo esperado.' }, howItWent, how), { ok: true, value: 'worse' }, JSON.stringify(how));
    }
  });

  it('plain string choices are matched by their own text and position', () => {
    assert.deepEqual(parseChoice({ text: 'Tuesday' }, { choices: ['Monday', 'Tuesday'] }), { ok: true, value: 'Tuesday' });
    assert.deepEqual(parseChoice({ text: '1' }, { choices: ['Monday', 'Tuesday'] }), { ok: true, value: 'Monday' });
  });

  it('a sentence is read for what it means, except where only a title or a button counts', () => {
    assert.deepEqual(parseChoice({ text: 'the second one' }, howItWent), { ok: true, value: 'asExpected' });
    assert.deepEqual(parseChoice({ text: 'the second one' }, howItWent, { strict: true }), { ok: false, reason: 'unknownChoice' });
    // A safety question reads every answer whole: "2" is not "No".
    assert.deepEqual(parseChoice({ text: '2' }, howItWent, { exact: true }), { ok: false, reason: 'unknownChoice' });
  });

  it('a clear yes or no picks the accepting or the declining button', () => {
    assert.deepEqual(parseChoice({ text: "yes let's do that" }, nudge), { ok: true, value: 'accept' });
    assert.deepEqual(parseChoice({ text: 'sure' }, nudge), { ok: true, value: 'accept' });
    assert.deepEqual(parseChoice({ text: 'nah' }, nudge), { ok: true, value: 'decline' });
    assert.deepEqual(parseChoice({ text: 'maybe' }, nudge), { ok: false, reason: 'unknownChoice' });
    // Only one side has a button: the other side's answer is asked again.
    const goOn = { choices: [{ value: 'continue', synonyms: ['Keep going'] }, { value: 'later', synonyms: ['Later'] }] };
    assert.deepEqual(parseChoice({ text: 'yes' }, goOn), { ok: true, value: 'continue' });
    assert.deepEqual(parseChoice({ text: 'nope' }, goOn), { ok: false, reason: 'unknownChoice' });
    const leave = { choices: [{ value: 'other', synonyms: ['Something else'] }, { value: 'decline', synonyms: ['Leave it'] }] };
    assert.deepEqual(parseChoice({ text: 'nope' }, leave), { ok: true, value: 'decline' });
    assert.deepEqual(parseChoice({ text: 'yes' }, leave), { ok: false, reason: 'unknownChoice' });
    // Two buttons that a yes could mean: which one is not guessed.
    const twoYes = { choices: [{ value: 'yes' }, { value: 'accept' }, { value: 'no' }] };
    assert.deepEqual(parseChoice({ text: 'sure' }, twoYes), { ok: false, reason: 'unknownChoice' });
    assert.deepEqual(parseChoice({ text: 'nope' }, twoYes), { ok: true, value: 'no' });
  });

  it('doubt is not a button that holds its words; with a pick beside it, or as the title\'s own words, it still counts', () => {
    const griefReminder: PromptOptions = { choices: toChoices(['dayBefore', 'onTheDay', 'no'].map((id) => ({ id, key: `grief.reminder_${id}` }))) };
    const readiness: PromptOptions = { choices: toChoices(['ready', 'unsure'].map((id) => ({ id, key: `problem.readiness_${id}` }))) };
    for (const text of ['no sé', 'no se', 'no lo sé', 'no estoy segura', 'no idea', 'no idea tbh', 'mmm no sé la verdad']) {
      assert.deepEqual(parseChoice({ text }, griefReminder), { ok: false, reason: 'unknownChoice' }, text);
      assert.deepEqual(parseChoice({ text }, consent), { ok: false, reason: 'unknownChoice' }, text);
    }
    assert.deepEqual(parseChoice({ text: 'no sé, el mismo día creo' }, griefReminder), { ok: true, value: 'onTheDay' });
    assert.deepEqual(parseChoice({ text: 'probably worse' }, howItWent), { ok: true, value: 'worse' });
    assert.deepEqual(parseChoice({ text: 'not sure, maybe the second one' }, howItWent), { ok: true, value: 'asExpected' });
    assert.deepEqual(parseChoice({ text: 'más o menos' }, howItWent), { ok: true, value: 'asExpected' });
    assert.deepEqual(parseChoice({ text: "i'm not sure" }, readiness), { ok: true, value: 'unsure' });
  });

  it('a button pressed counts when it is one of the buttons; typed text wins over a card value sent with it', () => {
    assert.deepEqual(parseChoice({ value: { choice: 2 } }, { choices: ['1', '2'] }), { ok: true, value: '2' });
    assert.deepEqual(parseChoice({ value: { choice: Number.POSITIVE_INFINITY } }, { choices: ['1', '2'] }), { ok: false, reason: 'badCard' });
    assert.deepEqual(parseChoice({ value: { choice: 'worse' }, text: 'better than expected' }, howItWent), { ok: true, value: 'better' });
    assert.deepEqual(parseChoice({ value: { choice: 'worse' }, text: '' }, howItWent), { ok: true, value: 'worse' });
    assert.deepEqual(parseChoice({ value: 'worse' }, howItWent), { ok: false, reason: 'badCard' });
    assert.deepEqual(parseChoice({ text: '  ' }, howItWent), { ok: false, reason: 'empty' });
  });

  it('a button that sent something other than a title or a number, or nothing at all, is asked again with its own hint', () => {
    assert.deepEqual(parseChoice({ value: { choice: true } }, { choices: ['true', 'false'] }), { ok: false, reason: 'badCard' });
    assert.deepEqual(parseChoice({ value: { choice: { id: 'worse' } } }, howItWent), { ok: false, reason: 'badCard' });
    assert.deepEqual(parseChoice({ value: 3 }, howItWent), { ok: false, reason: 'badCard' });
    assert.deepEqual(parseChoice({}, howItWent), { ok: false, reason: 'empty' });
  });

  it('a number past 9 picks its button in a long list, in every reading but the exact one', () => {
    const months: PromptOptions = { choices: Array.from({ length: 12 }, (_, i) => ({ value: `m${i + 1}`, synonyms: [`Month ${i + 1}`] })) };
    for (const how of [{}, { strict: true }]) {
      assert.deepEqual(parseChoice({ text: '10' }, months, how), { ok: true, value: 'm10' }, JSON.stringify(how));
      assert.deepEqual(parseChoice({ text: '12' }, months, how), { ok: true, value: 'm12' }, JSON.stringify(how));
      assert.deepEqual(parseChoice({ text: '13' }, months, how), { ok: false, reason: 'unknownChoice' }, JSON.stringify(how));
    }
  });

  it('a title in the other language is the same button', () => {
    assert.deepEqual(parseChoice({ text: 'mejor de lo esperado' }, howItWent, { exact: true }), { ok: true, value: 'better' });
    assert.deepEqual(parseChoice({ text: 'Worse than expected' }, howItWent, { exact: true }), { ok: true, value: 'worse' });
  });
});

describe('typed answers: yes or no', () => {
  it("the buttons' own titles typed out are their answer, in either language", () => {
    assert.deepEqual(parseYesNo({ text: 'Yes, go ahead' }, consent), { ok: true, value: true });
    assert.deepEqual(parseYesNo({ text: 'sí, adelante' }, consent), { ok: true, value: true });
    assert.deepEqual(parseYesNo({ text: 'No thanks' }, consent), { ok: true, value: false });
    // Titles that are not yes or no words: only the buttons say what they mean.
    const stop = { choices: [{ value: 'yes', synonyms: ['Keep going'] }, { value: 'no', synonyms: ['Stop here'] }] };
    assert.deepEqual(parseYesNo({ text: 'keep going' }, stop), { ok: true, value: true });
    assert.deepEqual(parseYesNo({ text: 'Stop here' }, stop), { ok: true, value: false });
    assert.deepEqual(parseYesNo({ value: { choice: 'no' } }, { choices: toChoices(YES_NO) }), { ok: true, value: false });
    // A third button is not a yes or a no.
    const more = { choices: [{ value: 'yes', synonyms: ['Yes'] }, { value: 'no', synonyms: ['No'] }, { value: 'more', synonyms: ['Tell me more'] }] };
    assert.deepEqual(parseYesNo({ text: 'Tell me more' }, more), { ok: false, reason: 'notYesNo' });
  });

  it('"sometimes" or "a bit" to a general question is a partial yes; doubt is asked again', () => {
    for (const some of ['sometimes', 'a bit', 'a little', 'a veces', 'un poco', 'un poquito', 'de vez en cuando']) {
      assert.deepEqual(parseYesNo({ text: some }, {}), { ok: true, value: true }, some);
    }
    for (const doubt of ['not sure', 'no sé', 'maybe sometimes', '?']) assert.deepEqual(parseYesNo({ text: doubt }, {}), { ok: false, reason: 'notYesNo' }, doubt);
    // In capitals or with extra spaces it is the same answer.
    for (const some of ['SOMETIMES', '  a   bit ', 'Un Poco', 'a little yes']) assert.deepEqual(parseYesNo({ text: some }, {}), { ok: true, value: true }, some);
    // "Sometimes" followed by doubt, or by a no, is not a partial yes.
    for (const doubt of ['sometimes, not sure', 'a veces no sé', 'a little no', 'un poco de todo']) {
      assert.deepEqual(parseYesNo({ text: doubt }, {}), { ok: false, reason: 'notYesNo' }, doubt);
    }
  });

  it('nothing typed, or a broken button, is asked again with its own hint', () => {
    assert.deepEqual(parseYesNo({ text: '' }, {}), { ok: false, reason: 'empty' });
    assert.deepEqual(parseYesNo({ text: '   ' }, { choices: toChoices(YES_NO) }), { ok: false, reason: 'empty' });
    assert.deepEqual(parseYesNo({ value: { nope: 1 } }, {}), { ok: false, reason: 'badCard' });
    assert.deepEqual(parseYesNo({}, {}), { ok: false, reason: 'empty' });
    assert.deepEqual(parseYesNo({ value: 'yes' }, {}), { ok: false, reason: 'badCard' });
  });
});

const knows: PromptOptions = {
  choices: toChoices([...['yes', 'aBit', 'no'].map((id) => ({ id, key: `inventory.knows_${id}` })), { id: 'skip', key: 'checkin.skipButton' }]),
};

const contact: PromptOptions = {
  choices: toChoices([...['mostDays', 'weekly', 'monthly', 'rarely'].map((id) => ({ id, key: `inventory.contact_${id}` })), { id: 'skip', key: 'checkin.skipButton' }]),
};

describe('typed answers: how often in touch', () => {
  it('reads the frequency in the words people use, in either language', () => {
    const cases: Array<[string, string]> = [
      ['most days', 'mostDays'],
      ['todos los días', 'mostDays'],
      ['once a week', 'weekly'],
      ['hablamos cada semana', 'weekly'],
      ['monthly', 'monthly'],
      ['cada mes', 'monthly'],
      ['rarely', 'rarely'],
      ['rara vez', 'rarely'],
    ];
    for (const [text, value] of cases) assert.deepEqual(parseChoice({ text }, contact), { ok: true, value }, text);
  });

  it('"almost never" is never read as "most days": what is not understood is asked again', () => {
    for (const text of ['casi nunca', 'almost never', 'hardly ever']) {
      const read = parseChoice({ text }, contact);
      assert.ok(!read.ok || read.value === 'rarely', `${text}: ${JSON.stringify(read)}`);
    }
  });
});

describe('typed answers: yes, a bit or no', () => {
  it('reads the titles, a number, a yes or no in a sentence and "a bit"-like words, in either language', () => {
    const cases: Array<[string, string]> = [
      ['Yes', 'yes'],
      ['sí', 'yes'],
      ['yes, she knows', 'yes'],
      ['sí, ya sabe', 'yes'],
      ['No', 'no'],
      ['not really', 'no'],
      ['A bit', 'aBit'],
      ['un poco', 'aBit'],
      ['a little', 'aBit'],
      ['un poquito', 'aBit'],
      ['2', 'aBit'],
      ['saltar', 'skip'],
    ];
    for (const [text, value] of cases) assert.deepEqual(parseYesABitNo({ text }, knows), { ok: true, value }, text);
    assert.deepEqual(parseYesABitNo({ text: '', value: { choice: 'aBit' } }, knows), { ok: true, value: 'aBit' });
  });

  it('doubt is asked again, never read as a no, even with a "no" in it', () => {
    for (const text of ['no sé', 'no lo sé', 'not sure', "I don't know", 'ni idea']) {
      assert.deepEqual(parseYesABitNo({ text }, knows), { ok: false, reason: 'unknownChoice' }, text);
    }
    assert.deepEqual(parseYesABitNo({ text: '', value: { choice: 'maybe' } }, knows), { ok: false, reason: 'unknownChoice' });
  });

  it('a number picks the button in that place, and one past the buttons is asked again', () => {
    const cases: Array<[string, string]> = [
      ['1', 'yes'],
      ['3', 'no'],
      ['4', 'skip'],
    ];
    for (const [text, value] of cases) assert.deepEqual(parseYesABitNo({ text }, knows), { ok: true, value }, text);
    assert.deepEqual(parseYesABitNo({ text: '5' }, knows), { ok: false, reason: 'unknownChoice' });
  });

  it('the skip button may be meant in other words, in either language', () => {
    for (const text of ['skip it', 'the last one', 'la última']) assert.deepEqual(parseYesABitNo({ text }, knows), { ok: true, value: 'skip' }, text);
  });

  it('nothing typed, or a broken button, is asked again with its own hint', () => {
    assert.deepEqual(parseYesABitNo({ text: '  ' }, knows), { ok: false, reason: 'empty' });
    assert.deepEqual(parseYesABitNo({ value: 'aBit' }, knows), { ok: false, reason: 'badCard' });
  });
});

describe('typed answers: numbers', () => {
  it('reads the number in a sentence, and asks again when there are two', () => {
    const mood = parseScore(0, 10);
    assert.deepEqual(mood({ text: 'about a 4 I guess' }, {}), { ok: true, value: 4 });
    assert.deepEqual(mood({ text: 'un 5 más o menos' }, {}), { ok: true, value: 5 });
    assert.deepEqual(mood({ text: 'seven out of ten' }, {}), { ok: true, value: 7 });
    assert.deepEqual(mood({ text: '7 sobre 10' }, {}), { ok: true, value: 7 });
    assert.deepEqual(mood({ text: '7 of 10' }, {}), { ok: true, value: 7 });
    assert.deepEqual(mood({ text: 'nine/10' }, {}), { ok: true, value: 9 });
    assert.deepEqual(mood({ text: '10 out of 10' }, {}), { ok: true, value: 10 });
    assert.deepEqual(mood({ text: '7 Out Of 10' }, {}), { ok: true, value: 7 });
    assert.equal(mood({ text: '3 or 4' }, {}).ok, false);
  });

  it('reads "out of ten" in either language, in capitals, with extra spaces or run together', () => {
    const mood = parseScore(0, 10);
    const cases: Array<[string, number]> = [
      ['7/10', 7],
      ['7 / 10', 7],
      ['siete de diez', 7],
      ['8 sobre 10', 8],
      ['ocho sobre diez', 8],
      ['7  OUT  OF   10', 7],
      ['SIETE DE DIEZ', 7],
      ['  8  ', 8],
      ['7de10', 7],
      ['7DE10', 7],
      ['10de10', 10],
      ['sietede10', 7],
      ['sevenof10', 7],
    ];
    for (const [text, value] of cases) assert.deepEqual(mood({ text }, {}), { ok: true, value }, text);
  });

  it('a negative number, a fraction or a number past the scale is out of range; no number at all is not a number', () => {
    const mood = parseScore(0, 10);
    for (const text of ['-3', '-1', '11', '7.5', '7,5', '3 or 4']) assert.deepEqual(mood({ text }, {}), { ok: false, reason: 'outOfRange' }, text);
    for (const text of ['good', 'bien', 'out of ten']) assert.deepEqual(mood({ text }, {}), { ok: false, reason: 'notNumber' }, text);
    assert.deepEqual(mood({}, {}), { ok: false, reason: 'empty' });
    assert.deepEqual(mood({ text: '   ' }, {}), { ok: false, reason: 'empty' });
  });

  it('keeps to the range asked, both ends included', () => {
    const rating = parseScore(1, 5);
    assert.deepEqual(rating({ text: '1' }, {}), { ok: true, value: 1 });
    assert.deepEqual(rating({ text: 'five' }, {}), { ok: true, value: 5 });
    assert.deepEqual(rating({ text: '0' }, {}), { ok: false, reason: 'outOfRange' });
    assert.deepEqual(rating({ text: 'six' }, {}), { ok: false, reason: 'outOfRange' });
  });

  it('a button pressed wins over text sent with it; a broken one is asked again', () => {
    const mood = parseScore(0, 10);
    assert.deepEqual(mood({ value: { choice: 5 }, text: '7' }, {}), { ok: true, value: 5 });
    assert.deepEqual(mood({ value: { choice: Number.NaN } }, {}), { ok: false, reason: 'badCard' });
    assert.deepEqual(mood({ value: { choice: Number.NaN }, text: '6' }, {}), { ok: true, value: 6 });
    assert.deepEqual(mood({ value: { choice: true } }, {}), { ok: false, reason: 'badCard' });
    assert.deepEqual(mood({ value: 7 }, {}), { ok: false, reason: 'badCard' });
  });
});

describe('typed answers: free text', () => {
  it('typing the skip button\'s title ("Keep as is") skips, only where skipping is allowed', () => {
    const skippable = parseText({ max: 40, skippable: true });
    assert.deepEqual(skippable({ text: 'Keep as is' }, keepName), { ok: true, value: undefined });
    assert.deepEqual(skippable({ text: 'dejarlo así' }, keepName), { ok: true, value: undefined });
    assert.deepEqual(skippable({ text: 'Keep as is' }, {}), { ok: true, value: 'Keep as is' });
    assert.deepEqual(parseText({ max: 40 })({ text: 'Keep as is' }, keepName), { ok: true, value: 'Keep as is' });
    assert.deepEqual(parseText({ max: 40 })({ text: 'skip' }, {}), { ok: true, value: 'skip' });
    // Another button's title is not a skip.
    assert.deepEqual(skippable({ text: 'Not now' }, nudge), { ok: true, value: 'Not now' });
    // Words that only resemble the title are the person's own words, kept as they are.
    assert.deepEqual(skippable({ text: 'keep it simple' }, keepName), { ok: true, value: 'keep it simple' });
  });

  it('takes exactly the longest answer allowed, counts only words with letters, and reads a card\'s text', () => {
    const short = parseText({ max: 10, minWords: 2 });
    assert.deepEqual(short({ text: 'ab cdefghi' }, {}), { ok: true, value: 'ab cdefghi' });
    assert.deepEqual(short({ text: 'ab cdefghij' }, {}), { ok: false, reason: 'tooLong' });
    assert.deepEqual(short({ text: 'walk 2' }, {}), { ok: false, reason: 'tooVague', fallback: 'walk 2' });
    assert.deepEqual(short({ text: '12345' }, {}), { ok: false, reason: 'noLetters' });
    assert.deepEqual(short({ value: { text: 'ab cd' } }, {}), { ok: true, value: 'ab cd' });
    assert.deepEqual(short({ value: { choice: 'ab cd' } }, {}), { ok: true, value: 'ab cd' });
    assert.deepEqual(short({ value: { text: 3 } }, {}), { ok: false, reason: 'badCard' });
    assert.deepEqual(short({ text: 'ab typed', value: { text: 'ab card' } }, {}), { ok: true, value: 'ab typed' });
    assert.deepEqual(short({ value: null }, {}), { ok: false, reason: 'empty' });
    // A card that sent a bare value instead of its fields is a broken button, as for every other question.
    assert.deepEqual(short({ value: 'ab cd' }, {}), { ok: false, reason: 'badCard' });
  });
});

describe('typed answers: a name', () => {
  it('takes the name out of a sentence, and who the person is', () => {
    const name = parsePersonName({ max: 40 });
    assert.deepEqual(name({ text: 'my sister Ana, we talked on the phone' }, {}), { ok: true, value: { name: 'Ana', relation: 'sister', extracted: true } });
    assert.deepEqual(name({ text: 'Ana' }, {}), { ok: true, value: { name: 'Ana', relation: undefined, extracted: false } });
  });

  it('"my dad" is "Dad" where a relation may stand for the name, and asked again elsewhere', () => {
    assert.deepEqual(parsePersonName({ max: 40, relationAsName: true })({ text: 'my dad' }, {}), { ok: true, value: { name: 'Dad', relation: 'dad', extracted: false } });
    assert.deepEqual(parsePersonName({ max: 40, relationAsName: true })({ text: 'mi papá' }, {}), { ok: true, value: { name: 'Papá', relation: 'papá', extracted: false } });
    assert.deepEqual(parsePersonName({ max: 40 })({ text: 'my dad' }, {}), { ok: false, reason: 'notName' });
  });

  it('a name longer than the limit, or nothing at all, is asked again', () => {
    assert.deepEqual(parsePersonName({ max: 5 })({ text: 'Maximiliano' }, {}), { ok: false, reason: 'tooLong' });
    assert.deepEqual(parsePersonName({ max: 11 })({ text: 'Maximiliano' }, {}), { ok: true, value: { name: 'Maximiliano', relation: undefined, extracted: false } });
    assert.deepEqual(parsePersonName({ max: 40 })({ text: ' ' }, {}), { ok: false, reason: 'empty' });
    assert.deepEqual(parsePersonName({ max: 40 })({ text: 'a'.repeat(201) }, {}), { ok: false, reason: 'tooLong' });
  });
});
