import { DateTime } from 'luxon';
import { Language, SUPPORTED_LANGUAGES, t } from '../../src/i18n';
import { isMonthDay, LEAP_YEAR, MonthDay } from '../../src/scheduling/schedule';
import { AnswerParser } from './answerPrompt';

/**
 * Days of the year typed in chat, without caring about the year: "3 March", "March 3rd", "3 de marzo",
 * "3 mar", "14/3", "3/14", "2026-03-03". Month names are read by luxon in every supported language. A
 * numeric date that reads both ways ("3/4") is not guessed: the person is asked to write the month.
 */

/** Words around a date that say nothing about it ("the 3rd of March", "el 3 de marzo"). */
const FILLER = new Set(['the', 'of', 'on', 'el', 'de', 'del']);
/** Spellings luxon does not know, mapped to ones it does. */
const SPELLINGS: Record<string, string> = { sept: 'sep', setiembre: 'septiembre', set: 'sep' };
const WORD_FORMATS = ['d MMMM', 'MMMM d', 'd MMM', 'MMM d'];
/** Numeric dates, day first and month first, with "/", "." or "-" and an optional year. */
const SEPARATORS = ['/', '.', '-'];
const DAY_FIRST = SEPARATORS.flatMap((s) => [`d${s}M`, `d${s}M${s}yyyy`, `d${s}M${s}yy`]);
const MONTH_FIRST = SEPARATORS.flatMap((s) => [`M${s}d`, `M${s}d${s}yyyy`, `M${s}d${s}yy`]);

export type MonthDayReading = MonthDay | 'ambiguous' | undefined;

function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFC')
    .replace(/(\d+)\s*(st|nd|rd|th|º|ª|er|ro|do|to)(?!\p{L})/gu, '$1')
    .replace(/[,;!?¿¡()]/g, ' ')
    .split(/\s+/)
    .map((word) => word.replace(/\.$/, ''))
    .map((word) => SPELLINGS[word] ?? word)
    .filter((word) => word && !FILLER.has(word));
}

/** The first of `formats` luxon reads `text` with (a year-less one placed in a leap year, so 29/2 reads). */
function readWith(text: string, formats: string[]): MonthDay | undefined {
  for (const format of formats) {
    const yearless = !format.includes('y');
    const parsed = yearless ? DateTime.fromFormat(`${text} ${LEAP_YEAR}`, `${format} yyyy`) : DateTime.fromFormat(text, format);
    if (parsed.isValid) return { month: parsed.month, day: parsed.day };
  }
  return undefined;
}

function readNumeric(text: string): MonthDayReading {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const iso = DateTime.fromISO(text);
    return iso.isValid ? { month: iso.month, day: iso.day } : undefined;
  }
  const dayFirst = readWith(text, DAY_FIRST);
  const monthFirst = readWith(text, MONTH_FIRST);
  if (dayFirst && monthFirst && (dayFirst.month !== monthFirst.month || dayFirst.day !== monthFirst.day)) return 'ambiguous';
  return dayFirst ?? monthFirst;
}

function readWords(words: string[]): MonthDay | undefined {
  const yearless = /^\d{4}$/.test(words[words.length - 1] ?? '') ? words.slice(0, -1) : words;
  const text = `${yearless.join(' ')} ${LEAP_YEAR}`;
  for (const format of WORD_FORMATS) {
    for (const locale of SUPPORTED_LANGUAGES) {
      const parsed = DateTime.fromFormat(text, `${format} yyyy`, { locale });
      if (parsed.isValid) return { month: parsed.month, day: parsed.day };
    }
  }
  return undefined;
}

/** The day of the year a short answer names, 'ambiguous' for "3/4", undefined when it names none. */
export function readMonthDay(text: string): MonthDayReading {
  const words = tokens(text);
  if (words.length === 1) return readNumeric(words[0]);
  if (words.length < 2 || words.length > 3) return undefined;
  return readWords(words);
}

/** The first day of the year named anywhere in a longer text ("her birthday, 3 March, and …"), if any. */
export function findMonthDay(text: string): MonthDay | undefined {
  const words = tokens(text);
  for (let start = 0; start < words.length; start++) {
    for (const length of [3, 2, 1]) {
      const reading = readMonthDay(words.slice(start, start + length).join(' '));
      if (reading && reading !== 'ambiguous') return reading;
    }
  }
  return undefined;
}

/** "03-14": how a month-day is stored and how a date button submits it. */
export function monthDayId(date: MonthDay): string {
  return `${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

export function fromMonthDayId(id: string): MonthDay | undefined {
  const match = /^(\d{2})-(\d{2})$/.exec(id);
  const date = match ? { month: Number(match[1]), day: Number(match[2]) } : undefined;
  return date && isMonthDay(date) ? date : undefined;
}

/*
 * Dates are written with luxon patterns from the locale files (`prompts.format_*`), not the runtime's Intl
 * defaults, which change between ICU versions (Node 20 and 22 word "November 26, 7:00 PM" differently).
 */

/** "March 3" / "3 de marzo". */
export function formatMonthDay(language: Language, date: MonthDay): string {
  return DateTime.local(LEAP_YEAR, date.month, date.day).setLocale(language).toFormat(t(language, 'prompts.format_monthDay'));
}

/** An instant's date in a zone: "March 2, 2027" / "2 de marzo de 2027". */
export function formatDate(language: Language, iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).setLocale(language).toFormat(t(language, 'prompts.format_date'));
}

/** An instant's day and time in a zone: "Thursday, November 26 at 7:00 PM" / "jueves 26 de noviembre, a las 19:00". */
export function formatDateTime(language: Language, iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).setLocale(language).toFormat(t(language, 'prompts.format_dateTime'));
}

/** A day of the year, typed or from a date button (`{ choice: "03-14" }`); the value is its id ("03-14"). */
export const parseMonthDay: AnswerParser<string> = (answer) => {
  const choice = answer.value && typeof answer.value === 'object' ? (answer.value as Record<string, unknown>).choice : undefined;
  if (!answer.text && typeof choice === 'string') {
    const date = fromMonthDayId(choice);
    return date ? { ok: true, value: monthDayId(date) } : { ok: false, reason: 'badCard' };
  }
  if (!answer.text && answer.value !== undefined) return { ok: false, reason: 'badCard' };
  const text = (answer.text ?? '').trim();
  if (!text) return { ok: false, reason: 'empty' };
  if (text.length > 60) return { ok: false, reason: 'tooLong' };
  const reading = readMonthDay(text);
  if (reading === 'ambiguous') return { ok: false, reason: 'ambiguousDate' };
  return reading ? { ok: true, value: monthDayId(reading) } : { ok: false, reason: 'badDate' };
};
