/**
 * privacy/address: where someone lives.
 * - A street name with a house number ("Kerkstraat 14", "Van Limburg Stirumstraat 112-II"):
 *   error. A street is recognised by its ending (data/privacy/street-suffixes.txt); a number
 *   followed by a quantity ("aan de Kerkstraat 3 jaar") is no house number.
 * - A postcode ("1234 AB", "1234AB") with a house number before or after it: error; a
 *   postcode alone: warning (it narrows an address down to a few houses). Not reported:
 *   a postcode after "Postbus" or "Antwoordnummer" (an organisation's mail).
 */
import { mask } from '../mask.js';
import { gluedBefore, isLetterOrDigit, tokenBefore } from '../chars.js';
import { near } from '../context.js';
import { privacyData } from '../data.js';
import { caseRule, type Detection, type PrivacyDetector } from '../detector.js';

const postcode = /[1-9]\d{3}[ \u00a0]?[A-Z]{2}/g;
/** Letter pairs that postcodes do not use. */
const unusedLetters = new Set(['SA', 'SD', 'SS']);
const HOUSE_LABEL = String.raw`(?:huisnummer|huisnr\.?|nr\.?|nummer)[ \u00a0]*:?[ \u00a0]*`;
const numberBefore = new RegExp(String.raw`(?:\p{L}{2,}\.?[ \u00a0]+\d{1,5}(?:[ \u00a0]?[a-z]|-[\p{L}\p{N}]{1,4})?|${HOUSE_LABEL}\d{1,5}[a-z]?)[ \u00a0]*,?[ \u00a0]*$`, 'iu');
const numberAfter = new RegExp(String.raw`^[ \u00a0]*,?[ \u00a0]*(?:${HOUSE_LABEL})?\d{1,5}(?![\p{N}]|[.,:]\p{N})`, 'iu');

/** A number of up to four digits: a house number if a street name stands before it. */
const houseNumber = /\d{1,4}/g;
const streetWord = /^\p{Lu}[\p{L}'’\-]{2,}$/u;
/** What may follow a house number: a letter (3a, 3 a), or an addition after a dash (112-II, 210-B, 12-3). */
const addition = /(?:[ \u00a0]?[a-zA-Z](?![\p{L}\p{N}])|-(?:\d{1,4}|[a-zA-Z]{1,3})(?![\p{L}\p{N}]))?/uy;
const wordBefore = /(?:^|[ \u00a0])([\p{L}'’\-]+)[ \u00a0]+$/u;

/**
 * Where a street name starts when it has more than one word ("Burgemeester de Withstraat",
 * "Prins Hendrikkade"): the capitalised words and particles before the last word, without
 * particles at the front ("op de Kerkstraat").
 */
function streetStart(text: string, lastWord: number, particle: RegExp): number {
  let start = lastWord;
  let front = lastWord;
  for (let words = 0; words < 3; words++) {
    const before = wordBefore.exec(text.slice(Math.max(0, front - 40), front));
    if (!before) break;
    const word = before[1]!;
    const wordStart = front - before[0].length + before[0].indexOf(word);
    if (/^\p{Lu}/u.test(word)) start = wordStart;
    else if (!particle.test(word)) break;
    front = wordStart;
  }
  return start;
}

export const addressDetector: PrivacyDetector = {
  id: 'privacy/address',
  defaultSeverity: 'error',
  needsDigit: true,
  detect(text) {
    const found: Detection[] = [];
    const data = privacyData();
    houseNumber.lastIndex = 0;
    for (let match; (match = houseNumber.exec(text)); ) {
      let end = match.index + match[0].length;
      if (gluedBefore(text, match.index) || /\d/.test(text[end] ?? '') || (/[.,:]/.test(text[end] ?? '') && /\d/.test(text[end + 1] ?? ''))) continue;
      const street = tokenBefore(text, match.index);
      if (!street || !streetWord.test(street.text) || !data.streetEnding.test(street.text)) continue;
      if (data.context.quantity.test(text.slice(end, end + 20))) continue;
      addition.lastIndex = end;
      if (addition.test(text)) end = addition.lastIndex;
      const start = streetStart(text, street.start, particleWord());
      found.push({ start, end, severity: 'error', message: 'address.street', shown: mask(text.slice(start, end)) });
    }
    postcode.lastIndex = 0;
    for (let match; (match = postcode.exec(text)); ) {
      const start = match.index;
      const end = start + match[0].length;
      const glued = gluedBefore(text, start, '€$.,/-') || /[€$][ \u00a0]$/.test(text.slice(Math.max(0, start - 2), start)) || isLetterOrDigit(text[end]) || text[end] === '-';
      if (glued || unusedLetters.has(match[0].slice(-2))) {
        postcode.lastIndex = start + 1;
        continue;
      }
      if (near(text, start, end, data.context.poBox, 3, 0)) continue;
      const withNumber = numberBefore.test(text.slice(Math.max(0, start - 40), start)) || numberAfter.test(text.slice(end, end + 30));
      found.push({
        start, end,
        severity: withNumber ? 'error' : 'warning',
        message: withNumber ? 'address.postcode' : 'address.postcodeOnly',
        shown: mask(match[0]),
      });
    }
    return found.sort((a, b) => a.start - b.start);
  },
};

let particle: RegExp | undefined;
/** One particle as a whole word. */
function particleWord(): RegExp {
  return (particle ??= new RegExp(`^${privacyData().particlePattern}$`, 'u'));
}

export const address = caseRule(addressDetector);
