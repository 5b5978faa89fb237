/**
 * privacy/birthdate: full dates (day, month and year: `12-03-1958`, `12/3/58`,
 * `12.03.1958`, `12 maart 1958`, `18 okt. 1971`, `1958-03-12`, `March 12, 1958`).
 * - error within six words before or three words after "geboren", "geb.", "geboortedatum"
 *   (data/privacy/context-words.yaml): a date of birth identifies a person;
 * - info otherwise: an exact date makes a case recognisable to those involved; "voorjaar
 *   2023" tells the reader enough.
 * - warning for a date at least three years ago right after a name, in brackets or after a
 *   comma ("mw. Demir (12-05-1948)"), after an age that fits it ("man, 37, 18-8-1988"), or
 *   after the sign of birth ("(* 23-04-1958)");
 * Also `1961-3-7`, `7-mrt-1961`, `7.mrt.1961`, `7 maart '61`, `3-3-'58`, `14 - 02 - 1990`, and
 * `12 06 1975` and `2 II 1979` (a month in Roman figures, as on Polish papers) near "geboren" only. Article numbers ("2.3.5", "8.1.12") are no dates: a
 * two-digit year needs `-` or `/`.
 */
import { mask } from '../mask.js';
import { gluedBefore, isLetterOrDigit, tokenBefore } from '../chars.js';
import { near, underHeader, wordsBefore } from '../context.js';
import { privacyData } from '../data.js';
import { caseRule, type Detection, type PrivacyDetector } from '../detector.js';
import { lazyPattern } from '../lazy.js';

const MONTHS = [
  'januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december',
  'january', 'february', 'march', 'may', 'june', 'july', 'august', 'october',
  // French and German, as residents and their papers write them ("20 mars 1977", "3. März 1980").
  'janvier', 'février', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'aout', 'septembre', 'octobre', 'novembre', 'décembre',
  'januar', 'februar', 'märz', 'maerz', 'dezember',
  // Romanian, Polish (genitive, as in a date), Turkish, Spanish, Italian and Portuguese, as on
  // the passports and papers residents bring ("30 ianuarie 1987", "12 października 1985").
  'ianuarie', 'februarie', 'martie', 'aprilie', 'iunie', 'iulie', 'septembrie', 'octombrie', 'noiembrie', 'decembrie',
  'stycznia', 'lutego', 'marca', 'kwietnia', 'maja', 'czerwca', 'lipca', 'sierpnia', 'września', 'wrzesnia', 'października', 'pazdziernika', 'listopada', 'grudnia',
  'ocak', 'şubat', 'subat', 'mart', 'nisan', 'mayıs', 'mayis', 'haziran', 'temmuz', 'ağustos', 'agustos', 'eylül', 'eylul', 'ekim', 'kasım', 'kasim', 'aralık', 'aralik',
  'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'setiembre', 'octubre', 'noviembre', 'diciembre',
  'gennaio', 'febbraio', 'aprile', 'maggio', 'giugno', 'luglio', 'settembre', 'ottobre', 'dicembre',
  'janeiro', 'fevereiro', 'março', 'marco', 'maio', 'junho', 'julho', 'setembro', 'outubro', 'novembro', 'dezembro',
  'jan', 'febr', 'feb', 'mrt', 'mar', 'apr', 'jun', 'jul', 'aug', 'sept', 'sep', 'okt', 'oct', 'nov', 'dec',
];
const monthNames = new Set(MONTHS.flatMap((m) => [m, m + '.']));

const MONTH = `(?:${MONTHS.join('|')})`;
const SP = '[ \\u00a0]';
/** A year of four digits, or two after an apostrophe or not ('61, 61). */
const YEAR = "(?:\\d{4}|['’]?\\d{2})";

/**
 * Every pattern starts with a digit, so the scan is cheap; which date it is and whether
 * its numbers are a day, a month and a year is checked at each hit.
 */
