/**
 * Mood and people side by side: each check-in day as one row (date · mood · person · how it went · whether
 * it affected the mood), and per person a gentle comparison of mood on days with and without them, and on
 * days the contact went worse than expected against the other contact days. A pure function of the
 * check-ins, shared by "my week" and the clinician's summary.
 */
import { CheckIn, HowItWent, MoodEffect } from './records';

/** Fewer days than this on either side and no comparison is offered: too few to notice anything. */
export const MIN_DAYS_EACH_SIDE = 3;

export interface MoodPersonDay {
  date: string;
  mood: number;
  name?: string;
  how?: HowItWent;
  affectedMood?: MoodEffect;
}

export interface MoodSplit {
  days: number;
  averageMood: number;
}

export interface PersonPattern {
  name: string;
  /** Days with contact with the person against check-in days without. */
  withContact: MoodSplit;
  withoutContact: MoodSplit;
  /** Contact days that went worse than expected against the other contact days, when both have enough days. */
  worse?: MoodSplit;
  notWorse?: MoodSplit;
}

const average = (values: number[]) => Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
const split = (days: readonly CheckIn[]): MoodSplit => ({ days: days.length, averageMood: average(days.map((d) => d.mood)) });

/** One person, whether picked from the inventory or typed: the inventory id, else the name in any case. */
const personKey = (c: CheckIn) => (c.interaction ? (c.interaction.personId ?? `name:${c.interaction.name.trim().toLocaleLowerCase()}`) : undefined);

/** The check-in days in order, each with its person, how it went and the client's own view of its effect. */
export function moodPersonDays(checkIns: readonly CheckIn[]): MoodPersonDay[] {
  return [...checkIns]
    .sort((a, b) => a.localDate.localeCompare(b.localDate))
    .map((c) => ({
      date: c.localDate,
      mood: c.mood,
      ...(c.interaction ? { name: c.interaction.name } : {}),
      ...(c.interaction?.how ? { how: c.interaction.how } : {}),
      ...(c.interaction?.affectedMood ? { affectedMood: c.interaction.affectedMood } : {}),
    }));
}

/**
 * For each person named in the check-ins: the mood on days with and without contact, when each side has at
 * least MIN_DAYS_EACH_SIDE days; people without enough data are left out. Most days in the data first.
 */
export function personPatterns(checkIns: readonly CheckIn[]): PersonPattern[] {
  const byDate = new Map(checkIns.map((c) => [c.localDate, c]));
  const days = [...byDate.values()];
  const names = new Map<string, string>();
  for (const c of [...days].sort((a, b) => b.localDate.localeCompare(a.localDate))) {
    const key = personKey(c);
    if (key && !names.has(key)) names.set(key, c.interaction!.name);
  }
  const patterns: PersonPattern[] = [];
  for (const [key, name] of names) {
    const withContact = days.filter((c) => personKey(c) === key);
    const withoutContact = days.filter((c) => personKey(c) !== key);
    if (withContact.length < MIN_DAYS_EACH_SIDE || withoutContact.length < MIN_DAYS_EACH_SIDE) continue;
    const worse = withContact.filter((c) => c.interaction?.how === 'worse');
    const notWorse = withContact.filter((c) => c.interaction?.how !== 'worse');
    const conflict = worse.length >= MIN_DAYS_EACH_SIDE && notWorse.length >= MIN_DAYS_EACH_SIDE ? { worse: split(worse), notWorse: split(notWorse) } : {};
    patterns.push({ name, withContact: split(withContact), withoutContact: split(withoutContact), ...conflict });
  }
  return patterns.sort((a, b) => b.withContact.days - a.withContact.days || a.name.localeCompare(b.name));
}
