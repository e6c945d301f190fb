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
 * - `threshold`: the lowest mutation score (%) that passes; Stryker exits non-zero below it. Set to the score
 *   measured (without the type checker, as `npm run mutation` runs), rounded down; 95 where it measured 100, so
 *   that one equivalent mutant in a new line does not fail CI;
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
    // Measured without the type checker on 7 Dec, late: 91.4 %.
    threshold: 91,
  },
  catalogue: {
    // The numbers themselves: every line, emergency number and territory, by country. The tables are built by
    // functions on each call, so their mutants run in one test process (as constants, each was a process start).
    mutate: ['src/safety/crisisCatalogue.ts'],
    tests: ['test/safety/crisisCatalogue.test.ts'],
    // Measured without the type checker on 7 Dec, late: 100 %.
    threshold: 95,
  },
  routing: {
    // Who an alert reaches at each stage (clinician, backup, on-call, programme webhook) and through which channel.
    mutate: ['src/safety/escalation/routing.ts'],
    tests: ['test/safety/routing.test.ts', 'test/safety/alertChannels.test.ts'],
    // Measured without the type checker on 7 Dec, late: 100 %.
    threshold: 95,
  },
  schedule: {
    // When a reminder fires: weekly rules, RRULEs, daylight saving, quiet hours, course window, measures.
    mutate: ['src/scheduling/schedule.ts', 'src/scheduling/measureSchedule.ts'],
    tests: ['test/scheduling/schedule.test.ts', 'test/scheduling/measureSchedule.test.ts'],
    // Measured without the type checker on 7 Dec, late: 89.2 %. The survivors left are equivalent: the zone
    // and offset caches, the fast path and bisection precision of localToInstant, work limits, and rrule reading
    // an empty BYDAY as every day. Its tests empty the zone caches before each test (clearZoneCaches), so its
    // mutants share one test process instead of starting one each.
    threshold: 89,
  },
  parsers: {
    // What the bot understands from a typed answer: scores ("7/10", "siete de diez", "7de10"), a choice by its
    // words, title or position, yes / a bit / no, names, broken cards. Scores are read by ./numbers.ts alone.
    mutate: ['dialogs/prompts/parsers.ts'],
    tests: ['test/dialogs/parsers.test.ts', 'test/dialogs/prompts.test.ts', 'test/dialogs/understanding.test.ts'],
    // Measured without the type checker on 7 Dec, late: 95.5 % (80.1 % before the tests of that evening).
    threshold: 95,
  },
  dates: {
    // Dates as people type them ("3 March 1998", "14-3", "el 5 de mayo") in the client's zone.
    mutate: ['dialogs/prompts/dates.ts'],
    tests: ['test/dialogs/dates.test.ts'],
    // Measured without the type checker on 7 Dec, late: 90.4 %.
    threshold: 90,
  },
  yesNo: {
    // Yes, no or unclear, with negation and hedges; shared with the crisis dialog's safety questions.
    mutate: ['dialogs/prompts/yesNo.ts'],
    tests: ['test/dialogs/yesNo.test.ts'],
    // Measured without the type checker on 7 Dec, late: 93.1 %; "oh yes", "no doubt" and "yeah no" readings are pinned
    // in both languages, and what survives is equivalent (defaults for an absent list, the pause regex's anchors,
    // `lead !== undefined` guards that only the type checker tells apart).
    threshold: 93,
  },
  summary: {
    // The clinician's pre-session summary: the period in the client's zone, alerts, plans, measures.
    mutate: ['src/clinician/summary.ts'],
    tests: ['test/clinician/summary.test.ts', 'test/clinician/summaryPeriod.test.ts', 'test/clinician/keepWellSummary.test.ts'],
    // Measured without the type checker on 7 Dec, late: 89.4 %.
    threshold: 89,
  },
  scoring: {
    // PHQ-9 and GAD-7 totals, bands, response, remission and reliable change.
    mutate: ['src/measures/scoring.ts'],
    tests: ['test/measures/scoring.test.ts'],
    // Measured without the type checker on 7 Dec, late: 100 %.
    threshold: 95,
  },
  screeningNormalise: {
    // Leetspeak, look-alike letters, spaced and stretched words, misspellings: what the rules read.
    mutate: ['src/safety/screening/normalise.ts'],
    tests: ['test/safety/normalise.test.ts', 'test/safety/lookalikes.test.ts', 'test/safety/screening/normalise.test.ts'],
    // Measured without the type checker on 7 Dec, late: 86.6 % (74.7 % before each word kept with its double letter
    // was tested by stretching that letter). What survives is mostly equivalent: the bit table's guards, fast paths
    // that only save work (a property test holds them equal to the general path), anchors on single characters.
    // The word tables are built on first use and forgotten before each test, so their ~280 entries run in one test
    // process, not one each.
    threshold: 86,
  },
  screeningMatcher: {
    // Which rules run on a message: a rule it fails to mark is a risk phrase the screener never sees.
    mutate: ['src/safety/screening/matcher.ts'],
    tests: ['test/safety/screening/matcher.test.ts', 'test/safety/screening/ruleHits.test.ts'],
    // Measured without the type checker on 7 Dec, late: 87.3 %. The survivors change only speed or memory (a loop
    // bound one past the end, the 16-bit table, the sort fast path, the generation counting down), nothing at all
    // (the empty-rest check), or only types (an empty list given a string). The lexicon is compiled when the module
    // loads, so ~110 of its mutants are static: a test process each, most of this module's run.
    threshold: 87,
  },
  screeningRules: {
    // What a phrase means in context: denial, idioms, the past, thoughts, jokes, whose risk it is, fiction.
    mutate: ['src/safety/screening/ruleHits.ts'],
    tests: ['test/safety/screening/normalise.test.ts', 'test/safety/screening/matcher.test.ts', 'test/safety/screening/ruleHits.test.ts', 'test/safety/screening/screen.test.ts', 'test/safety/screening/signals.test.ts', 'test/safety/screening/window.test.ts'],
    // Measured without the type checker on 7 Dec, late: 88.1 % (after batch 6's fixes); the survivors left are mostly equivalent (the shared
    // token buffer's growth, word windows wider than any cue can use, gating that only saves work).
    threshold: 88,
  },
  screeningCombine: {
    // One message's level, weak signals combined, the conversation window.
    mutate: ['src/safety/screening/screen.ts', 'src/safety/screening/signals.ts', 'src/safety/screening/window.ts'],
    tests: ['test/safety/screening/normalise.test.ts', 'test/safety/screening/matcher.test.ts', 'test/safety/screening/ruleHits.test.ts', 'test/safety/screening/screen.test.ts', 'test/safety/screening/signals.test.ts', 'test/safety/screening/window.test.ts'],
    // Measured without the type checker on 7 Dec, late: 85.2 % together. Its signal lists and patterns are written
    // inside functions, not as module constants, so their mutants run only the tests that read them.
    threshold: 85,
  },
};