const date = new RegExp(
  String.raw`(?<day>\d{1,2})(?:` +
    `${SP}?(?<sep>[\\-/])${SP}?(?<month>\\d{1,2})${SP}?\\k<sep>${SP}?(?<year>${YEAR})` + // 12-03-1958, 12/3/58, 14 - 02 - 1990, 3-3-'58
    String.raw`|\.(?<dotMonth>\d{1,2})\.(?<dotYear>\d{4})` + // 12.03.1958, 1.1.1977
    `|\\.${SP}?(?<dotSpacedMonth>\\d{1,2})\\.${SP}?(?<dotSpacedYear>${YEAR})` + // 12.3.58, 12. 03. 1958 (only as a date of birth)
    `|(?:e|ste|de|st|nd|rd|th|\\.)?${SP}+(?<monthName>${MONTH})\\.?${SP}+(?<namedYear>\\d{4}|['’]\\d{2})` + // 12 maart 1958, 18 okt. 1971, 7 maart '61, 14th February 1993, 3. März 1980
    `|(?<joint>[\\-./])(?<jointMonth>${MONTH})\\.?\\k<joint>(?<jointYear>${YEAR})` + // 7-mrt-1961, 7.mrt.1961
    `|${SP}(?<spacedMonth>\\d{1,2})${SP}(?<spacedYear>\\d{4})` + // 12 06 1975 (only as a date of birth)
    `|(?<romanSep>${SP}|[.\\-/])(?<romanMonth>XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)\\k<romanSep>(?<romanYear>\\d{4})` + // 2 II 1979, 2.II.1979 (only as a date of birth)
    `|(?:st|nd|rd|th)?,?${SP}+(?<monthFirstYear>\\d{4})` + // (March) 12, 1958, (March) 3rd, 1958
    String.raw`)|(?<isoYear>\d{4})(?:(?<isoSep>[\-/.])(?<isoMonth>\d{1,2})\k<isoSep>(?<isoDay>\d{1,2})` + // 1958-03-12, 1961-3-7
    `|${SP}(?<spacedIsoMonth>\\d{2})${SP}(?<spacedIsoDay>\\d{2}))`, // 1958 03 12 (only as a date of birth)
  'gi',
);

