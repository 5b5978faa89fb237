/**
 * privacy/phone: phone numbers. A cheap pattern finds numbers written the way phone
 * numbers are (a leading 0, +31 or 0031, another country code, area codes in brackets,
 * `(0)`, separated by spaces, dots or dashes); libphonenumber-js then decides whether it is
 * a valid number: an error. A number the library rejects right after "tel.",
 * "telefoon", "mobiel" (data/privacy/context-words.yaml) is a warning: a typing error; so is one
 * written with "+" and a country code (a number plan the library does not know). Not reported: numbers that are free, paid or shared
 * service lines (0800, 0900, 0850: organisations, not people), numbers right after a label
 * of another number (factuurnummer, kenmerk, or any word ending in -nummer or -nr that is no
 * phone label: "huurcontractnummer"), and the digits inside an IBAN. A number that an
 * organisation gives as its own ("Wij zijn bereikbaar via …", "bel ons op …") or names as
 * its general number ("0314-330000 (algemeen)") is a hint.
 */
import { createRequire } from 'node:module';
import { mask } from '../mask.js';
import { gluedBefore } from '../chars.js';
import { near, wordsBefore } from '../context.js';
import { privacyData, type ContextWords } from '../data.js';
import { caseRule, type Detection, type PrivacyDetector } from '../detector.js';
import { lazyPattern } from '../lazy.js';

type PhoneLibrary = typeof import('libphonenumber-js/max');

// The full metadata takes tens of milliseconds to load; most runs never need it.
let library: PhoneLibrary | undefined;
const phoneLibrary = (): PhoneLibrary => (library ??= createRequire(import.meta.url)('libphonenumber-js/max') as PhoneLibrary);

