/**
 * privacy/bsn: burgerservicenummers. A number of 9 digits (or 8, which the BSN allows),
 * also in groups of 4-2-3 or 3-3-3 digits with dots, spaces or dashes (`1234.56.789`,
 * `123 456 789`, `123-456-789`), that passes the 11-proef. About one in eleven random 9-digit numbers passes it too, so:
 * - error when BSN, burgerservicenummer or sofinummer stands within ten words before or
 *   five words after it ("het BSN van mevrouw stond nog in de notitie: …");
 * - not reported when a label of another number stands right before it (factuurnummer,
 *   kenmerk, KvK: data/privacy/context-words.yaml), nor for an amount (`€ 123.456.789`,
 *   `123.456.789 euro`);
 * - a warning otherwise; also for a number that fails the 11-proef but is labelled as a
 *   BSN (labelledAsBsn): a number with a typing error is still someone's;
 * - right after a BSN label, 8 or 9 digits in groups of any other shape ("2159 010 96").
 */
import { mask } from '../mask.js';
import { passesElfproef } from '../checksum.js';
import { gluedBefore, isLetterOrDigit } from '../chars.js';
import { near } from '../context.js';
import { privacyData } from '../data.js';
import { caseRule, type Detection, type PrivacyDetector } from '../detector.js';
import { lazyPattern } from '../lazy.js';

const candidate = /\d{9}|\d{8}|\d{4}([. -])\d{2}\1\d{3}|\d{3}([. -])\d{3}\2\d{3}/g;
/** An amount, a phone number's country code, or part of a longer number, before the hit. */
const before = /(?:[€$][ \u00a0]?|\+\d{1,3}[ \-])$/;
/** Part of a longer number, or an amount, after the hit. */
const after = lazyPattern(String.raw`^(?:[.,:/\-]\d|,-|\s*eur(?:o|os)?(?![\p{L}]))`, 'iu');

function standsAlone(text: string, start: number, end: number): boolean {
  if (gluedBefore(text, start, '.,:/-+€$') || before.test(text.slice(Math.max(0, start - 5), start))) return false;
  return !isLetterOrDigit(text[end]) && !after().test(text.slice(end, end + 8));
}

/**
 * A number that fails the 11-proef is still someone's BSN, with a typing error, when a BSN
 * label stands right before it ("BSN 123456789"), or when it has nine digits, a label
 * stands where a passing number would count as named ("het BSN dat de bewindvoerder
 * doorgaf: …", "… als haar burgerservicenummer") and no label of another number claims it.
 */
function labelledAsBsn(text: string, start: number, end: number, digits: string): boolean {
  const { context } = privacyData();
  if (near(text, start, end, context.otherNumber, 3, 0)) return false;
  return near(text, start, end, context.bsn, 5, 0) || (digits.length === 9 && near(text, start, end, context.bsn, 10, 5));
}

/** Digits in any groups ("2159 010 96", "21.59.01.096"): a BSN only right after a BSN label. */
const grouped = /\d{1,4}(?:[. -]\d{1,4}){1,4}/g;
/** "12-03-1948", "1.2.1961": a date, not a BSN. */
const date = /^\d{1,2}([. -])\d{1,2}\1(?:19|20)\d\d$/;

/** "Burgerservicenr: 2159 010 96": 8 or 9 digits in groups of another shape, after a BSN label. */
function labelledGroups(text: string, found: Detection[]): void {
  const { context } = privacyData();
  grouped.lastIndex = 0;
  for (let match; (match = grouped.exec(text)); ) {
    const start = match.index;
    const end = start + match[0].length;
    const digits = match[0].replace(/\D/g, '');
    if (digits.length < 8 || digits.length > 9 || date.test(match[0]) || found.some((f) => f.start < end && start < f.end)) continue;
    if (!standsAlone(text, start, end) || !near(text, start, end, context.bsn, 3, 0) || near(text, start, end, context.otherNumber, 3, 0)) continue;
    const passes = passesElfproef(digits);
    found.push({ start, end, severity: passes ? 'error' : 'warning', message: passes ? 'bsn.named' : 'bsn.labelled', shown: mask(match[0]) });
  }
}

export const bsnDetector: PrivacyDetector = {
  id: 'privacy/bsn',
  defaultSeverity: 'warning',
  needsDigit: true,
  detect(text) {
    const found: Detection[] = [];
    const { context } = privacyData();
    candidate.lastIndex = 0;
    for (let match; (match = candidate.exec(text)); ) {
      const start = match.index;
      const end = start + match[0].length;
      if (!standsAlone(text, start, end)) {
        candidate.lastIndex = start + 1;
        continue;
      }
      const digits = match[0].replace(/\D/g, '');
      if (!passesElfproef(digits)) {
        if (labelledAsBsn(text, start, end, digits)) found.push({ start, end, severity: 'warning', message: 'bsn.labelled', shown: mask(match[0]) });
        continue;
      }
      const named = near(text, start, end, context.bsn, 10, 5);
      if (!named && near(text, start, end, context.otherNumber, 3, 0)) continue;
      found.push({ start, end, severity: named ? 'error' : 'warning', message: named ? 'bsn.named' : 'bsn.number', shown: mask(match[0]) });
    }
    labelledGroups(text, found);
    return found.sort((a, b) => a.start - b.start);
  },
};

export const bsn = caseRule(bsnDetector);
