// @ts-check
/**
 * The pure-core modules that mutation testing mutates, each with the tests that exercise it and the lowest
 * score that passes. stryker.config.mjs reads this file with MUTATION_MODULE set to one module's name;
 * scripts/mutation.ts reads it to list the modules. It is kept apart from the Stryker setup so that CI can tell
 * which modules a change here concerns: the CI guard compares each entry with the previous commit's and runs
 * only the modules whose entry differs (a new threshold is then measured at once), while a change to the setup
 * (stryker.config.mjs, scripts/mutation.ts, test/support/fixedSeed.ts) runs them all.
 *
 * How to add a module: add an entry to MODULES with
 * - `mutate`: the source files whose code is mutated (pure functions: no storage, no network, no clock of
 *   their own), as paths from the repository root;
 * - `tests`: the test files that exercise them (paths, no globs); keep it to the files that import the module
 *   or drive it directly, or every mutant pays for the whole suite;
 * - `threshold`: the lowest mutation score (%) that passes; Stryker exits non-zero below it;
 * - `freshProcess: true` when a mutated file keeps a module-level cache (a Map filled on first use) that its
 *   tests cannot empty: a value cached under one mutant would otherwise decide the next mutant's tests, so each
 *   mutant gets its own test process. It is slow (a process start per mutant): prefer a function that empties
 *   the cache, called by the tests before each test (as schedule.ts's clearZoneCaches).
 * Then run `npm run mutation -- <name>` and add its row to the README's table.
 */

/**
 * @typedef {object} MutationModule
 * @property {string[]} mutate
 * @property {string[]} tests
 * @property {number} threshold
 * @property {boolean} [freshProcess]
 */

