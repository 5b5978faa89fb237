/** Dates as people write them, read into the YYYY-MM-DD that a case's `date` field takes. */
import type { Lang } from '../types.js';

/** The months as Intl.DateTimeFormat names them (nl-NL, en-GB; `month: 'long'`). */
export const MONTH_NAMES: Record<Lang, readonly string[]> = {
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** A month by its name or first three letters in either language (`okt`, `Oct.`, `maart`): 1–12. */
function monthNumber(word: string): number | undefined {
  const name = word.toLowerCase().replace(/\.$/, '');
  if (name.length < 3) return undefined;
  for (const names of Object.values(MONTH_NAMES)) {
    const index = names.findIndex((full) => full.toLowerCase() === name || (name.length === 3 && full.toLowerCase().startsWith(name)));
    if (index >= 0) return index + 1;
  }
  return undefined;
}

/** YYYY-MM-DD when year, month and day make a day of the calendar. */
function isoOf(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The YYYY-MM-DD of a date written the Dutch way or the ISO way: `2024-10-03`, `2024-10-3`,
 * `2024/10/03`, `3-10-2024`, `03/10/2024`, `3.10.2024`, `3 oktober 2024`, `3 okt. 2024`,
 * `21 April 2026`. Numbers with the year last are day-month-year, as in the Netherlands
 * (and in British English); undefined when the text is no such date or no real day.
 */
export function isoDateOf(text: string): string | undefined {
  const trimmed = text.trim();
  const yearFirst = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(trimmed);
  if (yearFirst) return isoOf(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]));
  const yearLast = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(trimmed);
  if (yearLast) return isoOf(Number(yearLast[3]), Number(yearLast[2]), Number(yearLast[1]));
  const worded = /^(\d{1,2})\s+([\p{L}]+\.?)\s+(\d{4})$/u.exec(trimmed);
  const month = worded ? monthNumber(worded[2]!) : undefined;
  return worded && month ? isoOf(Number(worded[3]), month, Number(worded[1])) : undefined;
}

/** A YYYY-MM-DD date as words in `lang` ("3 oktober 2024", "3 October 2024"). */
export function wordedDate(iso: string, lang: Lang): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return `${day} ${MONTH_NAMES[lang][month - 1]} ${year}`;
}
