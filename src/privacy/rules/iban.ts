/**
 * privacy/iban: bank account numbers. Anything shaped like an IBAN (two letters, two
 * digits, then letters and digits, with or without spaces) whose length fits its country
 * and that passes the mod-97 check (ibantools). Always an error: a working account number
 * is never needed in a case; a placeholder such as `NL00 BANK 0000 0000 00` fails the check.
 * One that fails the check right after "IBAN" or "rekeningnummer" is a warning: a typing error.
 */
import { countrySpecs, isValidIBAN } from 'ibantools';
import { mask } from '../mask.js';
import { near } from '../context.js';
import { privacyData } from '../data.js';
import { caseRule, type Detection, type PrivacyDetector } from '../detector.js';

const candidate = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]){8,32}/giu;
/** "NL00 BANK 0000 0000 00": check digits 00, or no digit but 0 after them. */
const placeholder = /^[A-Z]{2}(?:00|\d\d[^1-9]*$)/i;
const isAlphanumeric = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

export const ibanDetector: PrivacyDetector = {
  id: 'privacy/iban',
  defaultSeverity: 'error',
  needsDigit: true,
  detect(text) {
    const found: Detection[] = [];
    candidate.lastIndex = 0;
    for (let match; (match = candidate.exec(text)); ) {
      const raw = match[0];
      const length = countrySpecs[raw.slice(0, 2).toUpperCase()]?.chars;
      if (!length) continue;
      // Take exactly as many characters as the country's IBAN has; the candidate may have
      // run on into the next word ("… 1199 98 en").
      let taken = 0;
      let end = 0;
      while (end < raw.length && taken < length) {
        if (isAlphanumeric(raw[end])) taken++;
        end++;
      }
      if (taken < length || isAlphanumeric(text[match.index + end])) {
        candidate.lastIndex = match.index + 1;
        continue;
      }
      const iban = raw.slice(0, end);
      if (!isValidIBAN(iban.replace(/\s/g, '').toUpperCase())) {
        // "IBAN: NL30TRIO1505877056" with a typing error is still someone's account.
        if (!placeholder.test(iban) && near(text, match.index, match.index + end, privacyData().context.iban, 4, 0)) {
          found.push({ start: match.index, end: match.index + end, severity: 'warning', message: 'ibanLabelled', shown: mask(iban) });
          candidate.lastIndex = match.index + end;
        } else candidate.lastIndex = match.index + 1;
        continue;
      }
      found.push({ start: match.index, end: match.index + end, severity: 'error', message: 'iban', shown: mask(iban) });
      candidate.lastIndex = match.index + end;
    }
    return found;
  },
};

export const iban = caseRule(ibanDetector);