/** @type {Record<string, MutationModule>} */
export const MODULES = {
  crisis: {
    // Which crisis lines and emergency number a person sees, from the country where they are.
    mutate: ['src/safety/crisisResources.ts'],
    tests: ['test/safety/crisisResources.test.ts', 'test/safety/crisisCatalogue.test.ts'],
    threshold: 90,
  },
  catalogue: {
    // The numbers themselves: every line, emergency number and territory, by country. The tables are built by
    // functions on each call, so their mutants run in one test process (as constants, each was a process start).
    mutate: ['src/safety/crisisCatalogue.ts'],
    tests: ['test/safety/crisisCatalogue.test.ts'],
    threshold: 90,
  },
  routing: {
    // Who an alert reaches at each stage (clinician, backup, on-call, programme webhook) and through which channel.
    mutate: ['src/safety/escalation/routing.ts'],
    tests: ['test/safety/routing.test.ts', 'test/safety/alertChannels.test.ts'],
    threshold: 90,
  },
  schedule: {
    // When a reminder fires: weekly rules, RRULEs, daylight saving, quiet hours, course window, measures.
    mutate: ['src/scheduling/schedule.ts', 'src/scheduling/measureSchedule.ts'],
    tests: ['test/scheduling/schedule.test.ts', 'test/scheduling/measureSchedule.test.ts'],
    // Measured 86.9 % for the whole module with the checker on 7 Dec. The survivors left are equivalent: the zone
    // and offset caches, the fast path and bisection precision of localToInstant, work limits, and rrule reading
    // an empty BYDAY as every day. Its tests empty the zone caches before each test (clearZoneCaches), so its
    // mutants share one test process instead of starting one each.
    threshold: 86,
  },
  parsers: {
    // What the bot understands from a typed answer: scores ("7/10", "siete de diez", "7de10"), a choice by its
    // words, title or position, yes / a bit / no, names, broken cards. Scores are read by ./numbers.ts alone.
    mutate: ['dialogs/prompts/parsers.ts'],
    tests: ['test/dialogs/parsers.test.ts', 'test/dialogs/prompts.test.ts', 'test/dialogs/understanding.test.ts'],
    // Measured 92.4 % with the TypeScript checker on 7 Dec (80.1 % before the tests of that evening).
    threshold: 92,
  },
  dates: {
    // Dates as people type them ("3 March 1998", "14-3", "el 5 de mayo") in the client's zone.
    mutate: ['dialogs/prompts/dates.ts'],
    tests: ['test/dialogs/dates.test.ts'],
    threshold: 85,
  },
  yesNo: {
    // Yes, no or unclear, with negation and hedges; shared with the crisis dialog's safety questions.
    mutate: ['dialogs/prompts/yesNo.ts'],
    tests: ['test/dialogs/yesNo.test.ts'],
    // Measured 94.1 % with the TypeScript checker on 7 Dec; "oh yes", "no doubt" and "yeah no" readings are pinned
    // in both languages, and what survives is equivalent (defaults for an absent list, the pause regex's anchors).
    threshold: 94,
  },
  summary: {
    // The clinician's pre-session summary: the period in the client's zone, alerts, plans, measures.
    mutate: ['src/clinician/summary.ts'],
    tests: ['test/clinician/summary.test.ts', 'test/clinician/summaryPeriod.test.ts', 'test/clinician/keepWellSummary.test.ts'],
    threshold: 85,
  },
  scoring: {
    // PHQ-9 and GAD-7 totals, bands, response, remission and reliable change.
    mutate: ['src/measures/scoring.ts'],
    tests: ['test/measures/scoring.test.ts'],
    threshold: 85,
  },
  screeningNormalise: {
    // Leetspeak, look-alike letters, spaced and stretched words, misspellings: what the rules read.
    mutate: ['src/safety/screening/normalise.ts'],
    tests: ['test/safety/normalise.test.ts', 'test/safety/lookalikes.test.ts', 'test/safety/screening/normalise.test.ts'],
    // Measured 85.3 % with the TypeScript checker on 7 Dec (74.7 % before each word kept with its double letter
    // was tested by stretching that letter). What survives is mostly equivalent: the bit table's guards, fast paths
    // that only save work (a property test holds them equal to the general path), anchors on single characters.
    // The word tables are built on first use and forgotten before each test, so their ~280 entries run in one test
    // process: the run went from about 30 minutes to under 10, with the same score.
    threshold: 85,
  },
  screeningMatcher: {
    // Which rules run on a message: a rule it fails to mark is a risk phrase the screener never sees.
    mutate: ['src/safety/screening/matcher.ts'],
    tests: ['test/safety/screening/matcher.test.ts', 'test/safety/screening/ruleHits.test.ts'],
    // Measured 89.4 % on 7 Dec night, with the checker compiling the module's own sources (93.4 % when it also
    // compiled the tests, which then set aside mutants that only break a test's types). The survivors change only
    // speed or memory (a loop bound one past the end, the 16-bit table, the sort fast path, the generation counting
    // down) or nothing at all (the empty-rest check).
    threshold: 89,
  },
  screeningRules: {
    // What a phrase means in context: denial, idioms, the past, thoughts, jokes, whose risk it is, fiction.
    mutate: ['src/safety/screening/ruleHits.ts'],
    tests: ['test/safety/screening/normalise.test.ts', 'test/safety/screening/matcher.test.ts', 'test/safety/screening/ruleHits.test.ts', 'test/safety/screening/screen.test.ts', 'test/safety/screening/signals.test.ts', 'test/safety/screening/window.test.ts'],
    // Measured 86.6 % with the TypeScript checker on 7 Dec, after the evening's rule changes were merged (88.9 %
    // before them); the survivors left are mostly equivalent (the shared token buffer's growth, word windows wider
    // than any cue can use, gating that only saves work).
    threshold: 86,
  },
  screeningCombine: {
    // One message's level, weak signals combined, the conversation window.
    mutate: ['src/safety/screening/screen.ts', 'src/safety/screening/signals.ts', 'src/safety/screening/window.ts'],
    tests: ['test/safety/screening/normalise.test.ts', 'test/safety/screening/matcher.test.ts', 'test/safety/screening/ruleHits.test.ts', 'test/safety/screening/screen.test.ts', 'test/safety/screening/signals.test.ts', 'test/safety/screening/window.test.ts'],
    // Measured 87 % together (screen 80 %, signals 98 %, window 90 %).
    threshold: 85,
  },
};
