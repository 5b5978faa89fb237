/**
 * privacy/birthdate: full dates (day, month and year: `12-03-1958`, `12/3/58`,
 * `12.03.1958`, `12 maart 1958`, `18 okt. 1971`, `1958-03-12`, `March 12, 1958`).
 * - error within six words before or three words after "geboren", "geb.", "geboortedatum"
 *   (data/privacy/context-words.yaml): a date of birth identifies a person;
 * - info otherwise: an exact date makes a case recognisable to those involved; "voorjaar
 *   2023" tells the reader enough.
 * Article numbers ("2.3.5", "8.1.12") are no dates: a two-digit year needs `-` or `/`.
 */
import { mask } from '../mask.js';
import { gluedBefore, tokenBefore } from '../chars.js';
import { near } from '../context.js';
import { privacyData } from '../data.js';
import { caseRule, type Detection, type PrivacyDetector } from '../detector.js';

const MONTHS = [
  'januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december',
  'january', 'february', 'march', 'may', 'june', 'july', 'august', 'october',
  'jan', 'febr', 'feb', 'mrt', 'mar', 'apr', 'jun', 'jul', 'aug', 'sept', 'sep', 'okt', 'oct', 'nov', 'dec',
];
const monthNames = new Set(MONTHS.flatMap((m) => [m, m + '.']));

/**
 * Every pattern starts with a digit, so the scan is cheap; which date it is and whether
 * its numbers are a day, a month and a year is checked at each hit.
 */
const date = new RegExp(
  String.raw`(\d{1,2})(?:` +
    String.raw`([\-/])(\d{1,2})\2(\d{4}|\d{2})` + // 12-03-1958, 12/3/58
    String.raw`|\.(\d{1,2})\.(\d{4})` + // 12.03.1958
    String.raw`|(?:e|ste|de)?[ \u00a0]+(${MONTHS.join('|')})\.?[ \u00a0]+(\d{4})` + // 12 maart 1958, 18 okt. 1971
    String.raw`|,?[ \u00a0]+(\d{4})` + // (March) 12, 1958
    String.raw`)|(\d{4})-(\d{2})-(\d{2})`, // 1958-03-12
  'gi',
);

const isDay = (n: string | undefined) => n !== undefined && +n >= 1 && +n <= 31;
const isMonth = (n: string | undefined) => n !== undefined && +n >= 1 && +n <= 12;
const isYear = (n: string | undefined) => n !== undefined && n.length === 4 && +n >= 1800 && +n <= 2099;

/** True when `match` is a full date, given what stands around it. */
function isFullDate(text: string, match: RegExpExecArray): boolean {
  const [, day, separator, month, year, dotMonth, dotYear, monthName, namedYear, monthFirstYear, isoYear, isoMonth, isoDay] = match;
  if (isoYear !== undefined) return isYear(isoYear) && isMonth(isoMonth) && isDay(isoDay);
  if (!isDay(day)) return false;
  if (separator !== undefined) return isMonth(month) && (isYear(year) || year!.length === 2);
  if (dotMonth !== undefined) return isMonth(dotMonth) && isYear(dotYear);
  if (monthName !== undefined) return isYear(namedYear);
  // "March 12, 1958": only after the name of a month.
  const before = tokenBefore(text, match.index);
  return isYear(monthFirstYear) && before !== undefined && monthNames.has(before.text.toLowerCase());
}

export const birthdateDetector: PrivacyDetector = {
  id: 'privacy/birthdate',
  defaultSeverity: 'info',
  needsDigit: true,
  detect(text) {
    const found: Detection[] = [];
    const { context } = privacyData();
    date.lastIndex = 0;
    for (let match; (match = date.exec(text)); ) {
      const start = match.index;
      const end = start + match[0].length;
      const after = text[end];
      const gluedAfter = after !== undefined && (/[\p{L}\p{N}]/u.test(after) || ('.,:/-'.includes(after) && /\d/.test(text[end + 1] ?? '')));
      if (gluedBefore(text, start, '.,:/-') || gluedAfter || !isFullDate(text, match)) {
        date.lastIndex = start + 1;
        continue;
      }
      const birth = near(text, start, end, context.birthdate, 6, 3);
      found.push({ start, end, severity: birth ? 'error' : 'info', message: birth ? 'birthdate.birth' : 'birthdate.date', shown: mask(match[0]) });
    }
    return found;
  },
};

export const birthdate = caseRule(birthdateDetector);
