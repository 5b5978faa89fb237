/**
 * privacy/address: where someone lives.
 * - A street name with a house number ("Kerkstraat 14", "Van Limburg Stirumstraat 112-II"):
 *   error. A street is recognised by its ending (data/privacy/street-suffixes.txt); a number
 *   followed by a quantity ("aan de Kerkstraat 3 jaar") is no house number.
 * - A postcode ("1234 AB", "1234AB") with a house number before or after it: error; a
 *   postcode alone: warning (it narrows an address down to a few houses). A postcode
 *   after "Postbus" or "Antwoordnummer" is an organisation's mail and not reported, unless
 *   the Postbus is a resident's own (see residentsPoBox): then it is an error.
 */
import { mask } from '../mask.js';
import { gluedBefore, isLetterOrDigit, tokenBefore, type Token } from '../chars.js';
import { near, sentenceBefore, underHeader } from '../context.js';
import { namesSomethingElse, privacyData, type PrivacyData } from '../data.js';
import { isListedSurname } from '../names.js';
import { isDutchCompound, isDutchWord } from '../words.js';
import { caseRule, type Detection, type PrivacyDetector } from '../detector.js';
import { organisationsAddress } from '../organisation-address.js';
import { lazyPattern, startsWithCapital } from '../lazy.js';
import type { Severity } from '../../types.js';

// Any case, with or without a space. Capitals, or small letters without a space ("1234ab"),
// are a postcode anywhere; other forms ("3131 tk", "7201 Lk", "1234-AB", two spaces) only
// next to an address (see weakPostcodeInContext): "2024 is" is no postcode.
const postcode = /[1-9]\d{3}(?:[ \u00a0]{1,2}|-)?[A-Za-z]{2}/g;
const strongPostcode = /^\d{4}(?:[ \u00a0]?[A-Z]{2}|[a-z]{2})$/;
/** Units written right after a number, which "1234ab" could be confused with. */
const units = new Set(['km', 'kg', 'cm', 'mm', 'ml', 'cl', 'dl', 'kb', 'mb', 'gb', 'tb', 'kw', 'pk', 'st', 'nd', 'rd', 'th', 'ha', 'uu', 'mg', 'hz', 'am', 'pm']);
/** Letter pairs that postcodes do not use. */
const unusedLetters = new Set(['SA', 'SD', 'SS']);
const HOUSE_LABEL = String.raw`(?:huisnummer|huisnr\.?|nr\.?|nummer)[ \u00a0]*:?[ \u00a0]*`;
const numberBefore = lazyPattern(String.raw`(?:\p{L}{2,}\.?[ \u00a0]+\d{1,5}(?:[ \u00a0]?[a-z]|-[\p{L}\p{N}]{1,4})?|${HOUSE_LABEL}\d{1,5}[a-z]?)[ \u00a0]*,?[ \u00a0]*$`, 'iu');
const numberAfter = lazyPattern(String.raw`^[ \u00a0]*,?[ \u00a0]*(?:${HOUSE_LABEL})?\d{1,5}(?![\p{N}]|[.,:]\p{N})`, 'iu');

