/**
 * The screening corpus: the development set (`test/fixtures/safety-dev-set.jsonl`) and every `*.jsonl` file under
 * `test/fixtures/screening-corpus/`, one message per line. Blind batches live apart, under
 * `test/fixtures/screening-blind/`, and are never read here: they are scored once, with `npm run eval:safety --
 * --blind <file>`, before anything is changed for them.
 *
 * A line: {"text", "locale": "en"|"es", "level": "none"|"concern"|"urgent", "categories": [...], "note",
 * "family"?, "pair"?}. A family is one meaning written many ways; cross-validation never splits one.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');
export const DEV_SET_FILE = path.join(FIXTURES, 'safety-dev-set.jsonl');
export const CORPUS_DIR = path.join(FIXTURES, 'screening-corpus');
export const BLIND_DIR = path.join(FIXTURES, 'screening-blind');

const categorySchema = z.enum(['self_harm_suicide', 'harm_to_others', 'harmed_by_others', 'disordered_eating', 'third_party']);

export const corpusLineSchema = z.object({
  text: z.string().refine((t) => t.trim() !== '', 'is empty'),
  locale: z.enum(['en', 'es']),
  level: z.enum(['none', 'concern', 'urgent']),
  categories: z.array(categorySchema),
  note: z.string().default(''),
  family: z.string().min(1).optional(),
  pair: z.string().min(1).optional(),
});

export interface CorpusItem extends z.infer<typeof corpusLineSchema> {
  /** The file it came from, relative to test/fixtures. */
  source: string;
}

/** The development set first, then the corpus files in name order (so the order, and the model, are reproducible). */
export function corpusFiles(): string[] {
  const extra = existsSync(CORPUS_DIR)
    ? readdirSync(CORPUS_DIR)
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
        .map((f) => path.join(CORPUS_DIR, f))
    : [];
  return [DEV_SET_FILE, ...extra];
}

/** Read one JSON Lines file; a bad line stops with its file, line number and what is wrong. */
export function readCorpusFile(file: string): CorpusItem[] {
  const source = path.relative(FIXTURES, file);
  const out: CorpusItem[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (err) {
        throw new Error(`${source} line ${i + 1} is not valid JSON (${(err as Error).message}); fix that line.`);
      }
      const parsed = corpusLineSchema.safeParse(json);
      if (!parsed.success) {
        const why = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'line'} ${issue.message}`).join('; ');
        throw new Error(`${source} line ${i + 1}: ${why}; fix that line.`);
      }
      out.push({ ...parsed.data, source });
    });
  return out;
}

/** Every corpus message once (a text repeated in another file is kept where it first appears). */
export function loadCorpus(files: readonly string[] = corpusFiles()): CorpusItem[] {
  const seen = new Set<string>();
  const out: CorpusItem[] = [];
  for (const file of files) {
    for (const item of readCorpusFile(file)) {
      const key = `${item.locale}\u0000${item.text.trim().toLowerCase()}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(item);
    }
  }
  return out;
}

/**
 * The cross-validation group: the family when the line has one; otherwise its note within its file (the development
 * set's notes name a kind or a batch, so messages of one kind stay together).
 */
export function groupOf(item: CorpusItem): string {
  return item.family !== undefined ? `family:${item.family}` : `note:${item.source}:${item.note.trim().toLowerCase()}`;
}
