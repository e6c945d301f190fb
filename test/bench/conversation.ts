/**
 * Simulated clients for `npm run bench` and `npm run load`: how to talk to the bot over `/api/messages`, and
 * the conversations a client has with it (onboarding, the daily check-in, a misunderstanding). The driver
 * answers whatever question the bot asks, recognised by its locale key, so it keeps working when a dialog
 * gains or reorders a step; a reply it cannot place is a failed conversation, never a guess.
 */
import { t, variants } from '../../src/i18n';

export interface SimUser {
  id: string;
  conversationId: string;
}

export interface Reply {
  status: number;
  texts: string[];
  /** Wall time of the HTTP exchange (and, for channel delivery, of collecting its replies). */
  ms: number;
}

export type Send = (user: SimUser, text: string) => Promise<Reply>;

export function simUser(prefix: string, n: number): SimUser {
  return { id: `${prefix}-user-${n}`, conversationId: `${prefix}-conv-${n}` };
}

const ZONE = 'Europe/Madrid';
let activitySequence = 0;

/** A Web Chat message as a channel posts it; the clientInfo entity carries the zone, as Teams does. */
export function messageActivity(user: SimUser, text: string, serviceUrl: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  activitySequence++;
  return {
    type: 'message',
    id: `bench-${process.pid}-${activitySequence}`,
    channelId: 'webchat',
    serviceUrl,
    conversation: { id: user.conversationId },
    from: { id: user.id, role: 'user' },
    recipient: { id: 'bot', role: 'bot' },
    locale: 'en-US',
    timestamp: new Date().toISOString(),
    entities: [{ type: 'clientInfo', timezone: ZONE, locale: 'en-US' }],
    text,
    ...extra,
  };
}

/** Replies in the HTTP response (`deliveryMode: expectReplies`), as the bench and tests use. */
export function expectRepliesTransport(baseUrl: string): Send {
  return async (user, text) => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(messageActivity(user, text, 'http://127.0.0.1:1', { deliveryMode: 'expectReplies' })),
    });
    const body = (await response.json().catch(() => ({}))) as { activities?: Array<{ type?: string; text?: string }> };
    const ms = performance.now() - started;
    const texts = (body.activities ?? []).filter((a) => a.type === 'message').map((a) => String(a.text ?? ''));
    return { status: response.status, texts, ms };
  };
}

// ── recognising the bot's replies ───────────────────────────────────────────

const patterns = new Map<string, RegExp[]>();

/** The English variants of a key as patterns; `{placeholders}` match anything. */
function patternsOf(key: string): RegExp[] {
  let found = patterns.get(key);
  if (!found) {
    found = variants('en', key).map((variant) => {
      const parts = variant.split(/\{\w+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      return new RegExp(parts.join('[\\s\\S]*'));
    });
    patterns.set(key, found);
  }
  return found;
}

/** Whether any reply says the text of `key` (in any of its variants). */
export function says(reply: Pick<Reply, 'texts'>, key: string): boolean {
  return reply.texts.some((text) => patternsOf(key).some((pattern) => pattern.test(text)));
}

/** What a client answers to each question the driver knows; checked against the last reply first. */
export interface Answers {
  name: string;
  mood: string;
  feelings: string;
  who: string;
}

const ONBOARDING_ANSWERS: Array<[key: string, answer: (a: Answers) => string]> = [
  ['onboarding.askConsent', () => 'yes'],
  ['onboarding.askCode', () => t('en', 'onboarding.noCodeButton', {}, () => 0)],
  ['main.askName', (a) => a.name],
  ['onboarding.askTimeZone', () => ZONE],
];

const CHECK_IN_ANSWERS: Array<[key: string, answer: (a: Answers) => string]> = [
  ['checkin.askMood', (a) => a.mood],
  ['checkin.askFeelings', (a) => a.feelings],
  ['checkin.askWho', (a) => a.who],
  ['checkin.askHow', () => t('en', 'checkin.how_better', {}, () => 0)],
  ['checkin.askAffected', () => t('en', 'checkin.affected_aBit', {}, () => 0)],
];

export class ConversationError extends Error {
  constructor(
    readonly stage: string,
    readonly status: number,
    readonly replyCount: number,
  ) {
    super(`the bot's reply did not fit the ${stage} (HTTP ${status}, ${replyCount} message(s))`);
    this.name = 'ConversationError';
  }
}

function answerFor(reply: Reply, table: Array<[string, (a: Answers) => string]>, answers: Answers): string | undefined {
  for (let i = reply.texts.length - 1; i >= 0; i--) {
    const last = { texts: [reply.texts[i]] };
    for (const [key, answer] of table) if (says(last, key)) return answer(answers);
  }
  return undefined;
}

function failed(reply: Reply): boolean {
  return reply.status !== 200 || says(reply, 'main.error');
}

/** From first contact to the menu: consent, no enrolment code, a name (the zone comes with the activity). */
export async function onboard(send: Send, user: SimUser, answers: Answers): Promise<Reply[]> {
  const replies = [await send(user, 'hi')];
  for (let turn = 0; turn < 10; turn++) {
    const reply = replies[replies.length - 1];
    if (failed(reply)) throw new ConversationError('onboarding', reply.status, reply.texts.length);
    if (says(reply, 'onboarding.done') || says(reply, 'main.menuIntro')) return replies;
    const answer = answerFor(reply, ONBOARDING_ANSWERS, answers);
    if (answer === undefined) throw new ConversationError('onboarding', reply.status, reply.texts.length);
    replies.push(await send(user, answer));
  }
  throw new ConversationError('onboarding (too many turns)', 200, 0);
}

export type TurnKind = 'start' | 'mid' | 'end';

export interface CheckInTurn {
  kind: TurnKind;
  reply: Reply;
}

/**
 * One daily check-in from "check in" to the bot's thanks. The first turn starts the dialog, the last one
 * saves the record; the turns between answer one question and get the next (mid-dialog turns).
 */
export async function checkIn(send: Send, user: SimUser, answers: Answers): Promise<CheckInTurn[]> {
  const turns: CheckInTurn[] = [{ kind: 'start', reply: await send(user, 'check in') }];
  for (let n = 0; n < 12; n++) {
    const reply = turns[turns.length - 1].reply;
    if (failed(reply)) throw new ConversationError('check-in', reply.status, reply.texts.length);
    if (says(reply, 'checkin.saved') || says(reply, 'checkin.updated')) {
      turns[turns.length - 1].kind = 'end';
      return turns;
    }
    const answer = answerFor(reply, CHECK_IN_ANSWERS, answers);
    if (answer === undefined) throw new ConversationError('check-in', reply.status, reply.texts.length);
    turns.push({ kind: 'mid', reply: await send(user, answer) });
  }
  throw new ConversationError('check-in (too many turns)', 200, 0);
}

/** Answers for one simulated client; `token` makes its check-in recognisable in the store. */
export function answersFor(token: string, mood = 7): Answers {
  return { name: 'Alex', mood: String(mood), feelings: `calm and hopeful ${token}`, who: 'my sister' };
}

/** Percentile (nearest rank) of an already sorted list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** Runs `work(i)` for i in [0, count) with at most `concurrency` running at once. */
export async function pool(count: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
