/**
 * privacy/iban: bank account numbers, found by their shape: a country code and two check
 * digits ("NL91", "nl91", "NL 91"), then letters and digits in any grouping (spaces, dots or
 * dashes between groups) about as long as the country's IBAN.
 * - Exactly as long as the country's IBAN and passing the mod-97 check (ibantools): error.
 *   A working account number is never needed in a case.
 * - Failing the check, or one character short or too long (two after "IBAN",
 *   "rekeningnummer": data/privacy/context-words.yaml): warning. It is still someone's
 *   account, typed wrongly ("IBAN: NL30TRIO1505877056", "NL26 RABO 0777 7412 154").
 * Not reported: a placeholder such as `NL00 BANK 0000 0000 00` (check digits 00, or only
 * zeros after them).
 */
import { countrySpecs, isValidIBAN } from 'ibantools';
import { mask } from '../mask.js';
import { near } from '../context.js';
import { privacyData } from '../data.js';
import { caseRule, type Detection, type PrivacyDetector } from '../detector.js';
import { lazyPattern } from '../lazy.js';

/** A country code and check digits: glued in either case, or in capitals with a space ("NL 07"). */
const head = /(?<![\p{L}\p{N}])(?:[A-Z]{2}[ \u00a0]?\d{2}|[A-Za-z]{2}\d{2})/gu;
/** One group after the head: an optional separator, then letters and digits. */
const group = lazyPattern(String.raw`(?:[ \u00a0]|[.\-](?=[A-Za-z0-9]))?([A-Za-z0-9]+)(?![\p{L}\p{N}])`, 'uy');
/** "NL00 BANK 0000 0000 00": check digits 00, or no digit but 0 after them. */
const placeholder = /^[A-Z]{2}(?:00|\d\d[^1-9]*$)/i;

interface GroupEnd {
  /** Letters and digits from the country code up to here. */
  count: number;
  end: number;
}

/** Where the groups after the head end, while they stay within `slack` characters of `length`. */
function groupEnds(text: string, headEnd: number, length: number, slack: number): GroupEnd[] {
  const ends: GroupEnd[] = [];
  let count = 4;
  const groups = group();
  groups.lastIndex = headEnd;
  let digits = false;
  for (let match; count <= length && (match = groups.exec(text)); ) {
    // Letters come first (a bank code): a word after the digits is the sentence ("… 1643 en").
    const hasDigit = /\d/.test(match[1]!);
    if (digits && !hasDigit) break;
    digits ||= hasDigit;
    count += match[1]!.length;
    ends.push({ count, end: groups.lastIndex });
  }
  return ends.filter((e) => Math.abs(e.count - length) <= slack);
}

/** The country's length first, then one too many, one too few, and so on up to `slack`. */
function closest(ends: readonly GroupEnd[], length: number, slack: number): GroupEnd | undefined {
  for (let off = 0; off <= slack; off++) {
    const end = ends.find((e) => e.count === length + off) ?? ends.find((e) => e.count === length - off);
    if (end) return end;
  }
  return undefined;
}

/** The IBAN that starts at a head, as a finding, or undefined when it has no IBAN's shape. */
function ibanAt(text: string, start: number, headEnd: number): Detection | undefined {
  const length = countrySpecs[text.slice(start, start + 2).toUpperCase()]?.chars;
  if (!length) return undefined;
  // After "IBAN" or "rekeningnummer" two characters may be missing or too many, else one.
  const labelled = near(text, start, headEnd, privacyData().context.iban, 4, 0);
  const slack = labelled ? 2 : 1;
  const chosen = closest(groupEnds(text, headEnd, length, slack), length, slack);
  if (!chosen) return undefined;
  const written = text.slice(start, chosen.end);
  const compact = written.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  if (chosen.count === length && isValidIBAN(compact)) return { start, end: chosen.end, severity: 'error', message: 'iban', shown: mask(written) };
  // An account number has digits: "NL12 BANK REKENING" is no IBAN.
  if (placeholder.test(compact) || (compact.slice(4).match(/\d/g)?.length ?? 0) < 6) return undefined;
  return { start, end: chosen.end, severity: 'warning', message: labelled ? 'ibanLabelled' : 'ibanShaped', shown: mask(written) };
}

export const ibanDetector: PrivacyDetector = {
  id: 'privacy/iban',
  defaultSeverity: 'error',
  needsDigit: true,
  detect(text) {
    const found: Detection[] = [];
    head.lastIndex = 0;
    for (let match; (match = head.exec(text)); ) {
      const detection = ibanAt(text, match.index, match.index + match[0].length);
      if (!detection) continue;
      found.push(detection);
      head.lastIndex = detection.end;
    }
    return found;
  },
};

export const iban = caseRule(ibanDetector);
