import assert from 'node:assert/strict';
import { screenMessage } from '../../src/safety/screener';
import { loadCorpus, type CorpusItem } from './corpus';

/** At least this many English–Spanish pairs of the same meaning must exist for the comparison to say anything. */
const MIN_PAIRS = 200;

interface Pair {
  id: string;
  en: CorpusItem;
  es: CorpusItem;
}

/** Corpus lines that share a `pair` id: exactly one English and one Spanish line each. */
function pairsOf(items: readonly CorpusItem[]): { pairs: Pair[]; malformed: string[] } {
  const byId = new Map<string, CorpusItem[]>();
  for (const item of items) if (item.pair !== undefined) byId.set(item.pair, [...(byId.get(item.pair) ?? []), item]);
  const pairs: Pair[] = [];
  const malformed: string[] = [];
  for (const [id, lines] of byId) {
    const en = lines.filter((l) => l.locale === 'en');
    const es = lines.filter((l) => l.locale === 'es');
    if (lines.length !== 2 || en.length !== 1 || es.length !== 1) malformed.push(`${id} (${lines.map((l) => `${l.locale} in ${l.source}`).join(', ')})`);
    else pairs.push({ id, en: en[0], es: es[0] });
  }
  return { pairs, malformed };
}

describe('English–Spanish parity', () => {
  const { pairs, malformed } = pairsOf(loadCorpus());

  it(`the corpus holds at least ${MIN_PAIRS} English–Spanish pairs of the same meaning`, () => {
    assert.ok(
      pairs.length >= MIN_PAIRS,
      `only ${pairs.length} pairs: add lines sharing a "pair" id (one "en", one "es") to test/fixtures/screening-corpus/*.jsonl`,
    );
  });

  it('every pair id joins exactly one English and one Spanish line', () => assert.deepEqual(malformed, []));

  it('each pair was labelled alike', () => {
    const unlike = pairs.filter((p) => p.en.level !== p.es.level).map((p) => `${p.id}: en ${p.en.level}, es ${p.es.level}`);
    assert.deepEqual(unlike, []);
  });

  it('the screener gives both lines of every pair the same level', () => {
    const differing = pairs
      .map((p) => ({ p, en: screenMessage(p.en.text).level, es: screenMessage(p.es.text).level }))
      .filter((r) => r.en !== r.es)
      .map((r) => `${r.p.id}: en ${r.en} ${JSON.stringify(r.p.en.text)} / es ${r.es} ${JSON.stringify(r.p.es.text)}`);
    assert.deepEqual(differing, [], `${differing.length} of ${pairs.length} pairs differ`);
  });
});
