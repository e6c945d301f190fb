import { performance } from 'node:perf_hooks';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { TurnContext } from 'botbuilder';
import { turnScreening } from '../safety/turnScreening';
import { METER_NAME, serviceMetrics } from './serviceMetrics';

/** Who a turn was for: a client, a clinician on a roster, or an activity that named nobody. */
export type TurnRole = 'client' | 'clinician' | 'unidentified';

const TURN_ROLE = Symbol('ipt.telemetry.turnRole');

/** Says, during the turn, that it turned out to be someone else's than assumed at its start (a clinician's). */
export function markTurnRole(context: TurnContext, role: TurnRole): void {
  context.turnState.set(TURN_ROLE, role);
}

/**
 * Attribute values come from short fixed lists, never from what the activity says: an activity type or a
 * channel id outside them is "other". That keeps both the metrics' cardinality and their content bounded.
 */
const KINDS = new Set(['message', 'conversationUpdate', 'invoke', 'event', 'messageUpdate', 'messageDelete', 'messageReaction', 'installationUpdate', 'typing', 'endOfConversation']);
const CHANNELS = new Set(['msteams', 'webchat', 'directline', 'emulator', 'test']);

/**
 * Runs one bot turn inside a `bot.turn` span and records its duration and, when the words were screened,
 * the screening's level. Only the kind of turn, channel, role, outcome and the screening's result are
 * recorded: no text, name or id of any kind.
 */
export async function recordTurn<T>(context: TurnContext, role: TurnRole, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const kind = KINDS.has(context.activity.type) ? context.activity.type : 'other';
  const channel = CHANNELS.has(context.activity.channelId) ? context.activity.channelId : 'other';
  return trace.getTracer(METER_NAME).startActiveSpan('bot.turn', async (span) => {
    let outcome: 'ok' | 'error' = 'ok';
    try {
      return await work();
    } catch (error) {
      outcome = 'error';
      // The error's name only: a message may quote what was said.
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.name ?? 'Error' });
      throw error;
    } finally {
      const turnRole = (context.turnState.get(TURN_ROLE) as TurnRole | undefined) ?? role;
      const screening = turnScreening(context);
      const attributes = { 'ipt.turn.kind': kind, 'ipt.turn.role': turnRole, 'ipt.channel': channel, 'ipt.turn.outcome': outcome };
      span.setAttributes(attributes);
      const instruments = serviceMetrics();
      if (screening) {
        const level = screening.result.level;
        const confirm = screening.confirm === true;
        span.setAttributes({ 'ipt.screening.level': level, 'ipt.screening.confirm': confirm, 'ipt.crisis.response': screening.respond, 'ipt.alert.raised': screening.alert !== undefined });
        instruments.screeningResults.add(1, { 'ipt.screening.level': level, 'ipt.screening.confirm': confirm });
      }
      instruments.turnDuration.record(performance.now() - started, attributes);
      span.end();
    }
  });
}
