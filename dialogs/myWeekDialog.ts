import { Attachment, CardFactory, MessageFactory } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { DateTime } from 'luxon';
import { Language, t } from '../src/i18n';
import { ClientServices } from '../src/client/clientServices';
import { FALLBACK_ZONE, validZone } from '../src/client/clientRepository';
import { CheckIn, Nudge, Problem } from '../src/client/records';
import { MoodPersonDay, moodPersonDays, PersonPattern, personPatterns } from '../src/client/moodAndPeople';
import { ensureClientId, profileAndLanguage } from './prompts/clientContext';
import { ADAPTIVE_CARD } from '../src/adaptiveCard';

export const MY_WEEK_DIALOG = 'myWeekDialog';
const WEEK_WATERFALL = 'myWeekWaterfall';

/** What "my week" shows; built by a pure function so it is easy to test. */
export interface WeekSummary {
  /**
   * The last 7 local days, oldest first, with the day's latest mood when there was a check-in, and the
   * moods of that day's earlier check-ins (oldest first) when there were several.
   */
  days: Array<{ date: string; mood?: number; earlier?: number[] }>;
  average7?: number;
  average28?: number;
  checkIns7: number;
  checkIns28: number;
  problemsWorkedOn: number;
  peopleContacted: string[];
  /** The last 7 days' check-ins: date · mood · person · how it went · whether it affected the mood. */
  moodAndPeople: MoodPersonDay[];
  /** Per person, over the 28 days, only when there are enough days on both sides to notice anything. */
  patterns: PersonPattern[];
}

function average(values: number[]): number | undefined {
  return values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10 : undefined;
}

/** The summary for the 7 and 28 local days ending `today` (YYYY-MM-DD in the client's zone). */
export function summariseWeek(today: string, checkIns: CheckIn[], problems: Problem[], nudges: Nudge[]): WeekSummary {
  const end = DateTime.fromISO(today);
  const from7 = end.minus({ days: 6 }).toISODate() as string;
  const from28 = end.minus({ days: 27 }).toISODate() as string;
  const in7 = checkIns.filter((c) => c.localDate >= from7 && c.localDate <= today);
  const in28 = checkIns.filter((c) => c.localDate >= from28 && c.localDate <= today);
  // Check-ins come oldest first: the last of a day is its latest.
  const byDate = new Map<string, number[]>();
  for (const c of in28) byDate.set(c.localDate, [...(byDate.get(c.localDate) ?? []), c.mood]);
  const latest = (from: string) => [...byDate].filter(([date]) => date >= from).map(([, moods]) => moods[moods.length - 1]);
  const days = Array.from({ length: 7 }, (_, i) => {
    const date = end.minus({ days: 6 - i }).toISODate() as string;
    const moods = byDate.get(date) ?? [];
    return { date, mood: moods.at(-1), ...(moods.length > 1 ? { earlier: moods.slice(0, -1) } : {}) };
  });
  const people = new Set<string>();
  for (const c of in7) if (c.interaction?.name) people.add(c.interaction.name);
  for (const n of nudges) if (n.status === 'happened' && (n.answeredAt ?? n.updatedAt).slice(0, 10) >= from7) people.add(n.personName);
  return {
    days,
    // One mood per day (its latest), so a day with three check-ins does not weigh three times.
    average7: average(latest(from7)),
    average28: average(latest(from28)),
    checkIns7: in7.length,
    checkIns28: in28.length,
    problemsWorkedOn: problems.filter((p) => p.stage !== 'discarded' && p.updatedAt.slice(0, 10) >= from7).length,
    peopleContacted: [...people],
    moodAndPeople: moodPersonDays(in7),
    patterns: personPatterns(in28),
  };
}

function dayLabel(language: Language, date: string): string {
  return DateTime.fromISO(date).setLocale(language).toFormat('ccc d');
}

function facts(language: Language, s: WeekSummary): Array<{ title: string; value: string }> {
  const none = t(language, 'week.none');
  return [
    { title: t(language, 'week.average7'), value: s.average7 === undefined ? none : String(s.average7) },
    { title: t(language, 'week.average28'), value: s.average28 === undefined ? none : String(s.average28) },
    { title: t(language, 'week.checkIns'), value: t(language, 'week.checkInsValue', { week: s.checkIns7, month: s.checkIns28 }) },
    { title: t(language, 'week.problems'), value: String(s.problemsWorkedOn) },
    { title: t(language, 'week.people'), value: s.peopleContacted.length ? s.peopleContacted.join(', ') : none },
  ];
}

/** A day's mood in words: "4", or "no check-in", and the day's earlier check-ins when it had several. */
function dayValue(language: Language, day: WeekSummary['days'][number]): string {
  const mood = day.mood === undefined ? t(language, 'week.noCheckIn') : String(day.mood);
  return day.earlier?.length ? `${mood} ${t(language, 'week.earlier', { moods: day.earlier.join(', ') })}` : mood;
}

/** "Tue 24 · 6 · Ana · better than expected · affected my mood a bit"; a day with nobody says so. */
function row(language: Language, d: MoodPersonDay): string {
  const parts = [dayLabel(language, d.date), String(d.mood), d.name ?? t(language, 'week.nobody')];
  if (d.how) parts.push(t(language, `week.how_${d.how}`));
  if (d.affectedMood) parts.push(t(language, `week.affected_${d.affectedMood}`));
  return parts.join(' · ');
}

