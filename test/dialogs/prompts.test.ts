import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PromptOptions } from 'botbuilder-dialogs';
import { parseChoice, parseScore, parseText, parseYesNo } from '../../dialogs/prompts/parsers';
import { parseZone } from '../../dialogs/prompts/zones';
import { recognizeIntent } from '../../dialogs/prompts/intents';
import { toChoices } from '../../dialogs/prompts/ask';

describe('answer parsers', () => {
  const mood = parseScore(0, 10);

  const scores: Array<[string | { value: unknown }, number | string]> = [
    ['7', 7],
    [' 7 ', 7],
    ['seven', 7],
    ['Seven', 7],
    ['siete', 7],
    ['7/10', 7],
    ['7 / 10', 7],
    ['7 out of 10', 7],
    ['7 de 10', 7],
    ['siete de diez', 7],
    ['0', 0],
    ['cero', 0],
    ['10', 10],
    ['diez', 10],
    [{ value: { choice: '4' } }, 4],
    [{ value: { choice: 4 } }, 4],
    ['11', 'outOfRange'],
    ['-1', 'outOfRange'],
    ['7.5', 'outOfRange'],
    ['banana', 'notNumber'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['😀', 'notNumber'],
    [{ value: { choice: true } }, 'badCard'],
    [{ value: { mood: '4' } }, 'badCard'],
    [{ value: 'seven' }, 'badCard'],
  ];
  for (const [input, expected] of scores) {
    it(`mood ${JSON.stringify(input)} → ${expected}`, () => {
      const answer = typeof input === 'string' ? { text: input } : input;
      const parsed = mood(answer, {});
      assert.deepEqual(parsed.ok ? parsed.value : parsed.reason, expected);
    });
  }

  it('mood never throws and only ever accepts 0–10, whatever arrives', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ maxLength: 50, unit: 'binary' })), fc.anything(), (text, value) => {
        const parsed = mood({ text, value }, {});
        if (parsed.ok) assert.ok(Number.isInteger(parsed.value) && parsed.value >= 0 && parsed.value <= 10);
      }),
    );
  });

  it('free text: collapses whitespace; rejects empty, emoji only, too long; nudges when too vague', () => {
    const text = parseText({ max: 20, minWords: 3, skippable: true });
    assert.deepEqual(text({ text: '  my   sister and me ' }, {}), { ok: true, value: 'my sister and me' });
    assert.deepEqual(text({ text: 'skip' }, {}), { ok: true, value: undefined });
    assert.deepEqual(text({ text: 'saltar' }, {}), { ok: true, value: undefined });
    assert.deepEqual(text({ text: '\n\t ' }, {}), { ok: false, reason: 'empty' });
    assert.deepEqual(text({ text: '😀😀😀' }, {}), { ok: false, reason: 'noLetters' });
    assert.deepEqual(text({ text: 'x'.repeat(21) }, {}), { ok: false, reason: 'tooLong' });
    assert.deepEqual(text({ text: 'my sister' }, {}), { ok: false, reason: 'tooVague', fallback: 'my sister' });
    assert.deepEqual(text({ value: { choice: 42 } }, {}), { ok: false, reason: 'badCard' });
  });

  it('choices: card ids, titles typed in either language, positions; nothing else', () => {
    const options: PromptOptions = { choices: toChoices([{ id: 'better', key: 'checkin.how_better' }, { id: 'worse', key: 'checkin.how_worse' }]) };
    assert.deepEqual(parseChoice({ value: { choice: 'worse' } }, options), { ok: true, value: 'worse' });
    assert.deepEqual(parseChoice({ text: 'better than expected' }, options), { ok: true, value: 'better' });
    assert.deepEqual(parseChoice({ text: 'Peor de lo esperado' }, options), { ok: true, value: 'worse' });
    assert.deepEqual(parseChoice({ text: '2' }, options), { ok: true, value: 'worse' });
    assert.deepEqual(parseChoice({ text: '3' }, options), { ok: false, reason: 'unknownChoice' });
    assert.deepEqual(parseChoice({ value: { choice: 'launch' } }, options), { ok: false, reason: 'unknownChoice' });
    assert.deepEqual(parseChoice({ value: { nothing: 1 } }, options), { ok: false, reason: 'badCard' });
    assert.deepEqual(parseChoice({ text: '' }, options), { ok: false, reason: 'empty' });
  });

  it('yes/no in both languages', () => {
    for (const yes of ['yes', 'Yeah', 'sí', 'si', 'vale', 'claro']) assert.deepEqual(parseYesNo({ text: yes }, {}), { ok: true, value: true }, yes);
    for (const no of ['no', 'nope', 'no gracias', 'ahora no']) assert.deepEqual(parseYesNo({ text: no }, {}), { ok: true, value: false }, no);
    assert.deepEqual(parseYesNo({ text: 'maybe' }, {}), { ok: false, reason: 'notYesNo' });
    assert.deepEqual(parseYesNo({ value: { choice: 'yes' } }, {}), { ok: true, value: true });
  });

  it('time zones: IANA names in any case, cities, a card choice; validated', () => {
    assert.deepEqual(parseZone({ text: 'europe/madrid' }), { ok: true, value: 'Europe/Madrid' });
    assert.deepEqual(parseZone({ text: 'Mexico City' }), { ok: true, value: 'America/Mexico_City' });
    assert.deepEqual(parseZone({ text: 'bogotá' }), { ok: true, value: 'America/Bogota' });
    assert.deepEqual(parseZone({ text: 'UTC' }), { ok: true, value: 'UTC' });
    assert.deepEqual(parseZone({ value: { choice: 'America/Lima' } }), { ok: true, value: 'America/Lima' });
    assert.deepEqual(parseZone({ text: 'Atlantis' }), { ok: false, reason: 'badZone' });
    assert.deepEqual(parseZone({ text: '' }), { ok: false, reason: 'empty' });
  });
});

describe('free-text intents', () => {
  const cases: Array<[string, string | undefined]> = [
    ['I had a fight with my mum', 'problem'],
    ['we argued again', 'problem'],
    ['discutí con mi pareja', 'problem'],
    ['me he peleado con mi hermano', 'problem'],
    ['quiero hacer el check-in', 'checkIn'],
    ['can I check in', 'checkIn'],
    ['how did my plan go?', 'followUp'],
    ['I feel so lonely', 'nudge'],
    ['me siento sola', 'nudge'],
    ['show my week', 'week'],
    ['¿cómo fue mi semana?', 'week'],
    ['add someone to my people', 'people'],
    ['Registro diario', 'checkIn'],
    ['My people', 'people'],
    ['the weather is nice', undefined],
    ['no problem, thanks', undefined],
    ['no hay problema', undefined],
    ['tengo un problema con mi jefe', 'problem'],
    ['', undefined],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${expected}`, () => assert.equal(recognizeIntent(text), expected));
  }

  it('menu buttons submit their id; unknown ids are not guessed', () => {
    assert.equal(recognizeIntent(undefined, { choice: 'week' }), 'week');
    assert.equal(recognizeIntent(undefined, { choice: 'menu' }), 'menu');
    assert.equal(recognizeIntent(undefined, { choice: 'rm -rf' }), undefined);
    assert.equal(recognizeIntent(undefined, { choice: 3 }), undefined);
  });
});
