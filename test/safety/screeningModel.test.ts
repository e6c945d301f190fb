import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { levelRank, screenMessage, type ScreeningHistoryEntry } from '../../src/safety/screener';
import { encodeWeights, readModel, scoreMessage, type ScreeningModel } from '../../src/safety/screening/model';
import { DEFAULT_TRAINING, prepareItem, trainHeads, type PreparedItem } from '../../src/safety/screening/training';
import { FIXTURES } from './corpus';
import { loadDevSet } from './evaluate';

const MODEL_FILE = path.join(__dirname, '..', '..', 'src', 'safety', 'screening', 'screenerModel.json');

/** A tiny corpus in which one made-up word means risk, so what the model learned is unmistakable. */
function toyCorpus(): PreparedItem[] {
  const risky = ['the zorblax is ready tonight', 'got the zorblax now', 'zorblax time for me', 'ya tengo el zorblax', 'mi zorblax esta listo'];
  const calm = ['the weather is nice today', 'see you on thursday', 'i made pasta for dinner', 'hoy fui al mercado', 'nos vemos el jueves'];
  return [
    ...risky.map((t, i) => prepareItem(t, i < 3 ? 'en' : 'es', 'concern', `risky-${i}`)),
    ...calm.map((t, i) => prepareItem(t, i < 3 ? 'en' : 'es', 'none', `calm-${i}`)),
  ];
}

function toyModel(): ScreeningModel {
  const items = toyCorpus();
  const heads = trainHeads(
    items,
    items.map((_, i) => i),
    DEFAULT_TRAINING,
  );
  const thresholds = { flagged: 0.5, urgent: 0.99 };
  return { ...heads, thresholds: { en: thresholds, es: thresholds } };
}