/** A number of up to four digits: a house number if a street name stands before it. */
const houseNumber = /\d{1,4}/g;
const streetWord = /^\p{Lu}[\p{L}'’\-]{2,}$/u;
/** What may follow a house number: a letter (3a, 3 a), or an addition after a dash (112-II, 210-B, 12-3). */
const addition = lazyPattern(String.raw`(?:[ \u00a0]?[a-zA-Z](?![\p{L}\p{N}])|-(?:\d{1,4}|[a-zA-Z]{1,3})(?![\p{L}\p{N}]))?`, 'uy');
const wordBefore = lazyPattern(String.raw`(?:^|[ \u00a0])([\p{L}'’\-]+)[ \u00a0]+$`, 'u');
/** Words that stand before a street name that is also an ordinary word: "Grote Markt", "aan de Dam". */
const streetLead = lazyPattern(String.raw`(?:^|[^\p{L}])(?:de|het|Grote|Kleine|Oude|Nieuwe|Lange|Korte|Hoge|Lage|Noorder|Zuider|Ooster|Wester|Binnen|Buiten|Achter|Voor)[ \u00a0]+$`, 'u');
/** "Laan van Meerdervoort 1040", "Laan van Nieuw Oost-Indië 211": a street word, a particle and a name. */
const streetWithParticle = /(?:^|[^\p{L}])((?:Laan|Plein|Kade|Singel|Park|Hof|Markt|Weg|Dijk|Dreef)(?:[ \u00a0]+(?:van|der|de|den|het|op|aan|in|'t))+(?:[ \u00a0]+(?:\p{Lu}[\p{L}'’.\-]*|van|der|de|den|het)){1,3})[ \u00a0]+$/u;
/** A line that ends in a house number, before a line that starts with a postcode. */
const addressLine = lazyPattern(String.raw`(?:^|\n)[ \t]*(\p{Lu}[^\n]*?[ \t]\d{1,5}[a-zA-Z]?(?:-[\p{L}\p{N}]{1,4}|[ \t]?[A-Z](?![\p{L}]))?)[ \t]*,?[ \t]*\r?\n[ \t]*$`, 'u');
/** An address on one line: capitalised words and a house number, a comma or not, then the postcode ("Kraaiennest 140 1104 CK"). */
const addressBeforePostcode = lazyPattern(String.raw`(?:^|[^\p{L}])(\p{Lu}[\p{L}'’\-]+(?:[ \u00a0]+\p{Lu}[\p{L}'’\-]+){0,2}[ \u00a0]+\d{1,5}(?:[ \u00a0]?[a-zA-Z])?(?:-[\p{L}\p{N}]{1,4})?)[ \u00a0]*,?[ \u00a0]*$`, 'u');

/**
 * Where a street name starts when it has more than one word ("Burgemeester de Withstraat",
 * "Prins Hendrikkade"): the capitalised words and particles before the last word, without
 * particles at the front ("op de Kerkstraat").
 */
function streetStart(text: string, lastWord: number, particle: RegExp): number {
  let start = lastWord;
  let front = lastWord;
  for (let words = 0; words < 3; words++) {
    const before = wordBefore().exec(text.slice(Math.max(0, front - 40), front));
    if (!before) break;
    const word = before[1]!;
    const wordStart = front - before[0].length + before[0].indexOf(word);
    if (startsWithCapital(word)) start = wordStart;
    else if (!particle.test(word)) break;
    front = wordStart;
  }
  return start;
}

/** The end of a street-name ending that is an ordinary word on its own ("Markt", "Dam", "Linde" is none). */
function isEndingWord(word: string, data: PrivacyData): boolean {
  return data.streetEnding.test('xx' + word) || data.weakStreetEnding.test('xx' + word);
}

/** True when `word` (the word before a house number) is a street name. */
function isStreetWord(text: string, word: { start: number; text: string }, data: PrivacyData): boolean {
  const written = word.text;
  if (data.lowerStreetEnding.test(written)) return true;
  const bare = written.endsWith('.') ? written.slice(0, -1) : written;
  if (!streetWord.test(bare)) return false;
  if (data.streetEnding.test(bare)) return true;
  // "Ringbaan-Oost", "Kerkstr.", "Tsjerkestrjitte": the endings that need more evidence.
  const core = bare.split('-')[0]!;
  if (data.weakStreetEnding.test(written) || data.weakStreetEnding.test(core)) {
    const lower = core.toLowerCase();
    if (!isDutchWord(lower) && !data.places.has(lower) && !isListedSurname(core, data)) return true;
  }
  // "Grote Markt 2", "aan de Dam 7"; "Coevorden, Markt 12": after a town and a comma.
  return isEndingWord(bare, data) && (streetLead().test(text.slice(Math.max(0, word.start - 12), word.start)) || afterTownAndComma(text, word.start, data));
}

const wordAndYear = lazyPattern(String.raw`^\p{L}+[ \u00a0]+(?:19|20)\d\d(?!\d)`, 'u');
const townAndComma = lazyPattern(String.raw`(\p{Lu}[\p{L}'’\-]+),[ \u00a0]+$`, 'u');

