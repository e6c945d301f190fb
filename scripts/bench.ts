/**
 * `npm run bench`: how close each hot path is to its limit, measured the same way every time, each against
 * its baseline in the same run. Prints a table; with `--json` prints exactly one JSON object on stdout (and
 * everything else on stderr). `--quick` uses small counts (seconds, for the test that keeps this working).
 *
 * Run as `node --expose-gc --import tsx scripts/bench.ts` (the npm script does) so the memory figure can
 * collect garbage before each heap reading.
 *
 * `--only=turn,cosmos,screen,reminders,memory` runs some sections. A measurement that cannot run (its piece
 * of the product missing or failing) reports `null` with the reason under `missing`; it never invents a number.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import { ActivityHandler } from 'botbuilder';
import type { Service } from '../src/app';
import { DEFAULT_SQLITE_FILE_NAME } from '../src/storage/sqliteStore';
import type { StoreCounts } from '../src/storage/countingStore';
import { answersFor, checkIn, CheckInTurn, expectRepliesTransport, onboard, percentile, pool, Send, SimUser, simUser } from '../test/bench/conversation';

// Everything but the result goes to stderr, so `--json` output stays one parseable object.
console.log = console.error;
console.info = console.error;

const SECTION_NAMES = ['turn', 'cosmos', 'screen', 'reminders', 'memory', 'startup'];
const USAGE = `Usage: npm run bench -- [--quick] [--json] [--only=${SECTION_NAMES.join(',')}]`;

/** Flags, strictly: a mistyped one stops the run instead of silently measuring something else. */
function parseFlags(argv: string[]): { json: boolean; quick: boolean; only?: string[] } {
  try {
    const { values } = parseArgs({ args: argv, strict: true, options: { json: { type: 'boolean' }, quick: { type: 'boolean' }, only: { type: 'string' } } });
    const only = values.only?.split(',').map((s) => s.trim());
    const unknown = only?.filter((s) => !SECTION_NAMES.includes(s)) ?? [];
    if (unknown.length) throw new Error(`Unknown section "${unknown.join('", "')}" in --only.`);
    return { json: values.json ?? false, quick: values.quick ?? false, only };
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
}

const FLAGS = parseFlags(process.argv.slice(2));
const JSON_OUTPUT = FLAGS.json;
const QUICK = FLAGS.quick;
const only = FLAGS.only;

const ROOT = join(__dirname, '..');

/** The counts each section uses; quick mode keeps the whole run to seconds. */
const SIZES = QUICK
  ? { checkIns: 6, concurrency: 3, rounds: 1, warmUp: 2, countUsers: 2, cosmosCheckIns: 3, screenRepeats: 3, dispatch: 200, dueClients: [100, 1000], memoryConversations: 40 }
  : { checkIns: 200, concurrency: 8, rounds: 2, warmUp: 20, countUsers: 20, cosmosCheckIns: 40, screenRepeats: 200, dispatch: 10_000, dueClients: [1_000, 100_000], memoryConversations: 1_000 };

type Value = number | null;
const results: Record<string, Value> = {};
const missing: Record<string, string> = {};
const details: Record<string, unknown> = {};

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function record(key: string, value: number): void {
  results[key] = Number.isFinite(value) ? Number(value.toPrecision(6)) : null;
  if (!Number.isFinite(value)) missing[key] = 'the measurement produced no finite value';
}

function markMissing(keys: string[], why: string): void {
  for (const key of keys) {
    results[key] = null;
    missing[key] = why;
  }
}

interface Target {
  key: string;
  text: string;
  met: (value: number) => boolean;
}

const TARGETS: Target[] = [
  { key: 'turn.ratioVsEcho', text: '≥ 0.5', met: (v) => v >= 0.5 },
  { key: 'storage.readsPerTurn', text: '≤ 1', met: (v) => v <= 1 },
  { key: 'storage.writesPerTurn', text: '≤ 1', met: (v) => v <= 1 },
  { key: 'cosmos.readsPerTurn', text: '≤ 1', met: (v) => v <= 1 },
  { key: 'cosmos.writesPerTurn', text: '≤ 1', met: (v) => v <= 1 },
  { key: 'screen.messagesPerSec', text: '≥ 100,000', met: (v) => v >= 100_000 },
  { key: 'screen.modelMessagesPerSec', text: '≥ 5,000', met: (v) => v >= 5_000 },
  { key: 'screen.modelMicrosP99', text: '≤ 1,000', met: (v) => v <= 1_000 },
  { key: 'screen.modelHeapMB', text: '≤ 50', met: (v) => v <= 50 },
  { key: 'screen.modelLoadMs', text: '≤ 300', met: (v) => v <= 300 },
  { key: 'reminders.dispatchPerSec', text: '≥ 2,000', met: (v) => v >= 2_000 },
  { key: 'reminders.dueQueryRatio100kTo1k', text: '≤ 2', met: (v) => v <= 2 },
  { key: 'startup.ratioVsTsx', text: '≤ 0.6', met: (v) => v <= 0.6 },
];

// ── harness ────────────────────────────────────────────────────────────────

async function silentLogger() {
  const { createLogger } = await import('../src/logger');
  return createLogger('silent');
}

async function testConfig(dataDir: string) {
  const { loadConfig } = await import('../src/config');
  // The reminder scheduler and the safety outbox poll on timers; here they would add their own store calls
  // to whichever turn is being counted. Turns are measured alone; reminders have their own section.
  return loadConfig({ NODE_ENV: 'test', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false', SAFETY_OUTBOX_POLL_MS: '600000' });
}

/** The baseline: a bot that only echoes, behind the same HTTP server, adapter and middleware as the real one. */
class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

async function startEchoServer(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const config = await testConfig(dataDir);
  const logger = await silentLogger();
  const { createAdapter } = await import('../src/bot/adapter');
  const { createHttpServer } = await import('../src/server/httpServer');
  const { server } = createHttpServer({
    adapter: createAdapter(config, logger),
    // The server only calls bot.run(context); any ActivityHandler does that.
    bot: new EchoBot() as unknown as Parameters<typeof createHttpServer>[0]['bot'],
    logger,
    maxBodyBytes: config.maxBodyBytes,
    readiness: [],
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      server.server.closeAllConnections();
      await new Promise<void>((resolve) => server.server.close(() => resolve()));
    },
  };
}

interface CountedService {
  service: Service;
  counts: () => StoreCounts;
  byContainer: () => Record<string, StoreCounts>;
  dispose(): Promise<void>;
}

/** The real service (as `src/app.ts` wires it), in this process, over a store counted at the port. */
async function startCountedService(kind: 'sqlite' | 'cosmos'): Promise<CountedService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ipt-bench-'));
  const config = await testConfig(dataDir);
  const logger = await silentLogger();
  const { startService } = await import('../src/app');
  const { CountingDocumentStore } = await import('../src/storage/countingStore');
  let inner;
  let stopCosmos = async () => undefined as void;
  if (kind === 'sqlite') {
    const { createDocumentStore } = await import('../src/storage/createStore');
    inner = await createDocumentStore(config.store);
  } else {
    const { startCosmosServer, createTestCosmosStore } = await import('../test/support/cosmosServer');
    const server = await startCosmosServer();
    inner = await createTestCosmosStore(server);
    stopCosmos = () => server.stop();
  }
  const store = new CountingDocumentStore(inner);
  const service = await startService(config, logger, { store });
  return {
    service,
    counts: () => store.counts(),
    byContainer: () => store.countsByContainer() as Record<string, StoreCounts>,
    dispose: async () => {
      await service.stop();
      await stopCosmos();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function recordingSend(send: Send, latencies: number[]): Send {
  return async (user, text) => {
    const reply = await send(user, text);
    latencies.push(reply.ms);
    return reply;
  };
}

async function onboardAll(send: Send, users: SimUser[], concurrency: number): Promise<void> {
  await pool(users.length, concurrency, async (i) => {
    await onboard(send, users[i], answersFor(users[i].id));
  });
}

/** Drives one check-in per user, `concurrency` at a time: turns per second and per-turn latencies. */
async function timedCheckIns(send: Send, users: SimUser[], concurrency: number): Promise<{ turns: number; seconds: number; latencies: number[] }> {
  const latencies: number[] = [];
  const timed = recordingSend(send, latencies);
  const started = performance.now();
  await pool(users.length, concurrency, async (i) => {
    await checkIn(timed, users[i], answersFor(users[i].id));
  });
  return { turns: latencies.length, seconds: (performance.now() - started) / 1000, latencies };
}

/** The same number of conversations with the same texts, to the echo bot. */
async function timedEcho(send: Send, users: SimUser[], texts: string[], concurrency: number): Promise<{ turns: number; seconds: number }> {
  let turns = 0;
  const started = performance.now();
  await pool(users.length, concurrency, async (i) => {
    for (const text of texts) {
      const reply = await send(users[i], text);
      if (reply.status !== 200 || reply.texts.length !== 1) throw new Error(`the echo bot answered HTTP ${reply.status} with ${reply.texts.length} message(s)`);
      turns++;
    }
  });
  return { turns, seconds: (performance.now() - started) / 1000 };
}

/** Check-ins one at a time, with the store's counters (and time spent in the store) read around every turn. */
async function countedCheckIns(send: Send, counted: CountedService, users: SimUser[]) {
  const { diffCounts, emptyCounts } = await import('../src/storage/countingStore');
  const perKind: Record<string, { turns: number; reads: number; writes: number; storeMs: number; turnMs: number; ops: Record<string, number> }> = {};
  const perContainer: Record<string, { reads: number; writes: number }> = {};
  for (const user of users) {
    let before = counted.counts();
    let beforeContainers = counted.byContainer();
    const diffs: Array<{ counts: StoreCounts; containers: Record<string, StoreCounts> }> = [];
    const countingSend: Send = async (u, text) => {
      const reply = await send(u, text);
      const after = counted.counts();
      const afterContainers = counted.byContainer();
      const containers: Record<string, StoreCounts> = {};
      for (const [name, counts] of Object.entries(afterContainers)) containers[name] = diffCounts(counts, beforeContainers[name] ?? emptyCounts());
      diffs.push({ counts: diffCounts(after, before), containers });
      before = after;
      beforeContainers = afterContainers;
      return reply;
    };
    const turns: CheckInTurn[] = await checkIn(countingSend, user, answersFor(user.id));
    turns.forEach((turn, i) => {
      const slot = (perKind[turn.kind] ??= { turns: 0, reads: 0, writes: 0, storeMs: 0, turnMs: 0, ops: {} });
      slot.turns++;
      slot.reads += diffs[i].counts.reads;
      slot.writes += diffs[i].counts.writes;
      slot.storeMs += diffs[i].counts.elapsedMs;
      slot.turnMs += turn.reply.ms;
      for (const op of ['read', 'query', 'create', 'upsert', 'delete'] as const) slot.ops[op] = (slot.ops[op] ?? 0) + diffs[i].counts[op];
      if (turn.kind === 'mid') {
        for (const [name, c] of Object.entries(diffs[i].containers)) {
          const per = (perContainer[name] ??= { reads: 0, writes: 0 });
          per.reads += c.reads;
          per.writes += c.writes;
        }
      }
    });
  }
  const mean = (kind: string, field: 'reads' | 'writes') => (perKind[kind] ? perKind[kind][field] / perKind[kind].turns : NaN);
  const round = (n: number) => Number(n.toFixed(3));
  const summary = Object.fromEntries(
    Object.entries(perKind).map(([kind, s]) => [
      kind,
      {
        turns: s.turns,
        readsPerTurn: round(s.reads / s.turns),
        writesPerTurn: round(s.writes / s.turns),
        opsPerTurn: Object.fromEntries(Object.entries(s.ops).map(([op, n]) => [op, round(n / s.turns)])),
        msPerTurnAlone: round(s.turnMs / s.turns),
        msInStorePerTurn: round(s.storeMs / s.turns),
      },
    ]),
  );
  const all = Object.values(perKind).reduce((a, s) => ({ turns: a.turns + s.turns, turnMs: a.turnMs + s.turnMs, storeMs: a.storeMs + s.storeMs }), { turns: 0, turnMs: 0, storeMs: 0 });
  const midTurns = perKind.mid?.turns ?? 0;
  const midByContainer = Object.fromEntries(Object.entries(perContainer).map(([name, c]) => [name, { readsPerTurn: round(c.reads / midTurns), writesPerTurn: round(c.writes / midTurns) }]));
  return {
    readsPerMidTurn: mean('mid', 'reads'),
    writesPerMidTurn: mean('mid', 'writes'),
    byKind: summary,
    midByContainer,
    msPerTurnAlone: round(all.turnMs / all.turns),
    msInStorePerTurn: round(all.storeMs / all.turns),
  };
}

/** Mean latency of the echo bot, one turn at a time (to set against the check-in's, also one at a time). */
async function echoAlone(send: Send, texts: string[], conversations: number): Promise<number> {
  let total = 0;
  let turns = 0;
  for (let i = 0; i < conversations; i++) {
    for (const text of texts) {
      total += (await send(simUser('echo-alone', i), text)).ms;
      turns++;
    }
  }
  return Number((total / turns).toFixed(3));
}

// ── sections ───────────────────────────────────────────────────────────────

async function benchTurns(): Promise<void> {
  log('turn: the daily check-in through the real adapter and bot, against an echo bot on the same harness…');
  const counted = await startCountedService('sqlite');
  const echoDir = mkdtempSync(join(tmpdir(), 'ipt-bench-echo-'));
  const echo = await startEchoServer(echoDir);
  try {
    const send = expectRepliesTransport(counted.service.url);
    const echoSend = expectRepliesTransport(echo.url);
    const { concurrency, rounds } = SIZES;

    // Warm-up (JIT, SQLite pages, connection pool), not measured; it also records the texts of one check-in.
    const warm = Array.from({ length: SIZES.warmUp }, (_, i) => simUser('warm', i));
    await onboardAll(send, warm, concurrency);
    const texts: string[] = [];
    const textRecorder: Send = async (user, text) => {
      if (user === warm[0]) texts.push(text);
      return send(user, text);
    };
    await pool(warm.length, concurrency, async (i) => void (await checkIn(textRecorder, warm[i], answersFor(warm[i].id))));
    await timedEcho(echoSend, warm, texts, concurrency);

    let botTurns = 0;
    let botSeconds = 0;
    let echoTurns = 0;
    let echoSeconds = 0;
    const latencies: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const users = Array.from({ length: SIZES.checkIns }, (_, i) => simUser(`turn-r${round}`, i));
      await onboardAll(send, users, concurrency);
      const bot = await timedCheckIns(send, users, concurrency);
      botTurns += bot.turns;
      botSeconds += bot.seconds;
      latencies.push(...bot.latencies);
      const e = await timedEcho(echoSend, users, texts, concurrency);
      echoTurns += e.turns;
      echoSeconds += e.seconds;
    }
    latencies.sort((a, b) => a - b);
    record('turn.checkinTurnsPerSec', botTurns / botSeconds);
    record('turn.echoTurnsPerSec', echoTurns / echoSeconds);
    record('turn.ratioVsEcho', botTurns / botSeconds / (echoTurns / echoSeconds));
    record('turn.p50Ms', percentile(latencies, 50));
    record('turn.p99Ms', percentile(latencies, 99));
    details.turn = { conversations: SIZES.checkIns * rounds, turnsPerConversation: texts.length, concurrency, checkInTurns: botTurns, echoTurns };

    log('storage: port round trips per check-in turn, embedded store…');
    const countUsers = Array.from({ length: SIZES.countUsers }, (_, i) => simUser('count', i));
    await onboardAll(send, countUsers, 1);
    const counts = await countedCheckIns(send, counted, countUsers);
    record('storage.readsPerTurn', counts.readsPerMidTurn);
    record('storage.writesPerTurn', counts.writesPerMidTurn);
    const echoMs = await echoAlone(echoSend, texts, SIZES.countUsers);
    details.storage = {
      byTurnKind: counts.byKind,
      midTurnByContainer: counts.midByContainer,
      oneTurnAtATime: { checkInMsPerTurn: counts.msPerTurnAlone, ofWhichInStoreMs: counts.msInStorePerTurn, echoMsPerTurn: echoMs },
    };
  } finally {
    await echo.stop();
    rmSync(echoDir, { recursive: true, force: true });
    await counted.dispose();
  }
}

async function benchCosmos(): Promise<void> {
  log('cosmos: the check-in against @vercel/cosmosdb-server (in-process, over HTTPS)…');
  const counted = await startCountedService('cosmos');
  try {
    const send = expectRepliesTransport(counted.service.url);
    const warm = Array.from({ length: Math.min(SIZES.warmUp, 5) }, (_, i) => simUser('cwarm', i));
    await onboardAll(send, warm, SIZES.concurrency);
    await timedCheckIns(send, warm, SIZES.concurrency);
    const users = Array.from({ length: SIZES.cosmosCheckIns }, (_, i) => simUser('cosmos', i));
    await onboardAll(send, users, SIZES.concurrency);
    const timed = await timedCheckIns(send, users, SIZES.concurrency);
    record('cosmos.checkinTurnsPerSec', timed.turns / timed.seconds);
    timed.latencies.sort((a, b) => a - b);
    record('cosmos.p50Ms', percentile(timed.latencies, 50));

    const countUsers = Array.from({ length: Math.max(2, Math.floor(SIZES.countUsers / 2)) }, (_, i) => simUser('ccount', i));
    await onboardAll(send, countUsers, 1);
    const counts = await countedCheckIns(send, counted, countUsers);
    record('cosmos.readsPerTurn', counts.readsPerMidTurn);
    record('cosmos.writesPerTurn', counts.writesPerMidTurn);
    details.cosmos = {
      conversations: SIZES.cosmosCheckIns,
      concurrency: SIZES.concurrency,
      byTurnKind: counts.byKind,
      midTurnByContainer: counts.midByContainer,
      oneTurnAtATime: { checkInMsPerTurn: counts.msPerTurnAlone, ofWhichInStoreMs: counts.msInStorePerTurn },
    };
  } finally {
    await counted.dispose();
  }
}

/** Objects a measurement must keep alive while it reads the heap. */
const retained: unknown[] = [];

async function benchScreen(): Promise<void> {
  log('screen: the crisis screener on one core — ordinary chat and the development set on the lexicon path, then the dev set with the model…');
  const screener = await import('../src/safety/screener');
  const devSet = join(ROOT, 'test', 'fixtures', 'safety-dev-set.jsonl');
  if (!existsSync(devSet)) {
    markMissing(['screen.messagesPerSec', 'screen.p99Micros', 'screen.mixedMessagesPerSec', 'screen.mixedP99Micros'], 'test/fixtures/safety-dev-set.jsonl does not exist yet');
    return;
  }
  const mixed = readFileSync(devSet, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => String((JSON.parse(line) as { text?: unknown }).text ?? ''));
  // Ordinary chat: every message of the development set and the corpus labelled `none`. Many of them are written to
  // sit close to risk (idioms, games, news, a word shared with a risk phrase), so they run more of the lexicon than
  // everyday chat does: the figure errs low.
  const { loadCorpus } = await import('../test/safety/corpus');
  const ordinary = loadCorpus()
    .filter((item) => item.level === 'none')
    .map((item) => item.text);
  const now = new Date();
  const run = (texts: string[], model: boolean): { perSec: number; micros: number[] } => {
    const options = { history: [], now, windowMinutes: 120, model };
    // Warm-up so the JIT has compiled the screener before anything is timed.
    for (let r = 0; r < 5; r++) for (const text of texts) screener.screenMessage(text, options);
    // Throughput: no timer inside the loop.
    const started = process.hrtime.bigint();
    for (let r = 0; r < SIZES.screenRepeats; r++) for (const text of texts) screener.screenMessage(text, options);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    // Latency: every call timed on its own.
    const micros: number[] = [];
    for (let r = 0; r < Math.max(1, Math.floor(SIZES.screenRepeats / 4)); r++) {
      for (const text of texts) {
        const t0 = process.hrtime.bigint();
        screener.screenMessage(text, options);
        micros.push(Number(process.hrtime.bigint() - t0) / 1000);
      }
    }
    micros.sort((a, b) => a - b);
    return { perSec: (texts.length * SIZES.screenRepeats) / seconds, micros };
  };
  const lexicon = run(ordinary, false);
  record('screen.messagesPerSec', lexicon.perSec);
  record('screen.p99Micros', percentile(lexicon.micros, 99));
  const lexiconMixed = run(mixed, false);
  record('screen.mixedMessagesPerSec', lexiconMixed.perSec);
  record('screen.mixedP99Micros', percentile(lexiconMixed.micros, 99));
  const combined = run(mixed, true);
  record('screen.modelMessagesPerSec', combined.perSec);
  record('screen.modelMicrosP99', percentile(combined.micros, 99));

  // What loading the model costs: reading and decoding the file once, and the heap it keeps.
  const { readModel } = await import('../src/safety/screening/model');
  const modelFile = join(ROOT, 'src', 'safety', 'screening', 'screenerModel.json');
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const loadStarted = process.hrtime.bigint();
  const json: unknown = JSON.parse(readFileSync(modelFile, 'utf8'));
  const model = readModel(json);
  record('screen.modelLoadMs', Number(process.hrtime.bigint() - loadStarted) / 1e6);
  // Both stay alive through the reading below, as the screener's module keeps them.
  retained.push(json, model);
  gc?.();
  // The weights live in ArrayBuffers, outside heapUsed: they are added.
  const hidden = model.hidden?.layer;
  const weightBytes =
    model.flagged.weights.byteLength +
    model.urgent.weights.byteLength +
    (hidden === undefined ? 0 : hidden.w1.byteLength + hidden.b1.byteLength + hidden.w2.byteLength + hidden.b2.byteLength);
  record('screen.modelHeapMB', (process.memoryUsage().heapUsed - heapBefore + weightBytes) / 2 ** 20);
  details.screen = {
    ordinaryMessages: ordinary.length,
    devSetMessages: mixed.length,
    repeats: SIZES.screenRepeats,
    p50Micros: percentile(lexicon.micros, 50),
    mixedP50Micros: percentile(lexiconMixed.micros, 50),
    modelP50Micros: percentile(combined.micros, 50),
    modelHeapMeasuredWithGc: gc !== undefined,
  };
}

async function benchMemory(): Promise<void> {
  log(`memory: heap growth with ${SIZES.memoryConversations} conversations open mid-check-in…`);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    markMissing(['memory.heapPerActiveConversationKB'], 'run with node --expose-gc (npm run bench does)');
    return;
  }
  const counted = await startCountedService('sqlite');
  try {
    const send = expectRepliesTransport(counted.service.url);
    const warm = Array.from({ length: SIZES.warmUp }, (_, i) => simUser('mwarm', i));
    await onboardAll(send, warm, SIZES.concurrency);
    await pool(warm.length, SIZES.concurrency, async (i) => void (await checkIn(send, warm[i], answersFor(warm[i].id))));
    const users = Array.from({ length: SIZES.memoryConversations }, (_, i) => simUser('mem', i));
    const settle = async () => {
      for (let i = 0; i < 4; i++) {
        gc();
        await new Promise((resolve) => setImmediate(resolve));
      }
      return process.memoryUsage().heapUsed;
    };
    const before = await settle();
    // Each client: onboarded, then into the check-in and past the mood question, so its dialog is open.
    await pool(users.length, SIZES.concurrency * 4, async (i) => {
      await onboard(send, users[i], answersFor(users[i].id));
      const start = await send(users[i], 'check in');
      const mood = await send(users[i], '6');
      if (start.status !== 200 || mood.status !== 200) throw new Error('a memory-run turn failed');
    });
    const after = await settle();
    record('memory.heapPerActiveConversationKB', (after - before) / users.length / 1024);
    details.memory = { conversations: users.length, heapBeforeMB: before / 2 ** 20, heapAfterMB: after / 2 ** 20 };
  } finally {
    await counted.dispose();
  }
}

/** A fixed, movable clock, so seeded reminders fall due exactly when the bench says. */
class BenchClock {
  constructor(private at: Date) {}
  now(): Date {
    return new Date(this.at);
  }
  set(at: Date): void {
    this.at = at;
  }
}

/**
 * Seeding writes tens of thousands of documents; with `synchronous=FULL` that is one fsync each. The seed
 * store turns that off and batches into one transaction (it is only test data); every measurement then
 * reopens the file with the store exactly as the service opens it.
 */
async function withSeedStore<T>(dataDir: string, seed: (store: import('../src/storage/documentStore').DocumentStore) => Promise<T>): Promise<T> {
  const { SqliteDocumentStore } = await import('../src/storage/sqliteStore');
  const store = new SqliteDocumentStore({ dataDir });
  const db = (store as unknown as { db: { pragma(s: string): unknown; exec(s: string): unknown } }).db;
  db.pragma('synchronous = OFF');
  db.exec('BEGIN');
  try {
    const result = await seed(store);
    db.exec('COMMIT');
    return result;
  } finally {
    await store.close();
  }
}

function hhmm(date: Date): string {
  return date.toISOString().slice(11, 16);
}

async function benchDispatch(): Promise<void> {
  const count = SIZES.dispatch;
  log(`reminders: ${count.toLocaleString('en-US')} due reminders claimed and sent (stub sender), embedded store…`);
  const { ProgrammeStore } = await import('../src/programmes/programmeStore');
  const { ReminderDispatcher } = await import('../src/scheduling/reminderDispatcher');
  const { SqliteDocumentStore } = await import('../src/storage/sqliteStore');
  const dataDir = mkdtempSync(join(tmpdir(), 'ipt-bench-dispatch-'));
  // Whole minutes, so "HH:mm" one minute ahead is exactly when every reminder falls due.
  const start = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const clock = new BenchClock(start);
  const dueAt = new Date(start.getTime() + 60_000);
  try {
    await withSeedStore(dataDir, async (store) => {
      const programmes = new ProgrammeStore(store, { clock });
      const programme = await programmes.createProgramme({ name: 'Bench clinic', defaultLocale: 'en', defaultTimeZone: 'UTC', ackTimeoutMinutes: 15 });
      const clinician = await programmes.createClinician(programme.id, { name: 'Dr Bench', aadObjectId: randomUUID() });
      const courseStart = start.toISOString().slice(0, 10);
      const courseEnd = new Date(start.getTime() + 90 * 86_400_000).toISOString().slice(0, 10);
      for (let i = 0; i < count; i++) {
        const { client } = await programmes.enrolClient(programme.id, { externalId: `bench-${i}`, clinicianId: clinician.id, timeZone: 'UTC', courseStart, courseEnd });
        await programmes.linkChat(programme.id, client.id, { channelId: 'webchat', userId: `bench-user-${i}` });
        await programmes.rememberConversation('webchat', `bench-user-${i}`, {
          channelId: 'webchat',
          serviceUrl: 'http://127.0.0.1:1',
          conversation: { id: `bench-conv-${i}` },
          user: { id: `bench-user-${i}` },
          bot: { id: 'bot' },
        });
        await programmes.createSchedule(programme.id, client.id, { kind: 'checkIn', rule: { kind: 'weekly', time: hhmm(dueAt) }, paused: false });
      }
    });

    // The same seeded file twice: once as the service opens it, once without the per-write fsync, to see
    // how much of the time is durability.
    const copyDir = mkdtempSync(join(tmpdir(), 'ipt-bench-dispatch-nosync-'));
    copyFileSync(join(dataDir, DEFAULT_SQLITE_FILE_NAME), join(copyDir, DEFAULT_SQLITE_FILE_NAME));
    const { CountingDocumentStore } = await import('../src/storage/countingStore');
    const dispatchOnce = async (dir: string, synchronous: 'FULL' | 'NORMAL') => {
      const inner = new SqliteDocumentStore({ dataDir: dir });
      if (synchronous !== 'FULL') (inner as unknown as { db: { pragma(s: string): unknown } }).db.pragma(`synchronous = ${synchronous}`);
      const store = new CountingDocumentStore(inner);
      let sends = 0;
      try {
        const runClock = new BenchClock(start);
        const dispatcher = new ReminderDispatcher({
          store,
          programmes: new ProgrammeStore(store, { clock: runClock }),
          sender: { send: async () => void sends++ },
          logger: await silentLogger(),
          clock: runClock,
          initialLookbackHours: 2,
        });
        runClock.set(new Date(dueAt.getTime() + 30_000));
        const started = performance.now();
        const report = await dispatcher.tick();
        const seconds = (performance.now() - started) / 1000;
        if (report.sent !== count || sends !== count) throw new Error(`the dispatcher sent ${report.sent} of ${count} (${JSON.stringify(report)})`);
        const c = store.counts();
        return { perSec: count / seconds, seconds, report, perReminder: { reads: c.reads / count, writes: c.writes / count, read: c.read / count, query: c.query / count, create: c.create / count, upsert: c.upsert / count } };
      } finally {
        await store.close();
      }
    };
    try {
      const full = await dispatchOnce(dataDir, 'FULL');
      const normal = await dispatchOnce(copyDir, 'NORMAL');
      record('reminders.dispatchPerSec', full.perSec);
      details.dispatch = { reminders: count, concurrency: 'dispatcher default', asShipped: full, withoutFsyncPerWrite: { perSec: normal.perSec, seconds: normal.seconds } };
    } finally {
      rmSync(copyDir, { recursive: true, force: true });
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The dispatcher's due query with N clients: each client has one pending reminder (its schedule's next
 * occurrence). The same 100 are due now in both runs, the rest fall due over the coming week, so the
 * figure shows what the query costs as the clinic grows while the due work stays the same. The query
 * timed is the one the dispatcher itself issues: a tick is run over a recording store first, and its
 * queries on the `reminders` container are replayed.
 */
async function dueQueryMs(clients: number): Promise<number> {
  const { ReminderQueue } = await import('../src/scheduling/reminderQueue');
  const { ReminderDispatcher } = await import('../src/scheduling/reminderDispatcher');
  const { ProgrammeStore } = await import('../src/programmes/programmeStore');
  const { SqliteDocumentStore } = await import('../src/storage/sqliteStore');
  const { CONTAINERS } = await import('../src/storage/containers');
  const dataDir = mkdtempSync(join(tmpdir(), 'ipt-bench-due-'));
  const now = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 40 * 60_000); // hh:40
  const due = 100;
  try {
    await withSeedStore(dataDir, async (store) => {
      const queue = new ReminderQueue(store);
      const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
      for (let i = 0; i < clients; i++) {
        // The first `due` are due a few minutes ago; the others at a time spread over the next seven days.
        const isDue = i < due;
        const at = isDue ? new Date(now.getTime() - (1 + (i % 30)) * 60_000) : new Date(now.getTime() + 3_600_000 + ((i * 7_919) % (167 * 60)) * 60_000);
        await queue.planNext(
          {
            programmeId: 'bench',
            clientId: `client-${i}`,
            scheduleId: `schedule-${i}`,
            scheduleVersion: 1,
            kind: 'checkIn',
            rule: { kind: 'weekly', time: hhmm(at), days: [days[(at.getUTCDay() + 6) % 7]] },
            timeZone: 'UTC',
          },
          new Date(at.getTime() - 60_000),
        );
      }
    });

    const store = new SqliteDocumentStore({ dataDir });
    try {
      // Record the queries one real tick issues on the reminders container (the sends are cancelled:
      // these reminders belong to no programme, which does not change the query).
      const { CountingDocumentStore } = await import('../src/storage/countingStore');
      const queries: Array<Parameters<typeof store.query>[1]> = [];
      const recorder = new (class extends CountingDocumentStore {
        override query<T>(container: Parameters<typeof store.query>[0], query: Parameters<typeof store.query>[1]) {
          if (container === CONTAINERS.reminders) queries.push(query);
          return super.query<T>(container, query);
        }
      })(store);
      const clock = new BenchClock(now);
      const dispatcher = new ReminderDispatcher({ store: recorder, programmes: new ProgrammeStore(recorder, { clock }), sender: { send: async () => undefined }, logger: await silentLogger(), clock, initialLookbackHours: 2 });
      // Replay against a fresh copy of what the tick saw: the tick itself changes the due reminders' status.
      const dueQueries = () => queries.filter((q) => q.where?.some((w) => w.field === 'status' && w.value === 'pending') && q.where?.some((w) => w.field === 'dueAt'));
      await dispatcher.tick();
      const replay = dueQueries();
      if (replay.length === 0) throw new Error('the dispatcher issued no due-reminder query');
      // Put the due reminders back to pending, so the replayed query finds the same 100 every time.
      for (const query of replay) {
        for (const doc of await store.query<Record<string, unknown>>(CONTAINERS.reminders, { partitionKey: query.partitionKey, where: [{ field: 'dueAt', op: '<=', value: now.toISOString() }] })) {
          await store.upsert(CONTAINERS.reminders, doc.partitionKey, doc.id, { ...doc.body, status: 'pending', claimUntil: undefined, claimedBy: undefined, outcome: undefined });
        }
      }
      const timings: number[] = [];
      let found = 0;
      for (let r = 0; r < 30; r++) {
        const t0 = performance.now();
        found = 0;
        for (const query of replay) found += (await store.query(CONTAINERS.reminders, query)).length;
        timings.push(performance.now() - t0);
      }
      if (found !== due) throw new Error(`the due query found ${found} reminders, expected ${due}`);
      timings.sort((a, b) => a - b);
      return percentile(timings, 50);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchDueQuery(): Promise<void> {
  const [small, large] = SIZES.dueClients;
  log(`reminders: the due query with ${small.toLocaleString('en-US')} and ${large.toLocaleString('en-US')} clients…`);
  const smallMs = await dueQueryMs(small);
  const largeMs = await dueQueryMs(large);
  record('reminders.dueQueryMs1k', smallMs);
  record('reminders.dueQueryMs100k', largeMs);
  record('reminders.dueQueryRatio100kTo1k', largeMs / smallMs);
  details.dueQuery = { clients: [small, large], dueNow: 100, medianOf: 30 };
}

async function benchReminders(): Promise<void> {
  try {
    await benchDispatch();
  } catch (error) {
    markMissing(['reminders.dispatchPerSec'], `dispatch failed: ${(error as Error).message}`);
    log(`reminders: dispatch failed: ${(error as Error).stack}`);
  }
  await benchDueQuery();
}

// ── output ─────────────────────────────────────────────────────────────────

/**
 * Start-up: the compiled service (`npm run build`, then `node dist/src/index.js` as `npm run start:prod`)
 * against the same service run through tsx (`npm start`), both on SQLite with a fresh data folder, timed from
 * spawning the process to the first 200 from /readyz; runs alternate, medians compared.
 */
async function benchStartup(): Promise<void> {
  const { spawnSync } = await import('node:child_process');
  const { startServiceProcess } = await import('../test/support/serviceProcess');
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`the build failed: ${tsc.stdout}${tsc.stderr}`);
  const timeToReady = async (entry: string[]): Promise<number> => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ipt-bench-start-'));
    const started = performance.now();
    // Someone to notify (a loopback receiver that is never called), so that /readyz can say ready.
    const notified = { SAFETY_WEBHOOK_URL: 'http://127.0.0.1:9/alerts', SAFETY_WEBHOOK_SECRET: 'bench-only-secret-bench-only-secret' };
    const service = await startServiceProcess({ DATA_DIR: dataDir, SCHEDULER_ENABLED: 'false', ...notified }, [], entry);
    try {
      const deadline = performance.now() + 60_000;
      while (performance.now() < deadline) {
        if ((await fetch(`${service.url}/readyz`)).status === 200) return performance.now() - started;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error('the service did not become ready within a minute');
    } finally {
      await service.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  const compiled: number[] = [];
  const viaTsx: number[] = [];
  for (let run = 0; run < (QUICK ? 2 : 6); run += 1) {
    compiled.push(await timeToReady(['dist/src/index.js']));
    viaTsx.push(await timeToReady(['--import', 'tsx', 'src/index.ts']));
  }
  const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
  record('startup.msToReady', median(compiled));
  record('startup.tsxMsToReady', median(viaTsx));
  record('startup.ratioVsTsx', median(compiled) / median(viaTsx));
  details.startup = { compiledMs: compiled.map(Math.round), tsxMs: viaTsx.map(Math.round) };
}

const SECTIONS: Array<[name: string, run: () => Promise<void>, keys: string[]]> = [
  ['turn', benchTurns, ['turn.checkinTurnsPerSec', 'turn.echoTurnsPerSec', 'turn.ratioVsEcho', 'turn.p50Ms', 'turn.p99Ms', 'storage.readsPerTurn', 'storage.writesPerTurn']],
  ['cosmos', benchCosmos, ['cosmos.checkinTurnsPerSec', 'cosmos.readsPerTurn', 'cosmos.writesPerTurn']],
  ['screen', benchScreen, ['screen.messagesPerSec', 'screen.p99Micros', 'screen.mixedMessagesPerSec', 'screen.mixedP99Micros', 'screen.modelMessagesPerSec', 'screen.modelMicrosP99', 'screen.modelHeapMB', 'screen.modelLoadMs']],
  ['reminders', benchReminders, ['reminders.dispatchPerSec', 'reminders.dueQueryMs1k', 'reminders.dueQueryMs100k', 'reminders.dueQueryRatio100kTo1k']],
  ['memory', benchMemory, ['memory.heapPerActiveConversationKB']],
  ['startup', benchStartup, ['startup.msToReady', 'startup.tsxMsToReady', 'startup.ratioVsTsx']],
];

function formatValue(value: Value): string {
  if (value === null) return '—';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function table(): string {
  const rows = Object.keys(results).map((key) => {
    const target = TARGETS.find((t) => t.key === key);
    const value = results[key];
    const verdict = !target ? '' : value === null ? 'not measured' : target.met(value) ? 'met' : 'MISSED';
    return [key, formatValue(value), target?.text ?? '', verdict, missing[key] ?? ''];
  });
  const header = ['measure', 'value', 'target', '', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  for (const [name, run, keys] of SECTIONS) {
    if (only && !only.includes(name)) continue;
    try {
      await run();
    } catch (error) {
      const why = `${name} failed: ${(error as Error).message}`;
      log(why);
      markMissing(
        keys.filter((k) => results[k] === undefined || results[k] === null),
        why,
      );
    }
  }
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, platform: `${process.platform}-${process.arch}` };
  const targets = Object.fromEntries(
    TARGETS.filter((t) => t.key in results).map((t) => [t.key, { target: t.text, met: results[t.key] === null ? null : t.met(results[t.key] as number) }]),
  );
  const output = { ...results, missing, targets, details, machine, quick: QUICK, seconds: (Date.now() - started) / 1000 };
  if (JSON_OUTPUT) {
    log(table());
    process.stdout.write(`${JSON.stringify(output)}\n`);
  } else {
    process.stdout.write(`\n${table()}\n\nmachine: ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}; ${output.seconds.toFixed(0)} s${QUICK ? ' (quick mode)' : ''}\n`);
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    log(`bench failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