/** Gentle observations, one per person (and per kind of day with them); empty when there is too little to notice. */
function observations(language: Language, s: WeekSummary): string[] {
  return s.patterns.flatMap((p) => [
    t(language, 'week.patternContact', { name: p.name, with: p.withContact.days, moodWith: p.withContact.averageMood, without: p.withoutContact.days, moodWithout: p.withoutContact.averageMood }),
    ...(p.worse && p.notWorse
      ? [t(language, 'week.patternWorse', { name: p.name, worse: p.worse.days, moodWorse: p.worse.averageMood, notWorse: p.notWorse.days, moodNotWorse: p.notWorse.averageMood })]
      : []),
  ]);
}

/**
 * My week as Markdown for any channel: the days and the facts as two lists, so each stays on its own line
 * (plain lines joined by one line break run together into one paragraph in Web Chat).
 */
export function weekText(language: Language, s: WeekSummary): string {
  if (s.checkIns28 === 0) return t(language, 'week.empty');
  const days = s.days.map((d) => `- ${dayLabel(language, d.date)}: ${dayValue(language, d)}`).join('\n');
  const shown = facts(language, s).map((f) => `- ${f.title}: ${f.value}`).join('\n');
  const rows = s.moodAndPeople.length ? [t(language, 'week.moodAndPeopleTitle'), s.moodAndPeople.map((d) => `- ${row(language, d)}`).join('\n')] : [];
  const noticed = observations(language, s);
  const notes = noticed.length ? [t(language, 'week.patternsTitle'), noticed.map((line) => `- ${line}`).join('\n'), t(language, 'week.patternNote')] : [];
  return [t(language, 'week.title'), days, ...rows, shown, ...notes].join('\n\n');
}

/** My week as an Adaptive Card: the mood chart (a PNG data URI) when there is one, each day in words, the facts. */
export function weekCard(language: Language, s: WeekSummary, chart?: string): Attachment {
  if (s.checkIns28 === 0) {
    return CardFactory.adaptiveCard({ ...ADAPTIVE_CARD, body: [{ type: 'TextBlock', text: t(language, 'week.empty'), wrap: true }] });
  }
  const days = s.days.map((d) => ({ title: dayLabel(language, d.date), value: dayValue(language, d) }));
  return CardFactory.adaptiveCard({
    ...ADAPTIVE_CARD,
    fallbackText: weekText(language, s),
    body: [
      { type: 'TextBlock', text: t(language, 'week.title'), weight: 'Bolder', size: 'Medium', wrap: true },
      ...(chart ? [{ type: 'Image', url: chart, altText: `${t(language, 'week.chartAlt')} ${days.map((d) => `${d.title}: ${d.value}`).join('; ')}`, size: 'Stretch' }] : []),
      { type: 'FactSet', facts: days },
      ...(s.moodAndPeople.length
        ? [
            { type: 'TextBlock', text: t(language, 'week.moodAndPeopleTitle'), weight: 'Bolder', separator: true, wrap: true },
            ...s.moodAndPeople.map((d) => ({ type: 'TextBlock', text: row(language, d), wrap: true, spacing: 'Small' })),
          ]
        : []),
      { type: 'FactSet', separator: true, facts: facts(language, s) },
      ...(() => {
        const noticed = observations(language, s);
        if (noticed.length === 0) return [];
        return [
          { type: 'TextBlock', text: t(language, 'week.patternsTitle'), weight: 'Bolder', separator: true, wrap: true },
          ...noticed.map((text) => ({ type: 'TextBlock', text, wrap: true, spacing: 'Small' })),
          { type: 'TextBlock', text: t(language, 'week.patternNote'), wrap: true, isSubtle: true },
        ];
      })(),
    ],
  });
}

/** Channels that show Adaptive Cards (1.4): Teams, Web Chat, Direct Line clients, the Emulator. */
const CARD_CHANNELS = new Set(['msteams', 'webchat', 'directline', 'emulator']);

/** "My week": mood for the last 7 and 28 days, check-ins done, problems worked on, people contacted. */
export class MyWeekDialog extends ComponentDialog {
  constructor(private readonly services: ClientServices) {
    super(MY_WEEK_DIALOG);
    this.addDialog(new WaterfallDialog(WEEK_WATERFALL, [this.showStep.bind(this)]));
    this.initialDialogId = WEEK_WATERFALL;
  }

  private async showStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { profile, language } = await profileAndLanguage(step.context, this.services);
    const clientId = await ensureClientId(step.context, this.services);
    const zone = validZone(profile.timeZone) ? profile.timeZone : FALLBACK_ZONE;
    const today = DateTime.fromJSDate(this.services.clock.now(), { zone }).toISODate() as string;
    const [checkIns, problems, nudges] = await Promise.all([
      this.services.clients.checkInsSince(clientId, DateTime.fromISO(today).minus({ days: 27 }).toISODate() as string),
      this.services.clients.problems(clientId),
      this.services.clients.nudges(clientId),
    ]);
    const summary = summariseWeek(today, checkIns, problems, nudges);
    if (!CARD_CHANNELS.has(step.context.activity.channelId) || summary.checkIns28 === 0) {
      await step.context.sendActivity(MessageFactory.text(weekText(language, summary)));
    } else {
      await step.context.sendActivity(MessageFactory.attachment(weekCard(language, summary, await this.chart(summary))));
    }
    return step.endDialog();
  }

  /** The mood chart the clinicians' summary draws, for these 7 days; none (the days in words remain) if it cannot be drawn. */
  private async chart(summary: WeekSummary): Promise<string | undefined> {
    try {
      // vega and resvg load on the first "my week", not at start; require, not import(), as clinicianTurns does.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { moodChartDataUri } = require('../src/clinician/moodChart') as typeof import('../src/clinician/moodChart');
      return await moodChartDataUri(summary.days.map((d) => ({ date: d.date, mood: d.mood ?? null })));
    } catch {
      return undefined;
    }
  }
}