/** True when a town and a comma stand right before `at`: "in Coevorden, Markt 12-B"; not before a year ("Utrecht, Plein 1992"). */
function afterTownAndComma(text: string, at: number, data: PrivacyData): boolean {
  if (wordAndYear().test(text.slice(at, at + 30))) return false;
  const town = townAndComma().exec(text.slice(Math.max(0, at - 40), at));
  return town !== null && data.places.has(town[1]!.toLowerCase());
}

/** Opening brackets and quotes glued to the front of a street name: "(Kastanjelaan 14)". */
const opening = /^[(\[{"'‘“„]+/u;

/** The word before a house number, without an opening bracket or quote glued to its front. */
function streetToken(text: string, numberStart: number): Token | undefined {
  const token = tokenBefore(text, numberStart);
  const glued = token && opening.exec(token.text);
  if (!token || !glued) return token;
  return { start: token.start + glued[0].length, end: token.end, text: token.text.slice(glued[0].length) };
}

/** A house-number label between a street and its number: "Molenstraat huisnummer 5", "Kerkpad nr. 3". */
const houseLabel = /^(?:huisnummer|huisnr\.?|nr\.?|nummer|no\.?)$/i;

/** The street word before a number, past a house-number label between them. */
function streetBeforeLabel(text: string, token: Token | undefined): Token | undefined {
  if (!token || !houseLabel.test(token.text)) return token;
  const street = tokenBefore(text, token.start);
  return street && startsWithCapital(street.text) ? street : token;
}

/** A capital article before a street name that is an ordinary word: "(87, De Hoefslag 14)", "woning Het Want 5". */
const capitalArticle = /(?<![\p{L}'])(?:De|Het|'t)[ \u00a0]+$/u;
/** What stands before "De" when it is no sentence start: a word, a comma or a bracket. */
const inSentence = lazyPattern(String.raw`[\p{Ll},(][ \u00a0]*$`, 'u');
/** A house number that is more likely a year: "De Wmo 2015". */
const year = /^(?:19|20)\d\d$/;
/**
 * After a house number: a letter addition ("40a", "101 c") or a comma and a capitalised place ("14, Zuidwolde").
 * Not an ordinal before a word ("Keukentafelgesprek 2e ronde", "Evaluatie 3e keer").
 */
const streetAfterNumber = lazyPattern(String.raw`^(?!e[ \u00a0]+\p{Ll})(?:[ \u00a0]?[a-z](?![\p{L}\p{N}])|,[ \u00a0]*\p{Lu}\p{Ll}+(?![\p{L}\p{N}]))`, 'u');

/**
 * A street name without a street ending (data/privacy/street-suffixes.txt): a name after a
 * capital article inside a sentence ("(87, De Hoefslag 14)"), or a capitalised word that is
 * no Dutch word, name or organisation before a house number with a letter or a place
 * ("Hoogend 14, Zuidwolde", "Binnenrotte 101 c"). Not a year: "De Wmo 2015".
 */
function isUnendedStreet(text: string, word: Token, numberText: string, numberEnd: number, data: PrivacyData): boolean {
  if (!streetWord.test(word.text) || year.test(numberText) || namesSomethingElse(word.text, data)) return false;
  const before = text.slice(Math.max(0, word.start - 30), word.start);
  const article = capitalArticle.exec(before);
  if (article && inSentence().test(before.slice(0, article.index))) return true;
  const lower = word.text.toLowerCase();
  if (isDutchWord(lower) || data.places.has(lower) || data.firstNames.has(lower) || isListedSurname(word.text, data)) return false;
  return streetAfterNumber().test(text.slice(numberEnd, numberEnd + 30));
}

let cuePattern: RegExp | undefined;
/** The pattern of afterAddressCue, made once (its list of cues was made again at every house number). */
function cuePatternOf(data: PrivacyData): RegExp {
  const cues = [...data.cues.address].map((cue) => `[${cue[0]!.toUpperCase()}${cue[0]}]${cue.slice(1)}`);
  return new RegExp(
    `(?:^|[^\\p{L}])(?:${cues.join('|')})[ \\u00a0]*:?[ \\u00a0]*(?:(?:aan|op|in|te|bij|naar)[ \\u00a0]+)?(?:(?:de|het|'t)[ \\u00a0]+)?` +
      `(\\p{Lu}[\\p{L}'’\\-]*(?:[ \\u00a0]+(?:\\p{Lu}[\\p{L}'’\\-]*|van|de|der|den|het|'t|aan|op|in|bij)){0,4})[ \\u00a0]+$`,
    'u',
  );
}

/**
 * "woont aan de Linde 12", "Adres: Oude Rijn 16", "verhuisd naar Zuidzijde 4": after an
 * address word, capitalised words and a house number are a street whatever their ending.
 * The start of the street name, or undefined.
 */
function afterAddressCue(text: string, numberStart: number, data: PrivacyData): number | undefined {
  // Case-sensitive ("Woont" and "woont", but a street name starts with a capital), and no
  // dots, so that it does not run across sentences.
  cuePattern ??= cuePatternOf(data);
  const before = text.slice(Math.max(0, numberStart - 70), numberStart);
  const match = cuePattern.exec(before);
  if (!match || !startsWithCapital(match[1]!) || data.places.has(match[1]!.toLowerCase())) return undefined;
  // The match ends at the number: the street name ends before the spaces.
  return numberStart - (match[0].length - match[0].trimEnd().length) - match[1]!.length;
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
      const street = streetBeforeLabel(text, streetToken(text, match.index));
      if (!street || data.context.quantity.test(text.slice(end, end + 20))) continue;
      let start: number | undefined;
      if (isStreetWord(text, street, data)) start = streetStart(text, street.start, particleWord());
      else if (isUnendedStreet(text, street, match[0], end, data)) start = streetStart(text, street.start, particleWord());
      else {
        const withParticle = streetWithParticle.exec(text.slice(Math.max(0, match.index - 60), match.index));
        start = withParticle ? match.index - withParticle[0].length + withParticle[0].indexOf(withParticle[1]!) : afterAddressCue(text, match.index, data);
      }
      if (start === undefined) continue;
      const more = addition();
      more.lastIndex = end;
      if (more.test(text)) end = more.lastIndex;
      found.push({ start, end, severity: streetSeverity(text, start, street.text, data), message: 'address.street', shown: mask(text.slice(start, end)) });
    }
    findPostcodes(text, data, found);
    return found.sort((a, b) => a.start - b.start);
  },
};

/** "Postcode: 7201 lk", "postcode en plaats". */
const postcodeLabel = lazyPattern(String.raw`(?<![\p{L}])(?:postcode|pc)(?![\p{L}])`, 'iu');
/** A capitalised word after a postcode: the town ("7201 lk Zutphen", "3131 tk, Vlaardingen"). */
const townAfter = lazyPattern(String.raw`^[ \u00a0]*,?[ \u00a0]*(\p{Lu}[\p{Ll}'’\-]+|[A-Z]{2,}(?![\p{L}]))`, 'u');
/** The word before a postcode, past an opening bracket or a comma ("Maastricht (6221 hk)"). */
const wordBeforePostcode = lazyPattern(String.raw`([\p{L}'’\-]+)[ \u00a0]*[,(]?[ \u00a0]*$`, 'u');

/** "'s-Hertogenbosch", "'s-Gravenhage". */
const saintsPlace = lazyPattern(String.raw`^'s-\p{L}{3,}$`, 'u');

/** A place name: a listed town, also written with a district ("Amsterdam-Zuidoost") or as "'s-Hertogenbosch". */
function isPlace(word: string, data: PrivacyData): boolean {
  const lower = word.toLowerCase().replace(/[’]/g, "'");
  return data.places.has(lower) || data.places.has(lower.split('-')[0]!) || saintsPlace().test(lower);
}

/** A place name right after a postcode ("7201 lk Zutphen", "1102 ab Amsterdam-Zuidoost", "5211 db 's-Hertogenbosch"). */
const placeAfter = lazyPattern(String.raw`^[ \u00a0]*,?[ \u00a0]*((?:['’]s-)?\p{Lu}[\p{L}'’\-]+)`, 'u');

/** "Stadhuisplein 1", "Stationsplein 3": where a town hall or a station stands, more often than anybody's home. */
const publicBuilding = (street: string, data: PrivacyData): boolean => data.context.publicBuildingStreets.has(street.toLowerCase());

/**
 * An organisation's address ("OBS De Klimop⏎Rozenstraat 40"): a hint. A town hall's or
 * station's square, or an address "we" give ("ons adres is …"): a warning. Else an error.
 */
function streetSeverity(text: string, start: number, streetWord: string, data: PrivacyData): Severity {
  if (organisationsAddress(text, start, data, (line) => isPersonsNameLine(line, data) || isPersonsDetailsLine(line, data))) return 'info';
  if (streetWord !== '' && publicBuilding(streetWord, data)) return 'warning';
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  return data.context.ourAddress.test(sentenceBefore(text.slice(lineStart, start))) ? 'warning' : 'error';
}

/**
 * A line that gives a person, above an address: it holds a date of birth's label ("mw Fenna
 * de Wit, geb 05-12-1999"), or starts with a title and a capitalised word and names no
 * organisation ("dhr. P. Bakker, alleenstaand"; not "Dr. A. Jansen, huisarts").
 */
function isPersonsDetailsLine(line: string, data: PrivacyData): boolean {
  if (data.context.birthdate.test(line)) return true;
  titleAndName ??= new RegExp(String.raw`^(?:${data.titlePattern})[ \u00a0]+\p{Lu}`, 'u');
  return titleAndName.test(line) && !data.context.organisation.test(line);
}
let titleAndName: RegExp | undefined;

/**
 * A postcode written in small letters with a space, or in mixed case ("7201 lk", "6221 Hk"),
 * is one only next to an address: after a street and house number or a street found on the
 * same line, after the label "postcode" (in the same sentence or as a table's header), on a line of its own, or beside a town. Its letters
 * may not be a function word ("2015 en", "1989 in"), nor, without a street, a Dutch word.
 */
function weakPostcodeInContext(text: string, start: number, end: number, streetBefore: boolean, found: readonly Detection[], data: PrivacyData): boolean {
  const letters = text.slice(end - 2, end).toLowerCase();
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(Math.max(lineStart, start - 60), start);
  // The label earlier in the same sentence: "Postcode klopt niet, moet zijn 6823 ga".
  if (postcodeLabel().test(before.slice(-30)) || postcodeLabel().test(sentenceBefore(before))) return true;
  // A table column under a header that names it: "| cliënt | postcode |⏎| S. Noori | 1103 ra |".
  if (underHeader(text, start, postcodeLabel())) return true;
  // Right after a street and number, on its line or the line before, also "3512 je", "3512-JE".
  const besideStreet = streetBefore || found.some((f) => f.end <= start && f.end >= lineStart && start - f.end <= 60) || addressLine().test(text.slice(Math.max(0, start - 80), start));
  // Not a year and a word on the next line ("Kerkstraat 12⏎2015 en 2016 waren zwaar").
  const aYear = /^(?:19|20)\d\d/.test(text.slice(start, start + 4)) && !/[A-Z]{2}$/.test(text.slice(end - 2, end));
  if (data.functionWords.has(letters) && (!besideStreet || aYear)) return false;
  // Letters that are a unit or a word ("2011 kg", "1102 ab", "5611 ah") are a postcode's
  // only beside a listed place: "2011 kg Haarlem", "Eindhoven (5611 ah)".
  const after = text.slice(end, end + 40);
  const place = placeAfter().exec(after)?.[1];
  const wordBefore = wordBeforePostcode().exec(before)?.[1];
  if ((place !== undefined && isPlace(place, data)) || (wordBefore !== undefined && isPlace(wordBefore, data))) return true;
  if (units.has(letters)) return false;
  if (besideStreet) return true;
  if (isDutchWord(letters)) return false;
  if (before.trim() === '') return true;
  const town = townAfter().exec(after)?.[1];
  return town !== undefined && !data.functionWords.has(town.toLowerCase()) && !isDutchWord(town.toLowerCase());
}

const countryPrefix = lazyPattern(String.raw`(?:^|[^\p{L}])NL-$`, 'u');

/**
 * What may be glued to the front of a postcode: a country prefix ("NL-1234 AB"), or a comma
 * after a house number before one in capitals ("Kerkstraat 12,1234 AB").
 */
function gluedPrefix(text: string, start: number, written: string): boolean {
  const before = text.slice(Math.max(0, start - 4), start);
  return countryPrefix().test(before) || (/\d,$/.test(before) && strongPostcode.test(written));
}

/**
 * Groups of digits before the digits make them a group of a number: two groups ("+380 50 118
 * 4476 or"), or one that starts with 0 as a phone number does ("06-1234 5678 of"); a house
 * number never starts with 0.
 */
const inNumberGroups = lazyPattern(String.raw`(?:\d[ \u00a0]+\d+|(?<![\p{L}\p{N}])0\d{1,3}[ \u00a0]{0,2}[\-.\u2011–—][ \u00a0]{0,2}\d+)[ \u00a0]+$`, 'u');

/** A day and a month before the digits make them a year: "3 mei 1988 te Amsterdam". */
const yearOfDate = lazyPattern(String.raw`(?:^|[^\p{L}\p{N}])\d{1,2}\.?[ \u00a0]+(?:jan|feb|maa|mrt|apr|mei|jun|jul|aug|sep|okt|oct|nov|dec)\p{Ll}*\.?[ \u00a0]+$`, 'iu');

/** A year and a word in capitals ("in 1995 NL en BE", "2020 ZO geregeld"): a postcode's shape, but one only beside an address. */
const yearAndWord = (written: string, data: PrivacyData): boolean => {
  const letters = written.slice(-2).toLowerCase();
  return /^(?:19|20)\d\d[ \u00a0]/.test(written) && (data.functionWords.has(letters) || isDutchWord(letters) || countryCodes.has(letters));
};
/** Codes of countries and unions written after a year: "1995 NL", "2004 EU". */
const countryCodes = new Set(['nl', 'be', 'eu', 'de', 'uk', 'us', 'vs', 'fr']);

const poBoxBefore = lazyPattern(String.raw`(?:^|[^\p{L}])postbus[ \u00a0]+\d{1,6}[ \u00a0]*,?[ \u00a0]*\n?[ \u00a0]*$`, 'iu');

/**
 * A resident's own Postbus, whose postcode is theirs: "naar haar eigen postbus: Postbus 12,
 * 2800 AB Gouda", or an address block whose line before "Postbus" is a person's name
 * ("A. Boukhari⏎Postbus 88⏎3700 AB Zeist"). An organisation's Postbus ("Gemeente Utrecht,
 * Postbus 16200", "ons postadres", "p/a Bewindvoering B.V.⏎Postbus 12") and every
 * Antwoordnummer are not.
 */
function residentsPoBox(text: string, start: number, data: PrivacyData): boolean {
  const before = text.slice(Math.max(0, start - 200), start);
  const box = poBoxBefore().exec(before);
  if (!box) return false;
  const boxAt = box.index + box[0].search(/postbus/i);
  const sentence = sentenceBefore(before.slice(0, boxAt));
  // "haar nieuwe postadres is Postbus 114, …"; else after it: "…, 4900 AC Oosterhout (eigen postbus)".
  const owner = [...sentence.matchAll(ownerOfPost())].pop() ?? [...sentenceAfter(text, start).matchAll(ownerOfPost())][0];
  if (owner) return !/^on/i.test(owner[1] ?? '');
  if (residentsPost().test(sentence) || residentsPost().test(sentenceAfter(text, start))) return true;
  const lineStart = before.lastIndexOf('\n', boxAt - 1) + 1;
  const onLine = before.slice(lineStart, boxAt).replace(/[ \u00a0]*[,;|][ \u00a0]*$/, '');
  const nameLine = onLine.trim() !== '' ? onLine : before.slice(before.lastIndexOf('\n', lineStart - 2) + 1, Math.max(0, lineStart - 1));
  return isPersonsNameLine(nameLine.trim(), data);
}

/**
 * Whose post: "haar eigen postbus", "zijn postadres", "haar nieuwe postadres", "uw correspondentieadres"; "ons postadres"
 * is an organisation's. "Eigen postbus", "privé-postbus" without a possessive are a resident's.
 */
const ownerOfPost = lazyPattern(String.raw`(?<![\p{L}])(?:(mijn|je|jouw|zijn|haar|hun|uw|ons|onze)[ \u00a0]+(?:(?:eigen|nieuwe?|huidige|oude|vaste|tijdelijke)[ \u00a0]+){0,2}|(?:eigen|privé|prive|persoonlijke)[ \u00a0\-]*)(?:postbus|postadres|briefadres|correspondentieadres|post)(?![\p{L}])`, 'giu');

/**
 * Post of a resident named without a possessive: "adres van het gezin voor de post", "het
 * postadres van mevrouw", "postadres cliënt:", and a "briefadres" (the address of someone without a home, in the
 * register of persons: "ze hebben een briefadres", "briefadres: …"), before or after it in the
 * sentence; "een briefadres aanvragen bij Postbus 12" is the organisation's.
 */
const residentsPost = lazyPattern(String.raw`(?<![\p{L}])(?:(?:post|brief|correspondentie)adres[ \u00a0]*:?[ \u00a0]+(?:cliënt|client|bewoner|gezin|familie|ouders|mevrouw|meneer|mw\.?|dhr\.?)(?![\p{L}])|(?:post)?adres[ \u00a0]+van[ \u00a0]+(?:het[ \u00a0]+gezin|de[ \u00a0]+(?:familie|ouders|cliënt|client|bewoner|moeder|vader)|(?:mevrouw|meneer|mw\.?|dhr\.?|cliënt|client)(?![\p{L}]))|(?:heeft|hebben|heb|met|als)[ \u00a0]+(?:een[ \u00a0]+|het[ \u00a0]+)?briefadres|briefadres[ \u00a0]*(?::|is|op)(?![\p{L}]))`, 'iu');
/** The rest of the sentence from `at` (up to 200 characters). */
const sentenceAfter = (text: string, at: number): string => /^[^.!?\n]*(?:\.(?=[^ \u00a0\n])[^.!?\n]*)*/u.exec(text.slice(at, at + 200))![0];

/** A first name in brackets before a space: "H.J. (Henk) Wassink". */
const calledBy = lazyPattern(String.raw`[ \u00a0]*\(\p{Lu}\p{Ll}+\)(?=[ \u00a0])`, 'u');

/** A line that is a person's name: "Mevrouw E. Dijkstra", "A. Boukhari", "Dhr. Jansen", "Ahmed Boukhari". */
function isPersonsNameLine(line: string, data: PrivacyData): boolean {
  personsNameLine ??= new RegExp(
    String.raw`^(?:(?:${data.titlePattern})[ \u00a0]+)?(?:(?:\p{Lu}\.[ \u00a0]?){1,4}[ \u00a0]*|(\p{Lu}\p{Ll}+)[ \u00a0]+)?(?:${data.particlePattern}[ \u00a0]+)?\p{Lu}[\p{L}'’\-]+$`,
    'u',
  );
  // "H.J. (Henk) Wassink": a name called by in brackets.
  const match = personsNameLine.exec(line.replace(calledBy(), ''));
  if (!match) return false;
  // A title or initials make it a name; a first word alone only when it is a first name ("Gemeente Utrecht" is none).
  if (match[1] === undefined) return line.includes(' ');
  return data.firstNames.has(match[1].toLowerCase()) || match[0].indexOf(match[1]) > 0 || unlistedFirstName(match[1], line, data);
}

/**
 * "Wilhelmus Brons": a first word that is no Dutch word (nor a compound of two), organisation or place, before a last
 * word that is no organisation or place ("Cordaan Amsterdam", "Gemeente Zwolle" are none).
 */
function unlistedFirstName(first: string, line: string, data: PrivacyData): boolean {
  const last = line.slice(line.lastIndexOf(' ') + 1).toLowerCase();
  const word = first.toLowerCase();
  // "Bewindvoerderskantoor Kompas", "Huisartsenpraktijk De Linde": a compound or an organisation's ending is no first name.
  if (isDutchCompound(word) || namesSomethingElse(word, data)) return false;
  return !isDutchWord(word) && !data.notNames.has(word) && !isPlace(first, data) && !data.notNames.has(last) && !isPlace(last, data);
}
let personsNameLine: RegExp | undefined;

/** Postcodes, and the street on the line before them or before a comma, added to `found`. */
function findPostcodes(text: string, data: PrivacyData, found: Detection[]): void {
  postcode.lastIndex = 0;
  for (let match; (match = postcode.exec(text)); ) {
    const start = match.index;
    const end = start + match[0].length;
    const glued = (gluedBefore(text, start, '€$.,/-') && !gluedPrefix(text, start, match[0])) || /[€$][ \u00a0]$/.test(text.slice(Math.max(0, start - 2), start)) || isLetterOrDigit(text[end]) || text[end] === '-';
    // "1234kg" is a weight; "2011 kg Haarlem" may be a postcode (weakPostcodeInContext).
    if (glued || unusedLetters.has(match[0].slice(-2)) || (match[0].length === 6 && units.has(match[0].slice(-2)))) {
      postcode.lastIndex = start + 1;
      continue;
    }
    if (yearOfDate().test(text.slice(Math.max(0, start - 20), start)) || inNumberGroups().test(text.slice(Math.max(0, start - 20), start))) continue;
    if (near(text, start, end, data.context.poBox, 3, 0)) {
      if (residentsPoBox(text, start, data)) found.push({ start, end, severity: 'error', message: 'address.poBox', shown: mask(match[0]) });
      continue;
    }
    const streetBefore = numberBefore().test(text.slice(Math.max(0, start - 40), start));
    const strong = strongPostcode.test(match[0]) && !yearAndWord(match[0], data);
    if (!strong && !weakPostcodeInContext(text, start, end, streetBefore, found, data)) continue;
    const withNumber = streetBefore || numberAfter().test(text.slice(end, end + 30));
    // After a town hall's street, found as a warning ("Stadhuisplein 1, 5611 EM"): a warning too;
    // after an organisation's street, found as a hint: a hint too.
    const street = addStreetBefore(text, start, found, data);
    const severity: Severity = street === 'info' ? 'info' : withNumber && street !== 'warning' ? 'error' : 'warning';
    found.push({ start, end, severity, message: withNumber ? 'address.postcode' : 'address.postcodeOnly', shown: mask(match[0]) });
  }
}

/**
 * An address block: the line before the postcode ends in a house number ("Oude Rijn 16").
 * Or on one line: "Ringbaan-Oost 240, 5018 HM Tilburg". Returns the severity of the street
 * before the postcode, if any.
 */
function addStreetBefore(text: string, start: number, found: Detection[], data: PrivacyData): Severity | undefined {
  const right = found.find((f) => f.message === 'address.street' && f.end <= start && start - f.end <= 4)?.severity;
  const line = addressLine().exec(text.slice(Math.max(0, start - 80), start)) ?? addressBeforePostcode().exec(text.slice(Math.max(0, start - 60), start));
  if (!line) return right;
  const streetBegin = text.lastIndexOf(line[1]!, start);
  const streetEnd = streetBegin + line[1]!.length;
  const overlapping = found.find((f) => f.start < streetEnd && streetBegin < f.end);
  if (overlapping) return overlapping.severity;
  const severity = streetSeverity(text, streetBegin, '', data);
  found.push({ start: streetBegin, end: streetEnd, severity, message: 'address.street', shown: mask(line[1]!) });
  return severity;
}

let particle: RegExp | undefined;
/** One particle as a whole word. */
function particleWord(): RegExp {
  return (particle ??= new RegExp(`^${privacyData().particlePattern}$`, 'u'));
}

export const address = caseRule(addressDetector);
