import { TurnContext } from 'botbuilder';
import { getTimezone } from 'countries-and-timezones';
import { Language, t } from '../i18n';
import { catalogue, CatalogueLine, Contact, CountryLines, emergencyOnly, LineKind, servedBy } from './crisisCatalogue';
import { RiskCategory } from './screener';

/**
 * Which crisis lines a person sees: those of the country where they are, never those of the language they
 * write in (Spanish is spoken in Madrid and Bogotá alike, English in London and Kolkata).
 *
 * The country comes, in this order, from the time zone in their profile, the zone their channel reports
 * (Teams `clientInfo`, Web Chat's `localTimezone`), the country Teams reports in `clientInfo`, and last the
 * country they chose when asked. The locale's region (`en-GB`) is not used: it is a language preference —
 * most browsers and phones everywhere ship `en-US`, and a Spanish speaker in Mexico may well run `es-ES` —
 * so it would show a confident wrong number; when nothing else says, the bot asks instead.
 */

/** The ISO 3166-1 alpha-2 country an IANA zone is named after (`Europe/London` → GB), or undefined (`UTC`). */
export function countryFromTimeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  // The first country of a zone is the one whose city names it; the others only share its clock.
  return getTimezone(timeZone)?.countries[0];
}

interface ClientInfo {
  type?: string;
  timezone?: unknown;
  country?: unknown;
}

function clientInfo(context: TurnContext): ClientInfo | undefined {
  return (context.activity.entities ?? []).find((e) => e.type === 'clientInfo') as ClientInfo | undefined;
}

/** The zone the person's client reports: Teams in `clientInfo`, Web Chat as `localTimezone`. */
export function channelTimeZone(context: TurnContext): string | undefined {
  const teamsZone = clientInfo(context)?.timezone;
  if (typeof teamsZone === 'string') return teamsZone;
  const browserZone: unknown = context.activity.localTimezone;
  return typeof browserZone === 'string' ? browserZone : undefined;
}

/** The country Teams reports in `clientInfo` (the user's tenant settings), when it is a two-letter code. */
export function channelCountry(context: TurnContext): string | undefined {
  const country = clientInfo(context)?.country;
  return typeof country === 'string' && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : undefined;
}

export interface CountrySources {
  timeZone?: string;
  /** The country the client chose when asked. */
  country?: string;
}

export function countryFor(context: TurnContext, profile: CountrySources = {}): string | undefined {
  return countryFromTimeZone(profile.timeZone) ?? countryFromTimeZone(channelTimeZone(context)) ?? channelCountry(context) ?? profile.country;
}

/** The catalogue entry that serves a country (its own, or the one serving its territory). */
function entryFor(country: string | undefined): CountryLines | undefined {
  if (!country) return undefined;
  const lines = catalogue();
  return lines[country] ?? lines[servedBy()[country] ?? ''];
}

/** The countries with lines, for the "which country are you in?" buttons. */
export function catalogueCountries(): string[] {
  return Object.keys(catalogue());
}

export function hasLines(country: string | undefined): boolean {
  return entryFor(country) !== undefined;
}

/** A programme's own line (an out-of-hours service), shown before the country's lines. */
export interface ProgrammeLine {
  name: string;
  phone: string;
  hours?: string;
}

export interface DescribeOptions {
  /** Where the message goes: Teams and Web Chat render Markdown, so numbers become `tel:` links there. */
  channelId?: string;
  /** What the screening found: being harmed puts the domestic-abuse line first, eating problems the eating-disorder line. */
  categories?: readonly RiskCategory[];
  programmeLines?: readonly ProgrammeLine[];
}

const MARKDOWN_CHANNELS = new Set(['msteams', 'webchat']);

/** A number as the channel shows it: a `tel:` link where Markdown renders and the number can be called. */
export function renderNumber(shown: string, channelId: string | undefined, kind: Contact['kind'] = 'call'): string {
  if (kind !== 'call' || !MARKDOWN_CHANNELS.has(channelId ?? '')) return shown;
  return `[${shown.replace(/\*/g, '\\*')}](tel:${shown.replace(/[^\d*#+]/g, '')})`;
}

const CATEGORY_KIND: Partial<Record<RiskCategory, LineKind>> = { harmed_by_others: 'abuse', disordered_eating: 'eating' };

/** The lines to show, the ones for what the person is going through first, then the crisis lines. */
function linesFor(entry: CountryLines, categories: readonly RiskCategory[]): CatalogueLine[] {
  const kinds = [...new Set(categories.map((c) => CATEGORY_KIND[c]).filter((k): k is LineKind => k !== undefined)), 'crisis' as const];
  return kinds.flatMap((kind) => entry.lines.filter((line) => line.kind === kind));
}

/** The crisis lines in the person's language, for the country where they are. */
export class CrisisResourceCatalog {
  /** The emergency numbers of a country, joined ("131 or 133"); the local-emergency phrase when unknown. */
  emergencyNumber(language: Language, country: string | undefined, channelId?: string): string {
    const numbers = entryFor(country)?.emergency ?? emergencyOnly()[country ?? ''];
    if (!numbers) return t(language, 'safety.localEmergencyNumber');
    return numbers.map((n) => renderNumber(n, channelId)).join(t(language, 'safety.numberSeparator'));
  }

  /**
   * The message with the lines and the emergency number. A country without lines here gets its emergency
   * number and a plain sentence saying so, never another country's lines; an unknown country gets the
   * emergency guidance alone (the crisis dialog then asks where the person is).
   */
  describe(language: Language, country: string | undefined, options: DescribeOptions = {}): string {
    const { channelId, categories = [], programmeLines = [] } = options;
    const entry = entryFor(country);
    const lines = [
      ...programmeLines.map((line) => `- ${t(language, line.hours ? 'safety.programmeLineHours' : 'safety.programmeLine', { name: line.name, number: renderNumber(line.phone, channelId), hours: line.hours ?? '' })}`),
      ...(entry ? linesFor(entry, categories) : []).map((line) => {
        const numbers = Object.fromEntries(Object.entries(line.numbers).map(([name, contact]) => [name, renderNumber(contact.shown, channelId, contact.kind)]));
        return `- ${t(language, `safety.lines.${line.id}`, numbers)}`;
      }),
    ];
    const parts = lines.length > 0 ? [t(language, 'safety.resourcesIntro'), ...lines] : [];
    if (!entry && country) parts.push(t(language, 'safety.noLinesForCountry'));
    if (!country) parts.push(t(language, 'safety.emergencyUnknownCountry'));
    else parts.push(t(language, 'safety.emergency', { number: this.emergencyNumber(language, country, channelId) }));
    return parts.join('\n');
  }
}
