/**
 * The crisis screener's public surface. The screener itself lives in ./screening (one concern per file); this module
 * keeps the import path every caller already uses.
 */
export { noRisk, screenMessage } from './screening/screen';
export { requiredLiterals, splitAlternatives } from './screening/literals';
export * from './screening/types';
