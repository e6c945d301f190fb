import assert from 'node:assert/strict';
import { BlameKind, blameIn, checkDraft } from '../../dialogs/rehearsalChecklist';
import { CHECKLIST_ITEMS, ChecklistItem } from '../../src/client/records';
import { SUPPORTED_LANGUAGES, variants } from '../../src/i18n';

const ALL = [...CHECKLIST_ITEMS];

describe('rehearsal checklist', () => {
  const cases: Array<{ text: string; met: ChecklistItem[] }> = [
    { text: "I feel hurt when plans change last minute. Could you tell me by Friday if you're coming?", met: ALL },
    { text: 'You always leave the dishes, it is your fault the kitchen is a mess.', met: [] },
    { text: 'Could you help me more?', met: ['clearRequest', 'noBlame'] },
    { text: "I'm worried about us.", met: ['iStatement', 'namesFeeling', 'noBlame'] },
    { text: 'Please call me at 6.', met: ['clearRequest', 'noBlame', 'specificAsk'] },
    { text: 'Me siento sola cuando no me llamas. ¿Podrías llamarme el domingo?', met: ALL },
    { text: 'Tú nunca me escuchas, es tu culpa.', met: [] },
    { text: 'Me preocupa cómo estamos. Por favor, hablemos mañana.', met: ALL },
    { text: '😀😀😀', met: ['noBlame'] },
    { text: '', met: ['noBlame'] },
  ];
  for (const { text, met } of cases) {
    it(`${JSON.stringify(text)} meets ${met.join(', ') || 'nothing'}`, () => {
      assert.deepEqual([...checkDraft(text)].sort(), [...met].sort());
    });
  }

  const blame: Array<{ text: string; kinds: BlameKind[] }> = [
    { text: "You're useless.", kinds: ['label'] },
    { text: 'You are so selfish, I can not do this any more.', kinds: ['label'] },
    { text: "I'm sick of you.", kinds: ['fedUp'] },
    { text: 'You never listen to me.', kinds: ['absolute'] },
    { text: "It's your fault we're late.", kinds: ['fault'] },
    { text: "You're lazy and you always leave it to me.", kinds: ['label', 'absolute'] },
    { text: 'Eres un inútil.', kinds: ['label'] },
    { text: 'Sos tan egoísta.', kinds: ['label'] },
    { text: '¡Qué egoísta eres!', kinds: ['label'] },
    { text: 'Estoy harta de ti.', kinds: ['fedUp'] },
    { text: 'Nunca me escuchas.', kinds: ['absolute'] },
    { text: 'Siempre llegas tarde y yo me preocupo.', kinds: ['absolute'] },
    { text: 'Es tu culpa que lleguemos tarde.', kinds: ['fault'] },
    // Kind words and plain facts are not blame.
    { text: "You're so kind, and I need a hand with the kids.", kinds: [] },
    { text: 'Eres una persona muy importante para mí.', kinds: [] },
    { text: 'Nunca antes me había sentido así.', kinds: [] },
    { text: "I'm sick of the dishes piling up.", kinds: [] },
    { text: 'A veces me siento sola.', kinds: [] },
  ];
  for (const { text, kinds } of blame) {
    it(`${JSON.stringify(text)} blames: ${kinds.join(', ') || 'no'}`, () => {
      assert.deepEqual(blameIn(text), kinds);
      assert.equal(checkDraft(text).includes('noBlame'), kinds.length === 0);
    });
  }

  it('reads a 10,000-character draft whole: a request at the start and blame at the very end are both seen', () => {
    const draft = `could you ${'please '.repeat(1400)}you never listen`;
    const found = checkDraft(draft);
    assert.ok(found.includes('clearRequest'));
    assert.ok(!found.includes('noBlame'));
  });

  it('every language has every cue list', () => {
    for (const language of SUPPORTED_LANGUAGES) {
      for (const kind of ['request', 'iStatement', 'feeling', 'blame', 'blameAbsolute', 'blameLabelLead', 'blameLabel', 'blameFedUp', 'specific']) assert.ok(variants(language, `rehearsal.cues_${kind}`).length > 3, `${language} ${kind}`);
    }
  });
});
