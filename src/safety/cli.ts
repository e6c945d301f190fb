/**
 * Screen messages from the command line, one per line:
 *
 *   npm run --silent screen -- --locale en < messages.txt
 *
 * Prints one JSON object per input line, in order, on stdout — `{"level", "categories", "signals", "thirdParty",
 * "confirm"}` — and nothing else. Each line is screened on its own (no conversation history) by the same screener the
 * chat uses (lexicon and learned layer), so the levels printed are the levels the chat acts on; `confirm` is true when
 * the level rests only on the learned layer or on weak signals combined: the chat asks the person before alerting
 * about such a concern, while such an urgent level alerts at once (when unsure, the faster help).
 * Evidence (the matched text) is not printed, so the output is safe to keep in logs. Input is streamed, so large
 * files work.
 */
import { createInterface } from 'node:readline';
import { screenMessage } from './screener';

const LOCALES = ['en', 'es'];

const USAGE = 'Usage: npm run --silent screen -- --locale en|es < messages.txt (one message per line)';

function parseLocale(argv: string[]): string {
  let locale = 'en';
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stderr.write(`${USAGE}\n`);
      process.exit(0);
    } else if (arg === '--locale') {
      locale = argv[i + 1] ?? '';
      i += 1;
    } else if (arg.startsWith('--locale=')) {
      locale = arg.slice('--locale='.length);
    } else {
      process.stderr.write(`Unknown argument "${arg}". ${USAGE}\n`);
      process.exit(2);
    }
  }
  if (!LOCALES.includes(locale)) {
    process.stderr.write(`Unknown locale "${locale}": use one of ${LOCALES.join(', ')}. ${USAGE}\n`);
    process.exit(2);
  }
  return locale;
}

function main(): void {
  // The screener reads both languages for every message, and the learned layer's thresholds follow the language of the
  // words, as in the chat; the locale is validated for the contract's sake.
  parseLocale(process.argv.slice(2));
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  // Output is buffered while input lines are already waiting and flushed as soon as the reader has to wait for more
  // (setImmediate runs then), so a caller that writes one line and waits for its answer still gets it at once.
  let pending: string[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending.length === 0) return;
    const chunk = pending.join('');
    pending = [];
    if (!process.stdout.write(chunk)) {
      lines.pause();
      process.stdout.once('drain', () => lines.resume());
    }
  };
  lines.on('line', (line) => {
    const result = screenMessage(line);
    pending.push(
      `${JSON.stringify({ level: result.level, categories: result.categories, signals: result.signals, thirdParty: result.thirdParty, confirm: result.confirm })}\n`,
    );
    if (pending.length >= 1024) flush();
    else if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  });
  lines.on('close', flush);
}

try {
  main();
} catch (err: unknown) {
  process.stderr.write(`Screening failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
