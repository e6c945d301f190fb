/**
 * `npm run load`: the real service as its own process (embedded store), N simulated clients at once going
 * through onboarding and the daily check-in over HTTP `/api/messages` for a bounded time, with a local
 * capture server playing the channel's Bot Connector (the bot's replies are POSTed to it). Loopback only.
 *
 * It reports throughput and per-turn latency, then checks what a clinic would care about:
 * - every check-in a client completed is stored exactly once, with what the client answered;
 * - no turn failed (HTTP error, or the bot's "something went wrong");
 * - no reply was lost (every turn's answer reached the channel).
 * A second phase sends two messages of one client at the same moment, over and over, and checks that no
 * update was lost: two messages the bot does not understand, in either order, must give one "not sure I
 * understood" and one menu, because the second turn sees the count the first one saved.
 *
 * Options: --clients N (200), --seconds S (60), --pair-seconds S (15), --quick (10 clients, 3 s + 2 s),
 * --json (one JSON object on stdout; progress on stderr). Exits 1 when a check fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CONTAINERS } from '../src/storage/containers';
import { SqliteDocumentStore } from '../src/storage/sqliteStore';
import { CaptureServer } from '../test/support/captureServer';
import { startServiceProcess } from '../test/support/serviceProcess';
import { answersFor, checkIn, ConversationError, messageActivity, onboard, percentile, Reply, says, Send, simUser } from '../test/bench/conversation';

console.log = console.error;

const USAGE = 'Usage: npm run load -- [--quick] [--json] [--clients N] [--seconds N] [--pair-seconds N]';

/** Flags, strictly: a mistyped flag or a count that is not a positive number stops the run with the usage. */
function parseFlags(argv: string[]): { quick: boolean; json: boolean; clients?: number; seconds?: number; pairSeconds?: number } {
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      options: { quick: { type: 'boolean' }, json: { type: 'boolean' }, clients: { type: 'string' }, seconds: { type: 'string' }, 'pair-seconds': { type: 'string' } },
    });
    const count = (name: string, raw: string | undefined): number | undefined => {
      if (raw === undefined) return undefined;
      const value = Number(raw);
      if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, not "${raw}".`);
      return value;
    };
    return {
      quick: values.quick ?? false,
      json: values.json ?? false,
      clients: count('clients', values.clients),
      seconds: count('seconds', values.seconds),
      pairSeconds: count('pair-seconds', values['pair-seconds']),
    };
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
}

const FLAGS = parseFlags(process.argv.slice(2));
const QUICK = FLAGS.quick;
const JSON_OUTPUT = FLAGS.json;
const CLIENTS = FLAGS.clients ?? (QUICK ? 10 : 200);
const SECONDS = FLAGS.seconds ?? (QUICK ? 3 : 60);
const PAIR_SECONDS = FLAGS.pairSeconds ?? (QUICK ? 2 : 15);

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

interface ReplyIndex {
  /** Reply texts by the id of the activity they answer. */
  byReplyTo: Map<string, string[]>;
  /** Replies that answered no activity we sent. */
  orphans: number;
}

/** The channel: the capture server records each reply; we index it by the activity it answers. */
async function startChannel(): Promise<{ capture: CaptureServer; index: ReplyIndex }> {
  const capture = new CaptureServer();
  const index: ReplyIndex = { byReplyTo: new Map(), orphans: 0 };
  const answer = capture.respond;
  capture.respond = (request, res) => {
    const match = /^\/v3\/conversations\/[^/]+\/activities\/([^/?]+)/.exec(request.path);
    const body = request.body as { type?: string; text?: string; replyToId?: string } | undefined;
    const replyTo = match ? decodeURIComponent(match[1]) : body?.replyToId;
    if (replyTo && body?.type === 'message') {
      const texts = index.byReplyTo.get(replyTo) ?? [];
      texts.push(String(body.text ?? ''));
      index.byReplyTo.set(replyTo, texts);
    } else if (body?.type === 'message') {
      index.orphans++;
    }
    // Keep memory flat over a long run: the index holds what we need.
    capture.requests.length = 0;
    answer(request, res);
  };
  await capture.start();
  return { capture, index };
}

interface TurnStats {
  latencies: number[];
  /** Latencies by how many replies the turn sent (each reply is a round trip to the channel). */
  byReplies: Map<number, number[]>;
  failedTurns: number;
  lostReplies: number;
  failures: Record<string, number>;
}

/** Sends like a channel (replies go to the capture server) and collects this turn's replies from it. */
function channelTransport(serviceUrl: string, channelUrl: string, index: ReplyIndex, stats: TurnStats): Send {
  return async (user, text) => {
    const activity = messageActivity(user, text, channelUrl);
    const started = performance.now();
    let status = 0;
    try {
      const response = await fetch(`${serviceUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      status = response.status;
      await response.arrayBuffer();
    } catch {
      status = 0;
    }
    const ms = performance.now() - started;
    // The adapter awaits every reply it sends before answering the POST, so they are all here now.
    const texts = index.byReplyTo.get(activity.id as string) ?? [];
    index.byReplyTo.delete(activity.id as string);
    stats.latencies.push(ms);
    const sameCount = stats.byReplies.get(texts.length) ?? [];
    sameCount.push(ms);
    stats.byReplies.set(texts.length, sameCount);
    const reply: Reply = { status, texts, ms };
    if (status !== 200 || says(reply, 'main.error')) stats.failedTurns++;
    else if (texts.length === 0) stats.lostReplies++;
    return reply;
  };
}