const isDay = (n: string | undefined) => n !== undefined && +n >= 1 && +n <= 31;
const isMonth = (n: string | undefined) => n !== undefined && +n >= 1 && +n <= 12;
const isYear = (n: string | undefined) => n !== undefined && n.length === 4 && +n >= 1800 && +n <= 2099;
const isShortYear = (n: string | undefined) => n !== undefined && (isYear(n) || /^['’]?\d{2}$/.test(n));

/** Whether `match` is a full date, given what stands around it: `spaced` for "12 06 1975", a date only near "geboren". */
function fullDate(text: string, match: RegExpExecArray): 'date' | 'spaced' | undefined {
  const m = match.groups!;
  if (m.spacedIsoMonth !== undefined) return isYear(m.isoYear) && isMonth(m.spacedIsoMonth) && isDay(m.spacedIsoDay) ? 'spaced' : undefined;
  if (m.isoYear !== undefined) return isYear(m.isoYear) && isMonth(m.isoMonth) && isDay(m.isoDay) && (m.isoSep === '-' || m.isoMonth!.length === 2 || m.isoSep === '/') ? 'date' : undefined;
  if (!isDay(m.day)) return undefined;
  if (m.sep !== undefined) return isMonth(m.month) && isShortYear(m.year) ? 'date' : undefined;
  if (m.dotMonth !== undefined) return isMonth(m.dotMonth) && isYear(m.dotYear) ? 'date' : undefined;
  if (m.dotSpacedMonth !== undefined) return isMonth(m.dotSpacedMonth) && isShortYear(m.dotSpacedYear) ? 'spaced' : undefined;
  if (m.monthName !== undefined) return isShortYear(m.namedYear) ? 'date' : undefined;
  if (m.jointMonth !== undefined) return isShortYear(m.jointYear) ? 'date' : undefined;
  if (m.spacedMonth !== undefined) return isMonth(m.spacedMonth) && isYear(m.spacedYear) ? 'spaced' : undefined;
  if (m.romanMonth !== undefined) return isYear(m.romanYear) ? 'spaced' : undefined;
  // "March 12, 1958": only after the name of a month.
  const before = tokenBefore(text, match.index);
  return isYear(m.monthFirstYear) && before !== undefined && monthNames.has(before.text.toLowerCase()) ? 'date' : undefined;
}

/** The year of a date match, as a number (a two-digit year is taken as 19xx or 20xx). */
function yearOf(match: RegExpExecArray): number {
  const m = match.groups!;
  const written = (m.isoYear ?? m.year ?? m.dotYear ?? m.dotSpacedYear ?? m.namedYear ?? m.jointYear ?? m.spacedYear ?? m.romanYear ?? m.monthFirstYear ?? '').replace(/['’]/, '');
  if (written.length === 4) return +written;
  const short = +written;
  return short <= new Date().getFullYear() % 100 ? 2000 + short : 1900 + short;
}

/** The number of a month written as a word, by how it starts (Dutch, English, French, German and the languages above). */
const MONTH_STARTS: readonly [RegExp, number][] = [
  [/^jan|^ian|^sty|^oca|^ene|^gen/, 1], [/^f[eé]v|^feb|^lut|^[şs]ub/, 2], [/^ma[ae]?r|^mrt|^mär/, 3], [/^a[pvb]r|^kwi|^nis/, 4],
  [/^m[ae][iy]|^maj|^mag/, 5], [/^juin|^jun|^iun|^cze|^haz|^giu/, 6], [/^juil|^jul|^iul|^lip|^tem|^lug/, 7],
  [/^aug|^ao[uû]|^sie|^a[gğ][uo]/, 8], [/^sep|^set|^wrz|^eyl/, 9], [/^o[kc]t|^pa[źz]|^eki|^ott|^out/, 10], [/^nov|^noi|^lis|^kas/, 11],
  [/^d[eé][cz]|^gru|^ara|^dic/, 12],
];

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

/** Day, month and year of a date match ("1977-3-20"), so that one date written twice is known as one. */
function dateKey(text: string, match: RegExpExecArray): string {
  const m = match.groups!;
  const named = m.monthName ?? m.jointMonth ?? (m.monthFirstYear !== undefined ? tokenBefore(text, match.index)?.text : undefined);
  const month = named !== undefined ? MONTH_STARTS.find(([start]) => start.test(named.toLowerCase()))?.[1] : m.isoMonth ?? m.spacedIsoMonth ?? m.month ?? m.dotMonth ?? m.dotSpacedMonth ?? m.spacedMonth ?? (m.romanMonth !== undefined ? String(ROMAN.indexOf(m.romanMonth.toUpperCase()) + 1) : undefined);
  return `${yearOf(match)}-${Number(month)}-${Number(m.isoDay ?? m.spacedIsoDay ?? m.day)}`;
}

/** A word glued to the date by a dot or colon ("geb.12-03-1958", "GD:1.2.1960"), not a number ("2.3.5"). */
const labelBefore = lazyPattern(String.raw`(?:^|[^\p{L}\p{N}.])\p{L}[\p{L}.]*[.:]$`, 'u');
const afterLabel = (text: string, start: number): boolean => labelBefore().test(text.slice(Math.max(0, start - 20), start));

/** The end of a sentence (before a capital) or of a clause. */
const sentenceEnds = lazyPattern(String.raw`[.!?][ \u00a0]+(?=\p{Lu})|[;\n]`, 'gu');

/**
 * "Ik heb de geboortedatum van de jongste aangepast, dat moest 4 november 2019 zijn": a cue
 * up to twelve words back in the same sentence, with no other date or number between.
 */
function cueInSentence(text: string, start: number, cue: RegExp): boolean {
  const before = wordsBefore(text, start, 12);
  const sentenceEnd = [...before.matchAll(sentenceEnds())].pop();
  const sentence = sentenceEnd ? before.slice(sentenceEnd.index + sentenceEnd[0].length) : before;
  const cueAt = [...sentence.matchAll(new RegExp(cue.source, 'giu'))].pop();
  return cueAt !== undefined && !/\d/.test(sentence.slice(cueAt.index + cueAt[0].length));
}


/**
 * A date right after a name, in brackets, after a comma or on the line under it ("mw. Demir (12-05-1948)",
 * "Kovács, Zsófia, 19-11-1988", "Piotr (vader), 19-4-1985", "Kees Overbeek⏎15-09-1958"), and at least
 * three years ago: a date of birth too.
 */
const afterName = lazyPattern(String.raw`(?:\p{Lu}[\p{L}'’\-]+\.?|(?<![\p{L}])(?:zoon|dochter|kind|baby|broer|zus|zoontje|dochtertje|moeder|vader|partner|echtgeno(?:ot|te)|opa|oma|pleegkind|cliënt|client))(?:[ \u00a0]*\(\p{Ll}+\))?[ \u00a0]*(?:[(,|\t\n][ \u00a0]*|:[ \u00a0]*)(?:(?:[mvMVfF]|man|vrouw|jongen|meisje)\.?[ \u00a0]*[,;|/\t][ \u00a0]*)?$`, 'u');
/** An age right before a date ("(13 jaar, 23.06.2012)", "man, 37, 18-8-1988", "Mohamed B. (45) - 03-03-1981"); the sign of birth ("(* 23-04-1958)"). */
const afterAge = lazyPattern(String.raw`(?:^|[^\p{L}\p{N}.,])(\d{1,3})(?:[ \u00a0]*(?:jaar|jr\.?))?\)?[ \u00a0]*[,;(\-–][ \u00a0]*(?:geb(?:oren)?\.?[ \u00a0]*)?$`, 'u');
/** An age said in the sentence before the date: "Omar wordt 18 in maart (14-03-2009)", "is 7 jaar, geboren …". */
const turnsAge = lazyPattern(String.raw`(?<![\p{L}])(?:wordt|werd|is|was|van)[ \u00a0]+(\d{1,3})(?:[ \u00a0]+(?:jaar|jr\.?))?(?:[ \u00a0]+[\p{Ll}]+){0,3}[ \u00a0]*[(,:]?[ \u00a0]*$`, 'u');
const birthSign = /(?:^|[ \u00a0(])[*°][ \u00a0]*$/u;
/** "ze is van 24-12-1939": a person who "is van" a date was born then. */
const isFrom = lazyPattern(String.raw`(?<![\p{L}])(?:ik[ \u00a0]+ben|(?:ze|zij|hij|mevrouw|meneer|mw\.?|dhr\.?)[ \u00a0]+is)[ \u00a0]+van[ \u00a0]*$`, 'iu');

/**
 * A date that is likely someone's birth without a word that says so: after a name (see
 * afterName) or the sign of birth, or after an age that fits it (the year and the age add
 * up to about this year).
 */
function likelyBirth(text: string, start: number, year: number): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  const now = new Date().getFullYear();
  // An age that fits the year says so also of a young child ("Amira (2 jr, 03-03-2024)").
  const age = afterAge().exec(before) ?? turnsAge().exec(before);
  if (age !== null && Math.abs(year + Number(age[1]) - now) <= 2) return true;
  if (childListed(text, start, year)) return true;
  return year <= now - 3 && (afterName().test(before) || birthSign.test(before) || isFrom().test(before));
}

/**
 * Children (or parents) listed by first name and date after a word for them: "Kinderen:⏎Mert
 * 09-09-2015⏎Elif 23-01-2018", "2 kids (Nour 12/12/2016 en Adam 03/08/2019)", "• Mert - 09-09-2015",
 * "Kind 1: Mert 09-09-2015", "zoon Sem 4 mei 2014", "vader Ali 01-01-1980". Only names
 * with dates, joined by commas, "en" or line breaks, may stand between the word and the date;
 * after a single relative ("zoon", "vader") the date is from before this year.
 */
function childListed(text: string, start: number, year: number): boolean {
  const before = text.slice(Math.max(0, start - 160), start);
  const cue = [...before.matchAll(childWord())].pop();
  if (cue === undefined || year > new Date().getFullYear() - (cue[1] !== undefined ? 1 : 0)) return false;
  return childItems().test(before.slice(cue.index + cue[0].length));
}
const childWord = lazyPattern(String.raw`(?<![\p{L}])(?:[Kk]inderen|[Kk]ids|[Cc]hildren|[Zz]oons|[Dd]ochters|[Pp]leegkinderen|[Gg]ezinsleden|([Oo]uders|[Zz]oon|[Dd]ochter|[Zz]oontje|[Dd]ochtertje|[Kk]ind|[Vv]ader|[Mm]oeder|[Pp]leeg(?:zoon|dochter|kind)))(?![\p{L}])`, 'gu');
function childItemsSource(): string {
  const name = String.raw`\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?`;
  const day = String.raw`\d{1,4}[ \u00a0./\-]+(?:\d{1,2}|\p{L}+\.?)[ \u00a0./\-]+['’]?\d{2,4}`;
  // Items joined by a comma, "en" or a line break, perhaps as a bulleted list; a dash or colon between name and date.
  const join = String.raw`[ \u00a0]*(?:[,;/]|\n|en(?![\p{L}]))[ \u00a0\n]*(?:[•\-*·–][ \u00a0]*)?`;
  const gap = String.raw`[ \u00a0]*(?:[\-–:,][ \u00a0]*)?\(?`;
  return String.raw`^(?:[ \u00a0\n(:•\-*·–]|zijn|\d{1,2}(?!\d))*(?:${name}${gap}${day}\)?${join})*${name}${gap}$`;
}
const childItems = lazyPattern(childItemsSource(), 'u');

/**
 * "Geboren 20 mars 1977, ze schreef het op als 20-03-1977": a date that is the same day as a
 * date of birth found in the text is that date of birth again, wherever it stands.
 */
function sameDateAsBirth(found: Detection[], keys: readonly string[]): Detection[] {
  const births = new Set(keys.filter((_key, i) => found[i]!.severity !== 'info'));
  if (births.size === 0) return found;
  return found.map((f, i) => (f.severity === 'info' && births.has(keys[i]!) ? { ...f, severity: 'warning', message: 'birthdate.birth' } : f));
}

export const birthdateDetector: PrivacyDetector = {
  id: 'privacy/birthdate',
  defaultSeverity: 'info',
  needsDigit: true,
  detect(text) {
    const found: Detection[] = [];
    const keys: string[] = [];
    const { context } = privacyData();
    date.lastIndex = 0;
    for (let match; (match = date.exec(text)); ) {
      const start = match.index;
      const end = start + match[0].length;
      const after = text[end];
      const gluedAfter = after !== undefined && (isLetterOrDigit(after) || ('.,:/-'.includes(after) && /\d/.test(text[end + 1] ?? '')));
      const kind = (gluedBefore(text, start, '.,:/-') && !afterLabel(text, start)) || gluedAfter ? undefined : fullDate(text, match);
      if (!kind) {
        date.lastIndex = start + 1;
        continue;
      }
      const birth = near(text, start, end, context.birthdate, 6, 3) || cueInSentence(text, start, context.birthdate) || underHeader(text, start, context.birthdate);
      if (kind === 'spaced' && !birth) {
        date.lastIndex = start + 1;
        continue;
      }
      const likely = !birth && likelyBirth(text, start, yearOf(match));
      found.push({
        start, end,
        severity: birth ? 'error' : likely ? 'warning' : 'info',
        message: birth || likely ? 'birthdate.birth' : 'birthdate.date',
        shown: mask(match[0]),
      });
      keys.push(dateKey(text, match));
    }
    return sameDateAsBirth(found, keys);
  },
};

export const birthdate = caseRule(birthdateDetector);