describe('the learned layer', () => {
  describe('the shipped model file', () => {
    const json = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as { training: { files: string[]; messages: number } };

    it('is at most 5 MB and reads as a model, hidden layer included', () => {
      assert.ok(statSync(MODEL_FILE).size <= 5 * 2 ** 20, `${statSync(MODEL_FILE).size} bytes`);
      const model = readModel(json);
      assert.ok(model.hidden !== undefined && model.hidden.layer.units > 0 && model.hidden.mix > 0 && model.hidden.mix < 1);
      for (const language of ['en', 'es'] as const) {
        assert.ok(model.thresholds[language].flagged > 0 && model.thresholds[language].urgent > 0);
      }
    });

    it('was trained on the corpus files in this tree, never on a blind batch', () => {
      assert.ok(json.training.files.includes('safety-dev-set.jsonl'));
      for (const file of json.training.files) {
        assert.ok(existsSync(path.join(FIXTURES, file)), `${file} is missing: retrain with npm run train:screener`);
        assert.ok(!file.startsWith('screening-blind'), file);
      }
      assert.ok(json.training.messages >= 1000);
    });

    it('rejects a damaged file with a message that says how to fix it', () => {
      assert.throws(() => readModel({ ...json, format: 'something else' }), /retrain it with npm run train:screener/);
      const hidden = (json as unknown as { hidden: Record<string, unknown> }).hidden;
      assert.throws(() => readModel({ ...json, hidden: { ...hidden, rows: 'AAAA' } }), /hidden layer .*retrain it with npm run train:screener/);
    });

    it('without a hidden layer, the linear heads decide alone', () => {
      const { hidden: _hidden, ...linearOnly } = json as unknown as Record<string, unknown>;
      const model = readModel(linearOnly);
      assert.equal(model.hidden, undefined);
      // The same message scores differently with the hidden layer mixed in: the shipped model does use it.
      const text = 'i sorted out who gets the dog';
      assert.notEqual(scoreMessage(model, text, [], 'none').flagged, scoreMessage(readModel(json), text, [], 'none').flagged);
    });
  });

  describe('training', () => {
    it('is deterministic: the same corpus gives the same weights, bit for bit', () => {
      const a = toyModel();
      const b = toyModel();
      assert.equal(encodeWeights(a.flagged.weights), encodeWeights(b.flagged.weights));
      assert.equal(encodeWeights(a.urgent.weights), encodeWeights(b.urgent.weights));
      assert.equal(a.flagged.bias, b.flagged.bias);
      assert.ok(a.hidden !== undefined && b.hidden !== undefined);
      assert.equal(encodeWeights(a.hidden.layer.w1), encodeWeights(b.hidden.layer.w1));
      assert.equal(encodeWeights(a.hidden.layer.w2), encodeWeights(b.hidden.layer.w2));
    });
  });

  describe('screening with a model', () => {
    const model = toyModel();

    it('raises a message the lexicon passes over, and asks before alerting', () => {
      assert.equal(screenMessage('the zorblax is ready', { model: false }).level, 'none');
      const result = screenMessage('the zorblax is ready', { model });
      assert.equal(result.level, 'concern');
      assert.equal(result.confirm, true);
      assert.deepEqual(result.categories, ['self_harm_suicide']);
      assert.ok(result.signals.includes('model_concern'));
      assert.deepEqual(result.evidence, [], 'the model has no phrase to quote');
      assert.equal(result.historyEntry.confirm, true);
    });

    it('leaves ordinary messages alone', () => {
      const result = screenMessage('see you on thursday', { model });
      assert.equal(result.level, 'none');
      assert.equal(result.confirm, false);
    });

    it('never lowers the lexicon, and a lexicon-certain level is never only asked about', () => {
      const result = screenMessage('i want to kill myself, nos vemos el jueves', { model });
      assert.equal(result.level, 'urgent');
      assert.equal(result.confirm, false);
    });

    it('the shipped screener rates every message at least as the lexicon alone does', () => {
      const texts = loadDevSet().map((i) => i.text);
      fc.assert(
        fc.property(fc.oneof(fc.constantFrom(...texts), fc.string({ unit: 'grapheme', maxLength: 120 })), (text) => {
          const lexicon = screenMessage(text, { model: false });
          const combined = screenMessage(text);
          assert.ok(levelRank(combined.level) >= levelRank(lexicon.level), text);
          if (lexicon.level !== 'none' && !lexicon.confirm) assert.equal(combined.confirm, false, text);
        }),
        { numRuns: 400 },
      );
    });
  });

  describe('weak signals combined', () => {
    const t0 = Date.parse('2026-03-01T10:00:00Z');
    const at = (minutes: number): Date => new Date(t0 + minutes * 60_000);

    it('one weak signal beside other things reaches no level', () => {
      for (const text of ['nothing is ever going to get better at this job, so im updating my cv', 'ya nada tiene sentido en este trabajo, mañana busco otro']) {
        const result = screenMessage(text, { model: false });
        assert.equal(result.level, 'none', text);
        assert.ok(result.signals.length > 0, `${text} leaves a signal`);
      }
    });

    it('one that is the whole message is a concern, asked about first: it may be about the homework or about living', () => {
      for (const text of ['nothing is ever going to get better', 'ya nada tiene sentido', "what's the point anymore", 'ya pa qué', 'no way out', 'no aguanto más']) {
        const result = screenMessage(text, { model: false });
        assert.deepEqual([result.level, result.confirm], ['concern', true], text);
      }
    });

    it('two in one message reach concern, to be asked about', () => {
      for (const text of ["I'm such a burden and nothing is ever going to get better", 'siento que soy un estorbo y que nadie me quiere']) {
        const result = screenMessage(text, { model: false });
        assert.equal(result.level, 'concern', text);
        assert.equal(result.confirm, true, text);
      }
    });

    it('spread over the window, they add up the same way', () => {
      const history: ScreeningHistoryEntry[] = [];
      const first = screenMessage('nothing is ever going to get better at this job, so im updating my cv', { model: false, history, now: at(0) });
      assert.equal(first.level, 'none');
      history.push(first.historyEntry);
      const second = screenMessage('nobody would even miss me', { model: false, history, now: at(30) });
      assert.equal(second.level, 'concern');
      assert.equal(second.confirm, true);
      history.push(second.historyEntry);
      // A later, plain message inherits the level and is still only to be asked about.
      const third = screenMessage('ok', { model: false, history, now: at(40) });
      assert.equal(third.level, 'concern');
      assert.equal(third.confirm, true);
    });

    it('means at hand after despair is urgent, and alerts at once', () => {
      for (const [before, means] of [
        ['ya nada tiene sentido', 'ya tengo las pastillas juntas'],
        ['i cant take it anymore', 'i bought a rope'],
      ]) {
        assert.equal(screenMessage(means.replace('i bought a rope', 'bought a rope for the tent'), { model: false }).level, 'none');
        const first = screenMessage(before, { model: false, now: at(0) });
        const second = screenMessage(means, { model: false, history: [first.historyEntry], now: at(20) });
        assert.equal(second.level, 'urgent', `${before} / ${means}`);
        assert.equal(second.confirm, false);
      }
    });

    it('a lexicon-certain message earlier in the window makes the level certain', () => {
      const certain = screenMessage('I want to die', { model: false, now: at(0) });
      assert.equal(certain.confirm, false);
      const later = screenMessage('nothing is ever going to get better', { model: false, history: [certain.historyEntry], now: at(5) });
      assert.notEqual(later.level, 'none');
      assert.equal(later.confirm, false);
    });
  });
});
