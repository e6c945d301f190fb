import { Activity, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { catalogKeys, SUPPORTED_LANGUAGES, variants } from '../i18n';
import { maxLevel, noRisk, RiskLevel, screenMessage, ScreeningHistoryEntry, ScreeningResult, type ScreenOptions } from './screener';
import type { RaiseOutcome } from './escalation/alertService';

/**
 * Screening as a turn sees it: every text an inbound activity carries is screened before anything else
 * runs, and the outcome is left in `context.turnState` for the dialogs.
 */

/** How long risk signals from earlier messages count, and how long a raised level stays raised. */
export const SCREENING_WINDOW_MINUTES = 24 * 60;
/** At most this many earlier signals are kept in the person's state. */
export const MAX_HISTORY_ENTRIES = 30;

/** What the person's state keeps for screening (property `safety` of their ClientState). */
export interface SafetyState {
  /** Recent messages that carried signals, oldest first; trimmed to the window and capped. */
  history?: ScreeningHistoryEntry[];
  /** The conversation's raised level and when it was last raised or confirmed. */
  level?: RiskLevel;
  levelAt?: string;
  /** The alert this conversation raised, for updating rather than notifying again. */
  alertId?: string;
}

export interface TurnScreening {
  result: ScreeningResult;
  /** The conversation's level before this turn (within the window). */
  previousLevel: RiskLevel;
  /**
   * True when this turn needs the safety response: the message itself carries risk, or the signals
   * built up across messages raised the conversation's level. A harmless reply while the conversation is
   * already flagged keeps the level (a retraction never clears it) but does not start the response again.
   */
  respond: boolean;
  /** The alert raised or updated this turn. */
  alert?: RaiseOutcome;
  /**
   * A concern the screener wants confirmed (`result.confirm`): no alert yet; the crisis dialog asks the
   * person and raises one only on a yes or an unclear answer.
   */
  confirm?: boolean;
}

const TURN_STATE_KEY = Symbol.for('ipt.safety.turnScreening');

export function turnScreening(context: TurnContext): TurnScreening | undefined {
  return context.turnState.get(TURN_STATE_KEY) as TurnScreening | undefined;
}

export function setTurnScreening(context: TurnContext, screening: TurnScreening): void {
  context.turnState.set(TURN_STATE_KEY, screening);
}

/** Whether the crisis dialog must take over this turn. */
export function crisisResponseDue(context: TurnContext): boolean {
  return turnScreening(context)?.respond === true;
}

const MAX_TEXTS = 200;
const MAX_DEPTH = 8;

/** The message text and every string inside a card submission's `value`, however deeply nested. */
export function collectTexts(activity: Partial<Activity>): string[] {
  const texts: string[] = [];
  if (typeof activity.text === 'string' && activity.text.trim()) texts.push(activity.text);
  const walk = (value: unknown, depth: number) => {
    if (texts.length >= MAX_TEXTS || depth > MAX_DEPTH) return;
    if (typeof value === 'string') {
      if (value.trim()) texts.push(value);
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
    } else if (value && typeof value === 'object') {
      for (const item of Object.values(value)) walk(item, depth + 1);
    }
  };
  walk(activity.value, 0);
  return texts;
}

/**
 * What the prompt waiting for the reply says of its question, from its state as the dialog stack stores it: a
 * dialog's ask spec (dialogs/prompts/ask.ts) is kept in the prompt's `options.validations.source`, and a spec with
 * `answering: 'when'` asks *when* the person will do something — a typed answer to it ("I'm doing it tomorrow", "lo
 * hago mañana") answers the question, so the screener does not read it as an act announced. Anything else, or a
 * state that does not have this shape, is no context.
 */
const promptStateSchema = z.object({ options: z.object({ validations: z.object({ source: z.object({ answering: z.literal('when') }) }) }) });

export function promptContext(promptState: unknown): ScreenContext {
  return promptStateSchema.safeParse(promptState).success ? { answering: 'when' } : {};
}

/** Locale keys whose text the client can send back by pressing it: on Web Chat a button sends its title as text. */
export const BUTTON_TITLE_KEY = /(?:^|\.)(?:item_\w+|\w*[Bb]utton\w*|goalKind_\w+|how_\w+|affected_\w+|kind_\w+)$/;

let ownTitles: Set<string> | undefined;

/**
 * Whether a text is one of the bot's own button titles, in either language ("Pensar en un problema"): the learned
 * layer is not asked about it — trained on what people write, it once read that menu item as a concern — while the
 * lexicon still reads it like any text.
 */
export function isOwnButtonTitle(text: string): boolean {
  ownTitles ??= new Set(
    SUPPORTED_LANGUAGES.flatMap((language) => catalogKeys(language).filter((key) => BUTTON_TITLE_KEY.test(key)).flatMap((key) => variants(language, key))).map(foldTitle),
  );
  return ownTitles.has(foldTitle(text));
}

function foldTitle(text: string): string {
  return text.trim().toLowerCase();
}

/** What the turn knows about the question the person is answering (the screener's own option). */
export type ScreenContext = Pick<ScreenOptions, 'answering'>;

/** Screens each text on its own against the same history and merges: the highest level wins. */
export type ScreenTexts = (texts: readonly string[], history: readonly ScreeningHistoryEntry[], now: Date, context?: ScreenContext) => ScreeningResult;

export function screenTexts(texts: readonly string[], history: readonly ScreeningHistoryEntry[], now: Date, context: ScreenContext = {}): ScreeningResult {
  if (texts.length === 0) return noRisk(now);
  const results = texts.map((text) =>
    screenMessage(text, { history, now, windowMinutes: SCREENING_WINDOW_MINUTES, answering: context.answering, ...(isOwnButtonTitle(text) ? { model: false } : {}) }),
  );
  if (results.length === 1) return results[0];
  const union = <T>(pick: (r: ScreeningResult) => readonly T[]) => [...new Set(results.flatMap(pick))];
  const level = results.map((r) => r.level).reduce(maxLevel, 'none');
  const messageLevel = results.map((r) => r.messageLevel).reduce(maxLevel, 'none');
  const categories = union((r) => r.categories);
  const signals = union((r) => r.signals);
  return {
    level,
    messageLevel,
    categories,
    signals,
    evidence: union((r) => r.evidence),
    thirdParty: results.some((r) => r.thirdParty),
    // Asked about only when every text that flagged rests on the model or weak signals alone.
    confirm: level !== 'none' && results.every((r) => r.level === 'none' || r.confirm),
    historyEntry: {
      at: now.toISOString(),
      level: messageLevel,
      categories,
      signals: union((r) => r.historyEntry.signals),
      ...(messageLevel !== 'none' && results.every((r) => r.historyEntry.level === 'none' || r.historyEntry.confirm === true) ? { confirm: true } : {}),
    },
  };
}

export function withinWindow(at: string | undefined, now: Date): boolean {
  return at !== undefined && now.getTime() - Date.parse(at) <= SCREENING_WINDOW_MINUTES * 60 * 1000;
}

/** The history to keep after this turn: within the window, capped, with this turn's entry when it carried signals. */
export function nextHistory(history: readonly ScreeningHistoryEntry[], entry: ScreeningHistoryEntry, now: Date): ScreeningHistoryEntry[] {
  const kept = history.filter((e) => withinWindow(e.at, now));
  if (entry.signals.length > 0 || entry.level !== 'none') kept.push(entry);
  return kept.slice(-MAX_HISTORY_ENTRIES);
}
