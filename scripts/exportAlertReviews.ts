/**
 * `npm run export:alert-reviews -- <out.jsonl>`: writes candidate screening-corpus lines from the alerts
 * clinicians reviewed as needed or a false alarm, in programmes that allow it (`exportReviewedAlerts`).
 * Reads the configured store (DATA_DIR, or Cosmos DB when COSMOS_ENDPOINT is set). Names, ids, e-mail
 * addresses, phone numbers and URLs are replaced by placeholders; an alert whose client deleted their data
 * has no words and gives no line. Prints counts only: the lines hold what clients wrote.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../src/config';
import { createDocumentStore } from '../src/storage/createStore';
import { exportReviewedAlerts } from '../src/safety/review/reviewedAlertExport';

const USAGE = 'Usage: npm run export:alert-reviews -- <out.jsonl>   (reads the store configured by DATA_DIR or COSMOS_ENDPOINT)';

export async function exportAlertReviews(argv: readonly string[], env: NodeJS.ProcessEnv | undefined, io: { out: (line: string) => void; err: (line: string) => void }): Promise<number> {
  const [outFile, ...extra] = argv;
  if (!outFile || extra.length || outFile.startsWith('-')) {
    io.err(USAGE);
    return 1;
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return 1;
  }
  const store = await createDocumentStore(config.store);
  try {
    const result = await exportReviewedAlerts(store);
    const path = resolve(process.cwd(), outFile);
    writeFileSync(path, result.lines.map((line) => `${JSON.stringify(line)}\n`).join(''), 'utf8');
    io.out(
      `Wrote ${result.lines.length} candidate line(s) to ${path} from ${result.reviewed} reviewed alert(s) in ${result.programmes} programme(s) that allow it` +
        `${result.withoutWords ? `; ${result.withoutWords} had no words left (data deleted)` : ''}. Read each line before adding it to the corpus.`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  exportAlertReviews(process.argv.slice(2), undefined, { out: (line) => console.log(line), err: (line) => console.error(line) }).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`Export failed: ${error.name}: ${error.message}`);
      process.exit(1);
    },
  );
}
