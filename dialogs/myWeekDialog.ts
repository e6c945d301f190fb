import { Attachment, CardFactory, MessageFactory } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { DateTime } from 'luxon';
import { Language, t } from '../src/i18n';
import { ClientServices } from '../src/client/clientServices';
import { FALLBACK_ZONE, validZone } from '../src/client/clientRepository';
import { CheckIn, Nudge, Problem } from '../src/client/records';
import { MoodPersonDay, moodPersonDays, PersonPattern, personPatterns } from '../src/client/moodAndPeople';
import { isTeams } from './prompts/ask';
import { ensureClientId, profileAndLanguage } from './prompts/clientContext';
import { ADAPTIVE_CARD } from '../src/adaptiveCard';

export const MY_WEEK_DIALOG = 'myWeekDialog';
const WEEK_WATERFALL = 'myWeekWaterfall';

/** What "my week" shows; built by a pure function so it is easy to test. */
export interface WeekSummary {
  /** The last 7 local days, oldest first, with the mood when there was a check-in. */
  days: Array<{ date: string; mood?: number }>;
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
  const byDate = new Map(in7.map((c) => [c.localDate, c.mood]));
  const days = Array.from({ length: 7 }, (_, i) => {
    const date = end.minus({ days: 6 - i }).toISODate() as string;
    return { date, mood: byDate.get(date) };
  });
  const people = new Set<string>();
  for (const c of in7) if (c.interaction?.name) people.add(c.interaction.name);
  for (const n of nudges) if (n.status === 'happened' && (n.answeredAt ?? n.updatedAt).slice(0, 10) >= from7) people.add(n.personName);
  return {
    days,
    average7: average(in7.map((c) => c.mood)),
    average28: average(in28.map((c) => c.mood)),
    checkIns7: in7.length,
    checkIns28: in28.length,
    problemsWorkedOn: problems.filter((p) => p.stage !== 'discarded' && p.updatedAt.slice(0, 10) >= from7).length,
    peopleContacted: [...people],
    moodAndPeople: moodPersonDays(in7),
    patterns: personPatterns(in28),
  };
}

/** A bar of block characters for a mood 0–10 (a chart that every channel can show). */
function bar(mood: number | undefined): string {
  return mood === undefined ? '·' : '█'.repeat(mood) || '▏';
}

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
    await step.context.sendActivity(isTeams(step.context) ? MessageFactory.attachment(this.card(language, summary)) : MessageFactory.text(this.text(language, summary)));
    return step.endDialog();
  }

  private dayLabel(language: Language, date: string): string {
    return DateTime.fromISO(date).setLocale(language).toFormat('ccc d');
  }

  private facts(language: Language, s: WeekSummary): Array<{ title: string; value: string }> {
    const none = t(language, 'week.none');
    return [
      { title: t(language, 'week.average7'), value: s.average7 === undefined ? none : String(s.average7) },
      { title: t(language, 'week.average28'), value: s.average28 === undefined ? none : String(s.average28) },
      { title: t(language, 'week.checkIns'), value: t(language, 'week.checkInsValue', { week: s.checkIns7, month: s.checkIns28 }) },
      { title: t(language, 'week.problems'), value: String(s.problemsWorkedOn) },
      { title: t(language, 'week.people'), value: s.peopleContacted.length ? s.peopleContacted.join(', ') : none },
    ];
  }

  /** "Tue 24 · 6 · Ana · better than expected · affected my mood a bit"; a day with nobody says so. */
  private row(language: Language, d: MoodPersonDay): string {
    const parts = [this.dayLabel(language, d.date), String(d.mood), d.name ?? t(language, 'week.nobody')];
    if (d.how) parts.push(t(language, `week.how_${d.how}`));
    if (d.affectedMood) parts.push(t(language, `week.affected_${d.affectedMood}`));
    return parts.join(' · ');
  }

  /** Gentle observations, one line per person, and a closing note that they are not conclusions. */
  private observations(language: Language, s: WeekSummary): string[] {
    if (s.patterns.length === 0) return [];
    const lines = s.patterns.flatMap((p) => [
      t(language, 'week.patternContact', { name: p.name, with: p.withContact.days, moodWith: p.withContact.averageMood, without: p.withoutContact.days, moodWithout: p.withoutContact.averageMood }),
      ...(p.worse && p.notWorse
        ? [t(language, 'week.patternWorse', { name: p.name, worse: p.worse.days, moodWorse: p.worse.averageMood, notWorse: p.notWorse.days, moodNotWorse: p.notWorse.averageMood })]
        : []),
    ]);
    return [t(language, 'week.patternsTitle'), ...lines, t(language, 'week.patternNote')];
  }

  private text(language: Language, s: WeekSummary): string {
    if (s.checkIns28 === 0) return t(language, 'week.empty');
    const chart = s.days.map((d) => `${this.dayLabel(language, d.date)}  ${bar(d.mood)} ${d.mood ?? ''}`.trimEnd());
    const facts = this.facts(language, s).map((f) => `${f.title}: ${f.value}`);
    const rows = s.moodAndPeople.length ? ['', t(language, 'week.moodAndPeopleTitle'), ...s.moodAndPeople.map((d) => this.row(language, d))] : [];
    const observations = this.observations(language, s);
    return [t(language, 'week.title'), ...chart, ...rows, '', ...facts, ...(observations.length ? ['', ...observations] : [])].join('\n');
  }

  private card(language: Language, s: WeekSummary): Attachment {
    if (s.checkIns28 === 0) {
      return CardFactory.adaptiveCard({ ...ADAPTIVE_CARD, body: [{ type: 'TextBlock', text: t(language, 'week.empty'), wrap: true }] });
    }
    return CardFactory.adaptiveCard({
      ...ADAPTIVE_CARD,
      body: [
        { type: 'TextBlock', text: t(language, 'week.title'), weight: 'Bolder', size: 'Medium', wrap: true },
        ...s.days.map((d) => ({
          type: 'ColumnSet',
          columns: [
            { type: 'Column', width: '80px', items: [{ type: 'TextBlock', text: this.dayLabel(language, d.date), isSubtle: true }] },
            { type: 'Column', width: 'stretch', items: [{ type: 'TextBlock', text: `${bar(d.mood)} ${d.mood ?? ''}`.trimEnd(), color: 'Accent', fontType: 'Monospace' }] },
          ],
        })),
        ...(s.moodAndPeople.length
          ? [
              { type: 'TextBlock', text: t(language, 'week.moodAndPeopleTitle'), weight: 'Bolder', separator: true, wrap: true },
              ...s.moodAndPeople.map((d) => ({ type: 'TextBlock', text: this.row(language, d), wrap: true, spacing: 'Small' })),
            ]
          : []),
        { type: 'FactSet', separator: true, facts: this.facts(language, s) },
        ...this.observations(language, s).map((text, i) => ({ type: 'TextBlock', text, wrap: true, ...(i === 0 ? { weight: 'Bolder', separator: true } : {}) })),
      ],
    });
  }
}
