import assert from 'node:assert/strict';
import { checkDraft } from '../../dialogs/rehearsalChecklist';
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

  it('handles 10,000 characters quickly', () => {
    const started = Date.now();
    assert.ok(checkDraft('could you '.repeat(1000)).includes('clearRequest'));
    assert.ok(Date.now() - started < 500);
  });

  it('every language has every cue list', () => {
    for (const language of SUPPORTED_LANGUAGES) {
      for (const kind of ['request', 'iStatement', 'feeling', 'blame', 'specific']) assert.ok(variants(language, `rehearsal.cues_${kind}`).length > 3, `${language} ${kind}`);
    }
  });
});