// Between groups: a space, a dot or a dash, also with spaces ("06 - 12 34 56 78"), or a
// slash without spaces ("06/33 41 20 98"; "(070) 345 67 89 / 0031 6 …" are two numbers).
// Dashes: the hyphen, the non-breaking hyphen, the figure dash, the en and the em dash.
const SEP = '(?:[ \\u00a0]{0,2}[.\\-\\u2011\\u2012–—][ \\u00a0]{0,2}|/|[ \\u00a0]{1,2})';
const candidate = new RegExp(
  `(?:(?:\\+|00)[1-9]\\d{0,2}${SEP}?(?:\\(0\\)${SEP}?)?\\(?\\d{1,4}\\)?|\\(0\\d{1,4}\\)|0\\d{1,4})(?:${SEP}?\\d){5,10}`,
  'g',
);
/** The bank code of an IBAN written with spaces (`NL91 ABNA 0417 …`), right before a number. */
const ibanBefore = /[A-Z]{2}[ \u00a0]?\d{2}[ \u00a0.\-]?[A-Z]{4}[ \u00a0.\-]?$/i;
/** Written with a country code ("+32", "0032") and 8 to 15 digits in all, as international numbers are. */
const international = /^(?:\+|00(?=[1-9]))(?:\D*\d){8,15}\D*$/;
const serviceLines = new Set(['TOLL_FREE', 'PREMIUM_RATE', 'SHARED_COST']);
const lastGroup = new RegExp(`${SEP}[^ .\\-\\u2011\\u2012–—/\\u00a0]*$`, 'u');
/** Any dash as the phone library reads it. */
const plainDashes = (written: string): string => written.replace(/[\u2011\u2012–—]/g, '-');
/** A Dutch number's shape: 0 and nine digits more, in groups ("010 - 412 33 87", "06/33 41 20 98"). */
const dutchShape = /^\(?0(?:\D*\d){9}\D*$/;
/** Free and paid service lines (organisations), also when the plan rejects the rest: "tel. 0800-0123". */
const mobileShape = /^06(?:[ \u00a0]{0,2}[.\-\u2011\u2012–—/][ \u00a0]{0,2}|[ \u00a0]{1,2})\d(?:\D{0,3}\d){7}$/u;
const serviceShape = /^\(?0(?:800|90\d)/;
/** A date, which has a phone's separators too: "06/12/2024", "12-03-1948". */
const date = /^\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)?\d\d$/;
/** A short label at the start of a contact line or after a bar: "T 020 …", "M: 06 …", "| tel 06 …". */
const shortLabel = /(?:^|[|•·,;(][ \u00a0]*)(?:[TMtm]|Tel|Mob|Tel\.|Mob\.)[ \u00a0]*[.:]?[ \u00a0]*$/u;
const email = /[\w.+-]+@[\w-]+\.[\w.-]+/;
/** True when a phone label is glued to the number by a dot or colon: "tel.06-…", "mob:06…", "T.020 …", "telefoonnr.:06…". */
function gluedLabel(text: string, start: number, phoneLabel: RegExp): boolean {
  const token = /[^\s]*$/u.exec(text.slice(Math.max(0, start - 24), start))![0];
  if (!/[.:]$/u.test(token)) return false;
  const label = token.replace(/^[([{|•·,;]+/u, '').replace(/:$/u, '');
  return /^[TMtm]\.?$/u.test(label) || phoneLabel.test(label) || phoneLabel.test(label.replace(/\.$/u, ''));
}

function isPersonalNumber(written: string): boolean {
  const parsed = phoneLibrary().parsePhoneNumberFromString(plainDashes(written), 'NL');
  if (!parsed?.isValid()) return false;
  const type = parsed.getType();
  return type === undefined || !serviceLines.has(type);
}

/**
 * The longest valid phone number at the start of `written`: the pattern may have taken a
 * number that follows ("bel 06-12345678 3 keer"), so groups are dropped from the end.
 */
function validPrefix(written: string): string | undefined {
  let current = written;
  for (;;) {
    if (isPersonalNumber(current)) return current;
    const cut = current.search(lastGroup);
    if (cut <= 0) return undefined;
    current = current.slice(0, cut);
    if (current.replace(/\D/g, '').length < 8) return undefined;
  }
}

/**
 * True when the number stands in a contact line: a short label before it ("T 020 …"), or a
 * phone label or an e-mail address elsewhere on a short line ("Dochter Fatima (mobiel) …").
 */
function inContactLine(text: string, start: number, end: number, phoneLabel: RegExp): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  if (shortLabel.test(before)) return true;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  if (lineEnd - lineStart > 160) return false;
  const line = text.slice(lineStart, lineEnd);
  return phoneLabel.test(line) || email.test(line);
}

/**
 * True when a phone label stands up to six words before the number with no other number
 * between: "tel. 06-1234567", "het telefoonnummer van haar moeder is 06-1234567".
 */
function labelledInSentence(text: string, start: number, phoneLabel: RegExp): boolean {
  if (near(text, start, start, phoneLabel, 3, 0)) return true;
  const before = wordsBefore(text, start, 6);
  return labelApplies(lastSentence(before), phoneLabel, /(?!)/);
}

const sentenceEnds = lazyPattern(String.raw`[.!?][ \u00a0\n]+(?=\p{Lu})`, 'gu');

/** The part of `before` after the last end of a sentence (a mark, a space or line break, a capital). */
function lastSentence(before: string): string {
  const sentenceEnd = [...before.matchAll(sentenceEnds())].pop();
  return sentenceEnd ? before.slice(sentenceEnd.index + sentenceEnd[0].length) : before;
}

/** The end of a group of digits and letters before a space: "3704 " before "0044 0532". */
const groupBefore = lazyPattern(String.raw`\d[\p{L}\p{N}]*[ \u00a0]$`, 'u');

/** A number the library rejects that is still someone's: after a label, in a contact line, or with a country code. */
function shapedNumber(text: string, start: number, written: string, phoneLabel: RegExp): Detection | undefined {
  const end = start + written.length;
  if (date.test(written) || serviceShape.test(written)) return undefined;
  // "tel. 06-1234567": one digit short, but still someone's number.
  if (labelledInSentence(text, start, phoneLabel)) return { start, end, severity: 'warning', message: 'phoneLabelled', shown: mask(written) };
  // "+44 7700 900 431": a country code makes it a phone number, whatever the numbering plan says.
  // "0044 0532 …" after "3704 " is a group of an account number, not a country code.
  const inGroups = written.startsWith('00') && groupBefore().test(text.slice(Math.max(0, start - 6), start));
  if (international.test(written) && !inGroups) return { start, end, severity: 'warning', message: 'phoneInternational', shown: mask(written) };
  // "06-7712 3904": 06, a separator and eight digits is how a mobile number is written, even one the plan rejects.
  if (mobileShape.test(written)) return { start, end, severity: 'warning', message: 'phoneMobileShape', shown: mask(written) };
  if (dutchShape.test(written) && inContactLine(text, start, end, phoneLabel)) return { start, end, severity: 'warning', message: 'phoneLabelled', shown: mask(written) };
  return undefined;
}

/**
 * The candidate without a last group that runs on into more digits ("06-12345678/020-1234567"
 * stops after ten digits): undefined when it has no group to drop ("0612345678901").
 */
function withoutGluedGroup(text: string, start: number, written: string): string | undefined {
  if (!/\d/.test(text[start + written.length] ?? '')) return written;
  const cut = written.search(lastGroup);
  return cut > 0 ? written.slice(0, cut) : undefined;
}

/**
 * True when the number is another kind of number by its label ("factuurnummer 06…",
 * "huurcontractnummer: 0844-…"): the label stands right before it, with no other number or
 * phone label between ("Klantnummer 123456, bel 06-…" is a phone number). A word ending in
 * -nummer that is no known label of another number ("NL-nummer", "crisisnummer") does not
 * hide a mobile number.
 */
function labelledOtherNumber(text: string, start: number, number: string | undefined, context: ContextWords): boolean {
  if (labelApplies(wordsBefore(text, start, 3), context.otherNumber, context.phone)) return true;
  if (!labelApplies(wordsBefore(text, start, 2), context.otherNumberCompound, context.phone)) return false;
  return number === undefined || phoneLibrary().parsePhoneNumberFromString(plainDashes(number), 'NL')?.getType() !== 'MOBILE';
}

const everywhere = new Map<RegExp, RegExp>();
/** True when `label` occurs in `before` with neither a digit nor a phone label after it. */
function labelApplies(before: string, label: RegExp, phoneLabel: RegExp): boolean {
  let all = everywhere.get(label);
  if (!all) everywhere.set(label, (all = new RegExp(label.source, label.flags + 'g')));
  let labelEnd: number | undefined;
  for (const match of before.matchAll(all)) labelEnd = match.index + match[0].length;
  if (labelEnd === undefined) return false;
  const between = before.slice(labelEnd);
  return !/\d/.test(between) && !phoneLabel.test(between);
}

/** "Wij zijn bereikbaar op werkdagen via 0164 - 21 33 00": the organisation's own number, said earlier in the sentence. */
function organisationsNumber(text: string, start: number, context: ContextWords): boolean {
  const before = text.slice(Math.max(0, start - 120), start);
  return context.organisationPhone.test(lastSentence(before));
}

export const phoneDetector: PrivacyDetector = {
  id: 'privacy/phone',
  defaultSeverity: 'error',
  needsDigit: true,
  detect(text) {
    const found: Detection[] = [];
    const { context } = privacyData();
    candidate.lastIndex = 0;
    for (let match; (match = candidate.exec(text)); ) {
      const start = match.index;
      const written = withoutGluedGroup(text, start, match[0]);
      // "06-12345678/020-1234567": a second number right after a slash follows one just found.
      const afterFound = text[start - 1] === '/' && found.at(-1)?.end === start - 1;
      if ((gluedBefore(text, start, '+,.:/-\u2011\u2012–—') && !afterFound && !gluedLabel(text, start, context.phone)) || written === undefined) {
        candidate.lastIndex = start + 1;
        continue;
      }
      candidate.lastIndex = start + written.length;
      if (ibanBefore.test(text.slice(Math.max(0, start - 12), start))) continue;
      const number = validPrefix(written);
      if (labelledOtherNumber(text, start, number, context)) continue;
      const shaped = number ? undefined : shapedNumber(text, start, written, context.phone);
      if (number) found.push({ start, end: start + number.length, severity: organisationsNumber(text, start, context) || context.generalNumberAfter.test(text.slice(start + number.length, start + number.length + 30)) ? 'info' : 'error', message: 'phone', shown: mask(number) });
      else if (shaped) found.push(shaped);
    }
    return found;
  },
};

export const phone = caseRule(phoneDetector);
