import { Culture, DateTimeRecognizer } from '@microsoft/recognizers-text-date-time';
import { DateTime } from 'luxon';
import { Language } from '../../src/i18n';
import { isValidTimeZone } from '../../src/scheduling/schedule';

/**
 * When a plan's moment, typed in the client's words ("tomorrow after lunch", "el sábado", "Friday at 6pm",
 * "esta noche", "this weekend"), is over, in the client's own time zone: asking "how did it go?" before
 * then makes no sense, and the reminder to ask comes after it. Read with the Microsoft Recognizers
 * (date-time, en and es) that botbuilder ships; a moment they do not find ("soon", "cuando pueda") gives
 * nothing, and the caller falls back on the plan's age.
 */
export interface PlanMoment {
  /** From this instant on the plan's time has passed: the end of the day, range or hour named. */
  over: Date;
  /** When to remind the client to say how it went: an hour after a timed moment, the next morning after a day. */
  remindAt: Date;
}

const CULTURE: Record<Language, string> = { en: Culture.English, es: Culture.Spanish };
/** The morning after a day-long moment: late enough not to wake anyone, early enough to still remember. */
const MORNING_AFTER = { hour: 10, minute: 0 };
/** How long a moment named by its hour ("at 6pm") is taken to last. */
const TIMED_MOMENT_HOURS = 1;

const models = new Map<Language, ReturnType<DateTimeRecognizer['getDateTimeModel']>>();
function model(language: Language) {
  let found = models.get(language);
  if (!found) {
    found = new DateTimeRecognizer(CULTURE[language]).getDateTimeModel();
    models.set(language, found);
  }
  return found;
}

/**
 * Accents off but "ñ" kept: the Spanish recognizer reads "sabado" but not "sábado", and "manana" is not
 * "mañana".
 */
function forRecognizer(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u0302\u0304-\u036f]/g, '').normalize('NFC');
}

interface Resolution {
  type?: string;
  value?: string;
  start?: string;
  end?: string;
  timex?: string;
}

/** One candidate reading as a local span [start, end) in `zone`, or undefined when it is not a usable moment. */
function span(resolution: Resolution, zone: string, today: DateTime): { start: DateTime; end: DateTime; allDay: boolean } | undefined {
  const at = (text: string | undefined) => (text ? DateTime.fromSQL(text, { zone }) : undefined);
  switch (resolution.type) {
    case 'date': {
      const day = at(resolution.value);
      return day?.isValid && day.year > 1 ? { start: day.startOf('day'), end: day.startOf('day').plus({ days: 1 }), allDay: true } : undefined;
    }
    case 'datetime': {
      const moment = at(resolution.value);
      return moment?.isValid && moment.year > 1 ? { start: moment, end: moment.plus({ hours: TIMED_MOMENT_HOURS }), allDay: false } : undefined;
    }
    case 'time': {
      // "at 6pm": today if still to come, else tomorrow.
      const time = resolution.value ? DateTime.fromFormat(resolution.value, 'HH:mm:ss', { zone }) : undefined;
      if (!time?.isValid) return undefined;
      const start = today.set({ hour: time.hour, minute: time.minute, second: 0, millisecond: 0 });
      return { start, end: start.plus({ hours: TIMED_MOMENT_HOURS }), allDay: false };
    }
    case 'datetimerange':
    case 'daterange': {
      const start = at(resolution.start);
      const end = at(resolution.end);
      if (!start?.isValid || !end?.isValid || start.year <= 1) return undefined;
      // A date range's end is the day after its last day already ("this weekend": Sat to Mon 00:00).
      return { start, end, allDay: resolution.type === 'daterange' };
    }
    default:
      return undefined;
  }
}

/**
 * The moment `text` names, read at `now` in `timeZone`; of several readings ("Saturday": last one or the
 * next) the first that has not ended yet. Undefined when no date or time is named.
 */
export function readPlanMoment(text: string | undefined, language: Language, now: Date, timeZone: string | undefined): PlanMoment | undefined {
  if (!text?.trim()) return undefined;
  const zone = timeZone && isValidTimeZone(timeZone) ? timeZone : 'UTC';
  const local = DateTime.fromJSDate(now, { zone });
  // The recognizer reads its reference in the process's own zone: give it the client's wall-clock time.
  const reference = new Date(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  let results: Array<{ resolution?: { values?: Resolution[] } }>;
  try {
    results = model(language).parse(forRecognizer(text), reference);
  } catch {
    return undefined;
  }
  for (const result of results) {
    for (const resolution of result.resolution?.values ?? []) {
      const found = span(resolution, zone, local.startOf('day'));
      if (!found || found.end <= local) continue;
      const remindAt = found.allDay ? found.end.set(MORNING_AFTER) : found.end.plus({ hours: 1 });
      return { over: found.end.toJSDate(), remindAt: remindAt.toJSDate() };
    }
  }
  return undefined;
}