function newStats(): TurnStats {
  return { latencies: [], byReplies: new Map(), failedTurns: 0, lostReplies: 0, failures: {} };
}

function noteFailure(stats: TurnStats, error: unknown): void {
  const key = error instanceof ConversationError ? error.message : `unexpected: ${(error as Error).message}`;
  stats.failures[key] = (stats.failures[key] ?? 0) + 1;
}

interface SentCheckIn {
  mood: number;
  completed: boolean;
}

/** Phase 1: each worker is one client after another: onboarding, then one check-in, until time is up. */
async function runCheckIns(send: Send, stats: TurnStats, deadline: number): Promise<Map<string, SentCheckIn>> {
  const sent = new Map<string, SentCheckIn>();
  const worker = async (w: number) => {
    for (let n = 0; Date.now() < deadline; n++) {
      const user = simUser(`load-w${w}`, n);
      const mood = (w + n) % 11;
      const token = `tok${w}x${n}`;
      try {
        await onboard(send, user, answersFor(token, mood));
        sent.set(token, { mood, completed: false });
        await checkIn(send, user, answersFor(token, mood));
        sent.set(token, { mood, completed: true });
      } catch (error) {
        noteFailure(stats, error);
      }
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, w) => worker(w)));
  return sent;
}

/** Phase 2: two not-understood messages of one client at once; one answer must be the menu. */
async function runPairs(send: Send, stats: TurnStats, deadline: number): Promise<{ pairs: number; lostUpdates: number }> {
  let pairs = 0;
  let lostUpdates = 0;
  const worker = async (w: number) => {
    const user = simUser(`pair-w${w}`, 0);
    try {
      await onboard(send, user, answersFor(`pair${w}`));
    } catch (error) {
      noteFailure(stats, error);
      return;
    }
    while (Date.now() < deadline) {
      const [a, b] = await Promise.all([send(user, 'purple elephant'), send(user, 'quantum teapot')]);
      if (a.status !== 200 || b.status !== 200) continue; // counted as failed turns
      pairs++;
      const menus = [a, b].filter((r) => says(r, 'menu.notUnderstoodMenu')).length;
      const plain = [a, b].filter((r) => says(r, 'menu.notUnderstood')).length;
      if (menus !== 1 || plain !== 1) lostUpdates++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.floor(CLIENTS / 2)) }, (_, w) => worker(w)));
  return { pairs, lostUpdates };
}

interface StoredCheckIn {
  kind?: string;
  mood?: number;
  feelings?: string;
}

/** Every check-in record in the store, by the token its feelings carry. */
async function storedCheckIns(dataDir: string): Promise<Map<string, StoredCheckIn[]>> {
  const store = new SqliteDocumentStore({ dataDir });
  try {
    const docs = await store.query<StoredCheckIn>(CONTAINERS.clients, { where: [{ field: 'kind', op: '=', value: 'checkIn' }] });
    const byToken = new Map<string, StoredCheckIn[]>();
    for (const doc of docs) {
      const token = /\b(tok\d+x\d+)\b/.exec(doc.body.feelings ?? '')?.[1] ?? '(none)';
      byToken.set(token, [...(byToken.get(token) ?? []), doc.body]);
    }
    return byToken;
  } finally {
    await store.close();
  }
}

function summarise(stats: TurnStats, seconds: number) {
  const sorted = [...stats.latencies].sort((a, b) => a - b);
  return {
    turns: sorted.length,
    turnsPerSec: Number((sorted.length / seconds).toFixed(1)),
    p50Ms: Number(percentile(sorted, 50).toFixed(2)),
    p99Ms: Number(percentile(sorted, 99).toFixed(2)),
    failedTurns: stats.failedTurns,
    lostReplies: stats.lostReplies,
    conversationFailures: stats.failures,
    byReplyCount: Object.fromEntries(
      [...stats.byReplies].sort(([a], [b]) => a - b).map(([count, list]) => {
        const sortedList = [...list].sort((a, b) => a - b);
        return [count, { turns: list.length, p50Ms: Number(percentile(sortedList, 50).toFixed(2)), p99Ms: Number(percentile(sortedList, 99).toFixed(2)) }];
      }),
    ),
  };
}

