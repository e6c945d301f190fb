import { IANAZone } from 'luxon';
import { TurnContext } from 'botbuilder';
import { normaliseCommandText } from '../../src/bot/commands';
import { isValidTimeZone } from '../../src/scheduling/schedule';
import { Answer, Parsed } from './answerPrompt';

/** Every IANA zone the runtime knows (Node ships the full ICU data). */
const ALL_ZONES: string[] = (Intl as unknown as { supportedValuesOf(key: string): string[] }).supportedValuesOf('timeZone');

/** "America/New_York" → "New York". */
export function zoneLabel(zone: string): string {
  return (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}

/**
 * The IANA zone the person's client reports, when it is a valid one: Teams in the `clientInfo` entity, Web
 * Chat as the activity's `localTimezone` (the browser's zone).
 */
export function clientInfoZone(context: TurnContext): string | undefined {
  for (const entity of context.activity.entities ?? []) {
    const zone = (entity as { type?: string; timezone?: unknown }).type === 'clientInfo' ? (entity as { timezone?: unknown }).timezone : undefined;
    if (typeof zone === 'string' && isValidTimeZone(zone)) return zone;
  }
  const browserZone: unknown = context.activity.localTimezone;
  return typeof browserZone === 'string' && isValidTimeZone(browserZone) ? browserZone : undefined;
}

/** A zone from a card, an IANA name typed in any case ("europe/madrid"), or a city ("Mexico City", "madrid"). */
export function parseZone(answer: Answer): Parsed<string> {
  const fromCard = answer.value && typeof answer.value === 'object' ? (answer.value as Record<string, unknown>).choice : undefined;
  const raw = typeof fromCard === 'string' && !answer.text ? fromCard : (answer.text ?? '');
  const text = raw.replace(/\s+/g, ' ').trim();
  if (!text) return { ok: false, reason: answer.value !== undefined ? 'badCard' : 'empty' };
  if (text.length > 100) return { ok: false, reason: 'tooLong' };
  const exact = ALL_ZONES.find((zone) => zone.toLowerCase() === text.toLowerCase());
  if (exact) return { ok: true, value: exact };
  const city = normaliseCommandText(text);
  const byCity = ALL_ZONES.find((zone) => normaliseCommandText(zoneLabel(zone)) === city);
  if (byCity) return { ok: true, value: byCity };
  if (IANAZone.isValidZone(text)) return { ok: true, value: text };
  return { ok: false, reason: 'badZone' };
}
