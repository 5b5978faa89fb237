/**
 * privacy/email: e-mail addresses. Always an error, except addresses at a placeholder
 * domain (example.nl, voorbeeld.nl, .test: data/privacy/placeholder-email-domains.txt) or
 * at a domain the casebook allows (`privacy.allow-email-domains`), and their subdomains.
 */
import { mask } from '../mask.js';
import { privacyData } from '../data.js';
import { caseRule, type Detection, type PrivacyDetector } from '../detector.js';

const LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}\-]*[\p{L}\p{N}])?`;
const address = new RegExp(String.raw`(?<![\p{L}\p{N}._%+\-])[\p{L}\p{N}._%+\-]+@(${LABEL}(?:\.${LABEL})*\.\p{L}{2,})(?![\p{L}\p{N}\-])`, 'gu');

/** `sub.example.nl` is under `example.nl`; `.test` is a whole top-level domain. */
function isUnder(domain: string, allowed: string): boolean {
  if (allowed.startsWith('.')) return domain.endsWith(allowed);
  return domain === allowed || domain.endsWith('.' + allowed);
}

export const emailDetector: PrivacyDetector = {
  id: 'privacy/email',
  defaultSeverity: 'error',
  detect(text, env) {
    if (!text.includes('@')) return [];
    const found: Detection[] = [];
    const placeholders = privacyData().placeholderEmailDomains;
    for (const match of text.matchAll(address)) {
      const domain = match[1]!.toLowerCase();
      if (placeholders.some((d) => isUnder(domain, d)) || env.allowEmailDomains.some((d) => isUnder(domain, d))) continue;
      found.push({ start: match.index, end: match.index + match[0].length, severity: 'error', message: 'email', shown: mask(match[0]) });
    }
    return found;
  },
};

export const email = caseRule(emailDetector);