async function main(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ipt-load-'));
  const { capture, index } = await startChannel();
  log(`load: starting the service (embedded store in ${dataDir})…`);
  const service = await startServiceProcess({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'info', MicrosoftAppId: '' });
  // The service logs one line per turn; we only needed the first ones (its port).
  const trimLogs = setInterval(() => (service.lines.length = 0), 1000);
  try {
    const checkInStats = newStats();
    const send = channelTransport(service.url, capture.url, index, checkInStats);
    log(`load: ${CLIENTS} clients checking in for ${SECONDS} s…`);
    const started = performance.now();
    const sent = await runCheckIns(send, checkInStats, Date.now() + SECONDS * 1000);
    const checkInSeconds = (performance.now() - started) / 1000;

    const pairStats = newStats();
    const pairSend = channelTransport(service.url, capture.url, index, pairStats);
    log(`load: ${Math.max(1, Math.floor(CLIENTS / 2))} clients sending two messages at once for ${PAIR_SECONDS} s…`);
    const pairStarted = performance.now();
    const pairResult = await runPairs(pairSend, pairStats, Date.now() + PAIR_SECONDS * 1000);
    const pairSeconds = (performance.now() - pairStarted) / 1000;

    const exitCode = await service.stop('SIGTERM');
    clearInterval(trimLogs);

    const stored = await storedCheckIns(dataDir);
    const completed = [...sent].filter(([, s]) => s.completed);
    let missingRecords = 0;
    let duplicates = 0;
    let wrongContent = 0;
    for (const [token, s] of completed) {
      const records = stored.get(token) ?? [];
      if (records.length === 0) missingRecords++;
      if (records.length > 1) duplicates += records.length - 1;
      if (records.some((r) => r.mood !== s.mood)) wrongContent++;
    }
    // A record from a check-in no client finished (or from nobody at all) would be a phantom write.
    const unexpected = [...stored].filter(([token]) => !sent.get(token)?.completed).reduce((n, [, records]) => n + records.length, 0);

    const result = {
      machine: { cpus: cpus().length, node: process.version },
      settings: { clients: CLIENTS, seconds: SECONDS, pairSeconds: PAIR_SECONDS, quick: QUICK },
      checkIns: {
        ...summarise(checkInStats, checkInSeconds),
        sent: completed.length,
        stored: completed.length - missingRecords,
        missingRecords,
        duplicates,
        wrongContent,
        unexpectedRecords: unexpected,
        orphanReplies: index.orphans,
      },
      pairs: { ...summarise(pairStats, pairSeconds), pairs: pairResult.pairs, lostUpdates: pairResult.lostUpdates },
      serviceExitCode: exitCode,
      ok: false,
    };
    const c = result.checkIns;
    result.ok =
      c.sent > 0 &&
      c.missingRecords === 0 &&
      c.duplicates === 0 &&
      c.wrongContent === 0 &&
      c.unexpectedRecords === 0 &&
      c.failedTurns === 0 &&
      c.lostReplies === 0 &&
      Object.keys(c.conversationFailures).length === 0 &&
      result.pairs.pairs > 0 &&
      result.pairs.lostUpdates === 0 &&
      result.pairs.failedTurns === 0 &&
      result.pairs.lostReplies === 0;

    if (JSON_OUTPUT) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } else {
      const p = result.pairs;
      process.stdout.write(
        [
          '',
          `check-ins: ${CLIENTS} clients, ${checkInSeconds.toFixed(1)} s — ${c.turns} turns, ${c.turnsPerSec} turns/s, p50 ${c.p50Ms} ms, p99 ${c.p99Ms} ms`,
          `  completed ${c.sent}, stored ${c.stored}, missing ${c.missingRecords}, duplicated ${c.duplicates}, wrong content ${c.wrongContent}, unexpected ${c.unexpectedRecords}`,
          `  failed turns ${c.failedTurns}, lost replies ${c.lostReplies}, failed conversations ${JSON.stringify(c.conversationFailures)}`,
          `  latency by replies per turn: ${Object.entries(c.byReplyCount).map(([n, v]) => `${n}: p50 ${v.p50Ms} ms, p99 ${v.p99Ms} ms (${v.turns} turns)`).join('; ')}`,
          `same client, two messages at once: ${p.pairs} pairs, ${p.turnsPerSec} turns/s, p99 ${p.p99Ms} ms — lost updates ${p.lostUpdates}, failed turns ${p.failedTurns}, lost replies ${p.lostReplies}`,
          result.ok ? 'OK: nothing lost, nothing duplicated, no turn failed.' : 'FAILED: see above.',
          '',
        ].join('\n'),
      );
    }
    return result.ok ? 0 : 1;
  } finally {
    clearInterval(trimLogs);
    await service.stop('SIGTERM');
    await capture.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    log(`load failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
