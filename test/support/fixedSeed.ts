/**
 * Loaded only by mutation runs (stryker.config.mjs): every fast-check property draws its cases from one
 * fixed seed, so whether a mutant is killed does not depend on the luck of a run. FC_SEED overrides it.
 * A property that sets its own seed keeps it.
 */
import fc from 'fast-check';

const seed = Number(process.env.FC_SEED ?? 20261207);
if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, e.g. FC_SEED=42 (got "${process.env.FC_SEED}").`);
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
