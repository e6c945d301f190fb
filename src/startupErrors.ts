import { DataFolderError } from './storage/errors';

/**
 * A data folder the service cannot use is a configuration problem: one line naming DATA_DIR and the fix,
 * exit 1, no stack trace (as for a bad configuration key). Any other error is thrown on.
 */
export function exitOnDataFolderError(error: unknown): never {
  if (!(error instanceof DataFolderError)) throw error;
  process.stderr.write(`DATA_DIR: the folder "${error.dataDir}" ${error.reason}. Set DATA_DIR to a folder the service's user can create and write, or give that user write access to it.\n`);
  process.exit(1);
}
