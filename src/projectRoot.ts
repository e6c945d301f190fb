import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder that holds the project's package.json: where `locales/` and other shipped data live, whether
 * the code runs from `src/` through tsx or compiled from `dist/src/` (tsc copies no data files).
 */
function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'locales'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No project folder (package.json and locales/) above ${start}; run the service from its installed folder.`);
  }
}

export const PROJECT_ROOT = findProjectRoot(__dirname);

/** A path inside the project folder, e.g. `projectPath('locales', 'en')`. */
export function projectPath(...parts: string[]): string {
  return join(PROJECT_ROOT, ...parts);
}
