import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BLIND_DIR, corpusFiles, DEV_SET_FILE, groupOf, loadCorpus, readCorpusFile } from './corpus';
import { blindReport } from './evaluate';

describe('screening corpus', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'corpus-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, lines: unknown[]): string => {
    const file = path.join(dir, name);
    writeFileSync(file, `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`);
    return file;
  };

  it('reads the development set first and never a blind batch', () => {
    const files = corpusFiles();
    assert.equal(files[0], DEV_SET_FILE);
    assert.ok(files.every((f) => !f.startsWith(BLIND_DIR)));
  });

  it('names the file and line of a bad line and what is wrong with it', () => {
    const file = write('bad.jsonl', [{ text: 'hola', locale: 'es', level: 'none', categories: [] }, { text: 'hi', locale: 'fr', level: 'none', categories: [] }]);
    assert.throws(() => readCorpusFile(file), /bad\.jsonl line 2: locale .*fix that line/);
  });

  it('keeps a message repeated in another file once, and groups by family, else by note', () => {
    const a = write('a.jsonl', [{ text: 'Ya lo tengo todo planeado', locale: 'es', level: 'urgent', categories: ['self_harm_suicide'], family: 'f-plan', note: 'plan' }]);
    const b = write('b.jsonl', [
      { text: 'ya lo tengo todo planeado', locale: 'es', level: 'urgent', categories: ['self_harm_suicide'], note: 'plan' },
      { text: 'see you thursday', locale: 'en', level: 'none', categories: [], note: 'ordinary goodbye' },
    ]);
    const items = loadCorpus([a, b]);
    assert.deepEqual(
      items.map((i) => groupOf(i)),
      ['family:f-plan', `note:${path.relative(path.join(__dirname, '..', 'fixtures'), b)}:ordinary goodbye`],
    );
  });

  it('scores a blind batch per language and class, and lists what it got wrong', () => {
    const file = write('blind.jsonl', [
      { text: 'I want to kill myself', locale: 'en', level: 'urgent', categories: ['self_harm_suicide'] },
      { text: 'this exam is killing me', locale: 'en', level: 'none', categories: [] },
      { text: 'me quiero morir', locale: 'es', level: 'urgent', categories: ['self_harm_suicide'] },
    ]);
    const report = blindReport(file);
    assert.match(report, /en: urgent flagged 100\.0% \(1\/1\)/);
    assert.match(report, /negatives flagged\s+0\.0% \(0\/1\)/);
    assert.match(report, /\[es\] urgent → concern: "me quiero morir"/);
  });
});
